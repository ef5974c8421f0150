"""Index keys: the strings a client name is filed under and a party name is looked up by.

The same function makes the keys of both sides (``index_keys``), so finding candidates is
a plain intersection of key sets, which a database answers with ``key IN (...)`` on an
indexed column, the same on SQLite and PostgreSQL. Initials alone are asked across
(``asked_keys``): a name's initials look for single words and a single word for initials, so
two long names with the same initials do not meet through them.

Each key carries its kind in a two-character prefix:

- ``n:`` whole-name keys: the core in sorted word order ("andina minera", for word
  order and legal forms) and run together ("exxonmobil", for joined and split
  words). They are specific, so they are never skipped: a short or common name
  ("BP", "Apple") is always found when it is written the same way.
- ``i:`` identifiers (an LEI): never skipped either.
- ``d:`` word keys: each word (cut at twelve letters) and its first six letters, so a name
  meets the names that share a word with it ("Lundin Holdings" and "Lundin Mining").
- ``e:`` typo keys: for a word of four letters or more that is not generic
  (``words.GENERIC``), the word and each deletion of one of its letters, with the first three
  letters of each of the name's other words. Two spellings one edit apart (a letter changed,
  missing, added, or two swapped) share the word or a deletion, and a typo rule can accept the
  pair only when the other words are alike too (``score``): "Copper Corpeton" meets "Copper
  Cordeton" through "e:coreton|cop", and "Nodemer Group" no longer meets "Nopemer Gold" through
  "noemer" alone. Whole words, not their first letters, so that in a list of a million names a typo in
  "Dorvelan" meets "dorvlan" (a handful of names) rather than "dorvl" (hundreds). A deletion by
  itself would bring forty names a word from such a list, nearly all with other words around it.
- ``a:`` the initials of a name of two words or more (``NormalName.initialisms``: of its core,
  or of all its words with the particles, each with and without its legal forms' letters;
  three letters at least), and ``w:`` a single word of three to six letters, so "IBM" meets
  "International Business Machines" and "PDVSA" "Petróleos de Venezuela S.A.".
- ``s:`` slot keys of a name of two words or more: for each word, the first letter of
  that word with all the other words. A typo changes one word and seldom its first
  letter, so the name with a typo still shares that word's slot key however common
  each word is alone: "Juan Garcya Lopez" meets "Juan García López" through
  "s:g|juan lopez", where "d:juan" and "d:lopez" are each held by thousands of names
  in a list of a million.

A name read as a person's (``persons.is_person``: its kind is a person's, or unknown and the name
looks like one: no legal form, no trade word)
has three more kinds, since people write a person's parts in ways a company's words are not:

- ``f:`` the first letters of all its words with one word whole, or one letter off it:
  "J. M. García" meets "José María García" (``f:gjm|garcia``), and a typo in every part but one
  letter-deletion apart still meets ("Jaun Garcya" and "Juan García" share ``f:gj|jan``).
- ``m:`` its words in sorted order, and for three words or more, each of them left out: "Juan
  García" meets "Juan García López" (``m:garcia juan``).
- ``v:`` for a given name with other forms, what stands for them (``persons.forms_of``) with the
  other words: "Bob Smith" meets "Robert Smith" (``v:full:robert|smith``).

Word, initial and slot keys of common words ("bank", "group", "trading") would
bring thousands of candidates; the caller asks for such a key only while fewer than
a limit of names carry it (``lookup_keys``), a lower one for a slot key (``key_limit``). A
party whose every distinctive word is common is then found through its whole-name keys only.
"""

from collections.abc import Callable, Iterable
from functools import lru_cache

from .normalise import NormalName, normalise
from .persons import forms_of, is_person, person_words
from .words import GENERIC

# Raised whenever a name's keys or normal form change (normalisation, the kinds of key): an index
# filed under older keys would miss names that the new keys find, and an entry's stored forms
# (``NormalName.stored``) would be read as the new ones, so it must be filed again; and so when the
# way a normal form is stored changes.
KEYS_VERSION = 6
WHOLE_PREFIXES = ("n:", "i:")
WORD_MAX_LETTERS = 12
PREFIX_LETTERS = 6
TYPO_MIN_LETTERS = 4
# How many letters of each other word a typo key carries (``typo_keys``).
CONTEXT_LETTERS = 3
# A single word of so many letters may be some longer name's initials ("YPF", "PDVSA").
INITIALS_MIN, INITIALS_MAX = 3, 6
# Longer keys are cut (both sides alike) to fit the index column.
KEY_MAX = 255
# A weak key held by more names than this is too common to be asked for: each asked key
# costs up to this many candidates to score (see the benchmark's candidates per need).
COMMON_KEY_LIMIT = 100
# A slot key is asked under a lower limit (``key_limit``): one held by more names than this is a
# common pair of words with one initial ("s:t|logistics minera"), whose holders differ from the
# party in the one word that tells them apart. Against a million names, slot keys held by 16 to
# 100 brought half of a need's candidates and a fifth of its hits, all of them look-alikes in
# the review band, and no conflict; a typo in that word is still found by its typo keys. (At 10,
# the engine benchmark lost one typo in 400.)
SLOT_KEY_LIMIT = 15


