"""The catalogue of legal-aid funds that coordinators keep."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._types import UTCDateTime, utcnow


class LegalAidFund(db.Model):
    """A fund a need can be matched to. Empty country or kind lists mean any."""

    __tablename__ = "legal_aid_fund"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    run_by: Mapped[str] = mapped_column(String(200))
    countries: Mapped[list] = mapped_column(JSON, default=list)
    defender_kinds: Mapped[list] = mapped_column(JSON, default=list)
    covers: Mapped[list] = mapped_column(JSON, default=list)
    max_amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    turnaround_days: Mapped[int] = mapped_column(Integer)
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
