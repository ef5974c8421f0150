"""The registry of corporate relations: who is whose subsidiary, a few levels up and down.

A firm acting for a parent company is conflicted against its subsidiary and the other
way round, so each party name is screened together with its relatives' names. Names
are joined on their normalised core, so "Gazprom PJSC" and "ПАО Газпром" are one node.
"""

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from .normalise import normalise

MAX_DEPTH = 3


@dataclass(frozen=True)
class Relative:
    """A name related to a party's name: ``path`` runs from child to parent."""

    name: str
    direction: str  # "parent": the relative is the party's parent (party is a subsidiary)
    path: tuple[str, ...]


def node(name: str) -> str:
    return normalise(name).sorted_core


class Relations:
    """Child -> parent pairs, walked both ways up to ``MAX_DEPTH`` links."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        self._parents: dict[str, list[str]] = defaultdict(list)
        self._children: dict[str, list[str]] = defaultdict(list)
        self._display: dict[str, str] = {}
        for child, parent in pairs:
            self.add(child, parent)

    def add(self, child: str, parent: str) -> None:
        child_node, parent_node = node(child), node(parent)
        if not child_node or not parent_node or child_node == parent_node:
            return
        self._display.setdefault(child_node, child)
        self._display.setdefault(parent_node, parent)
        self._parents[child_node].append(parent_node)
        self._children[parent_node].append(child_node)

    def __bool__(self) -> bool:
        return bool(self._display)

    def relatives(self, name: str) -> list[Relative]:
        """Ancestors and descendants of ``name``, nearest first, each once."""
        start = node(name)
        if start not in self._display:
            return []
        found = []
        for direction, links in (("parent", self._parents), ("subsidiary", self._children)):
            for far, chain in _walk(start, links):
                path = chain if direction == "parent" else tuple(reversed(chain))
                display = tuple(name if n == start else self._display[n] for n in path)
                found.append(Relative(self._display[far], direction, display))
        return found


def _walk(start: str, links: dict[str, list[str]]):
    """Breadth-first from ``start`` along ``links``: (node, chain from start) pairs."""
    seen = {start}
    queue = deque([(start, (start,))])
    while queue:
        current, chain = queue.popleft()
        if len(chain) > MAX_DEPTH:
            continue
        for following in links.get(current, ()):
            if following not in seen:
                seen.add(following)
                yield following, chain + (following,)
                queue.append((following, chain + (following,)))
