"""Sign-in, registration and invitation forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length

from ..accounts.passwords import MIN_PASSWORD_LENGTH
from ..web.fields import country_field, defender_kinds_field, email_field, languages_field


def _new_password():
    return PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD_LENGTH, max=256,
                   message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)),
        ],
    )


def _confirm():
    return PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class DefenderRegistrationForm(FlaskForm):
    pseudonym = StringField(
        _l("Name to use on the platform"),
        description=_l("A pseudonym is fine: coordinators verify you through trusted contacts."),
        validators=[DataRequired(), Length(max=120)],
    )
    kinds = defender_kinds_field(_l("You are"), _l("Tick every one that applies: a fund for any of them is open "
                                                   "to you."))
    country = country_field(_l("Country where you work"))
    languages = languages_field(_l("Languages you speak"))
    contact = TextAreaField(
        _l("How counsel can reach you safely"),
        description=_l("A secure messenger handle, a phone number or a trusted intermediary. "
                       "Shared with a firm only after you consent."),
        validators=[DataRequired(), Length(max=1000)],
    )
    email = email_field()
    password = _new_password()
    confirm = _confirm()


class FirmRegistrationForm(FlaskForm):
    firm_name = StringField(_l("Firm name"), validators=[DataRequired(), Length(max=200)])
    country = country_field(_l("Country of the firm's main office"))
    contact_name = StringField(_l("Pro bono contact person"), validators=[DataRequired(), Length(max=120)])
    contact_email = email_field(_l("Pro bono contact email"))
    contact_phone = StringField(_l("Pro bono contact phone"), validators=[Length(max=60)])
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = email_field(_l("Your email"))
    password = _new_password()
    confirm = _confirm()


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        description=_l("The 6 digits your authenticator app shows, or one of your recovery codes."),
        validators=[DataRequired(), Length(max=40)],
    )


class ReplaceFactorForm(FlaskForm):
    """Replacing a second factor proves the owner twice: their password, and the factor they have now."""

    password = PasswordField(_l("Your password"), validators=[DataRequired()])
    current = StringField(
        _l("A code from the app you use now"),
        description=_l("Or one of your recovery codes, if that app is lost."),
        validators=[DataRequired(), Length(max=40)],
    )
    code = StringField(_l("The code the new app shows"), validators=[DataRequired(), Length(max=20)])


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _confirm()


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = _new_password()
    confirm = _confirm()


class InvitationForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    password = _new_password()
    confirm = _confirm()
