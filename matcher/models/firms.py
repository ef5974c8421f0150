"""Law firms, their client lists and their offers of pro bono capacity."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..matching.engine.terms import PRACTICE_AREAS, SECTORS
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedJSON, EncryptedText

CLIENT_KINDS = ("organisation", "person")
CLIENT_RELATIONSHIPS = ("current", "former")
# Years a former client still counts as a conflict after the relationship ended, unless the firm says.
FORMER_CLIENT_YEARS = 3


class LawFirm(db.Model):
    __tablename__ = "law_firm"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    contact_name: Mapped[str] = mapped_column(EncryptedText)
    contact_email: Mapped[str] = mapped_column(EncryptedText)
    contact_phone: Mapped[str] = mapped_column(EncryptedText, default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    clients_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A firm without a list is never clear, unless a member attests it has no clients to declare;
    # the attestation holds for NO_CLIENTS_ATTESTATION_DAYS (``conflicts.screening.screenable``).
    no_clients_attested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # use_alter: users belong to firms too, and the two tables must be made and dropped in some order.
    no_clients_attested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", use_alter=True))
    # How long a former client counts: past it, a hit on one is shown as information only.
    former_client_years: Mapped[int] = mapped_column(Integer, default=FORMER_CLIENT_YEARS)
    # When the firm was last sent the digest of the matters waiting for its answer (one a day at most).
    digest_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    no_clients_attested_by = relationship("User", foreign_keys=[no_clients_attested_by_id])
    members = relationship("User", back_populates="firm", order_by="User.id", foreign_keys="User.firm_id")
    offers = relationship("Offer", back_populates="firm", order_by="Offer.id")


class FirmPosition(db.Model):
    """A firm's declaration of what it does not act against, whoever its clients are: a party in a
    sector, a company it is no client of ("we pitch for Banco X"), a kind of matter (a practice
    area), in one country or ("") any; "" for each it does not name, at least one of the first three
    named. "We act for mining companies in Peru", "no criminal defence against the state". Screening
    treats a need under it as a potential conflict."""

    __tablename__ = "firm_position"
    __table_args__ = (one_of("sector", ("", *SECTORS), "sector"),
                      one_of("practice_area", ("", *PRACTICE_AREAS), "practice_area"))

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)
    sector: Mapped[str] = mapped_column(String(20), default="")
    practice_area: Mapped[str] = mapped_column(String(40), default="")
    # Whom the firm will not oppose is its confidence, as its clients are: sealed, and shown to its
    # members and to the coordinators reviewing a hit on it, no one else.
    company: Mapped[str] = mapped_column(EncryptedText, default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    note: Mapped[str] = mapped_column(EncryptedText, default="")  # it may name the firm's clients
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    firm = relationship("LawFirm")
    created_by = relationship("User")


class ClientEntry(db.Model):
    """One row of a firm's client list, as the firm uploaded it; names sealed, since a
    firm's clients are its confidences (screening finds them by ``ClientNameKey``)."""

    __tablename__ = "client_entry"
    __table_args__ = (
        UniqueConstraint("firm_id", "external_id"),
        one_of("kind", CLIENT_KINDS, "kind"),
        one_of("relationship", CLIENT_RELATIONSHIPS, "relationship"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)
    external_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(EncryptedText)
    aliases: Mapped[list] = mapped_column(EncryptedJSON, default=list)
    kind: Mapped[str] = mapped_column(String(20), default="organisation")
    country: Mapped[str] = mapped_column(String(2), default="")
    parent_external_id: Mapped[str] = mapped_column(String(100), default="")
    lei: Mapped[str] = mapped_column(String(20), default="")
    relationship: Mapped[str] = mapped_column(String(10), default="current")
    ended_on: Mapped[date | None] = mapped_column(Date)  # when a former client stopped being one
    # The parent's row, resolved at import, so screening walks a family by indexed ids.
    parent_entry_id: Mapped[int | None] = mapped_column(ForeignKey("client_entry.id"), index=True)
    # The name and aliases with their normalised forms ([[name, form], ...]), written at import:
    # what a screen reads of a candidate (``conflicts.clientindex``).
    screen_names: Mapped[list | None] = mapped_column(EncryptedJSON)


class ClientNameKey(db.Model):
    """The screening index: one row per key a client's name, aliases or LEI is filed under.

    It lives in the database so every web process and worker shares it and a
    screen looks keys up instead of reading whole client lists. The primary key
    starts with the firm, so an import deletes its firm's rows as one range; the
    lookup index starts with the key and holds every column a screen reads, and its
    rows per key tell how common a key is. It is derived data written only by
    ``matcher.clientindex`` together with the entries, so it has no foreign keys:
    checking one per row would double the time of a bulk import of millions of rows.
    """

    __tablename__ = "client_name_key"
    __table_args__ = (
        Index("ix_client_name_key_lookup", "key", "firm_id", "client_id"),
        {"sqlite_with_rowid": False},
    )

    firm_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    client_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    is_alias: Mapped[bool] = mapped_column(Boolean, default=False)


class Invitation(db.Model):
    """A member's invitation of a colleague to the firm's team; the emailed link names this row, so
    it can be listed while pending, revoked, and used only once."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)
    email: Mapped[str] = mapped_column(EncryptedText)
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    invited_by = relationship("User")


class Offer(db.Model):
    """Capacity a firm makes available, for a period, in given places and languages."""

    __tablename__ = "offer"
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint(
            "capacity_used >= 0 AND capacity_used <= capacity", name="capacity_used_in_range"
        ),
        CheckConstraint("answer_within_hours IS NULL OR answer_within_hours >= 1", name="answer_within_hours_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    practice_areas: Mapped[list] = mapped_column(JSON, default=list)
    jurisdictions: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    help_kinds: Mapped[list] = mapped_column(JSON, default=list)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    capacity_used: Mapped[int] = mapped_column(Integer, default=0)
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    # How fast the firm promises to answer a proposal under an emergency-ready offer, in hours.
    answer_within_hours: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    firm = relationship("LawFirm", back_populates="offers")

    @property
    def capacity_left(self) -> int:
        return self.capacity - self.capacity_used

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until
