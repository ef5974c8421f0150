"""Ranking a need's candidates: the database side of the matching engine."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from . import matching, screening, vocab
from .extensions import db
from .models import LawFirm, LegalAidFund, Need, Offer


@dataclass
class RankedNeed:
    """The engine's ranking with the rows it speaks of, for a page to show."""

    ranking: matching.Ranking
    offers: dict[str, Offer]
    funds: dict[str, LegalAidFund]


def need_profile(need: Need) -> matching.NeedProfile:
    cleared = screening.cleared_firm_ids(need)
    all_firms = db.session.scalars(select(LawFirm.id)).all()
    areas = set(need.practice_areas)
    if not areas and need.threat in vocab.THREAT_PRACTICE_AREA:
        areas.add(vocab.THREAT_PRACTICE_AREA[need.threat])
    return matching.NeedProfile(
        id=str(need.id),
        country=need.country,
        languages=frozenset(need.languages),
        help_wanted=frozenset(need.help_wanted),
        practice_areas=frozenset(areas),
        urgency=need.urgency,
        deadline=need.deadline,
        defender_kind=need.defender.kind,
        conflicted_firms=frozenset(str(firm_id) for firm_id in all_firms if firm_id not in cleared),
    )


def offer_profile(offer: Offer) -> matching.OfferProfile:
    return matching.OfferProfile(
        id=str(offer.id),
        firm_id=str(offer.firm_id),
        firm_country=offer.firm.country,
        jurisdictions=frozenset(offer.jurisdictions),
        languages=frozenset(offer.languages),
        practice_areas=frozenset(offer.practice_areas),
        help_kinds=frozenset(offer.help_kinds),
        capacity_left=offer.capacity_left,
        emergency=offer.emergency,
        valid_from=offer.valid_from,
        valid_until=offer.valid_until,
    )


def fund_profile(fund: LegalAidFund) -> matching.FundProfile:
    return matching.FundProfile(
        id=str(fund.id),
        countries=frozenset(fund.countries),
        defender_kinds=frozenset(fund.defender_kinds),
        covers=frozenset(fund.covers),
        turnaround_days=fund.turnaround_days,
    )


def rank_need(need: Need, today: date | None = None) -> RankedNeed:
    """Rank the offers of verified firms and the active funds for ``need``."""
    offers = db.session.scalars(
        select(Offer).join(Offer.firm).where(LawFirm.verified.is_(True)).options(selectinload(Offer.firm))
    ).all()
    funds = db.session.scalars(select(LegalAidFund).where(LegalAidFund.active.is_(True))).all()
    ranking = matching.rank(
        need_profile(need),
        [offer_profile(offer) for offer in offers],
        [fund_profile(fund) for fund in funds],
        today or date.today(),
    )
    return RankedNeed(
        ranking,
        offers={str(offer.id): offer for offer in offers},
        funds={str(fund.id): fund for fund in funds},
    )
