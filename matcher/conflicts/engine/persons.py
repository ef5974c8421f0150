"""Person names: the parts of two names paired, and how each pair differs.

A person's name is given names and surnames, written in either order ("García López, Juan"),
with particles ("van", "bin", "da") that are often left out, given names shortened ("Bob" for
"Robert", "Pepe" for "José"), cut to an initial ("J. García López") or spelt as another
transliteration ("Sergey", "Sergei"), and a second given name or surname often missing. Company
rules read such names badly: "J. García López" is not a typo of "Juan García López", and "Juan
García" against "Pedro García" shares most of its letters.

``pair_parts`` pairs each word of one name with a word of the other, strongest likeness first:
equal, a typo (one edit, in words of three letters or more), another form of one given name, a
long word a few edits away, an initial. Another form is known from
rigour's person-name data (``rigour.names.analyze_names``: Wikidata's given-name items, which link
"Mohammed", "Muhammad" and "Mohamed", and its nickname list, which links "Bob" and "Robert"),
from a short form that begins the full name ("Alex", "Alexander"), and from ``SHORT_FORMS``, the
short forms in the platform's languages that rigour lacks (checked against rigour 2.6.1).
"""

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel
from rigour.names import NameTypeTag, analyze_names

from .normalise import NormalName
from .words import GENERIC

# Short forms rigour does not link to their full names: Spanish, Portuguese, French, English, and a
# few Russian and Arabic ones that the platform's parties carry. Folded (no accents, lower case).
SHORT_FORMS = {
    "jose": ("pepe", "chema", "che"), "francisco": ("paco", "pancho", "curro", "chico"),
    "antonio": ("tono", "tony", "toni"), "manuel": ("manolo", "manu"), "alejandro": ("alex", "jandro"),
    "guillermo": ("memo", "guille"), "enrique": ("quique",), "ignacio": ("nacho",), "roberto": ("beto",),
    "eduardo": ("lalo",), "jesus": ("chucho", "chuy"), "concepcion": ("concha", "conchita"),
    "guadalupe": ("lupe", "lupita"), "dolores": ("lola",), "rosario": ("charo",), "teresa": ("tere",),
    "mercedes": ("merche",), "joao": ("joaozinho",),
    "elizabeth": ("beth", "betty", "liz"), "margaret": ("peggy", "maggie", "meg"),
    "katherine": ("kate", "kathy", "katie"), "catherine": ("kate", "cathy"), "patricia": ("pat", "patty"),
    "jennifer": ("jenny", "jen"), "james": ("jim", "jimmy"), "robert": ("bob", "bobby"),
    "william": ("bill", "billy"), "richard": ("dick", "rick"), "edward": ("ted", "ned"),
    "jacques": ("jacky",), "guillaume": ("guy",), "frederic": ("fred",), "philippe": ("phil",),
    "francois": ("francky",), "mikhail": ("misha",), "ekaterina": ("katya",), "aleksandr": ("sasha",),
    "alexander": ("sasha",), "nikolai": ("kolya",), "vladimir": ("volodya",), "dmitri": ("dima",),
    "youssef": ("yusuf", "yousef", "joseph"), "aisha": ("aicha", "aysha"),
}
# Particles of person names that rigour's stop words leave in ("van", "bin"), taken out of a
# person's words when pairing, as "der", "de", "al" already are.
PARTICLES = frozenset({"van", "bin", "ibn", "ben", "bint", "abu", "den", "ter", "ten", "dela", "della"})
# A short form this long or longer that begins the full name is a form of it ("Alex", "Chris").
PREFIX_LETTERS = 3
# Names with more words than this are not read as a person's when their kind is unknown.
MAX_WORDS = 5

# Two long words this alike (rapidfuzz's normalised Indel ratio) are near: two or three edits.
NEAR_LETTERS, NEAR_RATIO = 6, 0.8

EQUAL, TYPO, FORM, NEAR, INITIAL, MISSING = "equal", "typo", "form", "near", "initial", "missing"


@dataclass(frozen=True)
class Pair:
    """Two words paired (``kind`` says how), or a word of one name alone (``MISSING``, the other
    side "")."""

    kind: str
    party: str
    client: str


