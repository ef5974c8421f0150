"""The score of an eligible candidate, 0..1, as a weighted sum of parts each with its reason.

Every part is a value in 0..1 and a reason (``reasons.reason``), so the reasons a
coordinator reads are exactly what the score was made of. Missing history counts as neutral
(0.5) and says so, rather than punishing a firm new to the platform. The weights
shift with urgency: in an emergency, how fast and how often a firm says yes
matters more than a perfect fit of practice areas.
"""

from datetime import date
from functools import lru_cache

from .presence import BASED, OFFICE, UNKNOWN, presence
from .profiles import FundProfile, NeedProfile, OfferProfile
from .reasons import Reason, reason

NEUTRAL = 0.5
LOCAL_PARTNER = 0.5  # local presence of a firm from elsewhere that takes the case with local counsel
FULL_HEADROOM = 5  # matters left at which capacity stops adding to the score
HOURS_HALF_SCORE = 24  # a firm answering in this many hours gets half the speed score

OFFER_WEIGHTS = {
    "emergency": {"practice": 0.3, "local": 0.2, "headroom": 0.1, "responsiveness": 0.4},
    "urgent": {"practice": 0.35, "local": 0.25, "headroom": 0.1, "responsiveness": 0.3},
    "standard": {"practice": 0.4, "local": 0.25, "headroom": 0.15, "responsiveness": 0.2},
}
FUND_WEIGHTS = {
    "emergency": {"covers": 0.4, "reach": 0.1, "speed": 0.5},
    "urgent": {"covers": 0.45, "reach": 0.15, "speed": 0.4},
    "standard": {"covers": 0.5, "reach": 0.2, "speed": 0.3},
}
SLOW_FUND_DAYS = 60  # with no deadline, a fund deciding this slowly gets no speed score

# The reasons that have no particulars, made once.
NO_AREA, LOCATION_UNKNOWN = reason("practice_unknown"), reason("location_unknown")
NO_HELP_NAMED, AIMED_HERE, OPEN_ANYWHERE = reason("help_unknown"), reason("aimed_here"), reason("open_anywhere")
EMERGENCY_WEIGHTS = reason("emergency_weights")


def score_offer(need: NeedProfile, offer: OfferProfile) -> tuple[float, tuple[Reason, ...]]:
    """Each part is a function of a few plain values, cached: a ranking scores hundreds of offers
    that share their countries, areas, capacities and histories, so most parts are made once."""
    parts = {
        "practice": _practice(need.practice_areas, offer.practice_areas),
        "local": _local(need.country, offer.firm_country, offer.offices, need.needs_local_counsel,
                        offer.works_with_local_counsel),
        "headroom": _headroom(offer.capacity_left),
        "responsiveness": _responsiveness(offer.acceptance_rate, offer.median_response_hours),
    }
    fit = _offer_fit(need.country, need.languages & offer.languages, need.help_wanted & offer.help_kinds,
                     offer.emergency)
    reasons = [fit, *(reason for _, reason in parts.values())]
    if need.urgency == "emergency":
        reasons.append(EMERGENCY_WEIGHTS)
    return _total(OFFER_WEIGHTS, need.urgency, parts), tuple(reasons)


def score_fund(need: NeedProfile, fund: FundProfile, today: date) -> tuple[float, tuple[Reason, ...]]:
    parts = {"covers": _covers(need, fund), "reach": _reach(fund), "speed": _speed(need, fund, today)}
    reasons = [reason for _, reason in parts.values()]
    if fund.defender_kinds:
        reasons.append(reason("for_kinds", kinds=frozenset(kind for kind in need.defender_kinds if fund.takes(kind))))
    amount = _amount(need, fund)
    if amount:
        reasons.append(amount)
    return _total(FUND_WEIGHTS, need.urgency, parts), tuple(reasons)


def _total(weights: dict, urgency: str, parts: dict) -> float:
    chosen = weights.get(urgency, weights["standard"])
    return round(sum(chosen[name] * value for name, (value, _) in parts.items()), 3)


