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

Each move also logs which rows it was for (``CatalogueChange``), so a process whose
profiles are a few versions old makes again only those of the offers, funds and firms
that changed since (``changes_since``); a firm's match changes that firm's history.
The log keeps the last ``KEPT_VERSIONS``: a process further behind reads everything.
"""

from dataclasses import dataclass, field

from sqlalchemy import BigInteger, Integer, String, event, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..extensions import db
from .firms import LawFirm, Offer
from .funds import LegalAidFund
from .matches import Match

# What the ranking reads: a change to any of these makes its profiles stale.
RANKED_FROM = (Offer, LegalAidFund, LawFirm, Match)
_ROW = 1
_CHANGED = "matcher.catalogue_changed"
KEPT_VERSIONS = 1000
EVERYTHING = ("all", 0)  # what a writer that bypassed the ORM changed, as far as anyone knows


class CatalogueVersion(db.Model):
    """One row: how many committed transactions have changed what candidates are ranked from."""

    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class CatalogueChange(db.Model):
    """One row a version changed: ``kind`` is "offer", "fund" or "firm" (a firm's own row or
    one of its matches), or "all"."""

    __tablename__ = "catalogue_change"

    version: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(5), primary_key=True)
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


@dataclass
class Changes:
    """The ids of the offers, funds and firms changed between two versions."""

    offers: set[int] = field(default_factory=set)
    funds: set[int] = field(default_factory=set)
    firms: set[int] = field(default_factory=set)


def changes_since(version: int, now: int) -> Changes | None:
    """What changed after ``version`` up to ``now``, or None if the log no longer reaches back
    that far or a change was not told row by row: then everything is to be read again."""
    if now - version > KEPT_VERSIONS:
        return None
    changes = Changes()
    rows = db.session.execute(select(CatalogueChange.kind, CatalogueChange.row_id)
                              .where(CatalogueChange.version > version, CatalogueChange.version <= now))
    for kind, row_id in rows:
        if (kind, row_id) == EVERYTHING:
            return None
        getattr(changes, f"{kind}s").add(row_id)
    return changes


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
    """Move the version in the session's transaction, for rows changed without the ORM's knowing."""
    _move(db.session, {EVERYTHING})


def _move(session, rows: set[tuple[str, int]]) -> None:
    """One more, logged with the ``(kind, id)`` of each row changed; the version's row is made by
    the first change (a database made by ``create_all`` has none)."""
    session.execute(text("INSERT INTO catalogue_version (id, version) VALUES (:row, 1) "
                         "ON CONFLICT (id) DO UPDATE SET version = catalogue_version.version + 1"), {"row": _ROW})
    version = session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == _ROW))
    session.execute(CatalogueChange.__table__.insert(),
                    [{"version": version, "kind": kind, "row_id": row_id} for kind, row_id in sorted(rows)])
    session.execute(CatalogueChange.__table__.delete().where(CatalogueChange.version <= version - KEPT_VERSIONS))


def _logged(row) -> tuple[str, int] | None:
    """What a changed row stands for in the log: a match stands for its firm's history, and a
    fund's match for nothing the ranking reads."""
    if isinstance(row, Match):
        return None if row.firm_id is None else ("firm", row.firm_id)
    return {Offer: "offer", LegalAidFund: "fund", LawFirm: "firm"}[type(row)], row.id


@event.listens_for(Session, "after_flush")
def _note_changes(session, _context) -> None:
    # A row is dirty too when only a collection of it changed (a firm given one more offer): that
    # offer is logged, not every other offer of the firm.
    dirty = (row for row in session.dirty if session.is_modified(row, include_collections=False))
    changed = (row for rows in (session.new, dirty, session.deleted) for row in rows if isinstance(row, RANKED_FROM))
    logged = {row for row in map(_logged, changed) if row is not None}
    if logged:
        session.info.setdefault(_CHANGED, set()).update(logged)


@event.listens_for(Session, "before_commit")
def _move_version(session) -> None:
    session.flush()  # what is still pending is part of this transaction's changes
    noted = session.info.pop(_CHANGED, None)
    if noted:
        _move(session, noted)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session) -> None:
    session.info.pop(_CHANGED, None)
