"""Positional conflicts: sectors a firm has declared it does not act against.

A firm may act for mining companies in Peru, or take no matters against banks
anywhere; a need whose party is in such a sector (in that country, when the
declaration names one) is a hit for that firm, to review like a likely name match,
whatever the party's name.
"""

from dataclasses import dataclass

from .records import Evidence, Hit, Party

RULE = "positional"
BAND = "review"


@dataclass(frozen=True)
class Position:
    """One declaration of a firm: it does not act against ``sector`` in ``country`` ("" for any).
    ``id`` and ``words`` stand for it on a hit the way a client's id and name do."""

    id: str
    sector: str
    country: str = ""
    words: str = ""

    def covers(self, party: Party, country: str) -> bool:
        return bool(party.sector) and party.sector == self.sector and self.country in ("", country)


def positional_hits(parties: list[Party], country: str, positions: list[Position]) -> list[Hit]:
    """A review hit for every party of a need in ``country`` that falls under one of ``positions``."""
    return [
        Hit(party_id=party.id, party_name=party.name, client_id=position.id, client_name=position.words,
            band=BAND, score=1.0,
            evidence=Evidence(rule=RULE, detail=(("sector", position.sector), ("country", position.country)),
                              name=party.name))
        for party in parties for position in positions if position.covers(party, country)
    ]
