"""The second step of signing in, and setting up two-factor authentication."""

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..accounts import sessions, twofactor
from ..accounts.passwords import check_password
from ..accounts.throttling import is_known_browser_of, refused, tell_owner_of_guessing
from ..core import audit
from ..core.mail import notify
from ..extensions import db, limiter
from ..models import User
from .blueprint import bp, safe_next
from .forms import CodeForm, ReplaceFactorForm


def _pending_key() -> str:
    return f"second-factor:{session.get('pending_user')}"


def _pending_user() -> User | None:
    user_id = sessions.pending_user_id()
    return db.session.get(User, user_id) if user_id else None


@bp.route("/2fa", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_pending_key,
    methods=["POST"],
    deduct_when=refused,
    exempt_when=lambda: is_known_browser_of(_pending_user()),
    on_breach=lambda limit: tell_owner_of_guessing(_pending_user()),
)
def second_factor():
    user = _pending_user()
    if user is None or not user.totp_secret:
        flash(_("Please sign in again."))
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        method = _accept(user, form.code.data)
        if method:
            sessions.start(user)
            audit.record(user, "user.login", user, note=method)
            return redirect(safe_next() or url_for("home.index"))
        audit.record(None, "user.second_factor_failed", user)
        form.code.errors.append(_("This code is not right, or was already used."))
    return render_template("auth/second_factor.html", form=form)


def _accept(user: User, code: str) -> str | None:
    """Spend a valid authenticator code or recovery code; say which it was."""
    step = twofactor.accepted_step(user.totp_secret, code, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        return "authenticator code"
    remaining = twofactor.use_recovery_code(user.recovery_codes, code)
    if remaining is not None:
        user.recovery_codes = remaining
        return "recovery code"
    return None


@bp.route("/2fa/setup", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    """Show a new secret, and save it once a code made from it proves the app has it.

    Replacing a factor already set up also asks for the password and a code of the
    factor in use, so a browser left signed in cannot swap in an attacker's phone; the
    owner is told by mail, and every other session ends."""
    user = current_user._get_current_object()
    replacing = bool(user.totp_secret)
    secret = session.get("totp_setup") or twofactor.new_secret()
    session["totp_setup"] = secret
    form = ReplaceFactorForm() if replacing else CodeForm()
    if form.validate_on_submit():
        step = twofactor.accepted_step(secret, form.code.data, None)
        if step is None:
            form.code.errors.append(_("This code does not match: check the time on your phone and try again."))
        elif replacing and not (check_password(user, form.password.data) and _accept(user, form.current.data)):
            form.current.errors.append(_("The password or the code of your current app is not right."))
        else:
            return _enable(user, secret, step, replacing)
    uri = twofactor.provisioning_uri(secret, user.email or user.display_name)
    return render_template(
        "auth/two_factor_setup.html",
        form=form,
        secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        uri=uri,
        qr=twofactor.qr_code(uri),
        required=user.needs_two_factor,
        enabled=replacing,
    )


def _enable(user: User, secret: str, step: int, replacing: bool):
    """Save the new factor and show the recovery codes, once."""
    codes = twofactor.new_recovery_codes()
    user.totp_secret, user.totp_last_step = secret, step
    user.recovery_codes = [twofactor.digest(code) for code in codes]
    session.pop("totp_setup")
    if replacing:
        audit.record(user, "user.second_factor_replaced", user)
        notify([user.email], _l("Your second factor was replaced"), "auth.reset_request",
               action=_l("If this was not you, choose a new password at once"))
        sessions.end_others(user)
    else:
        audit.record(user, "user.second_factor_enabled", user)
    return render_template("auth/recovery_codes.html", codes=codes)
