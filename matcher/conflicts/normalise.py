"""Name normalisation: the form two spellings of one name share."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def name_key(name: str) -> str:
    """Fold case, accents and punctuation so "Minera S.A." and "MINERA SA" agree."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NOT_WORD.sub(" ", without_marks.casefold()).replace("_", " ").split()
    return " ".join(words)