def looks_like_person(name: NormalName) -> bool:
    """A name that may be a person's when nobody said: no legal form, two to five words, none of
    them a company's trade or shape word ("mining", "holdings"), no digits."""
    words = person_words(name)
    return (not name.forms and 2 <= len(words) <= MAX_WORDS and GENERIC.isdisjoint(words)
            and all(word.isalpha() for word in words))


@lru_cache(maxsize=65536)
def person_words(name: NormalName) -> tuple[str, ...]:
    """The words of a person's name without its particles ("de", "van", "bin"), unless that leaves
    nothing, but with the initials that normalisation takes for particles: a single letter before
    the first longer word or after the last ("A. Gupta", "Gupta A."), where "e" and "y" join
    surnames ("Silva e Santos")."""
    words = name.words or name.core
    longer = [i for i, word in enumerate(words) if len(word) > 1]
    if not longer:
        return name.core
    kept = tuple(word for i, word in enumerate(words)
                 if (len(word) == 1 and not longer[0] < i < longer[-1])
                 or (len(word) > 1 and word in name.core and word not in PARTICLES))
    return kept or name.core


def pair_parts(party: tuple[str, ...], client: tuple[str, ...]) -> list[Pair]:
    """Each word of ``party`` paired with one of ``client``, strongest likeness first, the words
    left over as ``MISSING``."""
    left, right = list(party), list(client)
    pairs = []
    for kind in (EQUAL, TYPO, FORM, NEAR, INITIAL):
        for word in list(left):
            match = next((other for other in right if relation(word, other) == kind), None)
            if match is not None:
                pairs.append(Pair(kind, word, match))
                left.remove(word)
                right.remove(match)
    return pairs + [Pair(MISSING, word, "") for word in left] + [Pair(MISSING, "", word) for word in right]


@lru_cache(maxsize=65536)
def relation(one: str, other: str) -> str | None:
    """How two words of person names are alike: ``EQUAL``, ``TYPO`` (one edit, or two letters
    swapped, the longer word of three letters or more), ``FORM`` (two forms of one given name), ``NEAR`` (two long words
    a few edits apart: "Narender", "Narendra"), ``INITIAL``
    (a letter and a word it begins), or None."""
    if one == other:
        return EQUAL
    if min(len(one), len(other)) == 1:
        return INITIAL if one[0] == other[0] else None
    if max(len(one), len(other)) >= 3 and OSA.distance(one, other) <= 1:
        return TYPO
    if is_form(one, other):
        return FORM
    if min(len(one), len(other)) >= NEAR_LETTERS and Indel.normalized_similarity(one, other) >= NEAR_RATIO:
        return NEAR
    return None


def is_form(one: str, other: str) -> bool:
    """Whether two given names are forms of one: linked by rigour's data or ``SHORT_FORMS``, or a
    short form of three letters or more that begins the other."""
    short, full = sorted((one, other), key=len)
    if len(short) >= PREFIX_LETTERS and full.startswith(short):
        return True
    return bool(forms_of(one) & forms_of(other))


@lru_cache(maxsize=65536)
def forms_of(word: str) -> frozenset[str]:
    """What stands for the given names ``word`` may be: rigour's name and nickname symbols, and the
    full names ``SHORT_FORMS`` makes of it (or itself, when it is one of them)."""
    names = analyze_names(NameTypeTag.PER, [word], phonetics=False, numerics=False, consolidate=False,
                          rewrite=False)
    found = {f"{span.symbol.category.value}:{span.symbol.id}" for name in names for span in name.spans
             if len(span.parts) == 1 and span.symbol.category.value in ("NAME", "NICK")}
    found.update("full:" + full for full in _SHORT_TO_FULL.get(word, ()))
    if word in SHORT_FORMS:
        found.add("full:" + word)
    return frozenset(found)


def nickname_keys(word: str) -> frozenset[str]:
    """The stands of ``word`` a short form and its full name share although their first letters
    differ ("Bob", "Robert"): rigour's nickname symbols and ``SHORT_FORMS``; the name symbols are
    left out, as two spellings of one name mostly begin alike and slot keys already meet them."""
    return frozenset(form for form in forms_of(word) if not form.startswith("NAME:"))


_SHORT_TO_FULL: dict[str, list[str]] = {}
for _full, _shorts in SHORT_FORMS.items():
    for _short in _shorts:
        _SHORT_TO_FULL.setdefault(_short, []).append(_full)
