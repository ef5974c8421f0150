"""Countries, regions and languages, understood by name in four languages or by ISO code.

Names come from pycountry (ISO 3166, ISO 639) and Babel (CLDR names in English,
Spanish, French and Portuguese), region membership from CLDR's UN M49 table in
``data/regions.json``, so nothing here is a hand-kept list of countries. A region
("Latin America", "Afrique de l'Ouest", "worldwide") stands for its countries.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from .mapping import SUGGEST, Mapping, decide
from .terms import REGION_ALIASES
from .text import fold

NAME_LOCALES = ("en", "es", "fr", "pt")
_MIN_FUZZY = 4  # codes and very short names only match exactly
_REGIONS_FILE = Path(__file__).with_name("data") / "regions.json"


class _Index:
    """Folded names to codes, first spelling wins; fuzzy matching only over ``fuzzy_keys``."""

    def __init__(self):
        self.exact: dict[str, str] = {}
        self.fuzzy_keys: list[str] = []

    def add(self, name: str, code: str, fuzzy: bool = True) -> None:
        key = fold(name)
        if key and key not in self.exact:
            self.exact[key] = code
            if fuzzy and len(key) >= _MIN_FUZZY:
                self.fuzzy_keys.append(key)

    def find(self, text: str) -> Mapping:
        key = fold(text)
        if key in self.exact:
            return Mapping(text, self.exact[key], 1.0)
        if len(key) < _MIN_FUZZY:
            return Mapping(text, None, 0.0)
        found = process.extract(key, self.fuzzy_keys, scorer=fuzz.token_sort_ratio, limit=3,
                                score_cutoff=SUGGEST * 100)
        best: dict[str, float] = {}
        for name, score, _ in found:
            code = self.exact[name]
            best[code] = max(best.get(code, 0.0), score / 100)
        return decide(text, best)


@lru_cache(maxsize=1)
def _containment() -> dict[str, list[str]]:
    return json.loads(_REGIONS_FILE.read_text(encoding="utf-8"))["contains"]


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code pycountry knows."""
    return frozenset(country.alpha_2 for country in pycountry.countries)


@lru_cache(maxsize=1)
def _countries() -> _Index:
    index = _Index()
    for country in pycountry.countries:
        index.add(country.alpha_2, country.alpha_2, fuzzy=False)
        index.add(country.alpha_3, country.alpha_2, fuzzy=False)
    for country in pycountry.countries:
        for attribute in ("common_name", "name", "official_name"):
            if hasattr(country, attribute):
                index.add(getattr(country, attribute), country.alpha_2)
    for locale in NAME_LOCALES:
        for code, name in Locale(locale).territories.items():
            if code in country_codes():
                index.add(name, code)
    return index


@lru_cache(maxsize=1)
def _regions() -> _Index:
    index = _Index()
    regions = [code for code in _containment() if code != "QO"]  # QO: "outlying Oceania", not a place to name
    for code in regions:
        index.add(code, code, fuzzy=False)
    for locale in NAME_LOCALES:
        names = Locale(locale).territories
        for code in regions:
            if code in names:
                index.add(names[code], code)
    for code, aliases in REGION_ALIASES.items():
        for alias in aliases:
            index.add(alias, code)
    return index


@lru_cache(maxsize=4096)
def country(text: str) -> Mapping:
    """``text`` as one country's alpha-2 code: "Honduras", "HND", "Brésil", "Costa do Marfim"."""
    return _countries().find(text)


@lru_cache(maxsize=4096)
def place(text: str) -> Mapping:
    """``text`` as a country's alpha-2 code or a region's code ("419", "EU"): for coverage lists."""
    found = country(text)
    if found.mapped and found.confidence == 1.0:
        return found
    region = _regions().find(text)
    # A region named exactly beats a country guessed: "South America" is not a misspelt "South Africa".
    if region.mapped and region.confidence >= found.confidence:
        return region
    if found.mapped:
        return found
    return region if region.confidence > found.confidence else found


@lru_cache(maxsize=256)
def countries_in(code: str) -> frozenset[str]:
    """The countries a place code stands for: itself for a country, its members for a region."""
    if code in country_codes():
        return frozenset({code})
    members = _containment().get(code, ())
    return frozenset().union(*(countries_in(member) for member in members)) if members else frozenset()


def expand(codes) -> frozenset[str]:
    """The countries covered by a list of country and region codes."""
    codes = frozenset(codes)
    if codes <= country_codes():  # the common case, kept cheap: profiles are built per ranking
        return codes
    return frozenset().union(*(countries_in(code) for code in codes))


def is_region(code: str) -> bool:
    return code in _containment()


@lru_cache(maxsize=1)
def _languages() -> _Index:
    """ISO 639-1 codes where a language has one (as the forms store), else ISO 639-3."""
    index = _Index()
    known = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None) or language.alpha_3
        known[language.alpha_3] = code
        if hasattr(language, "alpha_2"):
            known[language.alpha_2] = code
            index.add(language.alpha_2, code, fuzzy=False)
    for locale in NAME_LOCALES:
        for babel_code, name in Locale(locale).languages.items():
            if babel_code in known:
                index.add(name, known[babel_code])
    for language in pycountry.languages:
        code = known[language.alpha_3]
        index.add(language.alpha_3, code, fuzzy=False)
        if hasattr(language, "bibliographic"):
            index.add(language.bibliographic, code, fuzzy=False)
        index.add(language.name, code, fuzzy=False)  # 7,000 names: exact only, or typos find obscure ones
    return index


@lru_cache(maxsize=4096)
def language(text: str) -> Mapping:
    """``text`` as a language code: "Spanish", "español", "espagnol", "es", "spa"."""
    return _languages().find(text)


def currency(text: str) -> str | None:
    """An ISO 4217 code ("usd" -> "USD"), or None."""
    found = pycountry.currencies.get(alpha_3=text.strip().upper()) if len(text.strip()) == 3 else None
    return found.alpha_3 if found else None


@lru_cache(maxsize=1)
def _english_territories() -> dict[str, str]:
    return dict(Locale("en").territories)


def place_name(code: str) -> str:
    """A country's or region's English name: regions have no name in Babel's data to translate."""
    return _english_territories().get(code, code)


@lru_cache(maxsize=1)
def _english_languages() -> dict[str, str]:
    return dict(Locale("en").languages)


def language_name(code: str) -> str:
    if code in _english_languages():
        return _english_languages()[code]
    found = pycountry.languages.get(alpha_3=code)
    return found.name if found else code


@dataclass(frozen=True)
class Names:
    """One list of places or languages as the terms a field is read through (``unknown.Terms``).
    Every value is mapped, codes too: "HND" stands for "HN"."""

    name: str
    map: Callable[[str], Mapping]
    label: Callable[[str], str]
    codes: frozenset[str] = frozenset()


COUNTRIES = Names("country", country, place_name)
PLACES = Names("country or region", place, place_name)
LANGUAGES = Names("language", language, language_name)
