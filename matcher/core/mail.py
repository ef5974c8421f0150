"""Notification emails: written with the change, sent by a job, never lost.

An email says that something needs attention and links to the page; it never
carries case details, so a mailbox that is read by someone else leaks nothing.

A message is a row (``OutgoingMail``) written in the transaction of the change it
announces: a change rolled back sends nothing, and a committed one always does.
Once the change commits, the ``deliver_mail`` job sends every message that is due,
one at a time, marking each sent in its own commit; a message the server refuses
or cannot take waits longer after each attempt (``RETRY_AFTER``) and goes with the
next delivery. Two deliveries at once (two workers) never take the same message:
each row is locked while it is sent (``SKIP LOCKED`` on PostgreSQL; SQLite has one
writer). A process killed after the server took a message and before its commit
sends it once more: at least once, as SMTP itself promises.

With no ``MAIL_SERVER`` configured, messages are written as ``.eml`` files to the
outbox folder instead of being sent.
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import force_locale, get_babel, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_mail import Message, email_dispatched
from sqlalchemy import func, select

from ..extensions import db, mail
from ..jobs.runner import enqueue
from ..models import OutgoingMail, User
from ..models._types import utcnow
from ..models.accounts import email_key

log = logging.getLogger(__name__)

# Seconds to wait after each failed attempt; the last is repeated.
RETRY_AFTER = (60, 300, 1800, 7200, 21600)


def notify(recipients, subject: str, endpoint: str, *, action: str = _l("Sign in to see it"),
           lines: Callable[[], list[str]] | None = None, **values) -> None:
    """Queue a short message pointing ``recipients`` at ``endpoint``; ``action`` says what the link is for,
    and ``lines``, if given, says the lines listed under the subject (a digest's matters: never a detail
    of a case).

    Each recipient reads it in their own language (``_by_language``): ``subject`` and ``action``
    are lazy strings (``_l``), and ``lines`` is called, once for each language."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    link = absolute_url(endpoint, **values)
    for language, group in _by_language(addresses).items():
        with force_locale(language):
            words, reason = str(subject), str(action)
            listed = "".join(f"- {line}\n" for line in lines()) + "\n" if lines else ""
            body = (
                _("Hello,") + "\n\n"
                + _("%(subject)s on the pro bono matching platform.", subject=words) + "\n"
                + listed
                + _("%(action)s: %(link)s", action=reason, link=link) + "\n\n"
                + _("For your safety this message holds no details of the matter.") + "\n"
            )
        db.session.add(OutgoingMail(recipients=group, subject=words, body=body))
    enqueue("deliver_mail")


def _by_language(addresses: list[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language each is written to in: the account's own setting;
    for an account without one, the platform's default; for an address with no account (someone
    registering, a colleague invited), the language of the page that set the message off."""
    keys = {email_key(address): address for address in addresses}
    chosen = dict(db.session.execute(
        select(User.email_key, User.language).where(User.email_key.in_(keys))).tuples().all())
    default = str(get_babel().default_locale)
    reader = str(get_locale() or default)
    groups: dict[str, list[str]] = {}
    for key, address in keys.items():
        language = (chosen[key] or default) if key in chosen else reader
        groups.setdefault(language, []).append(address)
    return groups


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


class NotDelivered(Exception):
    """Some messages are still pending: the job is retried, and they go when they are due."""


def deliver_due() -> int:
    """Send every message that is due, each marked sent in its own commit; returns how
    many were sent, and raises ``NotDelivered`` while some wait for another attempt."""
    sent, tried = 0, set()
    while (message := _next_due(tried)) is not None:
        tried.add(message.id)
        try:
            mail.send(Message(subject=message.subject, recipients=message.recipients, body=message.body,
                              sender=current_app.config["MAIL_DEFAULT_SENDER"]))
        except Exception as exc:  # the server's answer can quote an address: keep only its kind
            log.warning("a message to %d recipient(s) was not sent: %s", len(message.recipients),
                        type(exc).__name__)
            _put_off(message, type(exc).__name__)
        else:
            message.state, message.sent_at = "sent", utcnow()
            sent += 1
        db.session.commit()
    if waiting := pending_count():
        raise NotDelivered(f"{waiting} message(s) wait for another attempt")
    return sent


def _next_due(tried: set[int]) -> OutgoingMail | None:
    """The oldest pending message that is due and not tried in this delivery, locked
    against other deliveries."""
    query = (select(OutgoingMail)
             .where(OutgoingMail.state == "pending", OutgoingMail.next_attempt_at <= utcnow(),
                    OutgoingMail.id.not_in(tried))
             .order_by(OutgoingMail.id).limit(1).with_for_update(skip_locked=True))
    return db.session.scalar(query)


def _put_off(message: OutgoingMail, error: str) -> None:
    wait = RETRY_AFTER[min(message.attempts, len(RETRY_AFTER) - 1)]
    message.attempts += 1
    message.last_error = error
    message.next_attempt_at = utcnow() + timedelta(seconds=wait)


def pending_count() -> int:
    """Messages written and not yet sent, for the health check."""
    return db.session.scalar(select(func.count()).select_from(OutgoingMail).where(OutgoingMail.state == "pending"))


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
