"""Ranking a need's candidates: the database side of the matching engine.

Rows become the engine's profiles here, with what only the database knows: which
firms are not cleared of conflicts, and how often and how fast each firm
answered proposals before (from the audit log, since a match's own timestamps
move on with later steps).
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from ..conflicts import screening
from ..extensions import db
from ..models import AuditEvent, LawFirm, LegalAidFund, Match, Need, Offer
from . import engine
from .engine import places, taxonomy
from .engine.filters import FILTER_WORDS

ANSWERS = ("match.accept", "match.decline")


@dataclass
class RankedNeed:
    """The engine's ranking with the rows it speaks of, for a page to show."""

    ranking: engine.Ranking
    offers: dict[str, Offer]
    funds: dict[str, LegalAidFund]

    def label(self, kind: str, ident: str) -> str:
        """A candidate's name for a person to read: the firm and its offer, or the fund."""
        if kind == "offer":
            offer = self.offers[ident]
            return f"{offer.firm.name}: {offer.title}"
        return self.funds[ident].name


@dataclass
class ExcludedGroup:
    """The offers (or funds) one filter removed: how many, and the first few of them.

    ``reason`` is the filter's words without any candidate's particulars ("no language
    in common"); ``same_reason`` says whether every member was removed in exactly the
    same words, so a page need not repeat them.
    """

    kind: str
    reason: str
    count: int
    first: list[engine.Excluded]
    same_reason: bool

    @property
    def heading(self) -> str:
        """The whole reason when it is the same for all, or else the filter's words alone."""
        return self.first[0].reason if self.same_reason else self.reason


@dataclass(frozen=True)
class History:
    acceptance_rate: float | None = None
    median_response_hours: float | None = None


def need_profile(need: Need) -> engine.NeedProfile:
    cleared = screening.cleared_firm_ids(need)
    unscreened = screening.unscreenable_firm_ids()
    all_firms = db.session.scalars(select(LawFirm.id)).all()
    return engine.NeedProfile(
        id=str(need.id),
        country=need.country,
        languages=frozenset(need.languages),
        help_wanted=frozenset(need.help_wanted),
        practice_areas=taxonomy.areas_for(need.threat, need.practice_areas),
        threat=need.threat,
        urgency=need.urgency,
        deadline=need.deadline,
        defender_kind=need.defender.kind,
        amount_needed=need.amount_needed,
        currency=need.currency or "",
        conflicted_firms=frozenset(str(firm_id) for firm_id in all_firms if firm_id not in cleared | unscreened),
        unscreened_firms=frozenset(str(firm_id) for firm_id in unscreened),
    )


def offer_profile(offer: Offer, history: History) -> engine.OfferProfile:
    return engine.OfferProfile(
        id=str(offer.id),
        firm_id=str(offer.firm_id),
        firm_country=offer.firm.country,
        jurisdictions=places.expand(offer.jurisdictions),
        languages=frozenset(offer.languages),
        practice_areas=frozenset(offer.practice_areas),
        help_kinds=frozenset(offer.help_kinds),
        capacity_left=offer.capacity_left,
        emergency=offer.emergency,
        valid_from=offer.valid_from,
        valid_until=offer.valid_until,
        acceptance_rate=history.acceptance_rate,
        median_response_hours=history.median_response_hours,
    )


def fund_profile(fund: LegalAidFund) -> engine.FundProfile:
    return engine.FundProfile(
        id=str(fund.id),
        name=fund.name,
        countries=places.expand(fund.countries),
        defender_kinds=frozenset(fund.defender_kinds),
        covers=frozenset(fund.covers),
        turnaround_days=fund.turnaround_days,
        max_amount=fund.max_amount,
        currency=fund.currency,
    )


def firm_histories() -> dict[int, History]:
    """Per firm: the share of proposals it accepted and its median hours to answer."""
    rows = db.session.execute(
        select(Match.firm_id, AuditEvent.action, Match.proposed_at, AuditEvent.created_at)
        .join(AuditEvent, and_(AuditEvent.subject_type == Match.__tablename__, AuditEvent.subject_id == Match.id))
        .where(AuditEvent.action.in_(ANSWERS), Match.firm_id.is_not(None))
    )
    answers: dict[int, list[tuple[bool, float]]] = defaultdict(list)
    for firm_id, action, proposed_at, answered_at in rows:
        hours = max(0.0, (answered_at - proposed_at).total_seconds() / 3600)
        answers[firm_id].append((action == "match.accept", hours))
    return {
        firm_id: History(
            acceptance_rate=sum(accepted for accepted, _ in given) / len(given),
            median_response_hours=statistics.median(hours for _, hours in given),
        )
        for firm_id, given in answers.items()
    }


def rank_need(need: Need, today: date | None = None) -> RankedNeed:
    """Rank the offers of verified firms and the active funds for ``need``."""
    offers = db.session.scalars(
        select(Offer).join(Offer.firm).where(LawFirm.verified.is_(True)).options(selectinload(Offer.firm))
    ).all()
    funds = db.session.scalars(select(LegalAidFund).where(LegalAidFund.active.is_(True))).all()
    histories = firm_histories()
    ranking = engine.rank(
        need_profile(need),
        [offer_profile(offer, histories.get(offer.firm_id, History())) for offer in offers],
        [fund_profile(fund) for fund in funds],
        today or date.today(),
    )
    return RankedNeed(
        ranking,
        offers={str(offer.id): offer for offer in offers},
        funds={str(fund.id): fund for fund in funds},
    )


def group_excluded(ranking: engine.Ranking, keep: int) -> list[ExcludedGroup]:
    """The excluded candidates grouped by the filter that removed them, biggest group first.

    Against thousands of offers most are removed by the same few filters, and a
    coordinator needs to know which filters and how many, not to read every row:
    only ``keep`` members per group are kept to show.
    """
    groups: dict[tuple[str, str], ExcludedGroup] = {}
    for kind, ident, reason, name in ranking.excluded_rows:
        group = groups.get((kind, name))
        if group is None:
            group = groups[(kind, name)] = ExcludedGroup(kind, FILTER_WORDS[name], 0, [], True)
        group.count += 1
        if len(group.first) < keep:
            group.first.append(engine.Excluded(kind, ident, reason, name))
        if group.same_reason and reason != group.first[0].reason:
            group.same_reason = False
    return sorted(groups.values(), key=lambda g: (g.kind != "offer", -g.count, g.reason))
