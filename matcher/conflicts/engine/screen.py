"""Deciding which candidate client names are hits for which party, and saying why.

The caller finds candidates by ``party_keys`` in its index (the database, or
``MemoryIndex``) and hands them here with the relations registry; every candidate
is scored against each party name and alias and against the names of the party's
relatives in the registry (``relations``). A client's own parent and children in
the firm's list (``ClientName.parent``) are hits too when one of them matches: the
caller passes them among the candidates. A hit carries the rule that matched and the family link
as data (``records.Evidence``, ``records.Relation``), so choosing the strongest hit
and relating it reads no words.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from rapidfuzz import fuzz, process

from .keys import WORD_MAX_LETTERS, asked_keys, identifier_key, is_initials
from .kinds import ORGANISATION, PERSON
from .normalise import NormalName, joined, normalise, sorted_core
from .persons import is_person, person_words
from .records import ClientName, Evidence, Hit, Party, Relation
from .relations import MAX_DEPTH, OWNERSHIP, ROLES, Relations
from .score import CONFLICT, REVIEW, compare, is_distinctive

K = TypeVar("K")
# Below this token-set likeness (0..100) no rule of ``compare`` can accept a pair.
PREFILTER_SCORE = 70


@dataclass(frozen=True)
class _Probe:
    """A name screened on a party's behalf: its own, or a relative's (``relation`` says whose)."""

    name: str
    party_name: str
    relation: Relation | None = None


def party_keys(parties: Iterable[Party], relations: Relations | None = None) -> set[str]:
    """Every key the index must be asked about for these parties (see ``keys``)."""
    keys = set()
    for party in parties:
        keys.add(identifier_key(party.lei))
        for probe in _probes(party, relations):
            keys |= probe_keys(probe.name, _is_person_probe(party, probe, normalise(probe.name)))
    keys.discard("")
    return keys


def probe_keys(name: str, person: bool) -> frozenset[str]:
    """The keys a name is asked by: a person's keys only for a person, since only the person
    rules of ``compare`` use what they find (for a company they would bring candidates by the
    hundred that the company rules take for look-alikes)."""
    return asked_keys(name, PERSON if person else ORGANISATION)


def _is_person_probe(party: Party, probe: "_Probe", name: NormalName) -> bool:
    """Whether a probe is read as a person's name: the party's own names only, not a relative's."""
    return probe.relation is None and is_person(party.kind, name)


def rare_word_keys(parties: Iterable[Party], relations: Relations | None = None) -> set[str]:
    """The word keys of the parties' words that may be rare (``score.is_distinctive``, and every
    part of a person's name, whose rare surname is evidence however short): the caller tells
    ``screen`` which of them the index holds for too many names."""
    keys = set()
    for party in parties:
        for probe in _probes(party, relations):
            name = normalise(probe.name)
            person = _is_person_probe(party, probe, name)
            keys.update("d:" + word[:WORD_MAX_LETTERS] for word in (person_words(name) if person else name.core)
                        if person or is_distinctive(word))
    return keys


def screen(
    parties: Iterable[Party], candidates: Iterable[ClientName], relations: Relations | None = None,
    common: Collection[str] = (),
) -> list[Hit]:
    """One hit per party and client that match, the strongest reason kept. ``common`` are the
    word keys of ``rare_word_keys`` that the index holds for more than ``score.RARE_LIMIT``
    names: their words are not rare."""
    return screen_lists(parties, {"": list(candidates)}, relations, common)[""]


