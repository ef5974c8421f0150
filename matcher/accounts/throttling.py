"""What sign-in throttling counts, and telling an account's owner that someone is guessing.

Guesses against one account are slowed, but that must not lock its owner out: a browser
that completed a sign-in to the account before carries a sealed mark of it (a cookie
made by ``remember_browser``), and the per-account limits do not count against it. The
per-address limit still does, and a guesser has no such mark.
"""

from datetime import timedelta

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core import audit
from ..core.mail import notify
from ..extensions import db
from ..models import AuditEvent, User
from ..models._types import utcnow
from ..models.accounts import email_key
from . import links

KNOWN_BROWSER_COOKIE = "known-browser"

# One warning per account in this span, however long the guessing goes on.
WARNING_INTERVAL = timedelta(minutes=15)


def submitted_email() -> str:
    """The per-account key: the keyed digest of the address typed, whether or not it has an
    account, so that the counts (in Redis, shared by every process) name nobody."""
    return f"account:{email_key(request.form.get('email', ''))}"


def remember_browser(response, user: User):
    """Mark this browser as one that completed a sign-in to ``user``'s account."""
    response.set_cookie(KNOWN_BROWSER_COOKIE, links.make("known-browser", id=user.id),
                        max_age=current_app.config["KNOWN_BROWSER_MAX_AGE"], path="/account", httponly=True,
                        samesite="Lax", secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response


def is_known_browser_of(user: User | None) -> bool:
    """Whether the request comes from a browser that signed in to ``user``'s account before."""
    data = links.read("known-browser", request.cookies.get(KNOWN_BROWSER_COOKIE, ""))
    return user is not None and data is not None and data.get("id") == user.id


def account_by_submitted_email() -> User | None:
    """The account the sign-in form names, if any."""
    email = request.form.get("email", "").strip().lower()
    return db.session.scalar(select(User).where(User.with_email(email))) if email else None


def refused(response) -> bool:
    """Only failed attempts count towards the limits: a refused form re-renders with 200."""
    return response.status_code == 200


def tell_owner_of_guessing(user) -> None:
    """Warn the owner (once per interval) that their account is being guessed at."""
    if user is None or not user.email:
        return
    recent = db.session.scalar(
        select(AuditEvent.id).where(
            AuditEvent.action == "user.throttled",
            AuditEvent.subject_id == user.id,
            AuditEvent.subject_type == "user_account",
            AuditEvent.created_at >= utcnow() - WARNING_INTERVAL,
        )
    )
    if recent is not None:
        return
    audit.record(None, "user.throttled", user)
    notify([user.email], _l("Someone is trying to sign in to your account"), "auth.reset_request",
           action=_l("If it was not you, choose a new password"))
