"""Name normalisation: the form two spellings of one name share."""

import re
import unicodedata

# Dots and apostrophes join what they separate ("S.A." is "SA", "O'Brien" is "OBrien");
# every other non-word character separates words.
_JOINERS = re.compile(r"[.'’]")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def name_key(name: str) -> str:
    """Fold case, accents and punctuation so "Minera S.A." and "MINERA SA" agree."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    joined = _JOINERS.sub("", without_marks.casefold())
    words = _NOT_WORD.sub(" ", joined).replace("_", " ").split()
    return " ".join(words)
