"""Ranking a need's candidates: the database side of the matching engine.

Rows become the engine's profiles here, with what only the database knows: which
firms are not cleared of conflicts, and how often and how fast each firm
answered proposals before (from the audit log, since a match's own timestamps
move on with later steps).

The offers' and funds' profiles are the same for every need: each process keeps
them, with the names a page shows, until ``models.catalogue`` says an offer, a
fund, a firm or a match changed (``catalogue``). Only the need's own profile and
the firms it is not cleared for are read for each ranking.

Stored values are read through the vocabulary as the command line reads files
(``engine.unknown``): a row written before a term was renamed, or by a script, may
hold one the vocabulary does not know, which is left out, or holds its row back,
and is shown to the coordinator beside the ranking.
"""

import gc
import statistics
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import and_, or_, select

from ..conflicts import screening
from ..extensions import db
from ..models import AuditEvent, LawFirm, LegalAidFund, Match, Need, Offer
from ..models import catalogue as versions
from . import engine
from .engine import places, taxonomy
from .engine.unknown import Unknown, Words
from .reasons import heading, say

# A firm's answers to proposals, and its silence: a proposal that lapsed counts as not accepted, after
# the hours it was left waiting.
ANSWERS = ("match.accept", "match.decline", "match.lapse")


@dataclass
class RankedNeed:
    """The engine's ranking with the names of the candidates it speaks of, for a page to show."""

    ranking: engine.Ranking
    labels: dict[tuple[str, str], str]
    unknown: list[Unknown]

    def label(self, kind: str, ident: str) -> str:
        """A candidate's name for a person to read: the firm and its offer, or the fund."""
        return self.labels[(kind, ident)]

    def target(self, kind: str, ident: str) -> Offer | LegalAidFund:
        """The row a candidate stands for, to propose the need to."""
        return db.get_or_404(Offer if kind == "offer" else LegalAidFund, int(ident))


@dataclass(frozen=True)
class Catalogue:
    """Every offer of a verified firm and every active fund as the engine reads them, with
    their names, as of one version of ``models.catalogue``."""

    version: int
    offers: engine.Offers
    funds: tuple[engine.FundProfile, ...]
    labels: dict[tuple[str, str], str]
    unknown: tuple[Unknown, ...]


@dataclass
class ExcludedGroup:
    """The offers (or funds) one filter removed: how many, and the first few of them.

    ``reason`` is the filter's words without any candidate's particulars ("no language
    in common"); ``same_reason`` says whether every member was removed for exactly the
    same reason, particulars and all, so a page need not repeat them.
    """

    kind: str
    reason: str
    count: int
    first: list[engine.Excluded]
    same_reason: bool

    @property
    def heading(self) -> str:
        """The whole reason when it is the same for all, or else the filter's words alone."""
        return say(self.first[0].reason) if self.same_reason else self.reason


@dataclass(frozen=True)
class History:
    acceptance_rate: float | None = None
    median_response_hours: float | None = None


def need_profile(need: Need, words: Words) -> engine.NeedProfile:
    away = screening.firms_away(need)
    threat = words.code("threat", need.threat, taxonomy.threats, decisive=False) or ""
    return engine.NeedProfile(
        id=str(need.id),
        country=need.country,
        languages=frozenset(need.languages),
        help_wanted=words.codes("help_wanted", need.help_wanted, taxonomy.help_kinds),
        practice_areas=taxonomy.areas_for(
            threat, words.codes("practice_areas", need.practice_areas, taxonomy.practice_areas, decisive=False)),
        threat=threat,
        urgency=words.code("urgency", need.urgency, taxonomy.urgencies) or "standard",
        deadline=need.deadline,
        defender_kind=words.code("defender_kind", need.defender.kind, taxonomy.defender_kinds) or "individual",
        amount_needed=need.amount_needed,
        currency=need.currency or "",
        conflicted_firms=frozenset(map(str, away.not_cleared)),
        unscreened_firms=frozenset(map(str, away.unscreenable)),
    )


