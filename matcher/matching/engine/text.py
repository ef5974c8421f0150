"""Folding text so that the ways people write one word compare equal.

"Difamación", "DIFAMACION" and "difamación " are one word to a coordinator;
folding (accents off, case folded, punctuation to spaces) makes them one string
before any fuzzy comparison, so fuzzy scores measure real differences only.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")

# Words that carry no meaning for the taxonomy in any of the four languages:
# articles and prepositions, and the generic nouns of legal talk ("law",
# "case", "demanda", "droit"...), so "SLAPP suit" and "defamation claim" are
# compared on "slapp" and "defamation" alone.
FILLER_WORDS = frozenset({
    # English
    "an", "the", "of", "for", "and", "or", "in", "on", "to", "by", "at", "with", "against", "from", "my", "our",
    "their", "law", "laws", "legal", "lawyer", "lawyers", "attorney", "case", "cases", "matter", "claim", "claims",
    "suit", "suits", "lawsuit", "proceedings", "action", "help", "support", "issue", "right", "rights",
    # Spanish
    "el", "la", "los", "las", "lo", "de", "del", "por", "para", "en", "con", "contra", "un", "una", "unos", "unas",
    "al", "su", "sus", "mi", "derecho", "derechos", "ley", "juridico", "juridica", "abogado", "abogada", "caso",
    "demanda", "proceso", "ayuda", "apoyo", "asunto",
    # French
    "le", "les", "du", "des", "et", "ou", "pour", "par", "avec", "une", "au", "aux", "sa", "son", "ses", "droit",
    "droits", "loi", "juridique", "avocat", "avocate", "affaire", "procedure", "plainte", "aide", "soutien",
    # Portuguese
    "os", "as", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "com", "um", "uma", "pelo", "pela", "ao",
    "direito", "direitos", "lei", "advogado", "advogada", "processo", "acao", "ajuda", "apoio", "questao",
})


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: accents and punctuation gone."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.casefold()).strip()


def meaningful_words(text: str, filler: frozenset[str] = FILLER_WORDS) -> tuple[str, ...]:
    """The folded words of ``text`` that can carry meaning: ``filler`` and single letters dropped."""
    return tuple(word for word in fold(text).split() if len(word) > 1 and word not in filler)
