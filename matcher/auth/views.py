"""Signing in and out, registering as a defender or a firm, joining a firm by invitation."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from .. import audit
from ..accounts import check_password, hash_password
from ..extensions import db
from ..models import DefenderProfile, LawFirm, User
from ..notifications import notify, staff_emails
from .forms import DefenderRegistrationForm, FirmRegistrationForm, InvitationForm, LoginForm

bp = Blueprint("auth", __name__, url_prefix="/account")

INVITATION_SALT = "firm-invitation"


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == form.email.data))
        if user is not None and user.is_active and check_password(user, form.password.data):
            login_user(user)
            audit.record(user, "user.login", user)
            db.session.commit()
            return redirect(_safe_next() or url_for("home.index"))
        form.password.errors.append("The email or the password is not right.")
    return render_template("auth/login.html", form=form)


def _safe_next() -> str | None:
    """Only follow a ``next`` that stays on this site."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash("You are signed out.")
    return redirect(url_for("home.index"))


def _email_taken(email: str) -> bool:
    return db.session.scalar(select(func.count()).select_from(User).where(User.email == email)) > 0


@bp.route("/register/defender", methods=["GET", "POST"])
def register_defender():
    form = DefenderRegistrationForm()
    if form.validate_on_submit():
        if _email_taken(form.email.data):
            form.email.errors.append("An account with this email exists: sign in instead.")
        else:
            user = User(
                email=form.email.data,
                password_hash=hash_password(form.password.data),
                role="defender",
                display_name=form.pseudonym.data,
            )
            user.defender = DefenderProfile(
                pseudonym=form.pseudonym.data,
                kind=form.kind.data,
                country=form.country.data,
                languages=form.languages.data,
                contact=form.contact.data,
            )
            db.session.add(user)
            db.session.flush()
            audit.record(user, "user.register", user)
            notify(staff_emails(), "A defender registered and waits for verification", "coordinator.people")
            db.session.commit()
            login_user(user)
            flash("Welcome. A coordinator will verify your account; you can already write your need.")
            return redirect(url_for("defender.dashboard"))
    return render_template("auth/register_defender.html", form=form)


@bp.route("/register/firm", methods=["GET", "POST"])
def register_firm():
    form = FirmRegistrationForm()
    if form.validate_on_submit():
        if _email_taken(form.email.data):
            form.email.errors.append("An account with this email exists: sign in instead.")
        else:
            firm = LawFirm(
                name=form.firm_name.data,
                country=form.country.data,
                contact_name=form.contact_name.data,
                contact_email=form.contact_email.data,
                contact_phone=form.contact_phone.data or "",
            )
            user = User(
                email=form.email.data,
                password_hash=hash_password(form.password.data),
                role="firm",
                display_name=form.display_name.data,
                firm=firm,
            )
            db.session.add(user)
            db.session.flush()
            audit.record(user, "firm.register", firm)
            notify(staff_emails(), "A law firm registered and waits for verification", "coordinator.people")
            db.session.commit()
            login_user(user)
            flash("Welcome. A coordinator will verify your firm; meanwhile add your client list and offers.")
            return redirect(url_for("firm.dashboard"))
    return render_template("auth/register_firm.html", form=form)


def invitation_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=INVITATION_SALT)


def invitation_token(firm: LawFirm, email: str) -> str:
    return invitation_serializer().dumps({"firm": firm.id, "email": email})


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token: str):
    try:
        data = invitation_serializer().loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except SignatureExpired:
        return render_template("error.html", title="Invitation expired",
                               text="Ask your colleague to invite you again."), 400
    except BadSignature:
        return render_template("error.html", title="Invitation not valid",
                               text="This link is not a valid invitation."), 400
    firm = db.get_or_404(LawFirm, data["firm"])
    if _email_taken(data["email"]):
        flash("This invitation was already used: sign in.")
        return redirect(url_for("auth.login"))
    form = InvitationForm()
    if form.validate_on_submit():
        user = User(
            email=data["email"],
            password_hash=hash_password(form.password.data),
            role="firm",
            display_name=form.display_name.data,
            firm=firm,
        )
        db.session.add(user)
        db.session.flush()
        audit.record(user, "firm.join", firm)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        login_user(user)
        flash(f"Welcome to {firm.name} on the platform.")
        return redirect(url_for("firm.dashboard"))
    return render_template("auth/join.html", form=form, firm=firm, email=data["email"])
