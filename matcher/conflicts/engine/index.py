"""An index of client names in memory, for the command line and the benchmarks.

It answers as the database index does (``ClientNameKey``): the names filed under
any of the keys asked, with the keys that found each, common weak keys left out (``lookup_keys``), plus the
parents and children in the list of every client found, which ``screen`` needs
to report hits through the firm's own family links; and which of a party's words
are held by too many names for ``screen`` to take them for rare ones.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from .keys import COMMON_KEY_LIMIT, identifier_key, index_keys, lookup_keys
from .records import ClientName, Hit, Party
from .relations import MAX_DEPTH, Relations
from .score import RARE_LIMIT
from .screen import party_keys, rare_word_keys, screen


class MemoryIndex:
    def __init__(self, names: Iterable[ClientName], limit: int = COMMON_KEY_LIMIT):
        self.limit = limit
        self.names = list(names)
        self.postings: dict[str, list[int]] = defaultdict(list)
        self._by_client: dict[str, list[int]] = defaultdict(list)
        self._children: dict[str, set[str]] = defaultdict(set)
        self._parent: dict[str, str] = {}
        for position, name in enumerate(self.names):
            for key in index_keys(name.name, name.kind) | {identifier_key(name.lei)} - {""}:
                self.postings[key].append(position)
            self._by_client[name.client_id].append(position)
            if name.parent:
                self._parent[name.client_id] = name.parent
                self._children[name.parent].add(name.client_id)

    def candidates(self, keys: Iterable[str]) -> list[ClientName]:
        found_by: dict[int, set[str]] = defaultdict(set)
        for key in lookup_keys(keys, self._count, self.limit):
            for position in self.postings.get(key, ()):
                found_by[position].add(key)
        clients = {self.names[position].client_id for position in found_by}
        relatives = {position for client_id in self._family(clients) for position in self._by_client.get(client_id, ())}
        return [replace(self.names[position], found_by=frozenset(found_by[position])) if position in found_by
                else self.names[position] for position in sorted(found_by.keys() | relatives)]

    def common(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` held by more names than a rare word is (``score.RARE_LIMIT``)."""
        return {key for key in keys if self._count(key) > RARE_LIMIT}

    def screen(self, parties: list[Party], relations: Relations | None = None) -> list[Hit]:
        candidates = self.candidates(party_keys(parties, relations))
        return screen(parties, candidates, relations, self.common(rare_word_keys(parties, relations)))

    def _count(self, key: str) -> int:
        return len(self.postings.get(key, ()))

    def _family(self, clients: set[str]) -> set[str]:
        """Parents and children of ``clients`` up to ``MAX_DEPTH`` links away."""
        family, frontier = set(clients), set(clients)
        for _ in range(MAX_DEPTH):
            frontier = {self._parent[c] for c in frontier if c in self._parent} | {
                child for c in frontier for child in self._children.get(c, ())
            }
            frontier -= family
            family |= frontier
        return family - clients
