"""The registry of corporate relations: who owns whom, a few levels up and down, and who is
whose joint-venture partner, financier or contractor.

A firm acting for a parent company is conflicted against its subsidiary and the other
way round, so each party name is screened together with its relatives' names. A
company's joint-venture partners, financiers and contractors (the security and
construction contractors that so often act against defenders) are its relatives too,
one link away: a contractor's contractor is no longer the client's business. Names
are joined on their normalised core, so "Gazprom PJSC" and "ПАО Газпром" are one node.
"""

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .normalise import normalise

MAX_DEPTH = 3

OWNERSHIP = "ownership"
JOINT_VENTURE = "joint_venture"
FINANCIER = "financier"
CONTRACTOR = "contractor"
KINDS = (OWNERSHIP, JOINT_VENTURE, FINANCIER, CONTRACTOR)
# What a party is of its relative, by the link's kind: (the party is the link's child, the party
# is its parent). The child of a financier link is financed by the parent; the child of a
# contractor link works for the parent; joint-venture partners are alike.
ROLES = {
    OWNERSHIP: ("subsidiary", "parent"),
    JOINT_VENTURE: ("joint_venture", "joint_venture"),
    FINANCIER: ("financed", "financier"),
    CONTRACTOR: ("contractor", "engages_contractor"),
}


class Link(NamedTuple):
    """One line of the registry: ``child`` is what ``kind`` says of ``parent`` (its subsidiary,
    its joint-venture partner, financed by it, its contractor). Two names alone are ownership."""

    child: str
    parent: str
    kind: str = OWNERSHIP


@dataclass(frozen=True)
class Relative:
    """A name related to a party's name: the party is the relative's ``role`` (``ROLES``), and
    ``path`` runs from the registry's child to its parent."""

    name: str
    role: str
    path: tuple[str, ...]


def node(name: str) -> str:
    return normalise(name).sorted_core


class Relations:
    """The registry's links: ownership walked both ways up to ``MAX_DEPTH`` links, every other
    kind one link either way."""

    def __init__(self, links: Iterable[tuple[str, ...]] = ()):
        self._parents: dict[str, list[str]] = defaultdict(list)
        self._children: dict[str, list[str]] = defaultdict(list)
        self._near: dict[str, list[tuple[str, str, tuple[str, str]]]] = defaultdict(list)
        self._display: dict[str, str] = {}
        for link in links:
            self.add(*link)

    def add(self, child: str, parent: str, kind: str = OWNERSHIP) -> None:
        child_node, parent_node = node(child), node(parent)
        if not child_node or not parent_node or child_node == parent_node:
            return
        self._display.setdefault(child_node, child)
        self._display.setdefault(parent_node, parent)
        if kind == OWNERSHIP:
            self._parents[child_node].append(parent_node)
            self._children[parent_node].append(child_node)
            return
        as_child, as_parent = ROLES[kind]
        self._near[child_node].append((parent_node, as_child, (child_node, parent_node)))
        self._near[parent_node].append((child_node, as_parent, (child_node, parent_node)))

    def __bool__(self) -> bool:
        return bool(self._display)

    def relatives(self, name: str) -> list[Relative]:
        """Ancestors and descendants of ``name``, nearest first, then its partners, financiers,
        contractors and those it finances or works for; each once for each way it is related."""
        start = node(name)
        if start not in self._display:
            return []
        found = []
        for role, links in (("subsidiary", self._parents), ("parent", self._children)):
            for far, chain in _walk(start, links):
                path = chain if role == "subsidiary" else tuple(reversed(chain))
                found.append(Relative(self._display[far], role, self._shown(path, start, name)))
        found += [Relative(self._display[far], role, self._shown(path, start, name))
                  for far, role, path in self._near.get(start, ())]
        return found

    def _shown(self, path: tuple[str, ...], start: str, name: str) -> tuple[str, ...]:
        """The path's nodes as the registry names them, the party's own as the party wrote it."""
        return tuple(name if n == start else self._display[n] for n in path)

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
