"""Forms a firm member fills in: offers, the client-list upload, invitations, answers to matters."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..conflicts import engine
from ..conflicts.positions import NOTHING_DECLARED
from ..matching import vocab, vocabfields
from ..needs import outcomes
from ..web.fields import email_field, languages_field, require_one

MAX_CAPACITY = 1000
MAX_ANSWER_HOURS = 72  # an emergency-ready firm answers within three days at the latest

# The offer's columns a form edits, copied one by one so nothing else is written.
OFFER_FIELDS = (
    "title",
    "practice_areas",
    "jurisdictions",
    "languages",
    "help_kinds",
    "capacity",
    "emergency",
    "answer_within_hours",
    "works_with_local_counsel",
    "valid_from",
    "valid_until",
    "notes",
)


class OfferForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l("What the firm offers, in a few words, e.g. 'SLAPP defence in Central America'."),
        validators=[DataRequired(message=_l("Give the offer a title.")), Length(max=200)],
    )
    practice_areas = vocabfields.practice_areas_field(
        _l("Practice areas"), validators=[require_one(_l("Choose at least one practice area."))],
    )
    jurisdictions = vocabfields.places_field(
        _l("Jurisdictions covered"),
        description=_l("Countries or regions where the firm can act or advise. A region counts as each of its "
                       "countries when needs are matched."),
        validators=[require_one(_l("Choose at least one country."))],
    )
    languages = languages_field(_l("Languages the team works in"))
    help_kinds = vocabfields.help_kinds_field(
        _l("Kinds of help"), validators=[require_one(_l("Choose at least one kind of help."))],
    )
    capacity = IntegerField(
        _l("Number of matters"),
        description=_l("How many matters the firm can take on under this offer."),
        validators=[
            InputRequired(message=_l("Say how many matters the firm can take.")),
            NumberRange(min=0, max=MAX_CAPACITY, message=_l("Enter a number from 0 to %(max)s.", max=MAX_CAPACITY)),
        ],
    )
    emergency = BooleanField(_l("Ready for emergencies (can act within days)"))
    answer_within_hours = IntegerField(
        _l("Answers an emergency within (hours)"),
        description=_l("Required for an offer ready for emergencies. An emergency or urgent matter proposed under "
                       "this offer waits this long for the firm's answer, less when its deadline is near; then "
                       "the firm is reminded, and soon after the matter goes to another firm."),
        validators=[Optional(),
                    NumberRange(min=1, max=MAX_ANSWER_HOURS,
                                message=_l("Enter a number of hours from 1 to %(max)s.", max=MAX_ANSWER_HOURS))],
    )
    works_with_local_counsel = BooleanField(
        _l("Works with local counsel"),
        description=_l("In a country where its lawyers are not admitted, the firm takes a case together with a "
                       "local lawyer who is. A need that requires local counsel reaches a firm from elsewhere only "
                       "then."),
    )
    valid_from = DateField(_l("Valid from"), validators=[InputRequired(message=_l("Enter a date."))])
    valid_until = DateField(_l("Valid until"), validators=[InputRequired(message=_l("Enter a date."))])
    notes = TextAreaField(_l("Notes for coordinators"), validators=[Length(max=4000)])

    def __init__(self, *args, capacity_used: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.capacity_used = capacity_used

    def validate_capacity(self, field):
        """Matters already accepted under the offer keep their reserved places."""
        if field.data is not None and field.data < self.capacity_used:
            raise ValidationError(_(
                "%(used)s matter(s) already hold places under this offer: the capacity cannot be less than %(used)s.",
                used=self.capacity_used,
            ))

    def validate(self, extra_validators=None) -> bool:
        """An offer ready for emergencies says how fast the firm answers; one that is not promises nothing.
        (Checked here: a field left empty stops its own validators.)"""
        valid = super().validate(extra_validators)
        hours = self.answer_within_hours
        if not self.emergency.data:
            hours.data = None
        elif hours.data is None and not hours.errors:
            hours.errors.append(_("Say within how many hours the firm answers an emergency."))
            return False
        return valid

    def validate_valid_until(self, field):
        if field.data and self.valid_from.data and field.data < self.valid_from.data:
            raise ValidationError(_("The end date cannot be before the start date."))


class ClientListForm(FlaskForm):
    file = FileField(
        _l("Client list (CSV)"),
        validators=[FileRequired(message=_l("Choose a CSV file to upload."))],
    )


class NoClientsForm(FlaskForm):
    confirm = BooleanField(
        _l("The firm has no clients, current or former, to declare"),
        validators=[
            DataRequired(message=_l("Tick the box to attest it: matters are proposed to the firm on your word.")),
        ],
    )


class LookBackForm(FlaskForm):
    years = IntegerField(
        _l("Years a former client still counts"),
        description=_l("After this many years from the day the relationship ended, a hit on a former client is "
                       "shown to coordinators as information and no longer keeps matters away."),
        validators=[InputRequired(message=_l("Give a number of years, from 0 to 30.")),
                    NumberRange(min=0, max=30, message=_l("Give a number of years, from 0 to 30."))],
    )


class PositionForm(FlaskForm):
    """What the firm does not act against: a kind of matter, a sector, a company, or several at once,
    in one country or any."""

    practice_area = SelectField(
        _l("Kind of matter"),
        description=_l("The firm takes no matters of this kind against anyone, or against the sector "
                       "or company below."),
        choices=vocab.choices(vocab.PRACTICE_AREAS, placeholder=_l("Any kind of matter")), default="",
    )
    sector = SelectField(
        _l("Sector of the other side"),
        choices=vocab.choices(vocab.SECTORS, placeholder=_l("Any sector")), default="",
    )
    company = StringField(
        _l("Company"),
        description=_l("A company the firm will not act against although it is not a client, e.g. one it "
                       "pitches for. Spelling variants and legal forms are matched too. Only the firm and "
                       "the coordinators reviewing a hit on it see this name."),
        filters=[lambda value: value.strip() if value else value],
        validators=[Length(max=200)],
    )
    country = SelectField(_l("Country where it applies"), default="",
                          choices=lambda: vocab.choices(vocab.countries(), placeholder=_("Any country")))
    note = TextAreaField(
        _l("Note"),
        description=_l("Why, for the firm's own record, e.g. 'we act for mining companies in Peru'."),
        validators=[Length(max=500)],
    )

    def validate_practice_area(self, field):
        """A declaration that names nothing would keep nothing away: refused, with what to name."""
        if not (field.data or self.sector.data or self.company.data):
            raise ValidationError(str(NOTHING_DECLARED))

    def validate_company(self, field):
        """A name of legal forms and punctuation alone ("S.A.") is no name: it could never match."""
        if field.data and not engine.normalise(field.data).core:
            raise ValidationError(_("Give the company's name in letters, e.g. 'Banco Andino'."))


class InvitationForm(FlaskForm):
    email = email_field(_l("Colleague's email"))


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("What will use the token"),
        description=_l("For example: our conflicts system. You will see this name beside the token."),
        validators=[DataRequired(message=_l("Name the token.")), Length(max=100)],
    )


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Why the firm declines"),
        description=_l("Coordinators read this to propose the matter elsewhere."),
        validators=[DataRequired(message=_l("Say why the firm declines.")), Length(max=2000)],
    )


class CloseForm(FlaskForm):
    """The widgets of a firm's closing; what it must hold is ``needs.outcomes.Closing``'s to say, so
    these fields only read what was typed (an empty one stays empty for the rules to name)."""

    hours = DecimalField(
        _l("Hours given"), description=_l("Hours and parts of an hour, such as 37.5."),
        validators=[Optional()], invalid_value_message=_l("Enter the hours as a number, such as 37.5."),
    )
    started_on = DateField(_l("Work started on"), validators=[Optional()])
    ended_on = DateField(_l("Work ended on"), validators=[Optional()])
    outcome = SelectField(
        _l("Outcome"), choices=vocab.choices(outcomes.OUTCOMES, placeholder=_l("Choose what came of the matter")),
        validate_choice=False,
    )
    note = TextAreaField(
        _l("Note on the outcome"),
        description=_l("For the coordinators' records; required when the outcome is “Other”. Kept encrypted."),
    )

    def closing(self) -> outcomes.Closing:
        return outcomes.Closing(hours=self.hours.data, started_on=self.started_on.data, ended_on=self.ended_on.data,
                                outcome=self.outcome.data or "", note=self.note.data or "")
