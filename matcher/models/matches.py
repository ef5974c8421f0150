"""A need paired with a firm's offer or with a legal-aid fund."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..needs.outcomes import OUTCOMES, VERDICTS
from ..needs.states import MATCH_STATES, OPEN_MATCH_STATES
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedText


class Match(db.Model):
    """Suggested matches are computed on the fly; a row exists once a coordinator proposes."""

    __tablename__ = "match"
    __table_args__ = (
        one_of("state", MATCH_STATES, "state"),
        CheckConstraint(
            "(offer_id IS NULL) <> (fund_id IS NULL)", name="offer_or_fund"
        ),
        one_of("outcome", OUTCOMES, "outcome"),
        one_of("helped", VERDICTS, "helped"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
        CheckConstraint("granted_amount > 0", name="granted_amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id"), index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"), index=True)
    firm_id: Mapped[int | None] = mapped_column(ForeignKey("law_firm.id"), index=True)
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("legal_aid_fund.id"))
    state: Mapped[str] = mapped_column(String(20), default="proposed")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    # None when the platform proposed it, after another firm stayed silent.
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A proposal to a firm for an urgent need is answered by then (``needs.windows``); None: no window.
    answer_by: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # When the firm was reminded that its window had passed; it lapses a grace period later.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_note: Mapped[str] = mapped_column(EncryptedText, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A firm's closing (``needs.outcomes.Closing``): its hours, when the work ran, how the matter ended.
    hours: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    work_started_on: Mapped[date | None] = mapped_column(Date)
    work_ended_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str] = mapped_column(EncryptedText, default="")
    # A fund's grant (``needs.outcomes.Grant``): how much, in what currency, for which kinds of help.
    granted_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    granted_currency: Mapped[str | None] = mapped_column(String(3))
    granted_for: Mapped[list] = mapped_column(JSON, default=list)
    # The defender's private word on whether the help helped: never shown to the firm or the fund.
    helped: Mapped[str | None] = mapped_column(String(20))
    helped_note: Mapped[str] = mapped_column(EncryptedText, default="")

    need = relationship("Need", back_populates="matches")
    offer = relationship("Offer")
    firm = relationship("LawFirm")
    fund = relationship("LegalAidFund")

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_MATCH_STATES
