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

from .filters import FIRM_CHECKS, NEED_CHECKS, STANDING_CHECKS, first_failed, not_covered
from .profiles import NeedProfile, OfferProfile
from .reasons import Reason

Row = tuple[str, str, Reason, str]  # an excluded candidate: kind, id, reason, filter


class Offers:
    """Offer profiles in their given order, with the positions of each firm's offers and of the
    offers covering each country; what stands for every need is worked out once a day."""

    def __init__(self, offers: Iterable[OfferProfile]):
        self.profiles: tuple[OfferProfile, ...] = tuple(offers)
        self._ids = tuple(offer.id for offer in self.profiles)  # read for every row: kept apart, as plain strings
        self._by_firm: dict[str, list[int]] = defaultdict(list)
        self._covering: dict[str, set[int]] = defaultdict(set)
        self._speaking: dict[str, set[int]] = defaultdict(set)
        self._helping: dict[str, set[int]] = defaultdict(set)
        self._ready: set[int] = set()
        for position, offer in enumerate(self.profiles):
            self._by_firm[offer.firm_id].append(position)
            for index, codes in ((self._covering, offer.jurisdictions), (self._speaking, offer.languages),
                                 (self._helping, offer.help_kinds)):
                for code in codes:
                    index[code].add(position)
            if offer.emergency:
                self._ready.add(position)
        self._standing: tuple[date, list[Row | None]] | None = None

    def __iter__(self) -> Iterator[OfferProfile]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    def sift(self, need: NeedProfile, today: date) -> tuple[list[Row | None], list[int]]:
        """Each offer's exclusion row, or None, in order; and the positions of those still in.

        The filters run in ``OFFER_CHECKS``' order: the firm's (a firm's screen holds for all
        its offers), those that stand for every need that day, the need's country, then the rest.
        """
        covering = self._covering.get(need.country, set())
        uncovered = not_covered(need.country)
        rows = [row if row is not None or position in covering else ("offer", ident, uncovered, "jurisdiction")
                for position, (ident, row) in enumerate(zip(self._ids, self._standing_rows(today), strict=True))]
        for firm_id in need.unscreened_firms | need.conflicted_firms:
            for position in self._by_firm.get(firm_id, ()):
                rows[position] = self._row(position, first_failed(FIRM_CHECKS, need, self.profiles[position], today))
        passing = self._passing(need, covering)
        for position in covering - passing:
            if rows[position] is None:
                rows[position] = self._row(position, first_failed(NEED_CHECKS, need, self.profiles[position], today))
        return rows, [position for position in passing if rows[position] is None]

    def _passing(self, need: NeedProfile, covering: set[int]) -> set[int]:
        """The offers of ``covering`` that pass ``NEED_CHECKS``, found through the index: a language
        in common, a kind of help in common, readiness for an emergency. The others are put to the
        checks themselves, for their reason."""
        passing = covering
        if need.languages:
            passing = passing & set().union(*(self._speaking.get(code, ()) for code in need.languages))
        if need.help_wanted:
            passing = passing & set().union(*(self._helping.get(code, ()) for code in need.help_wanted))
        if need.urgency == "emergency":
            passing = passing & self._ready
        return passing

    def _standing_rows(self, today: date) -> list[Row | None]:
        """What removes each offer whatever the need (validity, capacity), kept for the day."""
        if self._standing is None or self._standing[0] != today:
            self._standing = today, [self._row(position, first_failed(STANDING_CHECKS, None, offer, today))
                                     for position, offer in enumerate(self.profiles)]
        return self._standing[1]

    def _row(self, position: int, removed: tuple[str, Reason] | None) -> Row | None:
        return None if removed is None else ("offer", self._ids[position], removed[1], removed[0])

