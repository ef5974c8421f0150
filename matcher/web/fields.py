"""Form fields shared by the blueprints, built on the platform's vocabulary."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..matching import vocab, vocabfields


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as checkboxes, readable on a phone and without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def country_field(label: str = _l("Country"), required: bool = True) -> SelectField:
    """The countries are listed afresh for each form, so they are named and sorted in its reader's language."""
    validators = [DataRequired(message=_l("Choose a country."))] if required else []
    return SelectField(label, choices=_country_choices, validators=validators)


def _country_choices():
    return vocab.choices(vocab.countries(), placeholder=_("Choose a country"))


def email_field(label: str = _l("Email")) -> StringField:
    return StringField(
        label,
        validators=[DataRequired(), Email(message=_l("Enter a valid email address.")), Length(max=254)],
        filters=[lambda value: value.strip().lower() if value else value],
    )


def languages_field(label: str) -> SelectMultipleField:
    """The languages a person or a case works in: at least one, ticked or written in their words."""
    return vocabfields.languages_field(label, validators=[require_one(_l("Choose at least one language."))])


def defender_kinds_field(label: str, description: str) -> CheckboxesField:
    """Every kind a defender is, at least one: a fund for any of them is open to the defender."""
    return CheckboxesField(label, description=description, choices=vocab.choices(vocab.DEFENDER_KIND_LABELS),
                           default=["individual"], validators=[require_one(_l("Choose at least one kind."))])


def require_one(message: str):
    """A validator for checkbox groups, where DataRequired cannot tell an empty list."""

    def check(form, field):
        if not field.data:
            raise ValidationError(message)

    return check
