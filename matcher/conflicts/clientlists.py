"""Firms' client lists: reading an uploaded CSV and swapping it in whole, with progress.

A file is validated completely before anything is stored; one bad line refuses
the whole file, with every problem reported by line number.

An upload of 100,000 rows takes several seconds to index and to re-screen the open
needs against, so it is an import (``ClientImport``) run as a job (``jobs``): the
request validates the file, which is quick and lets a bad file be refused on the
upload page itself, records the import with its rows sealed, and answers at once
with the import's status page, which reloads itself (a ``Refresh`` header: no
script) until the import is done. The job runs on a worker where Redis is
configured, in a thread of the process otherwise (SQLite's single writer is then
that thread; the import switches the file to WAL journaling so pages keep reading
while it writes).

Progress is told by phases, each committed on its own: waiting, importing (the
swap of the list, its index and the re-screening of open needs, in ONE
transaction, because a list swapped in without its re-screening could let a firm
see a need that conflicts with a new client), then done or failed. A finer count
inside that transaction could not be committed without breaking its atomicity, so
the page says what is being done and for how long, not a made-up percentage. A
worker that dies mid-import rolls its transaction back, leaving the old list in
force, and the job runs again; an import that never finishes is shown as stopped
after ``STALLED_AFTER``.
"""

import logging
import re
from dataclasses import astuple, dataclass
from datetime import timedelta

from sqlalchemy import select

from ..core import audit, csvfiles
from ..core.refusals import Refused
from ..extensions import db
from ..jobs.runner import enqueue
from ..matching import vocab
from ..models import ClientImport, LawFirm, User
from ..models._types import utcnow
from ..needs import workflow
from . import clientindex

COLUMNS = ("id", "name", "aliases", "kind", "country", "parent_id", "lei")
REQUIRED_COLUMNS = ("id", "name")
# An import not finished after this long died with its process (its transaction rolled back).
STALLED_AFTER = timedelta(minutes=30)
log = logging.getLogger(__name__)
_LEI = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")


@dataclass(frozen=True)
class ClientRow:
    external_id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    parent_external_id: str
    lei: str


def parse_client_csv(data: bytes) -> list[ClientRow]:
    """Read and validate a whole file, or raise ``csvfiles.FileRefused``."""
    seen: dict[str, int] = {}
    rows = csvfiles.collect(csvfiles.dict_reader(data, COLUMNS, REQUIRED_COLUMNS),
                            lambda record, line: _row(record, line, seen))
    if not rows:
        raise csvfiles.FileRefused(["the file has no client rows"])
    return rows


def _row(record: dict, line: int, seen: dict) -> tuple[ClientRow | None, list[str]]:
    if None in record:
        return None, [f"line {line}: more fields than the header names"]
    value = {column: (record.get(column) or "").strip() for column in COLUMNS}
    problems = []
    if any(csvfiles.LINE_BREAKS.search(text) for text in value.values()):
        problems.append(f"line {line}: a field runs over several lines: is a quote left open?")
    if not value["id"]:
        problems.append(f"line {line}: id is empty")
    elif value["id"] in seen:
        problems.append(f"line {line}: id '{value['id']}' already used on line {seen[value['id']]}")
    else:
        seen[value["id"]] = line
    if not value["name"]:
        problems.append(f"line {line}: name is empty")
    kind = value["kind"].lower() or "organisation"
    if kind not in ("organisation", "person"):
        problems.append(f"line {line}: kind must be 'organisation' or 'person'")
    country = value["country"].upper()
    if country and country not in vocab.countries():
        problems.append(f"line {line}: country '{value['country']}' is not an ISO 3166 code")
    lei = value["lei"].upper()
    if lei and not _LEI.match(lei):
        problems.append(f"line {line}: lei '{value['lei']}' is not a 20-character LEI")
    for column, limit in (("id", 100), ("name", 300), ("parent_id", 100)):
        if len(value[column]) > limit:
            problems.append(f"line {line}: {column} is longer than {limit} characters")
    if problems:
        return None, problems
    return ClientRow(value["id"], value["name"], csvfiles.other_names(value["aliases"]), kind, country,
                     value["parent_id"], lei), []


