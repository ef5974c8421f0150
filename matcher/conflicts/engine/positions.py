"""Positional conflicts: what a firm has declared it does not act against, whoever its clients are.

A firm may act for mining companies in Peru, take no matters against banks anywhere, take no
criminal defence against the state, or pitch for a group it will not oppose. A declaration
names a sector of the adverse party, a company (named as people write it, compared as a client's
name is), a kind of matter (a practice area of the need), a country of the need, or several of
these at once; a party of a need that falls under every one it names is a hit for that firm, to
review like a likely name match.
"""

from dataclasses import dataclass

from .normalise import normalise
from .records import Evidence, Hit, Party
from .score import Verdict, compare

RULE = "positional"
BAND = "review"


@dataclass(frozen=True)
class Position:
    """One declaration of a firm: it does not act against a party in ``sector``, named like
    ``company``, in a matter of practice area ``area``, in ``country`` ("" for any of each; a
    declaration names one of the first three at least). ``id`` and ``words`` stand for it on a
    hit the way a client's id and name do."""

    id: str
    sector: str = ""
    country: str = ""
    area: str = ""
    company: str = ""
    words: str = ""

    def covers(self, party: Party, country: str, areas: frozenset[str]) -> bool:
        """Whether ``party`` of a need in ``country`` about ``areas`` falls under the declaration,
        the company aside (``company_match`` says that)."""
        return ((not self.sector or party.sector == self.sector) and self.country in ("", country)
                and (not self.area or self.area in areas))

    def company_match(self, party: Party) -> tuple[str, Verdict] | None:
        """The party's name or alias that matches the declared company best, and how, by the rules
        a client's name is compared with (spelling, legal form, initials); None when none does."""
        declared = normalise(self.company)
        found = [(name, verdict) for name in party.names
                 if (verdict := compare(normalise(name), declared)) is not None]
        return max(found, key=lambda pair: pair[1].score, default=None)


def positional_hits(parties: list[Party], country: str, positions: list[Position],
                    areas: frozenset[str] = frozenset()) -> list[Hit]:
    """A review hit for every party of a need in ``country`` about the practice ``areas`` that falls
    under one of ``positions``."""
    hits = []
    for party in parties:
        for position in positions:
            if not position.covers(party, country, areas):
                continue
            matched = position.company_match(party) if position.company else None
            if position.company and matched is None:
                continue
            hits.append(_hit(party, position, matched))
    return hits


def _hit(party: Party, position: Position, matched: tuple[str, Verdict] | None) -> Hit:
    """The hit, with the declaration's conditions as its particulars and, for a company, the name
    that matched it and by which rule: the reason is worded from them."""
    detail = [("sector", position.sector), ("country", position.country), ("area", position.area)]
    name, score = party.name, 1.0
    if matched is not None:
        name, verdict = matched
        score = verdict.score
        detail += [("company", position.company), ("company_rule", verdict.rule)]
    return Hit(party_id=party.id, party_name=party.name, client_id=position.id, client_name=position.words,
               band=BAND, score=score, evidence=Evidence(rule=RULE, detail=tuple(detail), name=name))
