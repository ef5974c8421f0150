"""The words the platform uses for threats, help, practice areas, countries and languages.

Countries and languages come from pycountry and Babel's data, never hand-written
lists, named in the reader's language (English outside a request). The legal
vocabulary is the platform's own, keyed by stable codes that the database stores and
the engines compare; its labels (marked there, translated here when read) and its
synonyms in four languages live in ``matching.terms``, and free text is mapped onto the codes by
``matching.taxonomy`` and ``matching.places``.
"""

from collections.abc import Iterator, Mapping
from functools import lru_cache

import icu
import pycountry
from babel import Locale
from flask import has_request_context
from flask_babel import get_locale, lazy_gettext
from flask_babel.speaklater import LazyString
from wtforms.fields.choices import SelectChoice

from .engine import places, terms


class Labels(Mapping):
    """Code to label, in the order the vocabulary lists them, in the reader's language.

    The labels are marked in ``engine.terms`` (``N_``) and translated when they are read:
    looking a code up gives the label for this request's reader (English outside a
    request), and ``lazy`` gives one that waits until it is shown, for form choices made
    at import time.
    """

    def __init__(self, english: dict[str, str]):
        self._english = english

    def __getitem__(self, code: str) -> str:
        return str(lazy_gettext(self._english[code]))

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)

    def english(self, code: str) -> str:
        return self._english[code]

    def lazy(self, code: str):
        return lazy_gettext(self._english[code])


def _labels(vocabulary: dict[str, dict]) -> Labels:
    return Labels({code: entry["label"] for code, entry in vocabulary.items()})


THREATS = _labels(terms.THREATS)
HELP_KINDS = _labels(terms.HELP_KINDS)
PRACTICE_AREAS = _labels(terms.PRACTICE_AREAS)
URGENCY_LABELS = _labels(terms.URGENCIES)
DEFENDER_KIND_LABELS = _labels(terms.DEFENDER_KINDS)
SECTORS = _labels(terms.SECTORS)

# The practice area a threat most often calls for, used when a need names none.
THREAT_PRACTICE_AREA = terms.THREAT_PRACTICE_AREA


def reader_locale() -> str:
    """The locale whose names a page shows: the reader's, or English outside a request."""
    locale = get_locale() if has_request_context() else None
    return str(locale) if locale is not None else "en"


class ReaderNames(Mapping):
    """Code to name in the reader's language (``reader_locale``), sorted by name, read afresh
    on every use, so a mapping kept at import time still follows each reader."""

    def __init__(self, table):
        self._table = table

    def now(self) -> dict[str, str]:
        return self._table(reader_locale())

    def __getitem__(self, code: str) -> str:
        return self.now()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.now())

    def __len__(self) -> int:
        return len(self.now())

    def __contains__(self, code) -> bool:
        return code in self.now()

    def lazy(self, code: str):
        """The name, put into words only when it is shown (for form choices made at import time)."""
        return LazyString(lambda: self.now().get(code, code))


def collated(items, name, locale: str) -> list:
    """``items`` in the order of their ``name`` in ``locale``'s alphabet ("Égypte" among the E's,
    not after "Zambie" as code points would put it)."""
    collator = icu.Collator.createInstance(icu.Locale(locale))
    return sorted(items, key=lambda item: collator.getSortKey(name(item)))


@lru_cache(maxsize=8)
def _countries(locale: str) -> dict[str, str]:
    """English names from pycountry; in another language, Babel's name when it has one."""
    territories = Locale.parse(locale).territories if locale != "en" else {}
    pairs = ((c.alpha_2, territories.get(c.alpha_2) or getattr(c, "common_name", c.name))
             for c in pycountry.countries)
    return dict(collated(pairs, lambda pair: pair[1], locale))


@lru_cache(maxsize=8)
def _languages(locale: str) -> dict[str, str]:
    """Every ISO 639-1 language Babel knows in English, named in ``locale`` where Babel can."""
    english = Locale("en")
    names_in = Locale.parse(locale).languages
    names = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code and code in english.languages:
            names[code] = names_in.get(code) or english.languages[code]
    return dict(collated(names.items(), lambda pair: pair[1], locale))


_COUNTRIES = ReaderNames(_countries)
_LANGUAGES = ReaderNames(_languages)


def countries() -> ReaderNames:
    """ISO 3166 alpha-2 code to the country's name in the reader's language, sorted by name."""
    return _COUNTRIES


def languages() -> ReaderNames:
    """ISO 639-1 code to the language's name in the reader's language, for every language Babel
    knows a locale of."""
    return _LANGUAGES


def country_name(code: str) -> str:
    """A country's name, or a region's ("Latin America"): offers and funds may cover regions."""
    return countries().get(code) or places.place_name(code)


def language_name(code: str) -> str:
    """Also names the languages with only an ISO 639-3 code, which free text on forms may give."""
    return languages().get(code) or places.language_name(code)


def choices(vocabulary: Mapping, placeholder: str | None = None) -> list[SelectChoice]:
    """WTForms choices from a code-to-label mapping, optionally after an empty "choose" option.

    A ``Labels`` vocabulary gives labels that are translated when the form is drawn, so
    choices made at import time still speak the reader's language."""
    options = [SelectChoice("", placeholder)] if placeholder else []
    if isinstance(vocabulary, Labels | ReaderNames):
        return options + [SelectChoice(str(code), vocabulary.lazy(code)) for code in vocabulary]
    return options + [SelectChoice(str(code), label) for code, label in vocabulary.items()]
