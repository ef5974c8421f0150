"""Coordinators' forms: triage notes, proposals, answers for a fund, the funds catalogue."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from ..matching import vocab, vocabfields
from ..matching.engine import places
from ..web.fields import CheckboxesField, require_one

NOTE_REQUIRED = {
    "request_info": "Say what information is missing: the defender reads this note.",
    "reject": "Say why the need is rejected: the defender reads this note.",
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class NeedPageForm(FlaskForm):
    """A form sharing the need page with others: its prefix keeps field names and ids apart."""

    page_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.page_prefix)
        super().__init__(*args, **kwargs)


class TriageForm(NeedPageForm):
    """One note and three buttons: verify, ask for more information, reject."""

    page_prefix = "triage"

    action = SelectField(
        choices=vocab.choices({"verify": "Verify", "request_info": "Ask for more information", "reject": "Reject"})
    )
    note = TextAreaField(
        "Note to the defender",
        description="Required when asking for information or rejecting. The defender reads it on the platform.",
        validators=[Length(max=2000)],
        filters=[_strip],
    )

    def validate_note(self, field):
        message = NOTE_REQUIRED.get(self.action.data)
        if message and not field.data:
            raise ValidationError(message)


class WithdrawForm(NeedPageForm):
    page_prefix = "withdraw"
    note = TextAreaField(
        "Why, and who asked",
        description="For example: the defender asked by phone on the 3rd.",
        validators=[DataRequired(message="Say why the need is withdrawn."), Length(max=2000)],
        filters=[_strip],
    )


class ProposeForm(FlaskForm):
    """One ranked candidate, as the Propose button of its row sends it."""

    kind = HiddenField(validators=[DataRequired()])
    candidate_id = HiddenField(validators=[DataRequired()])


class ProposeSeveralForm(NeedPageForm):
    """Several offers at once, for emergencies: the first firm to accept takes the need."""

    page_prefix = "several"

    offers = CheckboxesField(
        "Offers", validators=[require_one("Choose at least one offer.")], coerce=str
    )


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        "Reason", validators=[DataRequired(message="Say why the fund declines."), Length(max=2000)],
        filters=[_strip],
    )


class CompleteForm(FlaskForm):
    hours = IntegerField(
        "Hours given",
        validators=[InputRequired(message="Enter the hours given, 0 if none."),
                    NumberRange(min=0, max=100_000, message="Enter a whole number of hours, 0 to 100,000.")],
    )
    outcome = TextAreaField(
        "Outcome", validators=[DataRequired(message="Describe the outcome."), Length(max=4000)],
        filters=[_strip],
    )


class RefuseForm(FlaskForm):
    note = TextAreaField(
        "What the defender said", validators=[Length(max=2000)], filters=[_strip]
    )


def _currency_code(form, field):
    if not field.data or places.currency(field.data) is None:
        raise ValidationError("Enter an ISO 4217 currency code, such as USD or EUR.")


class FundForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)], filters=[_strip])
    run_by = StringField("Run by", validators=[DataRequired(), Length(max=200)], filters=[_strip])
    countries = vocabfields.places_field(
        "Eligible countries and regions",
        description="Leave empty for a fund that covers the whole world. A region counts as each of its "
        "countries when needs are matched.",
    )
    defender_kinds = CheckboxesField(
        "Eligible kinds of defender",
        description="Leave all unticked for a fund open to any defender.",
        choices=vocab.choices(vocab.DEFENDER_KIND_LABELS),
    )
    covers = vocabfields.help_kinds_field(
        "Covers", validators=[require_one("Choose at least one kind of help the fund covers.")],
    )
    max_amount = IntegerField(
        "Maximum amount",
        validators=[InputRequired(message="Enter the maximum amount as a whole number."),
                    NumberRange(min=1, max=1_000_000_000, message="Enter an amount from 1 to 1,000,000,000.")],
    )
    currency = StringField(
        "Currency", description="ISO 4217 code, such as USD or EUR.",
        validators=[_currency_code],
        filters=[lambda value: value.strip().upper() if value else value],
    )
    turnaround_days = IntegerField(
        "Days to decide",
        validators=[InputRequired(message="Enter the number of days, 0 for the same day."),
                    NumberRange(min=0, max=3650, message="Enter a number of days from 0 to 3,650.")],
    )
    how_to_apply = TextAreaField("How to apply", validators=[Length(max=4000)], filters=[_strip])
    active = BooleanField("Active: offer this fund in matching", default=True)
