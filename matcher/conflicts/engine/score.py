"""Scoring one party name against one client name: a band, a score, the rule and what differed.

Missing a conflict is the worst outcome, so anything a person could take for the same
name is a hit; the band says how sure: ``conflict`` when the names are the same up to
spelling (order, legal form, joined words, one typo in a long word), ``review`` when a
coordinator must look (a looser likeness, extra words, an acronym). Names shorter
than ``SHORT`` letters match only when equal: "BP" is not "BT", so short names do not
flood the review queue, and are never dropped either, since equal names always meet.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .normalise import NormalName

CONFLICT = "conflict"
REVIEW = "review"
SHORT = 5
# A likeness below this (0..1, rapidfuzz's normalised Indel ratio) is not a hit.
REVIEW_SCORE = 0.86
# One edit is a typo when the word it sits in is at least this long.
TYPO_WORD = 6


@dataclass(frozen=True)
class Verdict:
    """How sure (``band``, ``score``), by which rule (a code of ``records.RULES``), and the
    particulars the rule found, as (name, value) pairs: the words that differ, the extra
    words, the initials; for equal names whether the word order or the legal forms differ."""

    band: str
    score: float
    rule: str
    detail: tuple[tuple[str, object], ...] = ()


def compare(party: NormalName, client: NormalName) -> Verdict | None:
    """How ``party`` matches ``client``, or None when it does not."""
    if not party.core or not client.core:
        return None
    if party.sorted_core == client.sorted_core:
        return _equal(party, client)
    if party.joined == client.joined:
        return Verdict(CONFLICT, 0.97, "joined", _versus(party.core, client.core))
    if min(len(party.joined), len(client.joined)) < SHORT:
        return _acronym(party, client)
    return _typo(party, client) or _fuzzy(party, client) or _acronym(party, client)


def _equal(party: NormalName, client: NormalName) -> Verdict:
    notes = []
    if party.core != client.core:
        notes.append(("word_order", True))
    forms_differ = bool(party.kinds and client.kinds and set(party.kinds) != set(client.kinds))
    if forms_differ:
        notes.append(("forms", (_forms(party), _forms(client))))
    return Verdict(CONFLICT, 0.97 if forms_differ else 1.0, "equal", tuple(notes))


def _forms(name: NormalName) -> str:
    """The legal forms as written in capitals ("SA LTDA"); "" when the name has none."""
    return " ".join(form.upper() for form in name.forms)


def _versus(party_words, client_words) -> tuple[tuple[str, str], ...]:
    return ("party", " ".join(party_words)), ("client", " ".join(client_words))


def _typo(party: NormalName, client: NormalName) -> Verdict | None:
    """One edit in one long word, all other words equal: near-certain."""
    only_party = sorted(set(party.core) - set(client.core))
    only_client = sorted(set(client.core) - set(party.core))
    if len(only_party) != 1 or len(only_client) != 1 or len(party.core) != len(client.core):
        return None
    one, other = only_party[0], only_client[0]
    if Levenshtein.distance(one, other) > 1 and not _swapped(one, other):
        return None
    score = round(fuzz.ratio(party.sorted_core, client.sorted_core) / 100, 3)
    band = CONFLICT if max(len(one), len(other)) >= TYPO_WORD else REVIEW
    return Verdict(band, score, "typo", (("party", one), ("client", other)))


def _swapped(one: str, other: str) -> bool:
    """Two neighbouring letters swapped ("andian" for "andina")."""
    if len(one) != len(other):
        return False
    diff = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and one[diff[0]] == other[diff[1]] \
        and one[diff[1]] == other[diff[0]]


def _fuzzy(party: NormalName, client: NormalName) -> Verdict | None:
    """A looser likeness, or one name's words all inside the other's: a person must look."""
    score = max(fuzz.ratio(party.sorted_core, client.sorted_core),
                fuzz.ratio(party.joined, client.joined)) / 100
    smaller, larger = sorted((set(party.core), set(client.core)), key=len)
    if smaller < larger and (len(smaller) >= 2 or len(next(iter(smaller))) >= TYPO_WORD):
        extra = " ".join(word for word in (party.core + client.core) if word not in smaller)
        share = sum(map(len, smaller)) / max(len(party.joined), len(client.joined))
        return Verdict(REVIEW, round(max(score, share), 3), "extra_words", (("extra", extra),))
    if score >= REVIEW_SCORE:
        return Verdict(REVIEW, round(score, 3), "similar", _versus(party.core, client.core))
    return None


def _acronym(party: NormalName, client: NormalName) -> Verdict | None:
    """A single word that is the initials of the other name (``NormalName.initialisms``)."""
    for short, long_ in ((party, client), (client, party)):
        if len(short.core) == 1 and (words := long_.initialisms.get(short.core[0])):
            return Verdict(REVIEW, 0.8, "acronym", (("initials", short.core[0].upper()), ("words", words)))
    return None
