"""The words the platform uses for threats, help, practice areas, countries and languages.

Countries and languages come from pycountry and Babel's data, never hand-written
lists. The legal vocabulary is the platform's own, keyed by stable codes that the
database stores and the engines compare; its labels and its synonyms in four
languages live in ``matching.terms``, and free text is mapped onto the codes by
``matching.taxonomy`` and ``matching.places``.
"""

from functools import lru_cache

import pycountry
from babel import Locale
from wtforms.fields.choices import SelectChoice

from .engine import places, terms


def _labels(vocabulary: dict[str, dict]) -> dict[str, str]:
    """Code to English label, in the order the vocabulary lists them."""
    return {code: entry["label"] for code, entry in vocabulary.items()}


THREATS = _labels(terms.THREATS)
HELP_KINDS = _labels(terms.HELP_KINDS)
PRACTICE_AREAS = _labels(terms.PRACTICE_AREAS)
URGENCY_LABELS = _labels(terms.URGENCIES)
DEFENDER_KIND_LABELS = _labels(terms.DEFENDER_KINDS)

# The practice area a threat most often calls for, used when a need names none.
THREAT_PRACTICE_AREA = terms.THREAT_PRACTICE_AREA


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166 alpha-2 code to English name, sorted by name."""
    pairs = ((c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries)
    return dict(sorted(pairs, key=lambda pair: pair[1]))


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """ISO 639-1 code to English name for every language Babel knows a locale of."""
    english = Locale("en")
    names = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code and code in english.languages:
            names[code] = english.languages[code]
    return dict(sorted(names.items(), key=lambda pair: pair[1]))


def country_name(code: str) -> str:
    """A country's name, or a region's ("Latin America"): offers and funds may cover regions."""
    return countries().get(code) or places.place_name(code)


def language_name(code: str) -> str:
    """Also names the languages with only an ISO 639-3 code, which free text on forms may give."""
    return languages().get(code) or places.language_name(code)


def choices(vocabulary: dict, placeholder: str | None = None) -> list[SelectChoice]:
    """WTForms choices from a code-to-label mapping, optionally after an empty "choose" option."""
    options = [SelectChoice("", placeholder)] if placeholder else []
    return options + [SelectChoice(str(code), label) for code, label in vocabulary.items()]