def screen_lists(
    parties: Iterable[Party], lists: Mapping[K, list[ClientName]], relations: Relations | None = None,
    common: Collection[str] = (),
) -> dict[K, list[Hit]]:
    """``screen`` of the candidates of each list (a firm's, say), all lists scored in one pass:
    a need against every firm is one call, not one per firm, each paying for the parties again."""
    common_words = frozenset(key[2:] for key in common if key.startswith("d:"))
    flat = [(key, candidate) for key, names in lists.items() for candidate in names]
    by_identifier = defaultdict(list)
    for position, (_, candidate) in enumerate(flat):
        if candidate.lei:
            by_identifier[identifier_key(candidate.lei)].append(position)
    hits: dict[K, dict[tuple[str, str], Hit]] = {key: {} for key in lists}
    probes = []
    for party in parties:
        for position in by_identifier.get(identifier_key(party.lei), ()) if party.lei else ():
            key, candidate = flat[position]
            _keep(hits[key], _hit(party, party.name, candidate, CONFLICT, 1.0,
                                  Evidence("identifier", (("lei", party.lei.upper()),))))
        probes += [(party, probe, normalise(probe.name)) for probe in _probes(party, relations)]
    candidates = [candidate for _, candidate in flat]
    forms, among = _Forms(candidates), _Among(candidates)
    for party, probe, probe_name in probes:
        person = _is_person_probe(party, probe, probe_name)
        for position in sorted(forms.plausible(probe_name, among.of(probe_keys(probe.name, person)), common_words)):
            key, candidate = flat[position]
            verdict = compare(probe_name, candidate.normal, common_words,
                              person and is_person(candidate.kind, candidate.normal))
            if verdict is not None:
                band = _band(verdict.band, probe.relation)
                _keep(hits[key], _hit(party, probe.party_name, candidate, band, verdict.score,
                                      Evidence(verdict.rule, verdict.detail, probe.name,
                                               candidate.name if candidate.is_alias else ""),
                                      probe.relation))
    for key, found in hits.items():
        if found:
            family = _Family(lists[key])
            for hit in list(found.values()):
                for related in family.hits(hit):
                    _keep(found, related)
    return {key: list(found.values()) for key, found in hits.items()}


class _Among:
    """Which candidates a probe is scored against: those the index found under the probe's own
    keys (``ClientName.found_by``), and those it gave with no key, against every probe. A
    need's twenty names bring a thousand candidates, some fifty each: scoring each name against
    its own is a twentieth of the work, and a name's hits no longer depend on the names beside it."""

    def __init__(self, candidates: list[ClientName]):
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.everyone: list[int] = []
        for position, candidate in enumerate(candidates):
            if not candidate.found_by:
                self.everyone.append(position)
            for key in candidate.found_by:
                self.by_key[key].append(position)

    def of(self, keys: Iterable[str]) -> list[int]:
        """The candidates of a probe asked by ``keys`` (``probe_keys``)."""
        found = set(self.everyone)
        for key in keys:
            found.update(self.by_key.get(key, ()))
        return sorted(found)


class _Forms:
    """The candidates' compared forms, gathered once for all probes: of their cores alone, so a
    candidate is normalised whole (``ClientName.normal``) only where a probe may match it."""

    def __init__(self, candidates: list[ClientName]):
        self.candidates = candidates
        self.cores = [candidate.core for candidate in candidates]
        self.sorted_cores = list(map(sorted_core, self.cores))
        self.joined = list(map(joined, self.cores))

    def plausible(self, probe: NormalName, positions: list[int], common: frozenset[str]) -> set[int]:
        """Those of ``positions`` that ``compare`` could accept for ``probe``, in rapidfuzz's C loop.

        Token-set likeness of the sorted words, or plain likeness of the joined words, is
        at least as high as every likeness ``compare`` accepts (equal, joined, one typo,
        extra words, similar), so nothing it would find is lost; an acronym has no
        likeness and is looked up apart, by initials, and so is a rare word shared."""
        if not probe.core or not positions:
            return set()
        found = set()
        for scorer, mine, theirs in ((fuzz.token_set_ratio, probe.sorted_core, self.sorted_cores),
                                     (fuzz.ratio, probe.joined, self.joined)):
            found.update(positions[at] for _, _, at in process.extract(
                mine, [theirs[position] for position in positions], scorer=scorer,
                score_cutoff=PREFILTER_SCORE, limit=None))
        return found | self._by_initials(probe, positions) | self._by_rare_word(probe, positions, common)

    def _by_initials(self, probe: NormalName, positions: list[int]) -> set[int]:
        """A single word and a name it is the initials of, either way round. A candidate's
        initials are read only for a probe that may be initials: most are not, and reading them
        costs a third of screening."""
        found = set()
        if is_initials(probe.core):
            found.update(position for position in positions
                         if probe.core[0] in self.candidates[position].normal.initialisms)
        if probe.initialisms:
            found.update(position for position in positions if is_initials(self.cores[position])
                         and self.cores[position][0] in probe.initialisms)
        return found

    def _by_rare_word(self, probe: NormalName, positions: list[int], common: frozenset[str]) -> set[int]:
        """The candidates that share a distinctive word with ``probe`` (``score.is_distinctive``)."""
        rare = {word for word in probe.core if is_distinctive(word, common)}
        if not rare:
            return set()
        return {position for position in positions if not rare.isdisjoint(self.cores[position])}


