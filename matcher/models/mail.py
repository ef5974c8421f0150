"""Outgoing mail, kept as rows until sent, so that no message is lost with a process or a server."""

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedJSON, EncryptedText

MAIL_STATES = ("pending", "sent")


class OutgoingMail(db.Model):
    """One message, written in the transaction of the change it announces and sent by a job.

    Addresses and text are sealed: a message holds no case details, but who is told
    what, and when, says who is involved."""

    __tablename__ = "outgoing_mail"
    __table_args__ = (one_of("state", MAIL_STATES, "state"),
                      Index("ix_outgoing_mail_due", "state", "next_attempt_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    recipients: Mapped[list] = mapped_column(EncryptedJSON)
    subject: Mapped[str] = mapped_column(EncryptedText)
    body: Mapped[str] = mapped_column(EncryptedText)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(80), default="")  # the kind of error, never its text
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
