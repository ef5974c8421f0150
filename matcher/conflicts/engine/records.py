"""What screening takes in and gives out: parties, client names, hits."""

from dataclasses import dataclass, field

from .normalise import name_key


@dataclass(frozen=True)
class Party:
    """An adverse party as screening sees it."""

    id: str
    name: str
    aliases: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "organisation"
    country: str = ""
    lei: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ClientName:
    """One indexed name of a client entry (its main name or an alias).

    ``parent`` is the client id of the entry's parent in the same firm's list, so a
    party matching a client's parent or child is a related-entity hit on that client.
    """

    client_id: str
    name: str
    client_name: str
    is_alias: bool = False
    lei: str = ""
    parent: str = ""

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
