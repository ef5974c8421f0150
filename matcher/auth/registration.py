"""Registering as a defender or a firm, confirmed by a link sent to the address given.

The answer to a registration is the same whether or not the address already has
an account (the owner of an existing account is told by email instead), so the
form cannot be used to find out who is on the platform. Nothing is stored until
the link is followed: the registration travels sealed inside the link itself.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts import links, people, sessions
from ..accounts.passwords import hash_password
from ..core import audit
from ..core.mail import notify, staff_emails
from ..extensions import limiter
from ..models import User
from .blueprint import bp
from .forms import DefenderRegistrationForm, FirmRegistrationForm


@bp.route("/register/defender", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMIT"], methods=["POST"])
def register_defender():
    form = DefenderRegistrationForm()
    if form.validate_on_submit():
        return _send_confirmation(form.email.data, {
            "role": "defender", "email": form.email.data, "password_hash": hash_password(form.password.data),
            "pseudonym": form.pseudonym.data, "kinds": form.kinds.data, "country": form.country.data,
            "languages": form.languages.data, "contact": form.contact.data,
        })
    return render_template("auth/register_defender.html", form=form)


@bp.route("/register/firm", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMIT"], methods=["POST"])
def register_firm():
    form = FirmRegistrationForm()
    if form.validate_on_submit():
        return _send_confirmation(form.email.data, {
            "role": "firm", "email": form.email.data, "password_hash": hash_password(form.password.data),
            "display_name": form.display_name.data, "firm_name": form.firm_name.data, "country": form.country.data,
            "contact_name": form.contact_name.data, "contact_email": form.contact_email.data,
            "contact_phone": form.contact_phone.data or "",
        })
    return render_template("auth/register_firm.html", form=form)


def _send_confirmation(email: str, registration: dict):
    if people.email_taken(email):
        notify([email], _l("Someone tried to register with your address"), "auth.reset_request",
               action=_l("If it was you, sign in, or choose a new password here"))
    else:
        notify([email], _l("Confirm your address to finish registering"), "auth.confirm_registration",
               action=_l("Confirm your address"), token=links.make("registration", **registration))
    return render_template("auth/check_email.html", email=email)


@bp.route("/register/confirm/<token>")
def confirm_registration(token: str):
    registration = links.read("registration", token)
    if registration is None:
        return render_template("error.html", title=_("Link not valid"),
                               text=_("This link has expired or is not valid: register again.")), 400
    if people.email_taken(registration["email"]):
        flash(_("This address is already registered: sign in."))
        return redirect(url_for("auth.login"))
    user = _create_defender(registration) if registration["role"] == "defender" else _create_firm(registration)
    sessions.start(user)
    if user.role == "defender":
        flash(_("Welcome. A coordinator will verify your account; you can already write your need."))
        return redirect(url_for("defender.dashboard"))
    flash(_("Welcome. A coordinator will verify your firm; meanwhile add your client list and offers."))
    return redirect(url_for("firm.dashboard"))


def _create_defender(registration: dict) -> User:
    user = people.create_defender(
        email=registration["email"], password_hash=registration["password_hash"], pseudonym=registration["pseudonym"],
        kinds=_kinds(registration), country=registration["country"], languages=registration["languages"],
        contact=registration["contact"])
    audit.record(user, "user.register", user)
    notify(staff_emails(), _l("A defender registered and waits for verification"), "coordinator.people")
    return user


def _kinds(registration: dict) -> list[str]:
    """A link sent before a defender could be several kinds names one (``kind``) and stays valid for
    ``REGISTRATION_MAX_AGE``."""
    return registration["kinds"] if "kinds" in registration else [registration["kind"]]


def _create_firm(registration: dict) -> User:
    user = people.create_firm(
        email=registration["email"], password_hash=registration["password_hash"],
        display_name=registration["display_name"], firm_name=registration["firm_name"],
        country=registration["country"], contact_name=registration["contact_name"],
        contact_email=registration["contact_email"], contact_phone=registration["contact_phone"])
    audit.record(user, "firm.register", user.firm)
    notify(staff_emails(), _l("A law firm registered and waits for verification"), "coordinator.people")
    return user
