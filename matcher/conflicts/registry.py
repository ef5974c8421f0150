"""The platform's registry of corporate relations, in the database.

A coordinator replaces the whole registry from a ``child,parent`` CSV of names: the
file is validated completely first, and one bad line refuses it with every problem
reported by line number, so the registry is never half replaced. Screening asks only
for the links reachable from a need's party names, walked as far as the engine walks
(``engine.relations.MAX_DEPTH``), so the registry can be large.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select

from ..core import csvfiles
from ..extensions import db
from ..models import CorporateRelation
from . import engine
from .engine.relations import MAX_DEPTH, node

COLUMNS = ("child", "parent")
NAME_LIMIT = 300


@dataclass(frozen=True)
class Parsed:
    """The distinct links of a file, and how many lines repeated one already read."""

    pairs: list[tuple[str, str]]
    repeated: int


def parse_relations_csv(data: bytes) -> Parsed:
    """Read and validate a whole file, or raise ``csvfiles.FileRefused``.

    Two lines naming the same entities (after normalisation, so "Gazprom PJSC" and
    "ПАО Газпром" are one) are one link: the repeat is counted, not refused."""
    rows = csvfiles.reader(csvfiles.decode(data))
    header = csvfiles.header(rows)
    if header[:2] != list(COLUMNS) or any(cell for cell in header[2:]):
        raise csvfiles.FileRefused([_("line 1: the header must be 'child,parent'")])
    pairs, seen, repeated = [], set(), 0
    for pair in csvfiles.collect(rows, _row):
        link = (_key(pair[0]), _key(pair[1]))
        if link in seen:
            repeated += 1
        else:
            seen.add(link)
            pairs.append(pair)
    if not pairs:
        raise csvfiles.FileRefused([_("the file has no relations")])
    return Parsed(pairs, repeated)


def replace_relations(parsed: Parsed) -> int:
    """Swap the registry for ``parsed`` in the caller's transaction; returns how many links it holds.

    Open needs must be screened again in the same transaction: ``screening.replace_registry`` does both."""
    db.session.execute(delete(CorporateRelation))
    if parsed.pairs:
        db.session.execute(insert(CorporateRelation), [
            {"child_name": child, "parent_name": parent, "child_key": _key(child), "parent_key": _key(parent)}
            for child, parent in parsed.pairs
        ])
    return len(parsed.pairs)


def relations_for(names) -> engine.Relations:
    """The links the engine can walk from ``names``: their ancestors and their descendants,
    up to ``MAX_DEPTH`` links each way, and nothing else of the registry."""
    start = {_key(name) for name in names} - {""}
    pairs: set[tuple[str, str]] = set()
    for near, far in ((CorporateRelation.child_key, CorporateRelation.parent_key),
                      (CorporateRelation.parent_key, CorporateRelation.child_key)):
        frontier, seen = set(start), set(start)
        for _depth in range(MAX_DEPTH):
            if not frontier:
                break
            rows = db.session.execute(
                select(CorporateRelation.child_name, CorporateRelation.parent_name, far)
                .where(near.in_(frontier))).all()
            pairs.update((row.child_name, row.parent_name) for row in rows)
            frontier = {row[2] for row in rows} - seen
            seen |= frontier
    return engine.Relations(sorted(pairs))


def _key(name: str) -> str:
    """The node the engine joins names on (order, case, script and legal form folded)."""
    return node(name)[:NAME_LIMIT]


def _row(cells: list[str], line: int) -> tuple[tuple[str, str] | None, list[str]]:
    if not any(cell.strip() for cell in cells):
        return None, []
    if len(cells) > len(COLUMNS) and any(cell.strip() for cell in cells[len(COLUMNS):]):
        return None, [_("line %(line)s: more fields than child and parent", line=line)]
    child, parent = ((cells + ["", ""])[i].strip() for i in range(2))
    problems = []
    for column, value in (("child", child), ("parent", parent)):
        if not value:
            problems.append(_("line %(line)s: %(column)s is empty", line=line, column=column))
        elif len(value) > NAME_LIMIT:
            problems.append(_("line %(line)s: %(column)s is longer than %(limit)s characters",
                              line=line, column=column, limit=NAME_LIMIT))
        elif not _key(value):
            problems.append(_("line %(line)s: %(column)s '%(value)s' has no letters or digits to match on",
                              line=line, column=column, value=value))
    if not problems and _key(child) == _key(parent):
        problems.append(_("line %(line)s: child and parent are the same entity", line=line))
    return (None, problems) if problems else ((child, parent), [])


