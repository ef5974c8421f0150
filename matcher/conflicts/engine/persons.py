"""Person names: the parts of two names paired, and how each pair differs.

A person's name is given names and surnames, written in either order ("García López, Juan"),
with particles ("van", "bin", "da") that are often left out, given names shortened ("Bob" for
"Robert", "Pepe" for "José"), cut to an initial ("J. García López") or spelt as another
transliteration ("Sergey", "Sergei"), and a second given name or surname often missing. Company
rules read such names badly: "J. García López" is not a typo of "Juan García López", and "Juan
García" against "Pedro García" shares most of its letters.

``pair_parts`` pairs each word of one name with a word of the other, strongest likeness first:
equal, a typo (one edit, in words of three letters or more), another form of one given name, a
long word a few edits away, an initial. Another form is known from a short form that begins the
full name ("Alex", "Alexander"), from ``SHORT_FORMS`` (short forms and nicknames in the
platform's languages: "Pepe" for "José", "Bob" for "Robert") and from ``NAME_FORMS`` (one name's
transliterations and its forms in other languages: "Mohammed", "Muhammad"; "John", "Juan", "Jean").
They are tables of their own rather than rigour's person-name tagger, which knows far more names but
costs seven seconds and 380 MB in every process that screens a person (Wikidata's given names in
every script): a web worker, a job worker and the command line each paid it, and a client list's
import doubled its memory.
"""

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel

from .normalise import NormalName
from .words import GENERIC

