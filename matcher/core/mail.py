"""Notification emails: queued with the change, sent only once the change is committed.

An email says that something needs attention and links to the page; it never
carries case details, so a mailbox that is read by someone else leaks nothing.
With no ``MAIL_SERVER`` configured, messages are written as ``.eml`` files to the
outbox folder instead of being sent.
"""

import logging
import time
from pathlib import Path

from flask import current_app
from flask_mail import Message, email_dispatched
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..extensions import db, mail
from ..models import User

log = logging.getLogger(__name__)

_QUEUE = "outgoing_mail"


def notify(recipients, subject: str, endpoint: str, *, action: str = "Sign in to see it", **values) -> None:
    """Queue a short message pointing ``recipients`` at ``endpoint``; ``action`` says what the link is for."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    link = absolute_url(endpoint, **values)
    body = (
        "Hello,\n\n"
        f"{subject} on the pro bono matching platform.\n"
        f"{action}: {link}\n\n"
        "For your safety this message holds no details of the matter.\n"
    )
    message = Message(
        subject=subject,
        recipients=addresses,
        body=body,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
    )
    db.session.info.setdefault(_QUEUE, []).append(message)


def staff_emails() -> list[str]:
    """Every coordinator and admin who can act on what a message announces."""
    query = select(User.email).where(User.role.in_(("coordinator", "admin")), User.is_disabled.is_(False))
    return list(db.session.scalars(query))


def firm_emails(firm_id: int | None) -> list[str]:
    if firm_id is None:
        return []
    query = select(User.email).where(User.firm_id == firm_id, User.is_disabled.is_(False))
    return list(db.session.scalars(query))


def absolute_url(endpoint: str, **values) -> str:
    """A link for an email, built without a request from ``BASE_URL``."""
    adapter = current_app.url_map.bind("localhost")
    path = adapter.build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


@event.listens_for(Session, "after_commit")
def _send_queued(session: Session) -> None:
    for message in session.info.pop(_QUEUE, []):
        try:
            mail.send(message)
        except Exception:  # a mail outage must not undo a committed change
            log.exception("could not send a notification to %d recipient(s)", len(message.recipients))


@event.listens_for(Session, "after_rollback")
def _drop_queued(session: Session) -> None:
    session.info.pop(_QUEUE, None)


def write_to_outbox(app, message: Message) -> None:
    """In the embedded setup, keep each message as a file a person can open."""
    if app.config.get("MAIL_SERVER"):
        return
    outbox = Path(app.config["MAIL_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.monotonic_ns()}.eml"
    (outbox / name).write_bytes(message.as_bytes())


def init_app(app) -> None:
    """Bind Flask-Mail, suppressing SMTP when no server is configured (before Flask-Mail reads it)."""
    if not app.config.get("MAIL_SERVER"):
        app.config["MAIL_SUPPRESS_SEND"] = True
    mail.init_app(app)
    email_dispatched.connect(write_to_outbox)