@lru_cache(maxsize=8192)
def _offer_fit(country: str, languages: frozenset[str], help_kinds: frozenset[str], emergency: bool) -> Reason:
    """What the hard filters found, said once so the coordinator need not infer it."""
    return reason("eligible", country=country, languages=languages, help=help_kinds, emergency=emergency)


@lru_cache(maxsize=8192)
def _practice(wanted: frozenset[str], practised: frozenset[str]) -> tuple[float, Reason]:
    if not wanted:
        return NEUTRAL, NO_AREA
    shared = wanted & practised
    if shared == wanted:
        return 1.0, reason("practice_all", areas=shared)
    if shared:
        return len(shared) / len(wanted), reason("practice_some", areas=shared, missing=wanted - shared)
    return 0.0, reason("practice_none", areas=wanted)


@lru_cache(maxsize=8192)
def _local(country: str, based: str, offices: frozenset[str], counsel_needed: bool, partnered: bool
           ) -> tuple[float, Reason]:
    where = presence(country, based, offices)
    if counsel_needed:
        return _local_counsel(where, country, based, partnered)
    if where == BASED:
        return 1.0, reason("local_based", country=country)
    if where == OFFICE:
        return 1.0, reason("local_office", country=country)
    if where == UNKNOWN:
        return NEUTRAL, LOCATION_UNKNOWN
    return 0.0, reason("not_local", country=country, based=based)


def _local_counsel(where: str, country: str, based: str, partnered: bool) -> tuple[float, Reason]:
    """Local presence when the need requires a lawyer admitted in its country. A firm from
    elsewhere is here only because it works with local counsel (``filters``): it ranks with
    that partner, below a firm that is local counsel itself, whose own lawyers take the case."""
    if where == BASED:
        return 1.0, reason("counsel_based", country=country)
    if where == OFFICE:
        return 1.0, reason("counsel_office", country=country)
    if where == UNKNOWN:
        return NEUTRAL, reason("counsel_location_unknown", country=country, partner=partnered)
    return LOCAL_PARTNER, reason("local_partner", country=country, based=based)


@lru_cache(maxsize=256)
def _headroom(left: int) -> tuple[float, Reason]:
    return min(left, FULL_HEADROOM) / FULL_HEADROOM, reason("headroom", left=left)


@lru_cache(maxsize=8192)
def _responsiveness(rate: float | None, hours: float | None) -> tuple[float, Reason]:
    """How often and how fast the firm said yes before; either may be unknown (None, and neutral)."""
    speed = NEUTRAL if hours is None else HOURS_HALF_SCORE / (HOURS_HALF_SCORE + hours)
    return ((NEUTRAL if rate is None else rate) + speed) / 2, reason(
        "responsiveness", rate=rate, hours=None if hours is None else round(hours, 1))


def _covers(need: NeedProfile, fund: FundProfile) -> tuple[float, Reason]:
    if not need.help_wanted:
        return NEUTRAL, NO_HELP_NAMED
    covered = need.help_wanted & fund.covers
    return len(covered) / len(need.help_wanted), reason("covers", help=covered, missing=need.help_wanted - covered)


def _reach(fund: FundProfile) -> tuple[float, Reason]:
    """A fund aimed at the defender's country or region knows its courts better than one for anywhere."""
    if fund.countries:
        return 1.0, AIMED_HERE
    return NEUTRAL, OPEN_ANYWHERE


def _speed(need: NeedProfile, fund: FundProfile, today: date) -> tuple[float, Reason]:
    takes = fund.turnaround_days
    if need.deadline is None:
        return max(0.0, 1 - takes / SLOW_FUND_DAYS), reason("speed_no_deadline", takes=takes)
    left = (need.deadline - today).days
    spare = left - takes
    return (spare / left if left else 0.0), reason("speed", takes=takes, spare=spare)


def _amount(need: NeedProfile, fund: FundProfile) -> Reason | None:
    if fund.max_amount is None:
        return None
    most = (fund.max_amount, fund.currency)
    if need.amount_needed is None:
        return reason("gives", most=most)
    needed = (need.amount_needed, need.currency)
    code = "amounts_differ" if need.currency != fund.currency else "gives_enough"
    return reason(code, most=most, needed=needed)
