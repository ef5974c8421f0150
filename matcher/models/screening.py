"""Stored results of conflict screening: one check per need and firm, with its hits."""

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conflicts.decisions import DECISIONS
from ..conflicts.engine import RULES
from ..conflicts.engine.relations import KINDS as RELATION_KINDS
from ..extensions import db
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedText

# "unscreened": the firm has no client list to screen against, and has not attested it needs none.
CHECK_RESULTS = ("clear", "potential", "conflict", "unscreened")
# "information": a former client past the firm's look-back, shown but never keeping the firm away.
HIT_BANDS = ("conflict", "review", "information")
# The engine's rules, and "unrecorded": hits stored before the rule was kept, until they are screened again.
HIT_RULES = (*RULES, "unrecorded")


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
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    need = relationship("Need", back_populates="checks")
    firm = relationship("LawFirm")
    hits = relationship(
        "ConflictHit",
        back_populates="check",
        order_by="ConflictHit.id",
        cascade="all, delete-orphan",
    )


class ConflictHit(db.Model):
    """One adverse-party name that matched one client row, and why: the engine's rule as a
    code, and the reason in words.

    The client's name is copied so a coordinator sees the one row that matched
    without being given the firm's list.
    """

    __tablename__ = "conflict_hit"
    __table_args__ = (
        one_of("band", HIT_BANDS, "band"),
        one_of("rule", HIT_RULES, "rule"),
        one_of("decision", DECISIONS, "decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(
        ForeignKey("conflict_check.id", ondelete="CASCADE"), index=True
    )
    party_name: Mapped[str] = mapped_column(EncryptedText)
    client_name: Mapped[str] = mapped_column(EncryptedText)
    client_external_id: Mapped[str] = mapped_column(String(100))
    band: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(EncryptedText)  # it names both parties
    decision: Mapped[str | None] = mapped_column(String(20))
    # What a coordinator wrote about the names: sealed like every other note.
    decision_note: Mapped[str] = mapped_column(EncryptedText, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The remembered decision applied to the hit: who agreed to a waiver, when, and its scope.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("conflict_decision.id", ondelete="SET NULL"))

    check = relationship("ConflictCheck", back_populates="hits")
    remembered = relationship("ConflictDecision")


class ConflictDecision(db.Model):
    """A coordinator's judgement on one party name against one client row, remembered.

    It is applied again to the same pair on every later screen (of ``need_id`` alone when the
    decision was scoped to one need), and lapses as soon as what it was made on changes: either
    name (the keys are the normalised names it was made on), or how they matched (``basis``: the
    band and the rule), so a waiver given for a likeness is not stretched over a certain match.
    A waiver keeps who agreed to it and on which day.
    """

    __tablename__ = "conflict_decision"
    __table_args__ = (
        UniqueConstraint("firm_id", "party_key", "client_external_id", "need_id"),
        one_of("decision", DECISIONS, "decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"))
    party_key: Mapped[str] = mapped_column(String(300))
    client_external_id: Mapped[str] = mapped_column(String(100))
    client_key: Mapped[str] = mapped_column(String(300))
    decision: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(EncryptedText)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    basis: Mapped[str] = mapped_column(String(40), default="")
    agreed_by: Mapped[str] = mapped_column(EncryptedText, default="")  # it names people
    agreed_on: Mapped[date | None] = mapped_column(Date)

    decided_by = relationship("User")


class CorporateRelation(db.Model):
    """One link of the platform's registry of corporate relations: ``child`` is what ``kind``
    says of ``parent`` (``engine.relations.Link``)."""

    __tablename__ = "corporate_relation"
    __table_args__ = (UniqueConstraint("child_key", "parent_key", "kind"),
                      one_of("kind", RELATION_KINDS, "kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    child_name: Mapped[str] = mapped_column(String(300))
    parent_name: Mapped[str] = mapped_column(String(300))
    child_key: Mapped[str] = mapped_column(String(300), index=True)
    parent_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
