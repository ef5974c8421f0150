"""Signing in and out, and how long a signed-in session may last.

Signing in starts a fresh session (nothing an attacker planted before survives
it). A session ends after a stretch of inactivity and, whatever the activity,
after an absolute lifetime, because a defender's laptop may be seized or shared.
Signing out ends every session of the account, so a copied cookie dies with it.
Accounts that must use two-factor authentication can do nothing else until
they have set it up.

A session names the user *and* a token derived from their password hash, so
changing the password ends every other session at once.
"""

import hmac
import time

from flask import after_this_request, current_app, flash, g, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from ..extensions import db
from ..models import User
from . import throttling

# Where the language the reader chose on a page is kept (``web.languages``).
LANGUAGE_KEY = "language"

# Pages an account without its required second factor may still reach.
_SETUP_ENDPOINTS = {"auth.two_factor_setup", "auth.logout", "home.leave", "static"}
# How long a correct password waits for its second factor.
SECOND_FACTOR_WINDOW = 300


def _now_ms() -> int:
    return int(time.time() * 1000)


def _new_session() -> None:
    """Drop everything the old session held, the CSRF token this request cached included, but
    the language the reader chose: the next page is in it too."""
    language = session.get(LANGUAGE_KEY)
    session.clear()
    if language:
        session[LANGUAGE_KEY] = language
    g.pop("csrf_token", None)
    g.pop("_login_user", None)


def start(user) -> None:
    """Sign ``user`` in on a new session, and mark the browser as one that signed in to the account.

    An account that has not chosen a language keeps the one this page was read in, so that its
    mail is written in it too."""
    if user.language is None:
        user.language = str(get_locale())
    _new_session()
    login_user(user)
    after_this_request(lambda response: throttling.remember_browser(response, user))
    now = _now_ms()
    session["login_at"] = now
    session["seen_at"] = now


def await_second_factor(user) -> None:
    """The password was right: remember whom the next step is for, signed in as nobody yet."""
    _new_session()
    session["pending_user"] = user.id
    session["pending_since"] = _now_ms()


def pending_user_id() -> int | None:
    """The account waiting for its second factor, while the wait is not too old."""
    since = session.get("pending_since", 0)
    if _now_ms() - since > SECOND_FACTOR_WINDOW * 1000:
        return None
    return session.get("pending_user")


def end() -> None:
    """Sign out here and everywhere else this account was signed in before now."""
    if current_user.is_authenticated:
        current_user.sessions_valid_after = _now_ms()
    logout_user()
    _new_session()


def end_everywhere(user) -> None:
    """End every session ``user`` has, wherever it is (an admin disabled them, say)."""
    user.sessions_valid_after = _now_ms()


def end_others(user) -> None:
    """End every session of ``user`` but this one, which starts afresh."""
    end_everywhere(user)
    start(user)


def end_here() -> None:
    """Sign out in this browser only (the quick exit): the account's other sessions go on."""
    logout_user()
    _new_session()


def _expired(now: int) -> bool:
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60_000
    lifetime = current_app.config["SESSION_MAX_HOURS"] * 3_600_000
    login_at = session.get("login_at", 0)
    return (
        now - session.get("seen_at", 0) > idle
        or now - login_at > lifetime
        or login_at < (current_user.sessions_valid_after or 0)
    )


def init_app(app) -> None:
    @app.before_request
    def _enforce_session_rules():
        if not current_user.is_authenticated or request.endpoint == "static":
            return None
        now = _now_ms()
        if _expired(now):
            logout_user()
            _new_session()
            flash(_("Your session ended: please sign in again."))
            return redirect(url_for("auth.login"))
        session["seen_at"] = now
        missing_second_factor = current_user.needs_two_factor and not current_user.totp_secret
        if missing_second_factor and request.endpoint not in _SETUP_ENDPOINTS:
            return redirect(url_for("auth.two_factor_setup"))
        return None


def init_login(login_manager) -> None:
    login_manager.login_view = "auth.login"
    # Translated when it is flashed, for that request's reader; the session keeps a plain str.
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.localize_callback = str
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str):
        user_id, _, token = session_id.partition(":")
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        if user is None or not hmac.compare_digest(token, user.session_token):
            return None
        return user
