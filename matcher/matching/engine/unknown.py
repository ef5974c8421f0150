"""Words a record holds that the platform does not know: left out, or the record held back.

A record is ranked on what is understood of it. A word left out of a list narrows what the
record accepts (a fund covering one kind of help fewer, a need in one language fewer), so the
rest of the record is ranked and the word is reported with the closest term the platform
knows. Leaving out a decisive value would widen or guess instead: a fund none of whose regions
is known would be open everywhere, a need whose country is not known cannot be placed. Such a
record is held back, not ranked, until the word is fixed. Either way each word is kept as data
(``Unknown``), for the command line to print and a page to word in its reader's language.
"""

from dataclasses import dataclass
from typing import Protocol

from .mapping import Mapping


class Terms(Protocol):
    """What a field's values are read through: a ``taxonomy.Vocabulary`` or a list of ``places``."""

    name: str  # what one value is, in English: "kind of help", "country"
    codes: frozenset[str]  # values that stand for themselves, read without mapping

    def map(self, text: str) -> Mapping: ...

    def label(self, code: str) -> str: ...


@dataclass(frozen=True)
class Unknown:
    """One value of a record's field that was not understood, with the closest code if any."""

    kind: str  # "need", "offer" or "fund"
    id: str
    field: str
    text: str
    terms: Terms
    suggestion: str | None
    holds_back: bool  # the record is not ranked without it

    def english(self) -> str:
        """What is wrong, in the English of the command line: "'x' is not a kind of help the
        platform knows (did you mean Bail?)"."""
        hint = f" (did you mean {self.terms.label(self.suggestion)}?)" if self.suggestion else ""
        article = "an" if self.terms.name[:1] in "aeiou" else "a"
        return f"{self.text!r} is not {article} {self.terms.name} the platform knows{hint}"


class Words:
    """Reads one record's values through their terms, keeping each value it did not understand."""

    def __init__(self, kind: str, ident: str):
        self.kind = kind
        self.id = ident
        self.unknown: list[Unknown] = []

    @property
    def held_back(self) -> bool:
        return any(word.holds_back for word in self.unknown)

    def codes(self, field: str, texts: list[str], terms: Terms, *, decisive: bool = True) -> frozenset[str]:
        """The codes of a list. A decisive list of which nothing is understood holds the record back."""
        if terms.codes.issuperset(texts):  # as the database stores them: ten thousand offers are read at once
            return frozenset(texts)
        found = [terms.map(text) for text in texts]
        codes = frozenset(mapping.code for mapping in found if mapping.mapped)
        for mapping in found:
            if not mapping.mapped:
                self._unknown(field, mapping, terms, holds_back=decisive and not codes)
        return codes

    def code(self, field: str, text: str, terms: Terms, *, decisive: bool = True) -> str | None:
        """The code of one value. A decisive value not understood holds the record back."""
        if text in terms.codes:
            return text
        found = terms.map(text)
        if not found.mapped:
            self._unknown(field, found, terms, holds_back=decisive)
        return found.code

    def _unknown(self, field: str, found: Mapping, terms: Terms, holds_back: bool) -> None:
        self.unknown.append(Unknown(self.kind, self.id, field, found.text, terms, found.suggestion, holds_back))
