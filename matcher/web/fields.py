"""Form fields shared by the blueprints, built on the platform's vocabulary."""

from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..matching import vocab


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as checkboxes, readable on a phone and without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def country_field(label: str = "Country", required: bool = True) -> SelectField:
    choices = vocab.choices(vocab.countries(), placeholder="Choose a country")
    validators = [DataRequired(message="Choose a country.")] if required else []
    return SelectField(label, choices=choices, validators=validators)


def languages_field(label: str = "Languages") -> SelectMultipleField:
    """Languages as a multiple select: 184 checkboxes would not fit a phone."""
    return SelectMultipleField(
        label,
        choices=vocab.choices(vocab.languages()),
        validators=[DataRequired(message="Choose at least one language.")],
    )


def email_field(label: str = "Email") -> StringField:
    return StringField(
        label,
        validators=[DataRequired(), Email(message="Enter a valid email address."), Length(max=254)],
        filters=[lambda value: value.strip().lower() if value else value],
    )


def require_one(message: str):
    """A validator for checkbox groups, where DataRequired cannot tell an empty list."""

    def check(form, field):
        if not field.data:
            raise ValidationError(message)

    return check
