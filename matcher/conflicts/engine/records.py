"""What screening takes in and gives out: parties, client names, hits.

A hit keeps what it rests on as data: the rule that matched and its particulars
(``Evidence``), and for a related entity the family link that reaches the client
(``Relation``). Its ``reason`` is made from them here and nowhere else, so no code
has to read the words back to learn what kind of hit it is.
"""

from dataclasses import dataclass, field

from .normalise import name_key


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
    "related": N_("related entity"),
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
class Evidence:
    """What a direct match rests on: ``rule`` (a code of ``RULES`` other than ``related``), its
    particulars (the words that differ, the identifier; "" when the names are equal), the name
    compared with the client (the party's, an alias, or a relative's), and the client's alias
    that matched ("" for the client's main name)."""

    rule: str
    detail: str = ""
    name: str = ""
    client_alias: str = ""


@dataclass(frozen=True)
class Relation:
    """How a related entity's hit reaches its client: the party is the client's ``role``
    ("subsidiary" or "parent") along ``path`` (names, child to parent), in the corporate
    relations registry or in the firm's own list."""

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

    @property
    def reason(self) -> str:
        """The hit in words, for the coordinator and the command line."""
        match = _match_words(self.evidence, self.score)
        if self.relation is None:
            return match
        where = ", in the firm's list" if self.relation.in_firm_list else ""
        return (f"{RULES['related']}: {self.party_name} is a {self.relation.role} of {self.client_name} "
                f"(path {' -> '.join(self.relation.path)}{where}); {match}")


def _match_words(evidence: Evidence, score: float) -> str:
    if evidence.rule == "identifier":
        return f"{RULES['identifier']}: {evidence.detail}"
    via = f"client alias '{evidence.client_alias}'" if evidence.client_alias else "client name"
    if evidence.rule == "equal":
        notes = f" ({evidence.detail})" if evidence.detail else ""
        return f"'{evidence.name}' equals the {via} after normalisation{notes}"
    return f"'{evidence.name}' resembles the {via}, score {score:.2f}: {RULES[evidence.rule]}: {evidence.detail}"
