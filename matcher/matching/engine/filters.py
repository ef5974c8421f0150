"""The hard filters: a candidate failing one is not shown as a match, and the reason says which.

Checks run in the order a coordinator would ask the questions, so the reason
given is the first, most basic one (a conflicted firm is reported as conflicted,
not as lacking a language). Each check returns its reason as data (``reasons.reason``),
or None, and is named: the name travels with the reason, so exclusions are grouped by
the filter that made them (``FILTERS``) without reading the reasons back.
"""

from datetime import date
from functools import lru_cache

from .presence import ELSEWHERE, presence
from .profiles import FundProfile, NeedProfile, OfferProfile
from .reasons import Reason, reason

# The reasons that have no particulars, made once.
UNSCREENED, CONFLICTED, FULL = reason("unscreened"), reason("conflict"), reason("capacity")
NOT_FOR_EMERGENCIES, DEADLINE_PASSED = reason("emergency"), reason("fund_deadline_passed")


def _unscreened(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    return UNSCREENED if offer.firm_id in need.unscreened_firms else None


def _conflict(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    return CONFLICTED if offer.firm_id in need.conflicted_firms else None


def _validity(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    if offer.valid_from and today < offer.valid_from:
        return reason("validity_starts", day=offer.valid_from)
    if offer.valid_until and today > offer.valid_until:
        return reason("validity_ended", day=offer.valid_until)
    return None


def _capacity(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    return FULL if offer.capacity_left <= 0 else None


def _jurisdiction(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    if need.country not in offer.jurisdictions:
        return not_covered(need.country)
    return None


@lru_cache(maxsize=512)
def not_covered(country: str) -> Reason:
    """The commonest reason of all, made once per country rather than once per offer."""
    return reason("jurisdiction", country=country)


def _language(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    if need.languages and not need.languages & offer.languages:
        return _no_language(need.languages, offer.languages)
    return None


@lru_cache(maxsize=4096)
def _no_language(wanted: frozenset[str], spoken: frozenset[str]) -> Reason:
    """Offers share a few sets of languages, and needs fewer: each pair's reason is made once."""
    return reason("language", need=wanted, offer=spoken)


def _help(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    if need.help_wanted and not need.help_wanted & offer.help_kinds:
        return _not_offered(need.help_wanted)
    return None


@lru_cache(maxsize=512)
def _not_offered(wanted: frozenset[str]) -> Reason:
    """The reason is the need's alone, the same for every offer it removes: made once."""
    return reason("help", wanted=wanted)


def local_counsel(need: NeedProfile, offer: OfferProfile, today: date | None) -> Reason | None:
    """A need that requires a lawyer admitted in its country keeps a firm from elsewhere only if it
    works with local counsel. A firm whose location is not known stays, and its score says so."""
    if (need.needs_local_counsel and not offer.works_with_local_counsel
            and presence(need.country, offer.firm_country, offer.offices) == ELSEWHERE):
        return reason("local_counsel", country=need.country, based=offer.firm_country)
    return None


def _emergency(need: NeedProfile, offer: OfferProfile, today: date) -> Reason | None:
    return NOT_FOR_EMERGENCIES if need.urgency == "emergency" and not offer.emergency else None


# The offer checks in their order, in groups ``offers.Offers`` runs each in its own way: those of the
# firm, those that stand for every need on a day, the need's country, and those of the need.
FIRM_CHECKS = (("unscreened", _unscreened), ("conflict", _conflict))
STANDING_CHECKS = (("validity", _validity), ("capacity", _capacity))
NEED_CHECKS = (("language", _language), ("help", _help), ("local_counsel", local_counsel), ("emergency", _emergency))
OFFER_CHECKS = (*FIRM_CHECKS, *STANDING_CHECKS, ("jurisdiction", _jurisdiction), *NEED_CHECKS)


def offer_filter(need: NeedProfile, offer: OfferProfile, today: date) -> tuple[str, Reason] | None:
    """The first hard filter that removes ``offer``: its name and its reason, or None."""
    return first_failed(OFFER_CHECKS, need, offer, today)


def _fund_country(need: NeedProfile, fund: FundProfile, today: date) -> Reason | None:
    if fund.countries and need.country not in fund.countries:
        return _fund_not_here(need.country)
    return None


@lru_cache(maxsize=512)
def _fund_not_here(country: str) -> Reason:
    """Most funds are for somewhere else: their reason is made once per country."""
    return reason("fund_country", country=country)


def _fund_defender_kind(need: NeedProfile, fund: FundProfile, today: date) -> Reason | None:
    """A defender of several kinds is eligible as any one of them."""
    if fund.defender_kinds and not any(fund.takes(kind) for kind in need.defender_kinds):
        return reason("fund_defender_kind", kinds=need.defender_kinds)
    return None


def _fund_covers(need: NeedProfile, fund: FundProfile, today: date) -> Reason | None:
    if need.help_wanted and not need.help_wanted & fund.covers:
        return reason("fund_covers", wanted=need.help_wanted)
    return None


def _fund_amount(need: NeedProfile, fund: FundProfile, today: date) -> Reason | None:
    """Only amounts in one currency are compared: rates change, and a coordinator checks the rest."""
    if need.amount_needed is None or fund.max_amount is None or need.currency != fund.currency:
        return None
    if need.amount_needed > fund.max_amount:
        return reason("fund_amount", needed=need.amount_needed, most=fund.max_amount, currency=fund.currency)
    return None


def _fund_deadline_passed(need: NeedProfile, fund: FundProfile, today: date) -> Reason | None:
    if need.deadline is not None and need.deadline < today:
        return DEADLINE_PASSED
    return None


def _fund_turnaround(need: NeedProfile, fund: FundProfile, today: date) -> Reason | None:
    if need.deadline is None:
        return None
    left = (need.deadline - today).days
    if fund.turnaround_days > left:
        return reason("fund_turnaround", takes=fund.turnaround_days, left=left)
    return None


FUND_CHECKS = (("fund_country", _fund_country), ("fund_defender_kind", _fund_defender_kind),
               ("fund_covers", _fund_covers), ("fund_amount", _fund_amount),
               ("fund_deadline_passed", _fund_deadline_passed), ("fund_turnaround", _fund_turnaround))


def fund_filter(need: NeedProfile, fund: FundProfile, today: date) -> tuple[str, Reason] | None:
    """The first hard filter that removes ``fund``: its name and its reason, or None."""
    return first_failed(FUND_CHECKS, need, fund, today)


def first_failed(checks, need: NeedProfile | None, candidate, today: date) -> tuple[str, Reason] | None:
    """The first of ``checks`` that removes ``candidate``: its name and reason, or None (``need`` is
    None for checks that do not read it)."""
    for name, check in checks:
        reason = check(need, candidate, today)
        if reason:
            return name, reason
    return None


# Every filter's name, offers' first: the groups a coordinator reads the exclusions in.
FILTERS = tuple(name for name, _ in OFFER_CHECKS + FUND_CHECKS)
