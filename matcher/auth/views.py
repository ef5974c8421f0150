"""Signing in and out, registering as a defender or a firm, joining a firm by invitation."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts import invitations, links, people, sessions
from ..accounts.passwords import check_password, hash_password
from ..accounts.throttling import (
    account_by_submitted_email,
    is_known_browser_of,
    refused,
    submitted_email,
    tell_owner_of_guessing,
)
from ..core import audit
from ..core.mail import notify
from ..extensions import db, limiter
from ..models import LawFirm, User
from .blueprint import bp, safe_next
from .forms import ChangePasswordForm, InvitationForm, LoginForm, ResetPasswordForm, ResetRequestForm


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=refused)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=submitted_email,
    methods=["POST"],
    deduct_when=refused,
    exempt_when=lambda: is_known_browser_of(account_by_submitted_email()),
    on_breach=lambda limit: tell_owner_of_guessing(account_by_submitted_email()),
)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.with_email(form.email.data)))
        if check_password(user, form.password.data) and user.is_active:
            if user.totp_secret:
                sessions.await_second_factor(user)
                return redirect(url_for("auth.second_factor", next=safe_next()))
            sessions.start(user)
            audit.record(user, "user.login", user)
            return redirect(safe_next() or url_for("home.index"))
        if user is not None:
            audit.record(None, "user.login_failed", user)
        form.password.errors.append(_("The email or the password is not right."))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    sessions.end()
    flash(_("You are signed out."))
    return redirect(url_for("home.index"))


@bp.route("/join/<token>", methods=["GET", "POST"])
def join(token: str):
    invitation = invitations.open_invitation(token)
    if invitation is None or people.email_taken(invitation.email):
        return render_template("error.html", title=_("Invitation not valid"),
                               text=_("This invitation has expired, was revoked or was already used: ask your "
                                      "colleague to invite you again, or sign in.")), 400
    firm = db.session.get(LawFirm, invitation.firm_id)
    form = InvitationForm()
    if form.validate_on_submit():
        user = invitations.accept(invitation, password_hash=hash_password(form.password.data),
                                  display_name=form.display_name.data)
        sessions.start(user)
        flash(_("Welcome to %(firm)s on the platform.", firm=firm.name))
        return redirect(url_for("firm.dashboard"))
    return render_template("auth/join.html", form=form, firm=firm, email=invitation.email,
                           inviter=invitation.invited_by)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMIT"], methods=["POST"])
@limiter.limit(lambda: current_app.config["RESET_LIMIT"], key_func=submitted_email, methods=["POST"])
def reset_request():
    """Ask for a reset link. The answer is the same whether or not the address has an account."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.with_email(form.email.data)))
        if user is not None and user.is_active:
            # The token carries the session token, so it dies once the password changes.
            token = links.make("password-reset", id=user.id, t=user.session_token)
            notify([user.email], _l("Reset your password"), "auth.reset_password",
                   action=_l("Choose a new password"), token=token)
            audit.record(None, "user.reset_requested", user)
        flash(_("If an account uses this address, we have sent it a link to choose a new password."))
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    data = links.read("password-reset", token)
    user = db.session.get(User, data["id"]) if data else None
    if user is None or data["t"] != user.session_token:
        return render_template("error.html", title=_("Link not valid"),
                               text=_("This link has expired or was already used. Ask for a new one.")), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        _set_password(user, form.password.data, "user.password_reset")
        flash(_("Your password was changed. Every other session was signed out."))
        if user.totp_secret:
            # A mailbox alone must not open the account: the second factor still stands guard.
            sessions.await_second_factor(user)
            return redirect(url_for("auth.second_factor"))
        sessions.start(user)
        return redirect(url_for("home.index"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/enrol/<token>", methods=["GET", "POST"])
def enrol(token: str):
    """A staff account's first visit, from the link ``flask accounts create`` printed: the owner
    chooses a password here, and is then taken to enrol a second factor before anything else."""
    data = links.read("enrolment", token)
    user = db.session.get(User, data["id"]) if data else None
    if user is None or user.password_hash is not None or user.is_disabled:
        return render_template("error.html", title=_("Link not valid"),
                               text=_("This link has expired or was already used. Ask an admin for a new one.")), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.password_hash = hash_password(form.password.data)
        audit.record(user, "user.enrol", user)
        sessions.start(user)
        return redirect(url_for("auth.two_factor_setup"))
    return render_template("auth/reset_password.html", form=form, heading=_("Choose your password"),
                           button=_("Save the password"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not check_password(current_user, form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            _set_password(user, form.password.data, "user.password_change")
            sessions.start(user)
            flash(_("Your password was changed. Every other session was signed out."))
            return redirect(url_for("home.index"))
    return render_template("auth/change_password.html", form=form)


def _set_password(user: User, password: str, action: str) -> None:
    """New hash, so every session made with the old one ends; the caller says how this one goes on."""
    user.password_hash = hash_password(password)
    audit.record(user, action, user)
    notify([user.email], _l("Your password was changed"), "auth.login",
           action=_l("If this was not you, reset it at once"))
