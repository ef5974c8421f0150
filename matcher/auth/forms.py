"""Sign-in, registration and invitation forms."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length

from ..accounts.passwords import MIN_PASSWORD_LENGTH
from ..matching import vocab
from ..web.fields import country_field, email_field, languages_field


def _new_password():
    return PasswordField(
        "Password",
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD_LENGTH, max=256, message=f"Use at least {MIN_PASSWORD_LENGTH} characters."),
        ],
    )


def _confirm():
    return PasswordField(
        "Repeat the password", validators=[DataRequired(), EqualTo("password", message="The passwords differ.")]
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField("Password", validators=[DataRequired()])


class DefenderRegistrationForm(FlaskForm):
    pseudonym = StringField(
        "Name to use on the platform",
        description="A pseudonym is fine: coordinators verify you through trusted contacts.",
        validators=[DataRequired(), Length(max=120)],
    )
    kind = SelectField("You are", choices=vocab.choices(vocab.DEFENDER_KIND_LABELS))
    country = country_field("Country where you work")
    languages = languages_field("Languages you speak")
    contact = TextAreaField(
        "How counsel can reach you safely",
        description="A secure messenger handle, a phone number or a trusted intermediary. "
        "Shared with a firm only after you consent.",
        validators=[DataRequired(), Length(max=1000)],
    )
    email = email_field()
    password = _new_password()
    confirm = _confirm()


class FirmRegistrationForm(FlaskForm):
    firm_name = StringField("Firm name", validators=[DataRequired(), Length(max=200)])
    country = country_field("Country of the firm's main office")
    contact_name = StringField("Pro bono contact person", validators=[DataRequired(), Length(max=120)])
    contact_email = email_field("Pro bono contact email")
    contact_phone = StringField("Pro bono contact phone", validators=[Length(max=60)])
    display_name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    email = email_field("Your email")
    password = _new_password()
    confirm = _confirm()


class CodeForm(FlaskForm):
    code = StringField(
        "Code",
        description="The 6 digits your authenticator app shows, or one of your recovery codes.",
        validators=[DataRequired(), Length(max=40)],
    )


class ReplaceFactorForm(FlaskForm):
    """Replacing a second factor proves the owner twice: their password, and the factor they have now."""

    password = PasswordField("Your password", validators=[DataRequired()])
    current = StringField(
        "A code from the app you use now",
        description="Or one of your recovery codes, if that app is lost.",
        validators=[DataRequired(), Length(max=40)],
    )
    code = StringField("The code the new app shows", validators=[DataRequired(), Length(max=20)])


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _confirm()


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    password = _new_password()
    confirm = _confirm()


class InvitationForm(FlaskForm):
    display_name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    password = _new_password()
    confirm = _confirm()
