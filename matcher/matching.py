"""Ranking offers and funds for a need: hard filters first, then a score with reasons.

Plain Python: records in, ranked candidates out. The web layer, the CLI and the
benchmarks build the records from wherever their data lives.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class NeedProfile:
    id: str
    country: str
    languages: frozenset[str]
    help_wanted: frozenset[str]
    practice_areas: frozenset[str]
    urgency: str = "standard"
    deadline: date | None = None
    defender_kind: str = "individual"
    conflicted_firms: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class OfferProfile:
    id: str
    firm_id: str
    firm_country: str
    jurisdictions: frozenset[str]
    languages: frozenset[str]
    practice_areas: frozenset[str]
    help_kinds: frozenset[str]
    capacity_left: int
    emergency: bool
    valid_from: date
    valid_until: date


@dataclass(frozen=True)
class FundProfile:
    id: str
    countries: frozenset[str]
    defender_kinds: frozenset[str]
    covers: frozenset[str]
    turnaround_days: int


@dataclass(frozen=True)
class Candidate:
    kind: str  # "offer" or "fund"
    id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Excluded:
    kind: str
    id: str
    reason: str


@dataclass
class Ranking:
    candidates: list[Candidate]
    excluded: list[Excluded]


def rank(
    need: NeedProfile,
    offers: Iterable[OfferProfile],
    funds: Iterable[FundProfile],
    today: date,
) -> Ranking:
    """Rank every eligible offer and fund for ``need``, best first."""
    candidates: list[Candidate] = []
    excluded: list[Excluded] = []
    for offer in offers:
        reason = offer_filter(need, offer, today)
        if reason:
            excluded.append(Excluded("offer", offer.id, reason))
        else:
            candidates.append(score_offer(need, offer))
    for fund in funds:
        reason = fund_filter(need, fund, today)
        if reason:
            excluded.append(Excluded("fund", fund.id, reason))
        else:
            candidates.append(score_fund(need, fund))
    candidates.sort(key=lambda c: (-c.score, c.kind, c.id))
    return Ranking(candidates, excluded)


def offer_filter(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    """The first hard filter that removes ``offer``, in words, or None."""
    if offer.firm_id in need.conflicted_firms:
        return "the firm has an unresolved conflict with an adverse party"
    if not offer.valid_from <= today <= offer.valid_until:
        return "the offer is not valid today"
    if offer.capacity_left <= 0:
        return "the offer has no capacity left"
    if need.country not in offer.jurisdictions:
        return "the offer does not cover the need's country"
    if not need.languages & offer.languages:
        return "no language in common"
    if not need.help_wanted & offer.help_kinds:
        return "the kind of help wanted is not offered"
    if need.urgency == "emergency" and not offer.emergency:
        return "the firm is not ready for emergencies"
    return None


def fund_filter(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    if fund.countries and need.country not in fund.countries:
        return "the fund does not cover the need's country"
    if fund.defender_kinds and need.defender_kind not in fund.defender_kinds:
        return "the fund does not support this kind of defender"
    if not need.help_wanted & fund.covers:
        return "the fund does not cover the help wanted"
    if need.deadline and (need.deadline - today).days < fund.turnaround_days:
        return "the fund cannot decide before the deadline"
    return None


def score_offer(need: NeedProfile, offer: OfferProfile) -> Candidate:
    """Practice-area fit weighs most; local presence and headroom add to it."""
    reasons = []
    wanted = need.practice_areas
    fit = len(wanted & offer.practice_areas) / len(wanted) if wanted else 0.5
    reasons.append(f"practice areas fit {fit:.0%}")
    local = 1.0 if offer.firm_country == need.country else 0.0
    if local:
        reasons.append("the firm is based in the need's country")
    headroom = min(offer.capacity_left, 5) / 5
    reasons.append(f"{offer.capacity_left} matter(s) of capacity left")
    score = 0.6 * fit + 0.25 * local + 0.15 * headroom
    return Candidate("offer", offer.id, round(score, 3), tuple(reasons))


def score_fund(need: NeedProfile, fund: FundProfile) -> Candidate:
    covered = need.help_wanted & fund.covers
    reasons = [f"covers {len(covered)} of {len(need.help_wanted)} kind(s) of help wanted"]
    reasons.append(f"decides within {fund.turnaround_days} day(s)")
    score = 0.7 * len(covered) / len(need.help_wanted) + (0.3 if fund.countries else 0.15)
    if fund.countries:
        reasons.append("targets the need's country")
    return Candidate("fund", fund.id, round(score, 3), tuple(reasons))