def offer_profile(offer, history: History, words: Words) -> engine.OfferProfile:
    """The engine's view of an offer, from a row of ``_OFFER_COLUMNS``."""
    return engine.OfferProfile(
        id=str(offer.id),
        firm_id=str(offer.firm_id),
        firm_country=offer.firm_country,
        jurisdictions=places.expand(offer.jurisdictions),
        languages=frozenset(offer.languages),
        practice_areas=words.codes("practice_areas", offer.practice_areas, taxonomy.practice_areas, decisive=False),
        help_kinds=words.codes("help_kinds", offer.help_kinds, taxonomy.help_kinds),
        capacity_left=offer.capacity - offer.capacity_used,
        emergency=offer.emergency,
        valid_from=offer.valid_from,
        valid_until=offer.valid_until,
        acceptance_rate=history.acceptance_rate,
        median_response_hours=history.median_response_hours,
    )


def fund_profile(fund: LegalAidFund, words: Words) -> engine.FundProfile:
    return engine.FundProfile(
        id=str(fund.id),
        name=fund.name,
        countries=places.expand(fund.countries),
        defender_kinds=words.codes("defender_kinds", fund.defender_kinds, taxonomy.defender_kinds),
        covers=words.codes("covers", fund.covers, taxonomy.help_kinds),
        turnaround_days=fund.turnaround_days,
        max_amount=fund.max_amount,
        currency=fund.currency,
    )


def _read(kind: str, rows, build):
    """The profiles ``build`` makes of ``rows`` (``build(row, words)``), but for the rows held back,
    and every word not understood."""
    profiles, unknown = [], []
    for row in rows:
        words = Words(kind, str(row.id))
        profile = build(row, words)
        unknown += words.unknown
        if not words.held_back:
            profiles.append(profile)
    return tuple(profiles), unknown


def firm_histories(firm_ids: Collection[int] | None = None) -> dict[int, History]:
    """Per firm (of ``firm_ids``, or every one): the share of proposals it accepted and its median
    hours to answer, where a proposal it let lapse counts as one not accepted, answered when it lapsed."""
    query = (select(Match.firm_id, AuditEvent.action, Match.proposed_at, AuditEvent.created_at)
             .join(AuditEvent, and_(AuditEvent.subject_type == Match.__tablename__, AuditEvent.subject_id == Match.id))
             .where(AuditEvent.action.in_(ANSWERS), Match.firm_id.is_not(None)))
    rows = db.session.execute(query if firm_ids is None else query.where(Match.firm_id.in_(firm_ids)))
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
    """Rank the offers of verified firms and the active funds for ``need``: none if the need is held
    back for a word the vocabulary does not know."""
    current = catalogue()
    words = Words("need", str(need.id))
    profile = need_profile(need, words)
    ranking = (engine.Ranking([], []) if words.held_back
               else engine.rank(profile, current.offers, current.funds, today or date.today()))
    return RankedNeed(ranking, current.labels, [*words.unknown, *current.unknown])


_CACHE = "matcher.ranking_catalogue"
_OFFER_COLUMNS = (Offer.id, Offer.firm_id, Offer.title, Offer.jurisdictions, Offer.languages, Offer.practice_areas,
                  Offer.help_kinds, Offer.capacity, Offer.capacity_used, Offer.emergency, Offer.valid_from,
                  Offer.valid_until, LawFirm.country.label("firm_country"), LawFirm.name.label("firm_name"))


def catalogue() -> Catalogue:
    """The profiles of the current version, made again only for what changed since the version
    kept. They are kept by the app (one per process), so apps side by side, as in the tests,
    never share them; a transaction that changed them itself reads its own."""
    if versions.pending():
        return _read_catalogue(-1)
    version = versions.current()
    kept = current_app.extensions.get(_CACHE)
    if kept is None or kept.version != version:
        changes = None if kept is None else versions.changes_since(kept.version, version)
        kept = current_app.extensions[_CACHE] = (_read_catalogue(version) if changes is None
                                                 else _refreshed(kept, changes, version))
        # Tens of thousands of objects kept for long: without this, the collector walks them
        # all every few requests, which costs more than the ranking itself.
        gc.freeze()
    return kept


