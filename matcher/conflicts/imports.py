"""Imports of a whole list (a firm's clients, the relations registry), run as jobs, in phases.

The request validates the file, which is quick and lets a bad file be refused on the
upload page itself, records the import with its rows sealed, and answers at once with
the import's status page, which reloads itself (a ``Refresh`` header: no script) until
the import is done. The job runs on a worker where Redis is configured, in a thread of
the process otherwise (SQLite's single writer is then that thread; the import switches
the file to WAL journaling so pages keep reading while it writes).

Phases are committed one by one: waiting, importing (the swap of the list and the
re-screening of the open needs, in ONE transaction, because a list swapped in without
its re-screening could let a firm see a need that now conflicts), then done or failed.
Inside that transaction the count of needs screened is reported outside it
(``jobs.progress``), so the page can say how far it has come. A worker that dies
mid-import rolls its transaction back, leaving the old list in force, and the job runs
again; an import that never finishes is shown as stopped after ``STALLED_AFTER``.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..jobs import progress
from ..jobs.runner import enqueue
from ..models._types import utcnow
from ..models.imports import ImportRun
from .screening import Progress

# Longer than an import's job may run, and its retry after a dead worker.
STALLED_AFTER = timedelta(hours=1)
log = logging.getLogger(__name__)


def start(record: ImportRun, payload, rows: int, job: str) -> ImportRun:
    """Record the import of ``rows`` validated rows (``payload``, as JSON) and queue ``job`` to
    run it once this commits."""
    record.state, record.rows, record.payload = "waiting", rows, payload
    db.session.add(record)
    db.session.flush()
    enqueue(job, record.id)
    return record


def run(model: type[ImportRun], import_id: int, work: Callable[[ImportRun, Any, Progress], int]) -> None:
    """Run ``work(record, payload, progress)``, which returns how many needs it screened, in
    one transaction, and mark the import done; on any failure nothing of it is kept and the
    import is marked failed. An import already finished is left alone: the job may run
    again after its worker died."""
    record = db.session.get(model, import_id)
    if record is None or record.finished:
        return
    if db.engine.dialect.name == "sqlite":
        # Readers never wait for a WAL writer; the mode is kept in the file.
        db.session.connection().exec_driver_sql("PRAGMA journal_mode=WAL")
        db.session.commit()
    payload = record.payload
    record.state, record.started_at = "importing", utcnow()
    db.session.commit()
    key = _key(record)
    try:
        screened = work(record, payload, lambda done, total: progress.report(key, done, total))
        record.state, record.needs_screened, record.finished_at, record.payload = "done", screened, utcnow(), None
        db.session.commit()
    except Exception as exc:
        # Only the kind of error: a database's message can quote the names it choked on.
        log.error("%s %s failed: %s", model.__tablename__, import_id, type(exc).__name__)
        db.session.rollback()
        record = db.session.get(model, import_id)
        record.state, record.finished_at, record.payload = "failed", utcnow(), None
        record.error = "The import failed unexpectedly; the previous list remains in place."
        db.session.commit()


def screened_so_far(record: ImportRun) -> tuple[int, int] | None:
    """(needs screened, needs to screen) of an import under way, when it has said."""
    return progress.read(_key(record)) if record.state == "importing" else None


def running(model: type[ImportRun], *where) -> ImportRun | None:
    """The import still under way among ``where``, if any (one at a time: each replaces a whole list)."""
    return db.session.scalar(select(model).where(
        *where, model.state.in_(("waiting", "importing")), model.created_at >= utcnow() - STALLED_AFTER,
    ).order_by(model.id.desc()).limit(1))


def is_stalled(record: ImportRun) -> bool:
    """Unfinished for longer than any import takes: its worker died and the job did not come back."""
    return not record.finished and record.created_at < utcnow() - STALLED_AFTER


def _key(record: ImportRun) -> str:
    return f"{record.__tablename__}:{record.id}"
