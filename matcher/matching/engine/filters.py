"""The hard filters: a candidate failing one is not shown as a match, and the reason says which.

Checks run in the order a coordinator would ask the questions, so the reason
given is the first, most basic one (a conflicted firm is reported as conflicted,
not as lacking a language). Each check returns its reason in words, or None, and
is named: the name travels with the reason, so exclusions are grouped by the filter
that made them, under the filter's words (``FILTER_WORDS``), without reading them back.
"""

from datetime import date
from functools import lru_cache

from . import words
from .profiles import FundProfile, NeedProfile, OfferProfile


def N_(text: str) -> str:
    """Mark ``text`` for translation and return it unchanged: the engine stays plain Python, and the
    web layer translates a filter's words where a page shows them."""
    return text


def _unscreened(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if offer.firm_id in need.unscreened_firms:
        return "the firm has no client list to screen the need against"
    return None


def _conflict(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if offer.firm_id in need.conflicted_firms:
        return "the firm has an unresolved conflict with an adverse party"
    return None


def _validity(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if offer.valid_from and today < offer.valid_from:
        return f"the offer is not valid today (it starts on {offer.valid_from.isoformat()})"
    if offer.valid_until and today > offer.valid_until:
        return f"the offer is not valid today (it ended on {offer.valid_until.isoformat()})"
    return None


def _capacity(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if offer.capacity_left <= 0:
        return "the offer has no capacity left"
    return None


def _jurisdiction(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if need.country not in offer.jurisdictions:
        return _not_covered(need.country)
    return None


@lru_cache(maxsize=512)
def _not_covered(country: str) -> str:
    """The commonest reason of all, worded once per country rather than once per offer."""
    return f"the offer does not cover the need's country ({words.country(country)})"


def _language(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if need.languages and not need.languages & offer.languages:
        return (f"no language in common (the need: {words.languages(need.languages)}; "
                f"the offer: {words.languages(offer.languages)})")
    return None


def _help(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if need.help_wanted and not need.help_wanted & offer.help_kinds:
        return f"the kind of help wanted is not offered ({words.help_kinds(need.help_wanted)})"
    return None


def _emergency(need: NeedProfile, offer: OfferProfile, today: date) -> str | None:
    if need.urgency == "emergency" and not offer.emergency:
        return "the firm is not ready for emergencies, and this is one"
    return None


OFFER_CHECKS = (("unscreened", _unscreened), ("conflict", _conflict), ("validity", _validity), ("capacity", _capacity),
                ("jurisdiction", _jurisdiction), ("language", _language), ("help", _help), ("emergency", _emergency))


def offer_filter(need: NeedProfile, offer: OfferProfile, today: date) -> tuple[str, str] | None:
    """The first hard filter that removes ``offer``: its name and the reason in words, or None."""
    return _first_failed(OFFER_CHECKS, need, offer, today)


def _fund_country(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    if fund.countries and need.country not in fund.countries:
        return f"the fund does not cover the need's country ({words.country(need.country)})"
    return None


def _fund_defender_kind(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    if fund.defender_kinds and need.defender_kind not in fund.defender_kinds:
        return f"the fund does not support this kind of defender ({words.defender_kind(need.defender_kind)})"
    return None


def _fund_covers(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    if need.help_wanted and not need.help_wanted & fund.covers:
        return f"the fund does not cover the help wanted ({words.help_kinds(need.help_wanted)})"
    return None


def _fund_amount(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    """Only amounts in one currency are compared: rates change, and a coordinator checks the rest."""
    if need.amount_needed is None or fund.max_amount is None or need.currency != fund.currency:
        return None
    if need.amount_needed > fund.max_amount:
        return (f"the amount needed ({words.money(need.amount_needed, need.currency)}) is above "
                f"the fund's maximum ({words.money(fund.max_amount, fund.currency)})")
    return None


def _fund_deadline_passed(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    if need.deadline is not None and need.deadline < today:
        return "the need's deadline has passed"
    return None


def _fund_turnaround(need: NeedProfile, fund: FundProfile, today: date) -> str | None:
    if need.deadline is None:
        return None
    left = (need.deadline - today).days
    if fund.turnaround_days > left:
        return (f"the fund cannot decide before the deadline (it takes {words.days(fund.turnaround_days)}; "
                f"{words.days(left)} left)")
    return None


FUND_CHECKS = (("fund_country", _fund_country), ("fund_defender_kind", _fund_defender_kind),
               ("fund_covers", _fund_covers), ("fund_amount", _fund_amount),
               ("fund_deadline_passed", _fund_deadline_passed), ("fund_turnaround", _fund_turnaround))


def fund_filter(need: NeedProfile, fund: FundProfile, today: date) -> tuple[str, str] | None:
    """The first hard filter that removes ``fund``: its name and the reason in words, or None."""
    return _first_failed(FUND_CHECKS, need, fund, today)


def _first_failed(checks, need: NeedProfile, candidate, today: date) -> tuple[str, str] | None:
    for name, check in checks:
        reason = check(need, candidate, today)
        if reason:
            return name, reason
    return None


# What each filter removes, without any candidate's particulars: the heading of its group.
FILTER_WORDS = {
    "unscreened": N_("the firm has no client list to screen the need against"),
    "conflict": N_("the firm has an unresolved conflict with an adverse party"),
    "validity": N_("the offer is not valid today"),
    "capacity": N_("the offer has no capacity left"),
    "jurisdiction": N_("the offer does not cover the need's country"),
    "language": N_("no language in common"),
    "help": N_("the kind of help wanted is not offered"),
    "emergency": N_("the firm is not ready for emergencies, and this is one"),
    "fund_country": N_("the fund does not cover the need's country"),
    "fund_defender_kind": N_("the fund does not support this kind of defender"),
    "fund_covers": N_("the fund does not cover the help wanted"),
    "fund_amount": N_("the amount needed is above the fund's maximum"),
    "fund_deadline_passed": N_("the need's deadline has passed"),
    "fund_turnaround": N_("the fund cannot decide before the deadline"),
}
