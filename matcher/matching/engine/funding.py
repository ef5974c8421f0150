"""Which kinds of help are a lawyer's work and which are money, and what that means for a need.

Counsel and funding are different kinds of help: a need that asks for a lawyer's work follows
its counsel, while funds run alongside; a need that asks only for money follows its funds
(``needs.states``). Funds are matched on the kinds of help they cover (``filters``), so money
asked for without "funding for a local lawyer" is left out by every fund that pays only for a
lawyer: a coordinator is warned of such a need (``lawyer_funding_missing``) rather than finding
no fund for it and no reason why.
"""

from collections.abc import Iterable

from .reasons import Reason, reason

LAWYER_FUNDING = "local_lawyer_funding"
# What only a lawyer (or an observer a firm sends) gives, and what a fund's money pays for: besides a
# lawyer's fees and bail, what emergency grants for defenders cover (visits to a defender in prison,
# relocation, medical care, security measures, psychosocial and family support, digital security).
COUNSEL_HELP = frozenset({"representation", "advice", "trial_observation", "international_appeal"})
MONEY_HELP = frozenset({LAWYER_FUNDING, "bail", "prison_visits", "relocation", "medical_care", "security",
                        "psychosocial", "family_support", "digital_security"})


def asks_for_counsel(help_wanted: Iterable[str]) -> bool:
    return not COUNSEL_HELP.isdisjoint(help_wanted)


def asks_for_money(help_wanted: Iterable[str], amount_needed: float | None) -> bool:
    """An amount said, or a kind of help that is money (bail, a lawyer's fees)."""
    return amount_needed is not None or not MONEY_HELP.isdisjoint(help_wanted)


def lawyer_funding_missing(help_wanted: Iterable[str], amount_needed: float | None, currency: str) -> Reason | None:
    """Money asked for, but not funding for a local lawyer, as a reason with what was asked (the amount,
    the kinds of help that are money); None for a need that asks for no money, or for a lawyer's fees."""
    wanted = frozenset(help_wanted)
    if not asks_for_money(wanted, amount_needed) or LAWYER_FUNDING in wanted:
        return None
    return reason("lawyer_funding_missing", amount=amount_needed, currency=currency, help=wanted & MONEY_HELP)
