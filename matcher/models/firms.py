"""Law firms, their client lists and their offers of pro bono capacity."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import one_of, utcnow

CLIENT_KINDS = ("organisation", "person")


class LawFirm(db.Model):
    __tablename__ = "law_firm"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_phone: Mapped[str] = mapped_column(String(60), default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    clients_updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    members = relationship("User", back_populates="firm", order_by="User.id")
    offers = relationship("Offer", back_populates="firm", order_by="Offer.id")


class ClientEntry(db.Model):
    """One row of a firm's client list, as the firm uploaded it."""

    __tablename__ = "client_entry"
    __table_args__ = (
        UniqueConstraint("firm_id", "external_id"),
        one_of("kind", CLIENT_KINDS, "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)
    external_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    kind: Mapped[str] = mapped_column(String(20), default="organisation")
    country: Mapped[str] = mapped_column(String(2), default="")
    parent_external_id: Mapped[str] = mapped_column(String(100), default="")
    lei: Mapped[str] = mapped_column(String(20), default="")


class ClientNameKey(db.Model):
    """The screening index: one normalised key per client name or alias.

    It lives in the database so every web process and worker shares it and a
    screen looks keys up instead of reading whole client lists.
    """

    __tablename__ = "client_name_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"))
    client_id: Mapped[int] = mapped_column(
        ForeignKey("client_entry.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(300), index=True)
    is_alias: Mapped[bool] = mapped_column(Boolean, default=False)


class Offer(db.Model):
    """Capacity a firm makes available, for a period, in given places and languages."""

    __tablename__ = "offer"
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint(
            "capacity_used >= 0 AND capacity_used <= capacity", name="capacity_used_in_range"
        ),
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
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    firm = relationship("LawFirm", back_populates="offers")

    @property
    def capacity_left(self) -> int:
        return self.capacity - self.capacity_used

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until