@lru_cache(maxsize=65536)
def index_keys(name: str, kind: str = "") -> frozenset[str]:
    """Every key ``name`` is filed under (or looked up by), a person's keys only where the name is
    read as one (``persons.is_person`` of ``kind``: "" for a name whose kind nobody gave); cached, as
    screening asks for the keys of the same candidates again and again."""
    normal = normalise(name)
    return frozenset(core_keys(normal, kind)).union(*map(word_keys, normal.core)) if normal.core else frozenset()


def core_keys(name: NormalName, kind: str = "") -> set[str]:
    """The keys of a name's core as a whole: whole-name, slot, typo and initials keys (its
    words' own keys are ``word_keys``)."""
    core = name.core
    ordered = sorted(core)
    keys = {("n:" + " ".join(ordered))[:KEY_MAX], ("n:" + "".join(core))[:KEY_MAX]}
    if len(ordered) >= 2:
        keys.update(f"s:{word[0]}|{' '.join(ordered[:i] + ordered[i + 1 :])}"[:KEY_MAX]
                    for i, word in enumerate(ordered))
    keys |= typo_keys(core)
    keys.update(("a:" + letters)[:KEY_MAX] for letters in name.initialisms)
    if is_initials(core):
        keys.add("w:" + core[0])
    if is_person(kind, name):
        keys |= person_keys(person_words(name))
    return keys


def typo_keys(core: tuple[str, ...]) -> set[str]:
    """The ``e:`` keys of a name's words (see the module's docstring)."""
    keys = set()
    for i, word in enumerate(core):
        if len(word) >= TYPO_MIN_LETTERS and word not in GENERIC:
            context = " ".join(sorted(other[:CONTEXT_LETTERS] for other in core[:i] + core[i + 1:]))
            keys.update(f"e:{variant}|{context}"[:KEY_MAX] for variant in _deletions(word))
    return keys


def person_keys(words: tuple[str, ...]) -> set[str]:
    """The ``f:``, ``m:`` and ``v:`` keys of a person's words (see the module's docstring)."""
    ordered = sorted(words)
    letters = "".join(sorted(word[0] for word in words))
    keys = {f"f:{letters}|{variant}" for word in set(words) if len(word) > 1 for variant in _deletions(word)}
    keys.add("m:" + " ".join(ordered))
    if len(ordered) >= 3:
        keys.update("m:" + " ".join(ordered[:i] + ordered[i + 1:]) for i in range(len(ordered)))
    for i, word in enumerate(ordered):
        rest = " ".join(ordered[:i] + ordered[i + 1:])
        keys.update(f"v:{form}|{rest}" for form in forms_of(word))
    return {key[:KEY_MAX] for key in keys}


@lru_cache(maxsize=8192)
def _deletions(word: str) -> frozenset[str]:
    """A word cut to ``WORD_MAX_LETTERS`` and, from ``TYPO_MIN_LETTERS`` letters, each of its
    one-letter deletions; cached, since a list's words recur ("garcia" in thousands of names) and
    making them was a third of making a name's keys (8,192 words of seven letters hold 9 MB)."""
    cut = word[:WORD_MAX_LETTERS]
    if len(cut) < TYPO_MIN_LETTERS:
        return frozenset((cut,))
    return frozenset({cut, *(cut[:i] + cut[i + 1:] for i in range(len(cut)))})


@lru_cache(maxsize=65536)
def asked_keys(name: str, kind: str = "") -> frozenset[str]:
    """The keys ``name`` is looked up by: those it is filed under, with its initials asked of
    single words and a single word asked of initials."""
    return frozenset(_ACROSS.get(key[:2], key[:2]) + key[2:] for key in index_keys(name, kind))


_ACROSS = {"a:": "w:", "w:": "a:"}


def is_initials(core: tuple[str, ...]) -> bool:
    """Whether a core may be some name's initials: one word of three to six letters."""
    return len(core) == 1 and INITIALS_MIN <= len(core[0]) <= INITIALS_MAX and core[0].isalpha()


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """The ``d:`` keys of one word; cached, since words recur across names where whole
    names do not (an import meets "holdings" thousands of times)."""
    return tuple({"d:" + word[:PREFIX_LETTERS], "d:" + word[:WORD_MAX_LETTERS]})


def identifier_key(lei: str) -> str:
    """The key of an LEI, so two records with the same identifier always meet."""
    return "i:" + lei.strip().upper() if lei and lei.strip() else ""


def is_whole_key(key: str) -> bool:
    """Whole-name and identifier keys are always asked for, however common."""
    return key.startswith(WHOLE_PREFIXES)


def lookup_keys(
    keys: Iterable[str], count: Callable[[str], int], limit: int = COMMON_KEY_LIMIT
) -> set[str]:
    """The keys worth asking the index for: all whole keys, and weak keys held by at most
    ``key_limit`` names (``count(key)`` says how many: a key-frequency table or a COUNT query)."""
    return {key for key in keys if is_whole_key(key) or count(key) <= key_limit(key, limit)}


def key_limit(key: str, limit: int = COMMON_KEY_LIMIT) -> int:
    """The most names a weak key may be held by and still be asked for: ``limit``, and no more
    than ``SLOT_KEY_LIMIT`` for a slot key."""
    return min(limit, SLOT_KEY_LIMIT) if key.startswith("s:") else limit
