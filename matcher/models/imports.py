"""Imports of whole lists, run as jobs, so their progress can be shown while they run."""

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from ..extensions import db
from ._types import UTCDateTime, one_of, utcnow
from .sealed import EncryptedJSON

IMPORT_STATES = ("waiting", "importing", "done", "failed")


class ImportRun:
    """What every import keeps: its phase, its size, what it screened again, and its rows."""

    @declared_attr.directive
    def __table_args__(cls):
        return (one_of("state", IMPORT_STATES, "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    state: Mapped[str] = mapped_column(String(20), default="waiting")
    rows: Mapped[int] = mapped_column(Integer, default=0)
    needs_screened: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")
    # The validated rows, sealed, for the job that imports them (on whichever worker it
    # runs, as often as it is retried); emptied once the import is done or failed.
    payload: Mapped[Any] = mapped_column(EncryptedJSON, nullable=True, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class ClientImport(ImportRun, db.Model):
    """One upload of a firm's client list."""

    __tablename__ = "client_import"

    firm_id: Mapped[int] = mapped_column(ForeignKey("law_firm.id"), index=True)


class RegistryImport(ImportRun, db.Model):
    """One upload of the corporate relations registry, by a coordinator."""

    __tablename__ = "registry_import"
