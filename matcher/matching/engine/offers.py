"""The offers a ranking reads, indexed so one need does not run every filter on every offer.

Against ten thousand offers most are removed by the same few filters, and for the
same reasons whatever the need: an offer past its validity or with no capacity left
is out for every need that day, one that does not cover a country is out for every
need from there. So ``Offers`` answers those questions once, by day and by country,
and a ranking runs the filters that depend on the need only on the offers still in.

The result is the one ``filters.offer_filter`` gives offer by offer, in the same
order, with the same first reason: the tests hold the two against each other.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from .filters import FIRM_CHECKS, NEED_CHECKS, STANDING_CHECKS, first_failed, local_counsel, not_covered
from .profiles import NeedProfile, OfferProfile
from .reasons import Reason

Row = tuple[str, str, Reason, str]  # an excluded candidate: kind, id, reason, filter


# What the index files each offer under: its firm, the countries it covers, its languages, its
# kinds of help and whether it is ready for emergencies.
_FILED_BY = {
    "firm": lambda offer: (offer.firm_id,),
    "country": lambda offer: offer.jurisdictions,
    "language": lambda offer: offer.languages,
    "help": lambda offer: offer.help_kinds,
    "emergency": lambda offer: (offer.emergency,),
}


class Offers:
    """Offer profiles in their given order, with the positions of the offers filed under each
    firm, country, language, kind of help and readiness; what stands for every need is worked
    out once a day."""

    def __init__(self, offers: Iterable[OfferProfile]):
        self.profiles: tuple[OfferProfile, ...] = tuple(offers)
        self._ids = tuple(offer.id for offer in self.profiles)  # read for every row: kept apart, as plain strings
        self._positions = {ident: position for position, ident in enumerate(self._ids)}
        self._filed: dict[str, dict[object, set[int]]] = {name: defaultdict(set) for name in _FILED_BY}
        for position, offer in enumerate(self.profiles):
            for name, codes in _FILED_BY.items():
                for code in codes(offer):
                    self._filed[name][code].add(position)
        self._standing: tuple[date, list[Row | None]] | None = None

    def replacing(self, changed: Iterable[OfferProfile]) -> "Offers":
        """These offers with each of ``changed`` in place of the offer of its id, or after the
        others if it is new. The index is shared with this one but where a changed offer is
        filed, so a catalogue kept fresh pays for what changed, not for ten thousand offers;
        this one stays as it was, for a ranking reading it meanwhile."""
        new = object.__new__(Offers)
        profiles, ids, new._positions = list(self.profiles), list(self._ids), dict(self._positions)
        new._filed = {name: dict(filed) for name, filed in self._filed.items()}
        standing = None if self._standing is None else (self._standing[0], list(self._standing[1]))
        copied: set[tuple[str, object]] = set()

        def filed(name: str, code) -> set[int]:
            if (name, code) not in copied:
                copied.add((name, code))
                new._filed[name][code] = set(new._filed[name].get(code, ()))
            return new._filed[name][code]

        for offer in changed:
            position = new._positions.setdefault(offer.id, len(ids))
            if position == len(ids):
                profiles.append(offer)
                ids.append(offer.id)
                if standing is not None:
                    standing[1].append(None)
            else:
                for name, codes in _FILED_BY.items():
                    for code in codes(profiles[position]):
                        filed(name, code).discard(position)
                profiles[position] = offer
            for name, codes in _FILED_BY.items():
                for code in codes(offer):
                    filed(name, code).add(position)
            if standing is not None:
                standing[1][position] = _row(offer.id, first_failed(STANDING_CHECKS, None, offer, standing[0]))
        new.profiles, new._ids, new._standing = tuple(profiles), tuple(ids), standing
        return new

    def __iter__(self) -> Iterator[OfferProfile]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    def __contains__(self, ident: str) -> bool:
        """Whether an offer of this id is one of these."""
        return ident in self._positions

    def sift(self, need: NeedProfile, today: date) -> tuple[list[Row | None], list[int]]:
        """Each offer's exclusion row, or None, in order; and the positions of those still in.

        The filters run in ``OFFER_CHECKS``' order: the firm's (a firm's screen holds for all
        its offers), those that stand for every need that day, the need's country, then the rest.
        """
        covering = self._filed["country"].get(need.country, set())
        uncovered = not_covered(need.country)
        rows = [row if row is not None or position in covering else ("offer", ident, uncovered, "jurisdiction")
                for position, (ident, row) in enumerate(zip(self._ids, self._standing_rows(today), strict=True))]
        for firm_id in need.unscreened_firms | need.conflicted_firms:
            for position in self._filed["firm"].get(firm_id, ()):
                rows[position] = self._removed(position, FIRM_CHECKS, need, today)
        passing = self._passing(need, covering)
        for position in covering - passing:
            if rows[position] is None:
                rows[position] = self._removed(position, NEED_CHECKS, need, today)
        return rows, [position for position in passing if rows[position] is None]

    def _passing(self, need: NeedProfile, covering: set[int]) -> set[int]:
        """The offers of ``covering`` that pass ``NEED_CHECKS``, found through the index: a language
        in common, a kind of help in common, readiness for an emergency (and local counsel, where the
        need requires it). The others are put to the checks themselves, for their reason."""
        passing = covering
        if need.languages:
            passing = passing & set().union(*(self._filed["language"].get(code, ()) for code in need.languages))
        if need.help_wanted:
            passing = passing & set().union(*(self._filed["help"].get(code, ()) for code in need.help_wanted))
        if need.urgency == "emergency":
            passing = passing & self._filed["emergency"].get(True, set())
        if need.needs_local_counsel:  # where firms are is not filed: the few offers left are checked one by one
            passing = {position for position in passing if local_counsel(need, self.profiles[position], None) is None}
        return passing

    def _removed(self, position: int, checks, need: NeedProfile, today: date) -> Row | None:
        return _row(self._ids[position], first_failed(checks, need, self.profiles[position], today))

    def _standing_rows(self, today: date) -> list[Row | None]:
        """What removes each offer whatever the need (validity, capacity), kept for the day."""
        if self._standing is None or self._standing[0] != today:
            self._standing = today, [_row(offer.id, first_failed(STANDING_CHECKS, None, offer, today))
                                     for offer in self.profiles]
        return self._standing[1]


def _row(ident: str, removed: tuple[str, Reason] | None) -> Row | None:
    return None if removed is None else ("offer", ident, removed[1], removed[0])