def _probes(party: Party, relations: Relations | None) -> list[_Probe]:
    probes = [_Probe(name, name) for name in party.names if name.strip()]
    if relations:
        probes += [_Probe(relative.name, name, Relation(relative.role, relative.path))
                   for name in party.names for relative in relations.relatives(name)]
    return probes


def _band(band: str, relation: Relation | None) -> str:
    """The names' band, but a person must look at every joint-venture partner, financier and
    contractor: they are tied to the client by a deal, not by common control, so whether
    acting for the one is acting against the other depends on what the deal is, and the
    names alone cannot say. Ownership keeps the names' band: a subsidiary is its parent's."""
    return band if relation is None or relation.role in ROLES[OWNERSHIP] else REVIEW


class _Family:
    """Parents and children in the firm's own list: a party matching one client is related
    to the client's parent (it is a subsidiary of it) and to its children (their parent)."""

    def __init__(self, candidates: list[ClientName]):
        self.names = {c.client_id: c.client_name for c in candidates}
        self.parent_of = {c.client_id: c.parent for c in candidates if c.parent in self.names}
        self.children = defaultdict(list)
        for child, parent in self.parent_of.items():
            self.children[parent].append(child)

    def hits(self, hit: Hit) -> list[Hit]:
        if hit.relation is not None or not self.parent_of:
            return []
        found = []
        for role, step in (("subsidiary", lambda c: [self.parent_of[c]] if c in self.parent_of else []),
                           ("parent", lambda c: self.children.get(c, []))):
            paths, seen = [(hit.client_id,)], {hit.client_id}
            for _ in range(MAX_DEPTH):
                paths = [path + (nxt,) for path in paths for nxt in step(path[-1]) if nxt not in seen]
                seen.update(path[-1] for path in paths)
                for path in paths:
                    chain = tuple(self.names[i] for i in (path if role == "subsidiary" else path[::-1]))
                    relation = Relation(role, chain, in_firm_list=True)
                    found.append(replace(hit, client_id=path[-1], client_name=self.names[path[-1]], relation=relation))
        return found


def _hit(party: Party, party_name: str, candidate: ClientName, band: str, score: float,
         evidence: Evidence, relation: Relation | None = None) -> Hit:
    return Hit(party.id, party_name, candidate.client_id, candidate.client_name, band, score, evidence, relation)


def _keep(hits: dict[tuple[str, str], Hit], hit: Hit) -> None:
    """Keep the strongest hit per party and client: conflict over review, direct over related."""
    pair = (hit.party_id, hit.client_id)
    current = hits.get(pair)
    if current is None or _strength(hit) > _strength(current):
        hits[pair] = hit


def _strength(hit: Hit) -> tuple:
    return hit.band == CONFLICT, hit.relation is None, hit.score
