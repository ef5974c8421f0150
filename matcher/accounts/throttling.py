"""What sign-in throttling counts, and telling an account's owner that someone is guessing."""

from datetime import timedelta

from flask import request
from sqlalchemy import select

from ..core import audit
from ..core.mail import notify
from ..extensions import db
from ..models import AuditEvent
from ..models._types import utcnow

# One warning per account in this span, however long the guessing goes on.
WARNING_INTERVAL = timedelta(minutes=15)


def submitted_email() -> str:
    """The per-account key: the address typed, whether or not it has an account."""
    return "account:" + request.form.get("email", "").strip().lower()


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
    notify([user.email], "Someone is trying to sign in to your account", "auth.reset_request",
           action="If it was not you, choose a new password")
