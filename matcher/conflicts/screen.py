"""Deciding which candidate client names are conflicts for which party, with reasons."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .normalise import name_key


@dataclass(frozen=True)
class Party:
    """An adverse party as screening sees it."""

    id: str
    name: str
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ClientName:
    """One indexed name of a client entry (its main name or an alias)."""

    client_id: str
    name: str
    client_name: str
    is_alias: bool = False

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class Hit:
    party_id: str
    party_name: str
    client_id: str
    client_name: str
    band: str
    score: float
    reason: str


def party_keys(parties: Iterable[Party]) -> set[str]:
    """Every key the index must be asked about for these parties."""
    return {key for party in parties for key in map(name_key, party.names) if key}


def screen(parties: Iterable[Party], candidates: Iterable[ClientName]) -> list[Hit]:
    """Return one hit per party and client whose names are equal after normalisation."""
    by_key: dict[str, list[ClientName]] = {}
    for candidate in candidates:
        by_key.setdefault(candidate.key, []).append(candidate)
    hits: dict[tuple[str, str], Hit] = {}
    for party in parties:
        for party_name in party.names:
            for candidate in by_key.get(name_key(party_name), ()):
                pair = (party.id, candidate.client_id)
                if pair not in hits:
                    hits[pair] = _exact_hit(party, party_name, candidate)
    return list(hits.values())


def _exact_hit(party: Party, party_name: str, candidate: ClientName) -> Hit:
    via = f"client alias '{candidate.name}'" if candidate.is_alias else "client name"
    return Hit(
        party_id=party.id,
        party_name=party_name,
        client_id=candidate.client_id,
        client_name=candidate.client_name,
        band="conflict",
        score=1.0,
        reason=f"'{party_name}' equals the {via} after normalisation",
    )