# Short forms and nicknames of given names: Spanish, Portuguese, French, English, and Russian and Arabic
# ones that the platform's parties carry. Folded (no accents, lower case). A short form that begins
# the full name ("Alex", "Chris") needs no line (``PREFIX_LETTERS``).
SHORT_FORMS = {
    "thomas": ("tom", "tommy"), "michael": ("mike", "mick"), "anthony": ("tony",), "john": ("jack", "johnny"),
    "joseph": ("joe", "joey"), "charles": ("charlie", "chuck"), "henry": ("harry", "hank"),
    "nicholas": ("nick",), "lawrence": ("larry",), "susan": ("sue", "susie"), "deborah": ("debbie", "deb"),
    "rebecca": ("becky",), "ivan": ("vanya",), "anastasia": ("nastya",), "maria": ("masha",),
    "pavel": ("pasha",), "natalia": ("natasha",), "konstantin": ("kostya",), "yevgeny": ("zhenya",),
    "jose": ("pepe", "chema", "che"), "francisco": ("paco", "pancho", "curro", "chico"),
    "antonio": ("tono", "tony", "toni"), "manuel": ("manolo", "manu"), "alejandro": ("alex", "jandro"),
    "guillermo": ("memo", "guille"), "enrique": ("quique",), "ignacio": ("nacho",), "roberto": ("beto",),
    "eduardo": ("lalo",), "jesus": ("chucho", "chuy"), "concepcion": ("concha", "conchita"),
    "guadalupe": ("lupe", "lupita"), "dolores": ("lola",), "rosario": ("charo",), "teresa": ("tere",),
    "mercedes": ("merche",), "joao": ("joaozinho",),
    "elizabeth": ("beth", "betty", "liz", "lisa", "betsy"), "margaret": ("peggy", "maggie", "meg"),
    "katherine": ("kate", "kathy", "katie"), "catherine": ("kate", "cathy"), "patricia": ("pat", "patty"),
    "jennifer": ("jenny", "jen"), "james": ("jim", "jimmy"), "robert": ("bob", "bobby"),
    "william": ("bill", "billy"), "richard": ("dick", "rick"), "edward": ("ted", "ned"),
    "jacques": ("jacky",), "guillaume": ("guy",), "frederic": ("fred",), "philippe": ("phil",),
    "francois": ("francky",), "mikhail": ("misha",), "ekaterina": ("katya",), "aleksandr": ("sasha",),
    "alexander": ("sasha",), "nikolai": ("kolya",), "vladimir": ("volodya",), "dmitri": ("dima",),
    "youssef": ("yusuf", "yousef", "joseph"), "aisha": ("aicha", "aysha"),
}
# Forms of one given name: its transliterations from Arabic, Cyrillic and other scripts, and the name
# as the platform's languages write it. Folded; the first of each is the name the group stands for.
NAME_FORMS = (
    ("muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad", "mehmet"),
    ("ahmed", "ahmad", "ahmet"), ("hussein", "husain", "hussain", "hossein", "husein"), ("hassan", "hasan"),
    ("abdullah", "abdallah", "abdulla"), ("omar", "umar"), ("osman", "uthman", "othman"),
    ("ibrahim", "ebrahim"), ("mustafa", "mostafa", "moustafa"), ("khaled", "khalid"),
    ("fatima", "fatma", "fatemeh"), ("yusuf", "youssef", "yousef", "yousuf"),
    ("aleksandr", "alexander", "aleksander", "alexandr", "alexandre", "alejandro", "alessandro"),
    ("aleksei", "alexei", "alexey", "aleksey"), ("andrei", "andrey", "andrej", "andre", "andres", "andrew"),
    ("dmitri", "dmitry", "dmitriy", "dimitri"), ("sergei", "sergey", "serguei", "sergej", "sergio"),
    ("yuri", "yury", "yuriy", "iouri", "juri"), ("nikolai", "nikolay", "nicolai", "nicolas", "nicholas"),
    ("mikhail", "michail", "michael", "miguel", "michel", "michele"), ("yevgeny", "evgeny", "evgeni", "evgenii"),
    ("ekaterina", "yekaterina", "katerina", "catalina", "catarina"), ("natalia", "natalya", "nataliya"),
    ("yulia", "julia", "yuliya", "iulia", "julie"), ("tatiana", "tatyana", "tatjana"), ("elena", "yelena", "helena"),
    ("john", "juan", "joao", "jean", "johann", "giovanni"), ("peter", "pedro", "pierre", "pietro", "piotr"),
    ("joseph", "jose", "giuseppe", "josef"), ("william", "guillermo", "guillaume", "guilherme"),
    ("charles", "carlos", "carlo", "karl"), ("henry", "enrique", "henri", "henrique"),
    ("francis", "francisco", "francois", "francesco", "franz"), ("james", "diego", "jaime", "jacques"),
    ("paul", "pablo", "paulo", "paolo"), ("stephen", "esteban", "stephane", "estevao", "steven"),
    ("mary", "maria", "marie", "mariya"), ("anne", "ana", "anna"), ("joan", "juana", "jeanne", "joana"),
)
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


def is_person(kind: str, name: NormalName) -> bool:
    """Whether a name is read as a person's: its kind says so (or is unknown, "", and the name
    looks like one), and it has no legal form."""
    return not name.forms and (kind == "person" or (not kind and looks_like_person(name)))


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
    """What stands for the given names ``word`` may be: the ``NAME_FORMS`` groups it is in, and the
    full names ``SHORT_FORMS`` makes of it (or itself, when it is one of them). Two forms of one name
    share one, although their first letters may differ ("Bob", "Robert"; "William", "Guillermo")."""
    found = {"name:" + group[0] for group in _GROUPS.get(word, ())}
    found.update("full:" + full for full in _SHORT_TO_FULL.get(word, ()))
    if word in SHORT_FORMS:
        found.add("full:" + word)
    return frozenset(found)


_SHORT_TO_FULL: dict[str, list[str]] = {}
for _full, _shorts in SHORT_FORMS.items():
    for _short in _shorts:
        _SHORT_TO_FULL.setdefault(_short, []).append(_full)
_GROUPS: dict[str, list[tuple[str, ...]]] = {}
for _group in NAME_FORMS:
    for _name in _group:
        _GROUPS.setdefault(_name, []).append(_group)
