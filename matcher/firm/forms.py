"""Forms a firm member fills in: offers, the client-list upload, invitations, answers to matters."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from ..matching import vocabfields
from ..web.fields import email_field, require_one

MAX_CAPACITY = 1000

# The offer's columns a form edits, copied one by one so nothing else is written.
OFFER_FIELDS = (
    "title",
    "practice_areas",
    "jurisdictions",
    "languages",
    "help_kinds",
    "capacity",
    "emergency",
    "valid_from",
    "valid_until",
    "notes",
)


class OfferForm(FlaskForm):
    title = StringField(
        "Title",
        description="What the firm offers, in a few words, e.g. 'SLAPP defence in Central America'.",
        validators=[DataRequired(message="Give the offer a title."), Length(max=200)],
    )
    practice_areas = vocabfields.practice_areas_field(
        "Practice areas", validators=[require_one("Choose at least one practice area.")],
    )
    jurisdictions = vocabfields.places_field(
        "Jurisdictions covered",
        description="Countries or regions where the firm can act or advise. Hold Ctrl (Cmd on a Mac) to "
        "choose several. A region counts as each of its countries when needs are matched.",
        validators=[require_one("Choose at least one country.")],
    )
    languages = vocabfields.languages_field(
        "Languages the team works in", validators=[require_one("Choose at least one language.")],
    )
    help_kinds = vocabfields.help_kinds_field(
        "Kinds of help", validators=[require_one("Choose at least one kind of help.")],
    )
    capacity = IntegerField(
        "Number of matters",
        description="How many matters the firm can take on under this offer.",
        validators=[
            InputRequired(message="Say how many matters the firm can take."),
            NumberRange(min=0, max=MAX_CAPACITY, message=f"Enter a number from 0 to {MAX_CAPACITY}."),
        ],
    )
    emergency = BooleanField("Ready for emergencies (can act within days)")
    valid_from = DateField("Valid from", validators=[InputRequired(message="Enter a date.")])
    valid_until = DateField("Valid until", validators=[InputRequired(message="Enter a date.")])
    notes = TextAreaField("Notes for coordinators", validators=[Length(max=4000)])

    def __init__(self, *args, capacity_used: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.capacity_used = capacity_used

    def validate_capacity(self, field):
        """Matters already accepted under the offer keep their reserved places."""
        if field.data is not None and field.data < self.capacity_used:
            raise ValidationError(
                f"{self.capacity_used} matter(s) already hold places under this offer: "
                f"the capacity cannot be less than {self.capacity_used}."
            )

    def validate_valid_until(self, field):
        if field.data and self.valid_from.data and field.data < self.valid_from.data:
            raise ValidationError("The end date cannot be before the start date.")


class ClientListForm(FlaskForm):
    file = FileField(
        "Client list (CSV)",
        validators=[FileRequired(message="Choose a CSV file to upload.")],
    )


class NoClientsForm(FlaskForm):
    confirm = BooleanField(
        "The firm has no clients, current or former, to declare",
        validators=[DataRequired(message="Tick the box to attest it: matters are proposed to the firm on your word.")],
    )


class InvitationForm(FlaskForm):
    email = email_field("Colleague's email")


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        "Why the firm declines",
        description="Coordinators read this to propose the matter elsewhere.",
        validators=[DataRequired(message="Say why the firm declines."), Length(max=2000)],
    )


class CloseForm(FlaskForm):
    hours = IntegerField(
        "Hours given",
        validators=[
            InputRequired(message="Enter the hours the firm gave, 0 or more."),
            NumberRange(min=0, max=100000, message="Enter a whole number of hours, 0 or more."),
        ],
    )
    outcome = TextAreaField(
        "Outcome",
        description="What came of the matter, for the coordinators' records.",
        validators=[DataRequired(message="Describe the outcome."), Length(max=4000)],
    )
