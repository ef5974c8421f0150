"""What screening takes in and gives out: parties, client names, hits.

A hit keeps what it rests on as data: the rule that matched and its particulars
(``Evidence``), and for a related entity the family link that reaches the client
(``Relation``), and gives them as plain data (``Hit.data``) to be kept with the hit and
worded in each reader's language (``conflicts.reasons``): no code has to read words
back to learn what kind of hit it is, and no words are fixed in one language.
"""

from dataclasses import dataclass, field
from functools import cached_property

from .normalise import NormalName, name_key, normalise


def N_(text: str) -> str:
    """Mark ``text`` for translation and return it unchanged: the engine stays plain Python, and the
    coordinator's pages translate a rule's words where they label a hit."""
    return text


# Every rule a hit can rest on, with its words: a reason names the rule in them,
# and the coordinator's pages label a hit with them.
RULES = {
    "identifier": N_("identifier equal"),
    "equal": N_("equal name"),
    "joined": N_("joined/split words"),
    "typo": N_("typo"),
    "extra_words": N_("extra words"),
    "similar": N_("similar"),
    "acronym": N_("acronym"),
    "shared_word": N_("rare word shared"),
    "person": N_("person's name written another way"),
    "related": N_("related entity"),
    "positional": N_("declared by the firm"),
}


@dataclass(frozen=True)
class Party:
    """An adverse party as screening sees it."""

    id: str
    name: str
    aliases: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "organisation"
    country: str = ""
    lei: str = ""
    sector: str = ""  # a code of the adverse parties' sectors, "" when not given

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ClientName:
    """One indexed name of a client entry (its main name or an alias).

    ``parent`` is the client id of the entry's parent in the same firm's list, so a
    party matching a client's parent or child is a related-entity hit on that client.
    ``stored`` is the name normalised when the list was filed (``NormalName.stored``; None:
    normalise it when asked), and ``found_by`` the keys the index found the entry under: a
    party's name is scored only against the candidates of its own keys, and against those the
    index gave with none (a client's relatives, brought for their family links).
    """

    client_id: str
    name: str
    client_name: str
    is_alias: bool = False
    lei: str = ""
    parent: str = ""
    kind: str = ""  # "organisation" or "person" as the firm's list says, "" when unknown
    stored: tuple[str, str] | None = field(default=None, compare=False, repr=False)
    found_by: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def key(self) -> str:
        return name_key(self.name)

    @cached_property
    def normal(self) -> NormalName:
        """The name normalised, read from its stored form where there is one."""
        return NormalName.from_stored(*self.stored) if self.stored else normalise(self.name)

    @cached_property
    def core(self) -> tuple[str, ...]:
        """The core's words alone, without the rest of ``normal``: what a screen's prefilter reads
        of every candidate, where only the few that pass it are compared whole."""
        return tuple(self.stored[0].split()) if self.stored else self.normal.core


@dataclass(frozen=True)
class Evidence:
    """What a direct match rests on: ``rule`` (a code of ``RULES`` other than ``related``), its
    particulars as (name, value) pairs (``score.Verdict``; for an identifier, the LEI), the name
    compared with the client (the party's, an alias, or a relative's), and the client's alias
    that matched ("" for the client's main name)."""

    rule: str
    detail: tuple[tuple[str, object], ...] = ()
    name: str = ""
    client_alias: str = ""


@dataclass(frozen=True)
class Relation:
    """How a related entity's hit reaches its client: the party is the client's ``role``
    along ``path`` (names, the registry's child to its parent), in the corporate relations
    registry or in the firm's own list (ownership only there).

    The roles (``relations.ROLES``): "subsidiary", "parent" (ownership, up to
    ``relations.MAX_DEPTH`` links); "joint_venture" (partners in one); "financier" (the
    party finances the client), "financed" (the client finances the party); "contractor"
    (the party works for the client), "engages_contractor" (the client works for the party)."""

    role: str
    path: tuple[str, ...]
    in_firm_list: bool = False


@dataclass(frozen=True)
class Hit:
    """A party that matches a client. ``relation`` is set when they are related entities (one
    matched the other's relative in the registry or the firm's list); ``evidence`` says how that
    match was made."""

    party_id: str
    party_name: str
    client_id: str
    client_name: str
    band: str
    score: float
    evidence: Evidence
    relation: Relation | None = None

    @property
    def rule(self) -> str:
        return "related" if self.relation else self.evidence.rule

    def data(self) -> dict:
        """What the hit rests on, as JSON can hold it: to be kept with the hit and worded for
        each reader (``conflicts.reasons``)."""
        relation = self.relation and {"role": self.relation.role, "path": list(self.relation.path),
                                      "in_firm_list": self.relation.in_firm_list}
        return {"rule": self.evidence.rule, "score": self.score, "party": self.party_name, "client": self.client_name,
                "name": self.evidence.name, "client_alias": self.evidence.client_alias,
                "detail": {name: list(value) if isinstance(value, tuple) else value
                           for name, value in self.evidence.detail},
                "relation": relation}
