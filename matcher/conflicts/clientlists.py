"""Firms' client lists: reading an uploaded CSV and swapping it in whole, with progress.

A file is validated completely before anything is stored; one bad line refuses
the whole file, with every problem reported by line number.

An upload is swapped in by a job, with its progress shown (``imports``).
"""

import re
from dataclasses import astuple, dataclass
from datetime import date

from flask_babel import gettext as _

from ..core import audit, csvfiles
from ..core.refusals import Refused
from ..extensions import db
from ..matching import vocab
from ..models import ClientImport, LawFirm, User
from ..models._types import utcnow
from ..needs import workflow
from . import clientindex, imports
from .engine import kinds

COLUMNS = ("id", "name", "aliases", "kind", "country", "parent_id", "lei", "relationship", "ended")
# The words a file may write for a client that still is one, or was: folded as the kinds are.
RELATIONSHIP_WORDS = {
    "current": ("current", "active", "client", "present", "actual", "vigente", "activo", "actuel", "actif",
                "atual", "ativo"),
    "former": ("former", "past", "previous", "ex", "ex client", "inactive", "closed", "antiguo", "anterior",
               "pasado", "ancien", "precedent", "antigo", "inativo"),
}
_RELATIONSHIPS = {word: code for code, words in RELATIONSHIP_WORDS.items() for word in words}
REQUIRED_COLUMNS = ("id", "name")
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
    kind_written: str = ""  # the word the file wrote for the kind, to say how it was read
    relationship: str = "current"
    ended: str = ""  # ISO day a former client stopped being one, "" when not known


def parse_client_csv(data: bytes) -> list[ClientRow]:
    """Read and validate a whole file, or raise ``csvfiles.FileRefused``."""
    return parse_client_records(csvfiles.dict_reader(data, COLUMNS, REQUIRED_COLUMNS))


def parse_client_records(records) -> list[ClientRow]:
    """Validate a whole list of records (dicts of ``COLUMNS``, numbered by ``line_num`` as a file's
    reader numbers its lines), or raise ``csvfiles.FileRefused`` with every problem by line."""
    seen: dict[str, int] = {}
    parents: list[tuple[int, str]] = []

    def read(record: dict, line: int):
        row, problems = _row(record, line, seen)
        if (record.get("parent_id") or "").strip():
            parents.append((line, record["parent_id"].strip()))
        return row, problems

    try:
        rows = csvfiles.collect(records, read)
    except csvfiles.FileRefused as refused:
        raise csvfiles.FileRefused(refused.errors + _orphans(parents, seen)) from refused
    if orphans := _orphans(parents, seen):
        raise csvfiles.FileRefused(orphans)
    if not rows:
        raise csvfiles.FileRefused([_("the file has no client rows")])
    return rows


def _orphans(parents: list[tuple[int, str]], seen: dict[str, int]) -> list[str]:
    """A parent is named by its id in the same file: one that names no row is a typo to fix,
    not a family to drop silently (screening would miss the related-entity conflicts)."""
    return [_("line %(line)s: parent_id '%(parent)s' names no row of the file", line=line, parent=parent)
            for line, parent in parents if parent not in seen]


def _row(record: dict, line: int, seen: dict) -> tuple[ClientRow | None, list[str]]:
    if None in record:
        return None, [_("line %(line)s: more fields than the header names", line=line)]
    value = {column: (record.get(column) or "").strip() for column in COLUMNS}
    problems = []
    if any(csvfiles.LINE_BREAKS.search(text) for text in value.values()):
        problems.append(_("line %(line)s: a field runs over several lines: is a quote left open?", line=line))
    if not value["id"]:
        problems.append(_("line %(line)s: id is empty", line=line))
    elif value["id"] in seen:
        problems.append(_("line %(line)s: id '%(id)s' already used on line %(first)s",
                          line=line, id=value["id"], first=seen[value["id"]]))
    else:
        seen[value["id"]] = line
    if not value["name"]:
        problems.append(_("line %(line)s: name is empty", line=line))
    kind = kinds.kind_of(value["kind"])
    if kind is None:
        problems.append(kind_refused(line, value["kind"]))
    country = value["country"].upper()
    if country and country not in vocab.countries():
        problems.append(_("line %(line)s: country '%(country)s' is not an ISO 3166 code", line=line,
                          country=value["country"]))
    lei = value["lei"].upper()
    if lei and not _LEI.match(lei):
        problems.append(_("line %(line)s: lei '%(lei)s' is not a 20-character LEI", line=line, lei=value["lei"]))
    relationship = _RELATIONSHIPS.get(kinds.fold(value["relationship"]) or "current")
    if relationship is None:
        problems.append(_("line %(line)s: relationship '%(word)s' is neither current nor former", line=line,
                          word=value["relationship"]))
    if value["ended"] and not _iso_day(value["ended"]):
        problems.append(_("line %(line)s: ended '%(day)s' is not a day written YYYY-MM-DD", line=line,
                          day=value["ended"]))
    for column, limit in (("id", 100), ("name", 300), ("parent_id", 100)):
        if len(value[column]) > limit:
            problems.append(_("line %(line)s: %(column)s is longer than %(limit)s characters",
                              line=line, column=column, limit=limit))
    if problems:
        return None, problems
    return ClientRow(value["id"], value["name"], csvfiles.other_names(value["aliases"]), kind, country,
                     value["parent_id"], lei, value["kind"], relationship, value["ended"]), []


