"""Ranking the offers and funds for a need: hard filters first, then a score with reasons."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .filters import fund_filter
from .offers import Offers
from .profiles import FundProfile, NeedProfile, OfferProfile
from .reasons import Reason
from .scoring import score_fund, score_offer


class Candidate(NamedTuple):
    kind: str  # "offer" or "fund"
    id: str
    score: float
    reasons: tuple[Reason, ...]


class Excluded(NamedTuple):
    kind: str
    id: str
    reason: Reason
    filter: str  # the name of the hard filter that removed it (``filters.FILTERS``)


@dataclass
class Ranking:
    """``excluded_rows`` are plain (kind, id, reason, filter) tuples, which the garbage collector
    stops tracking once it has seen them: a ranking holds thousands, and as tracked
    objects they set off full collections that tripled the p95 of ``rank``."""

    candidates: list[Candidate]
    excluded_rows: list[tuple[str, str, Reason, str]]

    @property
    def excluded(self) -> list[Excluded]:
        """The candidates the hard filters removed, each with the filter's reason."""
        return [Excluded(*row) for row in self.excluded_rows]


def rank(
    need: NeedProfile,
    offers: Offers | Iterable[OfferProfile],
    funds: Iterable[FundProfile],
    today: date,
) -> Ranking:
    """Every eligible offer and fund for ``need``, best first; the others with their filter.

    ``offers`` kept for many needs are best given as ``Offers``, which works out once what
    holds for every need. Excluded ones stay in the order they were given (offers, then
    funds): sorting thousands of them would cost more than the ranking itself and nobody
    reads them by score.
    """
    if not isinstance(offers, Offers):
        offers = Offers(offers)
    rows, kept = offers.sift(need, today)
    candidates = [Candidate("offer", offer.id, *score_offer(need, offer))
                  for offer in (offers.profiles[position] for position in kept)]
    excluded = [row for row in rows if row is not None]
    for fund in funds:
        removed = fund_filter(need, fund, today)
        if removed:
            excluded.append(("fund", fund.id, removed[1], removed[0]))
        else:
            candidates.append(Candidate("fund", fund.id, *score_fund(need, fund, today)))
    candidates.sort(key=lambda c: (-c.score, c.kind, _id_order(c.id)))
    return Ranking(candidates, excluded)


def _id_order(ident: str) -> tuple:
    """Ties broken by id, numbers in ids compared as numbers ("o2" before "o10")."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", ident))