def _offer_rows(*where):
    return db.session.execute(
        select(*_OFFER_COLUMNS).join(LawFirm, LawFirm.id == Offer.firm_id).where(LawFirm.verified.is_(True), *where)
        .order_by(Offer.id)).all()


def _fund_rows(*where):
    return db.session.scalars(select(LegalAidFund).where(LegalAidFund.active.is_(True), *where)
                              .order_by(LegalAidFund.id)).all()


def _read_catalogue(version: int) -> Catalogue:
    offers, funds = _offer_rows(), _fund_rows()
    offer_profiles, fund_profiles, labels, unknown = _profiles(offers, funds, firm_histories())
    return Catalogue(version, engine.Offers(offer_profiles), fund_profiles, labels, unknown)


def _profiles(offers, funds, histories: dict[int, History]):
    """The profiles of rows of ``_OFFER_COLUMNS`` and of funds, their names, and the words not understood."""
    labels = {("offer", str(offer.id)): f"{offer.firm_name}: {offer.title}" for offer in offers}
    labels.update((("fund", str(fund.id)), fund.name) for fund in funds)
    offer_profiles, unknown = _read(
        "offer", offers, lambda offer, words: offer_profile(offer, histories.get(offer.firm_id, History()), words))
    fund_profiles, unknown_in_funds = _read("fund", funds, fund_profile)
    return offer_profiles, fund_profiles, labels, (*unknown, *unknown_in_funds)


def _refreshed(kept: Catalogue, changes: versions.Changes, version: int) -> Catalogue:
    """``kept`` with the profiles of what ``changes`` names made again: the offers changed, every
    offer of a firm changed (its name, its verification, its history), and the funds changed."""
    rows = _offer_rows(or_(Offer.id.in_(changes.offers), Offer.firm_id.in_(changes.firms)))
    offers, funds, labels, unknown = _profiles(rows, _fund_rows(LegalAidFund.id.in_(changes.funds)),
                                               firm_histories({row.firm_id for row in rows}))
    touched = {("offer", str(ident)) for ident in changes.offers} | {("fund", str(ident)) for ident in changes.funds}
    touched |= {("offer", offer.id) for offer in kept.offers if int(offer.firm_id) in changes.firms}
    kept_funds = {fund.id: fund for fund in kept.funds if ("fund", fund.id) not in touched}
    kept_funds.update((fund.id, fund) for fund in funds)
    return Catalogue(
        version, _offers_refreshed(kept.offers, touched, offers),
        tuple(sorted(kept_funds.values(), key=lambda fund: int(fund.id))),
        {key: label for key, label in kept.labels.items() if key not in touched} | labels,
        (*(word for word in kept.unknown if (word.kind, word.id) not in touched), *unknown))


def _offers_refreshed(kept: engine.Offers, touched: set[tuple[str, str]],
                      fresh: tuple[engine.OfferProfile, ...]) -> engine.Offers:
    """The kept offers with the ``touched`` ones as read again (``fresh``). Offers keep their order by
    id, so when one is gone or comes before the last one kept (a firm verified, an offer no longer
    held back), the index is made afresh from the profiles rather than changed in place."""
    fresh_ids = {offer.id for offer in fresh}
    last = max((int(offer.id) for offer in kept), default=0)
    gone = any(kind == "offer" and ident in kept and ident not in fresh_ids for kind, ident in touched)
    if gone or any(offer.id not in kept and int(offer.id) < last for offer in fresh):
        staying = [offer for offer in kept if ("offer", offer.id) not in touched]
        return engine.Offers(sorted([*staying, *fresh], key=lambda offer: int(offer.id)))
    return kept.replacing(fresh)


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
            group = groups[(kind, name)] = ExcludedGroup(kind, heading(name), 0, [], True)
        group.count += 1
        if len(group.first) < keep:
            group.first.append(engine.Excluded(kind, ident, reason, name))
        if group.same_reason and reason != group.first[0].reason:
            group.same_reason = False
    return sorted(groups.values(), key=lambda g: (g.kind != "offer", -g.count, g.reason))