def _iso_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def kind_refused(line: int, word: str) -> str:
    """The one wording of a kind that is neither an organisation nor a person, for every file."""
    return _("line %(line)s: kind '%(kind)s' is neither an organisation nor a person (write, for example, "
             "organisation, company, empresa, person, individual or persona)", line=line, kind=word)


def kinds_read(words) -> list[str]:
    """What the kinds a file wrote were read as, in sentences for the person who sent it."""
    listed = {kind: ", ".join(f"{word} ({count})" for word, count in counts.most_common())
              for kind, counts in kinds.readings(words).items()}
    notes = []
    if kinds.ORGANISATION in listed:
        notes.append(_("Read as organisations: %(words)s.", words=listed[kinds.ORGANISATION]))
    if kinds.PERSON in listed:
        notes.append(_("Read as people: %(words)s.", words=listed[kinds.PERSON]))
    return notes


def replace_client_list(actor: User | None, firm: LawFirm, rows: list[ClientRow],
                        progress: imports.Progress | None = None) -> int:
    """Swap the firm's list for ``rows`` in the caller's transaction, then re-screen the open
    needs against it, ending what is no longer clear; returns how many were screened."""
    clientindex.replace(firm.id, rows)
    firm.clients_updated_at = utcnow()
    return workflow.rescreen_firm(actor, firm, progress)


class NothingToAttest(Refused):
    """A firm with a client list is screened against it: there is nothing to attest."""


def attest_no_clients(actor: User, firm: LawFirm) -> None:
    """Record that ``actor`` attests ``firm`` has no clients to declare, and screen again.

    Until then a firm without a list is never clear; the attestation lets a firm with no
    clients (a legal clinic, say) be proposed matters, for a configured period."""
    if firm.clients_updated_at is not None:
        raise NothingToAttest(_("The firm has a client list: matters are screened against it."))
    firm.no_clients_attested_at, firm.no_clients_attested_by_id = utcnow(), actor.id
    audit.record(actor, "clients.attest_none", firm)
    workflow.rescreen_firm(actor, firm)


def running_import(firm: LawFirm) -> ClientImport | None:
    """The firm's import still under way, if any."""
    return imports.running(ClientImport, ClientImport.firm_id == firm.id)


def start_import(firm: LawFirm, user: User, rows: list[ClientRow]) -> ClientImport:
    """Record the import of validated ``rows`` and queue the job that runs it once committed."""
    return imports.start(ClientImport(firm_id=firm.id, started_by_id=user.id),
                         [list(astuple(row)) for row in rows], len(rows), "import_client_list")


def run_import(import_id: int) -> None:
    """The job: swap the firm's list in and re-screen the open needs against it (``imports.run``)."""
    imports.run(ClientImport, import_id, _swap_in)


def _swap_in(record: ClientImport, payload: list, progress: imports.Progress) -> int:
    rows = [ClientRow(*fields[:2], tuple(fields[2]), *fields[3:]) for fields in payload]
    firm = db.session.get(LawFirm, record.firm_id, with_for_update=True)
    actor = db.session.get(User, record.started_by_id) if record.started_by_id else None
    screened = replace_client_list(actor, firm, rows, progress)
    audit.record(actor, "clients.replace", firm, note=f"{len(rows)} entries")
    return screened