def replace_client_list(actor: User | None, firm: LawFirm, rows: list[ClientRow]) -> int:
    """Swap the firm's list for ``rows`` in the caller's transaction, then re-screen the open
    needs against it, ending what is no longer clear; returns how many were screened."""
    clientindex.replace(firm.id, rows)
    firm.clients_updated_at = utcnow()
    return workflow.rescreen_firm(actor, firm)


class NothingToAttest(Refused):
    """A firm with a client list is screened against it: there is nothing to attest."""


def attest_no_clients(actor: User, firm: LawFirm) -> None:
    """Record that ``actor`` attests ``firm`` has no clients to declare, and screen again.

    Until then a firm without a list is never clear; the attestation lets a firm with no
    clients (a legal clinic, say) be proposed matters, for a configured period."""
    if firm.clients_updated_at is not None:
        raise NothingToAttest("The firm has a client list: matters are screened against it.")
    firm.no_clients_attested_at, firm.no_clients_attested_by_id = utcnow(), actor.id
    audit.record(actor, "clients.attest_none", firm)
    workflow.rescreen_firm(actor, firm)


def running_import(firm: LawFirm) -> ClientImport | None:
    """The firm's import still under way, if any (one at a time: each replaces the whole list)."""
    since = utcnow() - STALLED_AFTER
    return db.session.scalar(select(ClientImport).where(
        ClientImport.firm_id == firm.id, ClientImport.state.in_(("waiting", "importing")),
        ClientImport.created_at >= since).order_by(ClientImport.id.desc()).limit(1))


def is_stalled(record: ClientImport) -> bool:
    """Unfinished for longer than any import takes: its process died, its transaction with it."""
    return not record.finished and record.created_at < utcnow() - STALLED_AFTER


def start_import(firm: LawFirm, user: User, rows: list[ClientRow]) -> ClientImport:
    """Record the import of validated ``rows`` and queue the job that runs it once committed."""
    record = ClientImport(firm_id=firm.id, started_by_id=user.id, state="waiting", rows=len(rows),
                          payload=[list(astuple(row)) for row in rows])
    db.session.add(record)
    db.session.flush()
    enqueue("import_client_list", record.id)
    return record


def run_import(import_id: int) -> None:
    """Swap the list in, re-screen, and mark the import done, in one transaction; on any
    failure nothing of it is kept and the import is marked failed. An import already
    finished is left alone: the job may run again after its worker died."""
    record = db.session.get(ClientImport, import_id)
    if record is None or record.finished:
        return
    if db.engine.dialect.name == "sqlite":
        # Readers never wait for a WAL writer; the mode is kept in the file.
        db.session.connection().exec_driver_sql("PRAGMA journal_mode=WAL")
        db.session.commit()
    rows = [ClientRow(*fields[:2], tuple(fields[2]), *fields[3:]) for fields in record.payload]
    record.state, record.started_at = "importing", utcnow()
    db.session.commit()
    try:
        firm = db.session.get(LawFirm, record.firm_id, with_for_update=True)
        actor = db.session.get(User, record.started_by_id) if record.started_by_id else None
        screened = replace_client_list(actor, firm, rows)
        record.state, record.needs_screened, record.finished_at = "done", screened, utcnow()
        record.payload = None
        audit.record(actor, "clients.replace", firm, note=f"{len(rows)} entries")
        db.session.commit()
    except Exception as exc:
        # Only the kind of error: a database's message can quote the client names it choked on.
        log.error("client list import %s failed: %s", import_id, type(exc).__name__)
        db.session.rollback()
        record = db.session.get(ClientImport, import_id)
        record.state, record.finished_at, record.payload = "failed", utcnow(), None
        record.error = "The import failed unexpectedly; the previous list remains in place."
        db.session.commit()
