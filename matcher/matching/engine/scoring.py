"""The score of an eligible candidate, 0..1, as a weighted sum of parts each with its reason.

Every part is a value in 0..1 and one sentence, so the reasons a coordinator
reads are exactly what the score was made of. Missing history counts as neutral
(0.5) and says so, rather than punishing a firm new to the platform. The weights
shift with urgency: in an emergency, how fast and how often a firm says yes
matters more than a perfect fit of practice areas.
"""

from datetime import date

from . import words
from .profiles import FundProfile, NeedProfile, OfferProfile

NEUTRAL = 0.5
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


def score_offer(need: NeedProfile, offer: OfferProfile) -> tuple[float, tuple[str, ...]]:
    parts = {
        "practice": _practice(need, offer),
        "local": _local(need, offer),
        "headroom": _headroom(offer),
        "responsiveness": _responsiveness(offer),
    }
    reasons = [_offer_fit(need, offer), *(reason for _, reason in parts.values())]
    if need.urgency == "emergency":
        reasons.append("responsiveness weighs more because this is an emergency")
    return _total(OFFER_WEIGHTS, need.urgency, parts), tuple(reasons)


def score_fund(need: NeedProfile, fund: FundProfile, today: date) -> tuple[float, tuple[str, ...]]:
    parts = {"covers": _covers(need, fund), "reach": _reach(fund), "speed": _speed(need, fund, today)}
    reasons = [reason for _, reason in parts.values()]
    amount = _amount(need, fund)
    if amount:
        reasons.append(amount)
    return _total(FUND_WEIGHTS, need.urgency, parts), tuple(reasons)


def _total(weights: dict, urgency: str, parts: dict) -> float:
    chosen = weights.get(urgency, weights["standard"])
    return round(sum(chosen[name] * value for name, (value, _) in parts.items()), 3)


def _offer_fit(need: NeedProfile, offer: OfferProfile) -> str:
    """What the hard filters found, said once so the coordinator need not infer it."""
    facts = [f"covers {words.country(need.country)}"]
    if need.languages:
        facts.append(f"works in {words.languages(need.languages & offer.languages)}")
    if need.help_wanted:
        facts.append(f"offers {words.help_kinds(need.help_wanted & offer.help_kinds)}")
    if offer.emergency:
        facts.append("ready for emergencies")
    return "eligible: " + "; ".join(facts)


def _practice(need: NeedProfile, offer: OfferProfile) -> tuple[float, str]:
    wanted = need.practice_areas
    if not wanted:
        return NEUTRAL, "the need names no practice area: practice fit counted as neutral"
    shared = wanted & offer.practice_areas
    if shared == wanted:
        return 1.0, f"practises every area the need calls for ({words.practice_areas(shared)})"
    if shared:
        return len(shared) / len(wanted), (
            f"practises {words.practice_areas(shared)} but not {words.practice_areas(wanted - shared)}"
        )
    return 0.0, f"practises none of the areas the need calls for ({words.practice_areas(wanted)})"


def _local(need: NeedProfile, offer: OfferProfile) -> tuple[float, str]:
    here = words.country(need.country)
    if offer.firm_country == need.country:
        return 1.0, f"local presence: the firm is based in {here}"
    if need.country in offer.offices:
        return 1.0, f"local presence: the firm has an office in {here}"
    if not offer.firm_country and not offer.offices:
        return NEUTRAL, "the firm's location is not known: local presence counted as neutral"
    based = f"is based in {words.country(offer.firm_country)} and " if offer.firm_country else ""
    return 0.0, f"no local presence: the firm {based}has no office in {here}"


def _headroom(offer: OfferProfile) -> tuple[float, str]:
    left = offer.capacity_left
    if left == 1:
        return 1 / FULL_HEADROOM, "capacity: 1 matter left, the last one"
    return min(left, FULL_HEADROOM) / FULL_HEADROOM, f"capacity: {left} matters left"


def _responsiveness(offer: OfferProfile) -> tuple[float, str]:
    """How often and how fast the firm said yes before; either may be unknown."""
    if offer.acceptance_rate is None:
        rate, rate_words = NEUTRAL, "no record of past acceptances (counted as neutral)"
    else:
        rate, rate_words = offer.acceptance_rate, f"accepted {offer.acceptance_rate:.0%} of matters proposed"
    hours = offer.median_response_hours
    if hours is None:
        speed, speed_words = NEUTRAL, "no record of response times (counted as neutral)"
    else:
        speed = HOURS_HALF_SCORE / (HOURS_HALF_SCORE + hours)
        speed_words = f"answers in a median of {words.hours(round(hours, 1))}"
    return (rate + speed) / 2, f"responsiveness: {rate_words}; {speed_words}"


def _covers(need: NeedProfile, fund: FundProfile) -> tuple[float, str]:
    if not need.help_wanted:
        return NEUTRAL, "the need names no kind of help: coverage counted as neutral"
    covered = need.help_wanted & fund.covers
    missing = need.help_wanted - covered
    tail = f", not {words.help_kinds(missing)}" if missing else ""
    return len(covered) / len(need.help_wanted), f"covers {words.help_kinds(covered)}{tail}"


def _reach(fund: FundProfile) -> tuple[float, str]:
    """A fund aimed at the defender's country or region knows its courts better than one for anywhere."""
    if fund.countries:
        return 1.0, "aimed at defenders in this country or region"
    return NEUTRAL, "open to defenders anywhere"


def _speed(need: NeedProfile, fund: FundProfile, today: date) -> tuple[float, str]:
    takes = words.days(fund.turnaround_days)
    if need.deadline is None:
        value = max(0.0, 1 - fund.turnaround_days / SLOW_FUND_DAYS)
        return value, f"decides within {takes}; the need has no deadline"
    left = (need.deadline - today).days
    spare = left - fund.turnaround_days
    value = spare / left if left else 0.0
    return value, f"decides within {takes}, leaving {words.days(spare)} before the deadline"


def _amount(need: NeedProfile, fund: FundProfile) -> str | None:
    if fund.max_amount is None:
        return None
    most = words.money(fund.max_amount, fund.currency)
    if need.amount_needed is None:
        return f"gives up to {most}"
    needed = words.money(need.amount_needed, need.currency)
    if need.currency != fund.currency:
        return f"the amounts are in different currencies (up to {most}; {needed} needed): check before applying"
    return f"gives up to {most}, enough for the {needed} needed"
