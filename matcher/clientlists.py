"""Firms' client lists: reading an uploaded CSV and swapping it in whole.

A file is validated completely before anything is stored; one bad line refuses
the whole file, with every problem reported by line number.
"""

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy import delete, insert

from . import conflicts, screening, vocab
from .extensions import db
from .models import ClientEntry, ClientNameKey, LawFirm
from .models._types import utcnow

COLUMNS = ("id", "name", "aliases", "kind", "country", "parent_id", "lei")
REQUIRED_COLUMNS = ("id", "name")
MAX_ERRORS = 50
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


class ClientListError(ValueError):
    """The file was refused; ``errors`` lists what to fix, with line numbers."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def parse_client_csv(data: bytes) -> list[ClientRow]:
    """Read and validate a whole file, or raise ``ClientListError``."""
    text = _decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ClientListError([f"line 1: the header must name the columns {', '.join(COLUMNS)} "
                               f"(missing: {', '.join(missing)})"])
    reader.fieldnames = header
    rows, errors, seen = [], [], {}
    try:
        for record in reader:
            line = reader.line_num
            row, problems = _row(record, line, seen)
            errors.extend(problems)
            if row is not None:
                rows.append(row)
            if len(errors) >= MAX_ERRORS:
                errors.append("too many errors: stopped reading")
                break
    except csv.Error as exc:
        errors.append(f"line {reader.line_num}: the file is not valid CSV ({exc})")
    if not errors and not rows:
        errors.append("the file has no client rows")
    if errors:
        raise ClientListError(errors)
    return rows


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClientListError(["the file is not UTF-8 text: export it as 'CSV UTF-8'"]) from exc
    if "\x00" in text:
        raise ClientListError(["the file holds binary data, not CSV text"])
    return text


def _dialect(text: str):
    """Spreadsheets export commas, semicolons or tabs depending on locale."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def _row(record: dict, line: int, seen: dict) -> tuple[ClientRow | None, list[str]]:
    if None in record:
        return None, [f"line {line}: more fields than the header names"]
    value = {column: (record.get(column) or "").strip() for column in COLUMNS}
    problems = []
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
    aliases = tuple(alias.strip() for alias in value["aliases"].split("|") if alias.strip())
    return ClientRow(value["id"], value["name"], aliases, kind, country, value["parent_id"], lei), []


def replace_client_list(firm: LawFirm, rows: list[ClientRow]) -> int:
    """Swap the firm's list for ``rows`` in the caller's transaction, then re-screen."""
    db.session.execute(delete(ClientNameKey).where(ClientNameKey.firm_id == firm.id))
    db.session.execute(delete(ClientEntry).where(ClientEntry.firm_id == firm.id))
    for row in rows:
        entry = ClientEntry(
            firm_id=firm.id,
            external_id=row.external_id,
            name=row.name,
            aliases=list(row.aliases),
            kind=row.kind,
            country=row.country,
            parent_external_id=row.parent_external_id,
            lei=row.lei,
        )
        db.session.add(entry)
        db.session.flush()
        keys = _index_keys(entry.id, firm.id, row)
        if keys:
            db.session.execute(insert(ClientNameKey), keys)
    firm.clients_updated_at = utcnow()
    return screening.screen_firm(firm)


def _index_keys(client_id: int, firm_id: int, row: ClientRow) -> list[dict]:
    """The engine's keys for the name, each alias and the LEI; a key shared by the name
    and an alias is filed once, as the name's."""
    keys = dict.fromkeys(conflicts.index_keys(row.name), False)
    for alias in row.aliases:
        for key in conflicts.index_keys(alias):
            keys.setdefault(key, True)
    if row.lei:
        keys.setdefault(conflicts.identifier_key(row.lei), False)
    return [
        {"client_id": client_id, "firm_id": firm_id, "key": key, "is_alias": is_alias}
        for key, is_alias in keys.items()
    ]
