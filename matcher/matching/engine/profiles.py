"""What the engine knows of a need, an offer and a fund: codes only, already understood.

The web layer builds these from the database and the CLI from JSON files (see
``records``); the engine never sees free text, a model or a session.
"""

from dataclasses import dataclass, field
from datetime import date

from .terms import ONE_PERSON_KINDS


@dataclass(frozen=True, kw_only=True)
class NeedProfile:
    id: str
    country: str
    languages: frozenset[str]
    help_wanted: frozenset[str]
    practice_areas: frozenset[str]
    threat: str = ""
    urgency: str = "standard"
    deadline: date | None = None
    # Every kind the defender is (a woman indigenous land defender is three): a fund for any of them takes her.
    defender_kinds: frozenset[str] = frozenset({"individual"})
    amount_needed: float | None = None
    currency: str = ""
    # The case needs a lawyer admitted in ``country``: a firm elsewhere serves it only with a local partner.
    needs_local_counsel: bool = False
    conflicted_firms: frozenset[str] = field(default_factory=frozenset)
    # Firms with no client list to screen against: not known to be clear, so never proposed.
    unscreened_firms: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, kw_only=True)
class OfferProfile:
    """``jurisdictions`` are countries (regions already expanded). ``firm_country`` and
    ``offices`` may be unknown (empty); ``acceptance_rate`` (0..1) and
    ``median_response_hours`` are None for a firm with no history yet.
    ``works_with_local_counsel``: the firm takes a case abroad with a lawyer admitted there."""

    id: str
    firm_id: str
    jurisdictions: frozenset[str]
    languages: frozenset[str]
    practice_areas: frozenset[str]
    help_kinds: frozenset[str]
    capacity_left: int
    emergency: bool
    valid_from: date | None = None
    valid_until: date | None = None
    firm_country: str = ""
    offices: frozenset[str] = field(default_factory=frozenset)
    acceptance_rate: float | None = None
    median_response_hours: float | None = None
    works_with_local_counsel: bool = False


@dataclass(frozen=True, kw_only=True)
class FundProfile:
    """Empty ``countries`` or ``defender_kinds`` mean the fund takes any."""

    id: str
    name: str = ""
    countries: frozenset[str]
    defender_kinds: frozenset[str]
    covers: frozenset[str]
    turnaround_days: int
    max_amount: float | None = None
    currency: str = ""

    def takes(self, kind: str) -> bool:
        """Whether the fund is open to a defender of ``kind``: one open to any kind takes every kind, and
        one open to individual defenders takes a journalist or a student too (``ONE_PERSON_KINDS``)."""
        open_to = self.defender_kinds
        return not open_to or kind in open_to or (kind in ONE_PERSON_KINDS and "individual" in open_to)
