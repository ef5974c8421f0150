"""What came of a match: how a matter ended, what a fund granted, and whether the help helped.

The codes are kept here once: the columns' CHECK constraints, the forms' choices and the
pages' labels all read them. A firm's ``Closing`` and a fund's ``Grant`` each say what is
wrong with them, field by field (``problems``): ``workflow.complete_match`` refuses a
completion with any, and a form shows each message beside its field, so a rule lives
here and nowhere else.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..matching.engine import places

# How a matter ended, in the words of the cases the platform serves.
OTHER = "other"
OUTCOMES = {
    "charges_dropped": _l("Charges dropped"),
    "acquitted": _l("Acquitted"),
    "convicted": _l("Convicted"),
    "released": _l("Released from detention"),
    "bail_granted": _l("Bail granted"),
    "slapp_dismissed": _l("SLAPP dismissed early"),
    "costs_awarded": _l("Costs awarded to the defender"),
    "settled": _l("Settled"),
    "injunction_lifted": _l("Injunction lifted"),
    "ongoing": _l("Case ongoing when support ended"),
    OTHER: _l("Other"),
}

# What the defender says of the help, privately: only they and the coordinators read it.
VERDICTS = {
    "helped_a_lot": _l("It helped a lot"),
    "helped_somewhat": _l("It helped somewhat"),
    "did_not_help": _l("It did not help"),
    "prefer_not_to_say": _l("I prefer not to say"),
}

MAX_HOURS = Decimal(10_000)
MAX_GRANT = Decimal(1_000_000_000)
MAX_NOTE = 4000
_CENT = Decimal("0.01")
# The latest time zone is 14 hours ahead of UTC: a day that has begun somewhere is not "in the future".
_LATEST_OFFSET = timedelta(hours=14)


def latest_today(now: datetime) -> date:
    """Today where the day is furthest on at ``now``, so nobody closing a matter in their morning is
    told it is tomorrow."""
    return (now + _LATEST_OFFSET).date()


def _cents(value: Decimal) -> bool:
    """Whether ``value`` has no more than two decimals (37.5 and 37.50 do, 1.234 does not)."""
    return value == value.quantize(_CENT)


@dataclass(frozen=True)
class Closing:
    """What a firm records when it closes a matter."""

    hours: Decimal | None
    started_on: date | None
    ended_on: date | None
    outcome: str
    note: str = ""

    def problems(self, *, asked: Collection[str], now: datetime) -> dict[str, str]:
        """What is wrong, by field, at ``now``; empty when the closing may be recorded (``asked``, the
        kinds of help the need asked for, is a grant's concern)."""
        problems = {"hours": _hours_problem(self.hours), **_dates_problems(self.started_on, self.ended_on, now)}
        if self.outcome not in OUTCOMES:
            problems["outcome"] = _("Choose what came of the matter.")
        if self.outcome == OTHER and not self.note.strip():
            problems["note"] = _("Say what came of the matter when you choose “Other”.")
        elif len(self.note) > MAX_NOTE:
            problems["note"] = _("Keep the note under %(max)s characters.", max=f"{MAX_NOTE:,}")
        return {field: message for field, message in problems.items() if message}


def _hours_problem(hours: Decimal | None) -> str:
    if hours is None:
        return _("Enter the hours the firm gave, 0 or more.")
    if not hours.is_finite():
        return _("Enter the hours as a number, such as 37.5.")
    if hours < 0:
        return _("Hours cannot be negative: enter a number from 0 to 10,000, such as 37.5.")
    if hours > MAX_HOURS:
        return _("Enter at most 10,000 hours.")
    if not _cents(hours):
        return _("Enter the hours with at most two decimals, such as 37.5 or 37.25.")
    return ""


def _dates_problems(started_on: date | None, ended_on: date | None, now: datetime) -> dict[str, str]:
    latest = latest_today(now)
    problems = {}
    for field, day, missing in (("started_on", started_on, _("Enter the date the work started.")),
                                ("ended_on", ended_on, _("Enter the date the work ended."))):
        if day is None:
            problems[field] = missing
        elif day > latest:
            problems[field] = _("This date is in the future.")
    if "ended_on" not in problems and started_on and ended_on and ended_on < started_on:
        problems["ended_on"] = _("The work cannot end before it started.")
    return problems


@dataclass(frozen=True)
class Grant:
    """What a fund granted when its funding of a need is completed, and the help it paid for."""

    amount: Decimal | None
    currency: str
    paid_for: tuple[str, ...]

    def problems(self, *, asked: Collection[str], now: datetime) -> dict[str, str]:
        """What is wrong, by field; ``asked`` are the kinds of help the need asked for (``now`` is a
        closing's concern)."""
        problems = {"amount": _amount_problem(self.amount)}
        if places.currency(self.currency) is None:
            problems["currency"] = _("Enter an ISO 4217 currency code, such as USD or EUR.")
        if not self.paid_for:
            problems["paid_for"] = _("Choose what the grant paid for.")
        elif not set(self.paid_for) <= set(asked):
            problems["paid_for"] = _("Choose among the kinds of help the need asked for.")
        return {field: message for field, message in problems.items() if message}


def _amount_problem(amount: Decimal | None) -> str:
    if amount is None:
        return _("Enter the amount granted.")
    if not amount.is_finite():
        return _("Enter the amount as a number, such as 2500 or 2500.50.")
    if amount <= 0 or amount > MAX_GRANT:
        return _("Enter an amount greater than 0 and up to 1,000,000,000.")
    if not _cents(amount):
        return _("Enter the amount with at most two decimals.")
    return ""
