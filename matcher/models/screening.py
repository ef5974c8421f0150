"""Stored results of conflict screening: one check per need and firm, with its hits."""

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._types import one_of, utcnow

CHECK_RESULTS = ("clear", "potential", "conflict")
HIT_BANDS = ("conflict", "review")
HIT_DECISIONS = ("confirmed", "cleared", "waived")


class ConflictCheck(db.Model):
    __tablename__ = "conflict_check"
    __table_args__ = (
        UniqueConstraint("need_id", "firm_id"),
        one_of("result", CHECK_RESULTS, "result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id"))
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)
    result: Mapped[str] = mapped_column(String(20))
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    need = relationship("Need", back_populates="checks")
    firm = relationship("LawFirm")
    hits = relationship(
        "ConflictHit",
        back_populates="check",
        order_by="ConflictHit.id",
        cascade="all, delete-orphan",
    )


class ConflictHit(db.Model):
    """One adverse-party name that matched one client row, and why.

    The client's name is copied so a coordinator sees the one row that matched
    without being given the firm's list.
    """

    __tablename__ = "conflict_hit"
    __table_args__ = (
        one_of("band", HIT_BANDS, "band"),
        one_of("decision", HIT_DECISIONS, "decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(
        ForeignKey("conflict_check.id", ondelete="CASCADE"), index=True
    )
    party_name: Mapped[str] = mapped_column(String(300))
    client_name: Mapped[str] = mapped_column(String(300))
    client_external_id: Mapped[str] = mapped_column(String(100))
    band: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(20))
    decision_note: Mapped[str] = mapped_column(Text, default="")

    check = relationship("ConflictCheck", back_populates="hits")
