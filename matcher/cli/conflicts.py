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
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from ..conflicts import engine, reasons
from ..conflicts.clientlists import kind_refused, kinds_read, parse_client_csv, replace_client_list
from ..conflicts.engine import kinds
from ..conflicts.registry import parse_relations_csv
from ..conflicts.screening import Progress
from ..core import audit, csvfiles
from ..core.csvfiles import FileRefused
from ..extensions import db
from ..models import LawFirm
from ..needs import workflow

PARTY_COLUMNS = ("id", "name", "aliases", "kind", "country")
OUTPUT_COLUMNS = ("party_id", "client_id", "band", "score", "reason")

_File = click.Path(exists=True, dir_okay=False, readable=True)


@click.group("conflicts")
def conflicts_group() -> None:
    """Conflict-of-interest screening."""


@conflicts_group.command("screen")
@click.argument("clients_csv", type=_File)
@click.argument("parties_csv", type=_File)
@click.option("--relations", "relations_csv", type=_File, help="CSV of child,parent[,relation] names.")
def screen_files(clients_csv: str, parties_csv: str, relations_csv: str | None) -> None:
    """Screen PARTIES_CSV against CLIENTS_CSV; write party_id,client_id,band,score,reason."""
    rows = _parsed(clients_csv, parse_client_csv)
    parties, kinds_written = _parsed(parties_csv, _parse_parties)
    _say_kinds_read(clients_csv, (row.kind_written for row in rows))
    _say_kinds_read(parties_csv, kinds_written)
    clients = _client_names(rows)
    relations = engine.Relations(_parsed(relations_csv, parse_relations_csv).pairs if relations_csv else ())
    hits = engine.MemoryIndex(clients).screen(parties, relations)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(OUTPUT_COLUMNS)
    for hit in sorted(hits, key=lambda h: (h.party_id, h.band != "conflict", -h.score, h.client_id)):
        out.writerow([hit.party_id, hit.client_id, hit.band, f"{hit.score:.3f}", reasons.say(hit.data())])


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
    except FileRefused as refused:
        _refuse(clients_csv, refused.errors, "the firm's list")
    _say_kinds_read(clients_csv, (row.kind_written for row in rows))
    with _progress_bar("Screening open needs again") as progress:
        screened = replace_client_list(None, firm, rows, progress)
    audit.record(None, "clients.replace", firm, note=f"{len(rows)} entries, imported from the command line")
    db.session.commit()
    click.echo(f"{firm.name}: {len(rows)} clients imported; {screened} open needs screened again.")


@conflicts_group.command("import-relations")
@click.argument("relations_csv", type=_File)
def import_relations(relations_csv: str) -> None:
    """Replace the corporate relations registry with RELATIONS_CSV (child,parent[,relation]); re-screen open needs."""
    try:
        parsed = parse_relations_csv(_read(relations_csv))
    except FileRefused as refused:
        _refuse(relations_csv, refused.errors, "the registry")
    with _progress_bar("Screening open needs again") as progress:
        imported = workflow.replace_registry(None, parsed, progress)
    db.session.commit()
    click.echo(f"{imported.relations} relations imported ({imported.repeated} repeated lines counted once); "
               f"{imported.needs_screened} open needs screened again.")


@conflicts_group.command("rescreen")
def rescreen() -> None:
    """Screen every open need against every firm again."""
    with _progress_bar("Screening open needs") as progress:
        needs, firms = workflow.rescreen_everything(None, progress)
    db.session.commit()
    click.echo(f"{needs} open needs screened against {firms} firms.")


@contextmanager
def _progress_bar(label: str) -> Iterator[Progress]:
    """A progress bar on stderr, drawn once the run says how many needs it screens (a line per
    step where stderr is not a terminal), for ``progress(done, total)`` callbacks."""
    bars = []

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=sys.stderr).__enter__())
        bars[0].update(done - bars[0].pos)
    try:
        yield progress
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _refuse(path: str, errors: list[str], kept: str) -> NoReturn:
    """Print every line-numbered error and exit 1, having changed nothing."""
    click.echo(f"{path} was refused; {kept} is unchanged:", err=True)
    for error in errors:
        click.echo(f"  {error}", err=True)
    raise click.exceptions.Exit(1)


def _parsed(path: str, parse):
    """``parse`` of the file's bytes, or the file's problems, line by line, and exit 1."""
    try:
        return parse(_read(path))
    except FileRefused as refused:
        raise click.ClickException(f"{path}: " + "; ".join(refused.errors)) from refused


def _say_kinds_read(path: str, written) -> None:
    """Tell on stderr how the file's words for the kinds were read ("company (12)" as organisations)."""
    for note in kinds_read(written):
        click.echo(f"{path}: {note}", err=True)


def _client_names(rows) -> list[engine.ClientName]:
    return [
        engine.ClientName(client_id=row.external_id, name=name, client_name=row.name,
                          is_alias=position > 0, lei=row.lei, parent=row.parent_external_id, kind=row.kind)
        for row in rows
        for position, name in enumerate((row.name, *row.aliases))
    ]


def _parse_parties(data: bytes) -> tuple[list[engine.Party], list[str]]:
    """The parties file (``id,name,aliases,kind,country``), read as the client lists are, and the
    words it wrote for their kinds."""
    read = csvfiles.collect(csvfiles.dict_reader(data, PARTY_COLUMNS, required=("id", "name")), _party)
    return [party for party, _ in read], [written for _, written in read]


def _party(record: dict, line: int) -> tuple[tuple[engine.Party, str] | None, list[str]]:
    value = {column: (record.get(column) or "").strip() for column in PARTY_COLUMNS}
    problems = [f"line {line}: {column} is empty" for column in ("id", "name") if not value[column]]
    kind = kinds.kind_of(value["kind"])
    if kind is None:
        problems.append(kind_refused(line, value["kind"]))
    if problems:
        return None, problems
    party = engine.Party(id=value["id"], name=value["name"], aliases=csvfiles.other_names(value["aliases"]),
                         kind=kind, country=value["country"].upper())
    return (party, value["kind"]), []
