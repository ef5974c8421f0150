"""Scoring one party name against one client name: a band, a score, the rule and what differed.

Missing a conflict is the worst outcome, so anything a person could take for the same
name is a hit; the band says how sure: ``conflict`` when the names are the same up to
spelling (order, legal form, joined words, one typo in a long word), ``review`` when a
coordinator must look (a looser likeness, extra words, an acronym, a rare word shared).
Names shorter than ``SHORT`` letters match only when equal: "BP" is not "BT", so short
names do not flood the review queue, and are never dropped either, since equal names
always meet.

A rare word shared ("Lundin Mining Corporation" and "Lundin Holdings") is a review hit when
every other word of both names is generic: the names then say nothing else of whose they
are, and one family often carries one rare name across its trades and holdings. What makes
a word rare is measured three ways, each for a reason. It is not generic
(``words.GENERIC``: "mining", "holdings", "national", in the four languages, as a fixed list,
so a small firm's list, where every word is rare, does not make "mining" distinctive). It has
``TYPO_WORD`` letters or more, the length at which a lone word already counts as a name
(``_fuzzy``): short words ("Andes", "Delta", "Apple") recur across unrelated companies by
chance, so "Andes Copper" is still no hit on "Andes Gold". And the index holds it (its word
key) for at most ``RARE_LIMIT`` names over all firms: a family shows in the lists a handful of
times, while a word a dozen clients or more carry is more often one that unrelated companies
chose alike (on generated names, the pairs this rule wrongly found shared words that 9 to 20
names carried, the right ones mostly words one name carried). The caller asks the index for
the counts of the party's words that could be rare (``screen.rare_word_keys``) and passes
those over the limit. The other words are generic only by the list: the client's words are
not asked of the index, and the list says the same for every firm.
"""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from os.path import commonprefix

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .keys import WORD_MAX_LETTERS
from .normalise import NormalName
from .persons import EQUAL, FORM, INITIAL, MISSING, NEAR, TYPO, pair_parts, person_words
from .words import GENERIC

CONFLICT = "conflict"
REVIEW = "review"
SHORT = 5
# A likeness below this (0..1, rapidfuzz's normalised Indel ratio) is not a hit.
REVIEW_SCORE = 0.86
# One edit is a typo when the word it sits in is at least this long.
TYPO_WORD = 6
# A word held by more names than this (over all firms' lists) is not rare.
RARE_LIMIT = 10


@dataclass(frozen=True)
class Verdict:
    """How sure (``band``, ``score``), by which rule (a code of ``records.RULES``), and the
    particulars the rule found, as (name, value) pairs: the words that differ, the extra
    words, the initials; for equal names whether the word order or the legal forms differ."""

    band: str
    score: float
    rule: str
    detail: tuple[tuple[str, object], ...] = ()


def compare(party: NormalName, client: NormalName, common: Collection[str] = (),
            person: bool = False) -> Verdict | None:
    """How ``party`` matches ``client``, or None when it does not. ``common`` holds the words
    (cut as word keys are, ``keys.WORD_MAX_LETTERS``) that the index holds for more than
    ``RARE_LIMIT`` names. ``person`` says both are people's names: their parts are then
    paired as a person's are (``_person``), not read as a company's words."""
    if not party.core or not client.core:
        return None
    if person:
        return _person(party, client, common)
    if party.sorted_core == client.sorted_core:
        return _equal(party, client)
    if party.joined == client.joined:
        return _joined(party, client)
    if min(len(party.joined), len(client.joined)) < SHORT:
        return _acronym(party, client)
    return (_typo(party, client) or _fuzzy(party, client) or _acronym(party, client)
            or _shared_word(party, client, common))


def _equal(party: NormalName, client: NormalName) -> Verdict:
    notes = []
    if party.core != client.core:
        notes.append(("word_order", True))
    forms_differ = bool(party.kinds and client.kinds and set(party.kinds) != set(client.kinds))
    if forms_differ:
        notes.append(("forms", (_forms(party), _forms(client))))
    return Verdict(CONFLICT, 0.97 if forms_differ else 1.0, "equal", tuple(notes))


def _joined(party: NormalName, client: NormalName) -> Verdict:
    return Verdict(CONFLICT, 0.97, "joined", _versus(party.core, client.core))


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


