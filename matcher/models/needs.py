"""A defender's legal need (the matter) and the parties on the other side."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..matching.engine.terms import SECTORS
from ..needs.states import NEED_STATES, ON_SILENCE
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedJSON, EncryptedText

URGENCIES = ("emergency", "urgent", "standard")
HANDLINGS = ("quiet", "public")
PARTY_KINDS = ("organisation", "person")


class Need(db.Model):
    """A matter. ``summary`` may be shown to proposed firms; ``details`` only after consent."""

    __tablename__ = "need"
    __table_args__ = (
        one_of("state", NEED_STATES, "state"),
        one_of("urgency", URGENCIES, "urgency"),
        one_of("handling", HANDLINGS, "handling"),
        one_of("on_silence", ON_SILENCE, "on_silence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    defender_id: Mapped[int] = mapped_column(ForeignKey("defender_profile.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    threat: Mapped[str] = mapped_column(String(40))
    country: Mapped[str] = mapped_column(String(2))
    languages: Mapped[list] = mapped_column(JSON, default=list)
    help_wanted: Mapped[list] = mapped_column(JSON, default=list)
    practice_areas: Mapped[list] = mapped_column(JSON, default=list)
    urgency: Mapped[str] = mapped_column(String(20), default="standard")
    deadline: Mapped[date | None] = mapped_column(Date)
    # What funding is asked for, if any: an amount in whole units of an ISO 4217 currency.
    amount_needed: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="")
    summary: Mapped[str] = mapped_column(EncryptedText)
    details: Mapped[str] = mapped_column(EncryptedText, default="")
    handling: Mapped[str] = mapped_column(String(10), default="quiet")
    consent_share_summary: Mapped[bool] = mapped_column(Boolean, default=False)
    # When a firm lets its answer window pass: suggest the next firms, or propose to them (``states.ON_SILENCE``).
    on_silence: Mapped[str] = mapped_column(String(10), default="suggest")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    defender = relationship("DefenderProfile", back_populates="needs")
    parties = relationship(
        "AdverseParty",
        back_populates="need",
        order_by="AdverseParty.id",
        cascade="all, delete-orphan",
    )
    matches = relationship("Match", back_populates="need", order_by="Match.id")
    checks = relationship(
        "ConflictCheck", back_populates="need", cascade="all, delete-orphan"
    )


class AdverseParty(db.Model):
    """A company, official or person on the other side of a need."""

    __tablename__ = "adverse_party"
    __table_args__ = (one_of("kind", PARTY_KINDS, "kind"), one_of("sector", ("", *SECTORS), "sector"))

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id"), index=True)
    # Who a defender opposes is as sensitive as what they say: both are sealed at rest.
    name: Mapped[str] = mapped_column(EncryptedText)
    kind: Mapped[str] = mapped_column(String(20), default="organisation")
    country: Mapped[str] = mapped_column(String(2), default="")
    aliases: Mapped[list] = mapped_column(EncryptedJSON, default=list)
    # What the party does ("" if not said): a firm may have declared it does not act against the sector.
    sector: Mapped[str] = mapped_column(String(20), default="")

    need = relationship("Need", back_populates="parties")

    @property
    def names(self) -> list[str]:
        """The party's name and every alias, the names a screen must try."""
        return [self.name, *self.aliases]
