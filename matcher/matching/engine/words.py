"""Codes into the plain English a coordinator reads in a reason.

Ranking a need against ten thousand offers words a reason for each one it excludes,
and most of those name the same few sets of codes (the need's languages, the help it
wants): each set is worded once and remembered.
"""

from functools import lru_cache

from . import places, taxonomy


def _listing(names) -> str:
    return ", ".join(sorted(names)) or "none"


def country(code: str) -> str:
    return places.place_name(code)


def languages(codes) -> str:
    return _languages(frozenset(codes))


@lru_cache(maxsize=4096)
def _languages(codes: frozenset[str]) -> str:
    return _listing(places.language_name(code) for code in codes)


def help_kinds(codes) -> str:
    return _help_kinds(frozenset(codes))


@lru_cache(maxsize=4096)
def _help_kinds(codes: frozenset[str]) -> str:
    return _listing(taxonomy.help_kinds.label(code).lower() for code in codes)


def practice_areas(codes) -> str:
    return _practice_areas(frozenset(codes))


@lru_cache(maxsize=4096)
def _practice_areas(codes: frozenset[str]) -> str:
    return _listing(taxonomy.practice_areas.label(code) for code in codes)


def defender_kind(code: str) -> str:
    return taxonomy.defender_kinds.label(code).lower()


def money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}".strip()


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def hours(count: float) -> str:
    return f"{count:g} hour" if count == 1 else f"{count:g} hours"
