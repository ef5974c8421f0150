"""The kind of a client or a party, from the word a file writes for it.

Screening tells two kinds apart: an organisation (a company, an authority, an NGO) and a
person. Firms export their client lists from systems and spreadsheets in four languages,
so the kind arrives as "Organization", "company", "legal entity", "empresa", "société",
"pessoa física" and the like. Each word is compared folded (case, accents, spacing and
punctuation ignored), so "Compañía" and "compania" are one word.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

ORGANISATION = "organisation"
PERSON = "person"

_WORDS = {
    ORGANISATION: (
        # English
        "organisation", "organization", "org", "company", "co", "corporation", "corp", "entity",
        "legal entity", "legal person", "business", "enterprise", "firm", "institution", "association",
        "ngo", "authority", "government", "group", "partnership", "trust", "fund", "bank",
        # Spanish
        "empresa", "sociedad", "compania", "corporacion", "entidad", "persona juridica", "organizacion",
        "institucion", "asociacion",
        # French
        "societe", "entreprise", "personne morale", "entite", "institution", "compagnie",
        # Portuguese
        "sociedade", "companhia", "pessoa juridica", "entidade", "organizacao", "instituicao",
        "associacao",
    ),
    PERSON: (
        "person", "individual", "natural person", "private person",
        "persona", "persona fisica", "persona natural", "individuo", "particular",
        "personne", "personne physique", "particulier", "individu",
        "pessoa", "pessoa fisica", "pessoa natural", "individuo",
    ),
}
_KINDS = {word: kind for kind, words in _WORDS.items() for word in words}
_NOT_LETTERS = re.compile(r"[^a-z]+")


def fold(word: str) -> str:
    """The word without case, accents or punctuation, its parts one space apart."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    return _NOT_LETTERS.sub(" ", bare).strip()


def kind_of(word: str) -> str | None:
    """``ORGANISATION`` or ``PERSON`` for a word people write for one; an empty word is an
    organisation (the kind most clients are); None for a word that is neither."""
    folded = fold(word)
    if not folded:
        return ORGANISATION
    return _KINDS.get(folded)


def readings(written: Iterable[str]) -> dict[str, Counter]:
    """Each kind with the words read as it and how often, leaving out the kinds' own names and
    empty cells: what a person should be told was understood ("company" 120 times as an organisation)."""
    found: dict[str, Counter] = {}
    for word in written:
        kind = kind_of(word)
        if kind is not None and fold(word) not in ("", kind):
            found.setdefault(kind, Counter())[word.strip().lower()] += 1
    return found
