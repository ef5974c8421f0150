"""Coordinators' forms: triage notes, proposals, answers for a fund, the funds catalogue."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..matching import vocab, vocabfields
from ..matching.engine import places
from ..needs import outcomes
from ..web.fields import CheckboxesField, require_one

NOTE_REQUIRED = {
    "request_info": _l("Say what information is missing: the defender reads this note."),
    "reject": _l("Say why the need is rejected: the defender reads this note."),
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
        choices=vocab.choices({"verify": _l("Verify"), "request_info": _l("Ask for more information"),
                       "reject": _l("Reject")})
    )
    note = TextAreaField(
        _l("Note to the defender"),
        description=_l("Required when asking for information or rejecting. The defender reads it on the platform."),
        validators=[Length(max=2000)],
        filters=[_strip],
    )

    def validate_note(self, field):
        message = NOTE_REQUIRED.get(self.action.data)
        if message and not field.data:
            raise ValidationError(str(message))


class WithdrawForm(NeedPageForm):
    page_prefix = "withdraw"
    note = TextAreaField(
        _l("Why, and who asked"),
        description=_l("For example: the defender asked by phone on the 3rd."),
        validators=[DataRequired(message=_l("Say why the need is withdrawn.")), Length(max=2000)],
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
        _l("Offers"), validators=[require_one(_l("Choose at least one offer."))], coerce=str
    )


class OnSilenceForm(NeedPageForm):
    """What the platform does when a firm lets an urgent need's answer window pass."""

    page_prefix = "silence"

    choice = RadioField(
        _l("When a firm does not answer in time"),
        choices=[("suggest", _l("Suggest the next firms to the coordinators")),
                 ("propose", _l("Propose the need to the next ready firm automatically"))],
        validators=[InputRequired(message=_l("Choose what happens when a firm does not answer in time."))],
    )


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(message=_l("Say why the fund declines.")), Length(max=2000)],
        filters=[_strip],
    )


class GrantForm(FlaskForm):
    """The widgets of what a fund granted for ``need``; what it must hold is ``needs.outcomes.Grant``'s
    to say, so these fields only read what was typed. It may pay for the kinds of help the need asked for."""

    amount = DecimalField(
        _l("Amount granted"), validators=[Optional()],
        invalid_value_message=_l("Enter the amount as a number, such as 2500 or 2500.50."),
    )
    currency = StringField(_l("Currency"), description=_l("ISO 4217 code, such as USD or EUR."), filters=[_strip])
    paid_for = CheckboxesField(_l("What it paid for"), coerce=str, validate_choice=False)

    def __init__(self, need, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paid_for.choices = vocab.choices({code: vocab.HELP_KINDS.lazy(code) for code in need.help_wanted
                                               if code in vocab.HELP_KINDS})

    def grant(self) -> outcomes.Grant:
        return outcomes.Grant(amount=self.amount.data, currency=self.currency.data or "",
                              paid_for=tuple(self.paid_for.data or ()))


class RefuseForm(FlaskForm):
    note = TextAreaField(
        _l("What the defender said"), validators=[Length(max=2000)], filters=[_strip]
    )


def _currency_code(form, field):
    if not field.data or places.currency(field.data) is None:
        raise ValidationError(_("Enter an ISO 4217 currency code, such as USD or EUR."))


class FundForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[_strip])
    run_by = StringField(_l("Run by"), validators=[DataRequired(), Length(max=200)], filters=[_strip])
    countries = vocabfields.places_field(
        _l("Eligible countries and regions"),
        description=_l("Leave empty for a fund that covers the whole world. A region counts as each of its "
        "countries when needs are matched."),
    )
    defender_kinds = CheckboxesField(
        _l("Eligible kinds of defender"),
        description=_l("Leave all unticked for a fund open to any defender."),
        choices=vocab.choices(vocab.DEFENDER_KIND_LABELS),
    )
    covers = vocabfields.help_kinds_field(
        _l("Covers"), validators=[require_one(_l("Choose at least one kind of help the fund covers."))],
    )
    max_amount = IntegerField(
        _l("Maximum amount"),
        validators=[InputRequired(message=_l("Enter the maximum amount as a whole number.")),
                    NumberRange(min=1, max=1_000_000_000, message=_l("Enter an amount from 1 to 1,000,000,000."))],
    )
    currency = StringField(
        _l("Currency"), description=_l("ISO 4217 code, such as USD or EUR."),
        validators=[_currency_code],
        filters=[lambda value: value.strip().upper() if value else value],
    )
    turnaround_days = IntegerField(
        _l("Days to decide"),
        validators=[InputRequired(message=_l("Enter the number of days, 0 for the same day.")),
                    NumberRange(min=0, max=3650, message=_l("Enter a number of days from 0 to 3,650."))],
    )
    how_to_apply = TextAreaField(_l("How to apply"), validators=[Length(max=4000)], filters=[_strip])
    active = BooleanField(_l("Active: offer this fund in matching"), default=True)