def is_distinctive(word: str, common: Collection[str] = ()) -> bool:
    """A word that may tell whose name it is: long, not generic, not common in the index (see
    the module's docstring)."""
    return len(word) >= TYPO_WORD and word.isalpha() and word not in GENERIC \
        and word[:WORD_MAX_LETTERS] not in common


def _shared_word(party: NormalName, client: NormalName, common: Collection[str]) -> Verdict | None:
    """A rare word in both names, every other word of either generic: a person must look."""
    ours, theirs = set(party.core), set(client.core)
    only_party, only_client = ours - theirs, theirs - ours
    if not only_party or not only_client or not (only_party | only_client) <= GENERIC:
        return None
    rare = sorted(word for word in ours & theirs if is_distinctive(word, common))
    if not rare:
        return None
    share = sum(map(len, ours & theirs)) / max(len(party.joined), len(client.joined))
    return Verdict(REVIEW, round(min(share, 0.85), 3), "shared_word",
                   (("word", " ".join(rare)), *_versus(sorted(only_party), sorted(only_client))))


# What each kind of difference between two people's names takes off a likeness of 1.
_PERSON_COST = {EQUAL: 0.0, TYPO: 0.03, FORM: 0.05, NEAR: 0.08, INITIAL: 0.08, MISSING: 0.12}


def _person(party: NormalName, client: NormalName, common: Collection[str]) -> Verdict | None:
    """Two people's names whose parts pair up (``persons.pair_parts``), with at most the parts of
    one of them left over.

    The same person up to spelling (the conflict band): every part paired, no initial, and one
    typo in a long word, or, when a rare word of the party's (held by at most ``RARE_LIMIT``
    names) is in both, up to two typos or forms of a given name: a rare surname with a given name
    another form of it ("Muhammad" for "Mohammed") is one person. A coordinator must look at the
    rest: another form of a given name under a common surname ("Bob Smith"), a long word a few
    edits away ("Narender Modi"), an initial, a part missing ("García López" for "Juan García
    López"), two typos, a typo in a short word or at a given name's ending ("Juan" and "Juana"
    are two people, or a typo). A part missing with one word alike is a hit only when that word
    is rare: "Smith" is no evidence of "John Smith", "Dorvelan" is of "Juan Dorvelan"; an initial
    that agrees is ("J. Smith" for "John Smith"), the initial and the surname together being
    rarer than either."""
    pairs = pair_parts(person_words(party), person_words(client))
    kinds = Counter(pair.kind for pair in pairs)
    if kinds[EQUAL] == len(pairs):
        return _equal(party, client)
    if party.joined == client.joined:
        return _joined(party, client)
    missing = [pair for pair in pairs if pair.kind == MISSING]
    if any(pair.party for pair in missing) and any(pair.client for pair in missing):
        return None
    named = kinds[EQUAL] + kinds[TYPO] + kinds[FORM] + kinds[NEAR]
    rare = any(pair.kind == EQUAL and pair.party[:WORD_MAX_LETTERS] not in common for pair in pairs)
    if not named or (kinds[MISSING] and named < 2 and not rare):
        return None
    endings = sum(pair.kind == TYPO and _ending(pair.party, pair.client) for pair in pairs)
    long_typos = sum(pair.kind == TYPO and max(len(pair.party), len(pair.client)) >= TYPO_WORD
                     for pair in pairs) - endings
    loose = kinds[TYPO] - long_typos - endings + kinds[FORM]
    sure = not (kinds[MISSING] or kinds[INITIAL] or kinds[NEAR] or endings) and (
        (long_typos <= 1 and not loose) or (rare and long_typos + loose <= 2))
    score = max(0.6, round(1 - sum(_PERSON_COST[pair.kind] for pair in pairs), 3))
    differences = tuple((pair.kind, pair.party, pair.client) for pair in pairs if pair.kind != EQUAL)
    return Verdict(CONFLICT if sure else REVIEW, score, "person",
                   (*_versus(party.core, client.core), ("differences", differences)))


def _ending(one: str, other: str) -> bool:
    """A typo at a word's ending where a given name tells a man from a woman ("Francisco",
    "Francisca", "Juan", "Juana"): two people as likely as one."""
    shorter = min(len(one), len(other))
    return len(commonprefix((one, other))) >= shorter - 1 and (one[-1] in "aeo" or other[-1] in "aeo")
