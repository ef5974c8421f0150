"""`flask matching ...`: the matching engine on JSON files, without the database.

The contract (keep it stable: partners script against it):
``flask --app wsgi matching rank NEEDS.json OFFERS.json FUNDS.json`` prints
``{"<need id>": [{"kind": "offer" | "fund", "id": "...", "score": 0.0-1.0,
"reasons": ["..."], "reason_data": [{"code": "...", "values": {...}}]}, ...]}``,
best first, eligible candidates only: the reasons in English, and the same reasons
as data (``engine.reasons``) for a program to word its own way. Values may be free
text in English, Spanish, French or Portuguese, or codes. A value the platform does
not know is named on stderr with the closest known term, and the rest is ranked
(a need held back for it is not in the output); ``--strict`` refuses the input instead.
"""

import json
from datetime import date
from pathlib import Path

import click

from ..matching.engine import Offers, rank, records
from ..matching.engine.reasons import data
from ..matching.reasons import said

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("matching")
def matching() -> None:
    """Rank needs against offers and funds from JSON files (no database needed)."""


@matching.command("rank")
@click.argument("needs_file", type=_FILE)
@click.argument("offers_file", type=_FILE)
@click.argument("funds_file", type=_FILE)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Rank as on this day (YYYY-MM-DD) instead of today.")
@click.option("--strict", is_flag=True,
              help="Treat a word the platform does not know as an error: rank nothing and exit with 1.")
def rank_command(needs_file: Path, offers_file: Path, funds_file: Path, today, strict: bool) -> None:
    """Print each need's eligible offers and funds, best first, as JSON.

    Each file holds a JSON list of objects. Need: id, country, languages, threat,
    practice_areas, help, urgency, deadline, defender_kinds (every kind the defender is;
    defender_kind, a single one, is read too), amount_needed, currency, conflicted_firms,
    unscreened_firms (and optionally needs_local_counsel, true or false). Offer: id,
    firm_id, jurisdictions, languages, practice_areas, help, capacity, emergency,
    valid_until, acceptance_rate, median_response_hours (and optionally firm_country,
    offices, valid_from, works_with_local_counsel).
    Fund: id, name, regions, covers, defender_kinds, max_amount, currency,
    turnaround_days. A list field may also be a single text.

    A word not known is left out with a warning, and a record that cannot be ranked
    without it (a need's country, a fund none of whose regions is known) is not ranked.
    """
    try:
        loaded = records.load(_read(needs_file), _read(offers_file), _read(funds_file), strict=strict)
    except records.RecordError as error:
        _warn(error.warnings)
        raise click.ClickException("the input has problems:\n  " + "\n  ".join(error.problems)) from None
    _warn(loaded.warnings)
    day = today.date() if today else date.today()
    result, offers = {}, Offers(loaded.offers)
    for need in loaded.needs:
        ranking = rank(need, offers, loaded.funds, day)
        result[need.id] = [
            {"kind": c.kind, "id": c.id, "score": c.score, "reasons": said(c.reasons),
             "reason_data": [data(reason) for reason in c.reasons]} for c in ranking.candidates
        ]
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: not a UTF-8 text file") from None
    except json.JSONDecodeError as error:
        raise click.ClickException(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
