"""The version of what candidates are ranked from, so each process may keep it until it changes.

Ranking a need reads every offer and fund with its firm and that firm's past answers:
ten thousand rows, turned into the engine's profiles, on every need page. They change
far less often than pages are read, so ``matching.ranking`` keeps the profiles and asks
here whether they are still current: one row, read by its key.

Every transaction that changed an offer, a fund, a firm or a match moves the counter
as it commits. The change and the counter commit together, and the counter row is
locked until then, so no process can read a new counter with the old rows, nor miss
a change committed after another one began. The counter is moved last, at the commit,
when every other lock the transaction needs is already held: waiting for it never
closes a circle. Writers that bypass the ORM (``demo.world``) call ``changed``.
"""

from sqlalchemy import BigInteger, event, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..extensions import db
from .firms import LawFirm, Offer
from .funds import LegalAidFund
from .matches import Match

# What the ranking reads: a change to any of these makes its profiles stale.
RANKED_FROM = (Offer, LegalAidFund, LawFirm, Match)
_ROW = 1
_CHANGED = "matcher.catalogue_changed"


class CatalogueVersion(db.Model):
    """One row: how many committed transactions have changed what candidates are ranked from."""

    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


def current() -> int:
    """The version as this transaction sees it (0 before anything was ever changed)."""
    return db.session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == _ROW)) or 0


def pending() -> bool:
    """Whether this session changed what candidates are ranked from and has not committed yet:
    its own ranking must then read the rows, which no other process sees yet."""
    session = db.session()
    return bool(session.info.get(_CHANGED)) or any(
        isinstance(row, RANKED_FROM) for rows in (session.new, session.dirty, session.deleted) for row in rows)


def changed() -> None:
    """Move the version in the session's transaction."""
    _move(db.session)


def _move(session) -> None:
    """One more; the row is made by the first change (a database made by ``create_all`` has none)."""
    session.execute(text("INSERT INTO catalogue_version (id, version) VALUES (:row, 1) "
                         "ON CONFLICT (id) DO UPDATE SET version = catalogue_version.version + 1"), {"row": _ROW})


@event.listens_for(Session, "after_flush")
def _note_changes(session, _context) -> None:
    if any(isinstance(row, RANKED_FROM) for rows in (session.new, session.dirty, session.deleted) for row in rows):
        session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _move_version(session) -> None:
    session.flush()  # what is still pending is part of this transaction's changes
    if session.info.pop(_CHANGED, False):
        _move(session)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session) -> None:
    session.info.pop(_CHANGED, None)
