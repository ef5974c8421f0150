"""Adverse parties that come back: the same company or person named in several needs.

A company that sues one defender often sues others, in other countries, under names written
differently each time. Names are read with the screening's normaliser, so "Minera Andina S.A.",
"MINERA ANDINA SA" and "Andina Minera" are one party, and a party's aliases join it to the
needs that named it by an alias only ("MASA"). What comes out is counts, for coordinators: how
many needs, in how many countries, never which defenders.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .normalise import normalise


@dataclass(frozen=True)
class Appearance:
    """One adverse party of one need: its name first, then its aliases."""

    need_id: int
    country: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class RepeatParty:
    """A party named in ``needs`` needs (``countries`` of them apart), under its commonest name."""

    name: str
    needs: int
    countries: int


def repeat_parties(appearances: Iterable[Appearance], at_least: int = 2) -> list[RepeatParty]:
    """The parties named in ``at_least`` needs or more, most needs first."""
    groups = _Groups()
    seen: list[tuple[Appearance, list[str]]] = []
    for appearance in appearances:
        keys = [key for key in map(_key, appearance.names) if key]
        for key in keys[1:]:
            groups.join(keys[0], key)
        if keys:
            seen.append((appearance, keys))
    needs: dict[str, set[int]] = {}
    countries: dict[str, set[str]] = {}
    written: dict[str, Counter] = {}
    for appearance, keys in seen:
        root = groups.root(keys[0])
        needs.setdefault(root, set()).add(appearance.need_id)
        countries.setdefault(root, set()).add(appearance.country)
        written.setdefault(root, Counter())[appearance.names[0].strip()] += 1
    found = [RepeatParty(_commonest(written[root]), len(ids), len(countries[root]))
             for root, ids in needs.items() if len(ids) >= at_least]
    return sorted(found, key=lambda party: (-party.needs, -party.countries, party.name.casefold()))


def _key(name: str) -> str:
    """What two names of one party share: their core words in order, legal forms and case aside."""
    return " ".join(sorted(normalise(name).core))


def _commonest(counts: Counter) -> str:
    """The name written most often, the first in alphabetical order among equals."""
    return min(counts, key=lambda name: (-counts[name], name))


class _Groups:
    """Keys joined into groups as aliases join names (a union-find)."""

    def __init__(self):
        self._parent: dict[str, str] = {}

    def root(self, key: str) -> str:
        parent = self._parent.setdefault(key, key)
        if parent != key:
            parent = self._parent[key] = self.root(parent)
        return parent

    def join(self, one: str, other: str) -> None:
        first, second = sorted((self.root(one), self.root(other)))
        self._parent[second] = first
