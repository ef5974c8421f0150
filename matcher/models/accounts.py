"""People who use the platform and the defender's profile."""

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..core.crypto import index_digest
from ..extensions import db
from ..matching.engine import terms
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedText

ROLES = ("defender", "firm", "coordinator", "admin")
DEFENDER_KINDS = tuple(terms.DEFENDER_KINDS)


class User(UserMixin, db.Model):
    """An account. Defenders taken in offline by a coordinator have no password."""

    __tablename__ = "user_account"
    __table_args__ = (one_of("role", ROLES, "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The address is sealed (a defender's address can name them); it is found again by
    # ``email_key``, a keyed digest set whenever the address is (see ``with_email``).
    email: Mapped[str | None] = mapped_column(EncryptedText)
    email_key: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(EncryptedText)
    firm_id: Mapped[int | None] = mapped_column(ForeignKey("law_firm.id"), index=True)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The language the pages and this person's mail are in (``web.languages``); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(5))
    # The zone this person reads times in (an IANA name); None: their country's (``web.languages``).
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Two-factor authentication: the TOTP secret (sealed), the last time step used
    # (a code works once), and one-time recovery codes, stored as SHA-256 digests.
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    recovery_codes: Mapped[list] = mapped_column(JSON, default=list)
    # Signing out ends every session of the account begun before this moment (epoch milliseconds).
    sessions_valid_after: Mapped[int] = mapped_column(BigInteger, default=0)

    firm = relationship("LawFirm", back_populates="members", foreign_keys=[firm_id])
    defender = relationship("DefenderProfile", back_populates="user", uselist=False)

    @validates("email")
    def _keep_email_key(self, _key, email: str | None) -> str | None:
        self.email_key = email_key(email) if email else None
        return email

    @classmethod
    def with_email(cls, email: str | None):
        """The condition that finds the account with ``email`` (any case), for ``where``;
        no address finds no account."""
        return cls.email_key == email_key(email) if email and email.strip() else false()

    @property
    def session_token(self) -> str:
        """Changes with the password hash, so a new password ends every other session."""
        return hashlib.sha256((self.password_hash or "").encode()).hexdigest()[:24]

    def get_id(self) -> str:
        """What the session stores: the id and the token, checked on every request."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses sessions to disabled and password-less accounts."""
        return not self.is_disabled and self.password_hash is not None

    @property
    def is_staff(self) -> bool:
        """Coordinators and admins run the vetting organisation's side."""
        return self.role in ("coordinator", "admin")

    @property
    def needs_two_factor(self) -> bool:
        """Staff and firm members hold other people's secrets: a password alone is not enough."""
        return self.role in ("coordinator", "admin", "firm")

    @property
    def is_verified(self) -> bool:
        """Whether the vetting organisation has verified this account's party."""
        if self.role == "defender":
            return bool(self.defender and self.defender.verified)
        if self.role == "firm":
            return bool(self.firm and self.firm.verified)
        return True


def email_key(email: str) -> int:
    """The digest an address is found by: the same for any case and surrounding spaces."""
    return index_digest("email:" + email.strip().lower())


class DefenderProfile(db.Model):
    """A defender as the platform knows them: a pseudonym, never a required real name."""

    __tablename__ = "defender_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    pseudonym: Mapped[str] = mapped_column(EncryptedText)
    # Every kind the defender is, one or more of ``DEFENDER_KINDS``: a woman indigenous land defender is three.
    kinds: Mapped[list] = mapped_column(JSON, default=lambda: ["individual"])
    country: Mapped[str] = mapped_column(String(2))
    languages: Mapped[list] = mapped_column(JSON, default=list)
    # How to reach the defender safely: released to a firm only after consent.
    contact: Mapped[str] = mapped_column(EncryptedText, default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User", back_populates="defender")
    needs = relationship("Need", back_populates="defender", order_by="Need.id")

    @validates("kinds")
    def _known_kinds(self, _key, kinds: list[str]) -> list[str]:
        """What a CHECK constraint did while a defender was one kind, which a JSON list cannot have:
        no unknown kind, and at least one."""
        if not kinds or not set(kinds) <= set(DEFENDER_KINDS):
            raise ValueError(f"a defender's kinds must be one or more of {', '.join(DEFENDER_KINDS)}: {kinds!r}")
        return list(kinds)
