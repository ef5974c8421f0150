"""``flask conflicts ...``: the conflict engine on files, for anyone to audit it on their own data.

``screen`` reads a client list, adverse parties and optionally corporate relations
from CSV, and writes one CSV row per hit to stdout. It never touches the database:
the same engine runs over an in-memory index (``engine.MemoryIndex``).

The other commands are a coordinator's operations on the database, each one
transaction: ``import-clients`` replaces a firm's list, ``import-relations`` the
corporate relations registry, and ``rescreen`` screens every open need again.
"""

import csv
import sys
from typing import NoReturn

import click

from ..conflicts import engine, screening
from ..conflicts.clientlists import ClientListError, parse_client_csv, replace_client_list
from ..conflicts.registry import RelationListError, parse_relations_csv
from ..core import audit
from ..extensions import db
from ..models import LawFirm

PARTY_COLUMNS = ("id", "name", "aliases", "kind", "country")
RELATION_COLUMNS = ("child", "parent")
OUTPUT_COLUMNS = ("party_id", "client_id", "band", "score", "reason")

_File = click.Path(exists=True, dir_okay=False, readable=True)


@click.group("conflicts")
def conflicts_group() -> None:
    """Conflict-of-interest screening."""


@conflicts_group.command("screen")
@click.argument("clients_csv", type=_File)
@click.argument("parties_csv", type=_File)
@click.option("--relations", "relations_csv", type=_File, help="CSV of child,parent names.")
def screen_files(clients_csv: str, parties_csv: str, relations_csv: str | None) -> None:
    """Screen PARTIES_CSV against CLIENTS_CSV; write party_id,client_id,band,score,reason."""
    clients = _client_names(clients_csv)
    parties = [
        engine.Party(id=row["id"], name=row["name"], aliases=_aliases(row["aliases"]),
                        kind=row["kind"] or "organisation", country=row["country"].upper())
        for row in _records(parties_csv, PARTY_COLUMNS, required=("id", "name"))
    ]
    relations = engine.Relations(
        (row["child"], row["parent"])
        for row in (_records(relations_csv, RELATION_COLUMNS, required=RELATION_COLUMNS)
                    if relations_csv else [])
    )
    hits = engine.MemoryIndex(clients).screen(parties, relations)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(OUTPUT_COLUMNS)
    for hit in sorted(hits, key=lambda h: (h.party_id, h.band != "conflict", -h.score, h.client_id)):
        out.writerow([hit.party_id, hit.client_id, hit.band, f"{hit.score:.3f}", hit.reason])


@conflicts_group.command("import-clients")
@click.argument("firm_id", type=int)
@click.argument("clients_csv", type=_File)
def import_clients(firm_id: int, clients_csv: str) -> None:
    """Replace firm FIRM_ID's client list with CLIENTS_CSV and re-screen the open needs against it."""
    firm = db.session.get(LawFirm, firm_id, with_for_update=True)
    if firm is None:
        raise click.ClickException(f"no firm has the id {firm_id}")
    try:
        rows = parse_client_csv(_read(clients_csv))
    except ClientListError as refused:
        _refuse(clients_csv, refused.errors, "the firm's list")
    screened = replace_client_list(firm, rows)
    audit.record(None, "clients.replace", firm, note=f"{len(rows)} entries, imported from the command line")
    db.session.commit()
    click.echo(f"{firm.name}: {len(rows)} clients imported; {screened} open needs screened again.")


@conflicts_group.command("import-relations")
@click.argument("relations_csv", type=_File)
def import_relations(relations_csv: str) -> None:
    """Replace the corporate relations registry with RELATIONS_CSV (child,parent) and re-screen open needs."""
    try:
        parsed = parse_relations_csv(_read(relations_csv))
    except RelationListError as refused:
        _refuse(relations_csv, refused.errors, "the registry")
    imported = screening.replace_registry(parsed)
    db.session.commit()
    click.echo(f"{imported.relations} relations imported ({imported.repeated} repeated lines counted once); "
               f"{imported.needs_screened} open needs screened again.")


@conflicts_group.command("rescreen")
def rescreen() -> None:
    """Screen every open need against every firm again."""
    needs, firms = screening.screen_open_needs()
    db.session.commit()
    click.echo(f"{needs} open needs screened against {firms} firms.")


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _refuse(path: str, errors: list[str], kept: str) -> NoReturn:
    """Print every line-numbered error and exit 1, having changed nothing."""
    click.echo(f"{path} was refused; {kept} is unchanged:", err=True)
    for error in errors:
        click.echo(f"  {error}", err=True)
    raise click.exceptions.Exit(1)


def _client_names(path: str) -> list[engine.ClientName]:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        rows = parse_client_csv(data)
    except ClientListError as exc:
        raise click.ClickException(f"{path}: " + "; ".join(exc.errors)) from exc
    return [
        engine.ClientName(client_id=row.external_id, name=name, client_name=row.name,
                             is_alias=position > 0, lei=row.lei, parent=row.parent_external_id)
        for row in rows
        for position, name in enumerate((row.name, *row.aliases))
    ]


def _records(path: str, columns: tuple[str, ...], required: tuple[str, ...]) -> list[dict]:
    """Rows of a small CSV with a header, every required column filled, or a clear error."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [(name or "").strip().lower() for name in reader.fieldnames or []]
            missing = [column for column in required if column not in header]
            if missing:
                raise click.ClickException(
                    f"{path}: line 1: the header must name the columns {', '.join(columns)} "
                    f"(missing: {', '.join(missing)})")
            reader.fieldnames = header
            rows = []
            for record in reader:
                row = {column: (record.get(column) or "").strip() for column in columns}
                empty = [column for column in required if not row[column]]
                if empty:
                    raise click.ClickException(f"{path}: line {reader.line_num}: {', '.join(empty)} is empty")
                rows.append(row)
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: the file is not UTF-8 text") from exc
    except csv.Error as exc:
        raise click.ClickException(f"{path}: the file is not valid CSV ({exc})") from exc
    return rows


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(alias.strip() for alias in text.split("|") if alias.strip())
