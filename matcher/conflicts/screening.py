"""Screening needs against firms' client lists: the database side of the conflict engine.

The index (``ClientNameKey``) is asked only about the keys of the need's parties;
the engine decides hits. One ``ConflictCheck`` is stored per need and firm, so a
firm is shown a need only when its check is clear. A coordinator's decision on a
hit is remembered (``ConflictDecision``) and applied to the same pair of names on
every later screen; the corporate relations registry is walked from the parties'
names, so subsidiaries and parents of a client are hits too.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, case, delete, func, or_, select
from sqlalchemy.orm import load_only, selectinload

from ..core import crypto
from ..extensions import db
from ..models import ClientEntry, ConflictCheck, ConflictDecision, ConflictHit, LawFirm, Match, Need
from ..models._types import utcnow
from ..needs.states import OPEN_MATCH_STATES, SCREENED_NEED_STATES
from . import clientindex, engine, positions, reasons, registry
from .decisions import BLOCKING
from .engine import kinds as engine_kinds

# Told (needs screened, needs to screen) along a long screening run.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 100


def screen_need(need: Need) -> None:
    """Screen ``need`` against every firm and store one check per firm."""
    firm_ids = db.session.scalars(select(LawFirm.id)).all()
    _store_checks(need, firm_ids, unscreenable_firm_ids())


@dataclass(frozen=True)
class Rescreened:
    """How many open needs were screened, and how many undecided hits the screen found that the
    one before had not: what coordinators are told about, so no new hit waits unseen."""

    needs: int
    new_hits: int


def screen_firm(firm: LawFirm, progress: Progress | None = None) -> Rescreened:
    """Screen every open need against ``firm`` after its client list changed."""
    return _screen_open_needs([firm.id], progress)


def screen_open_needs(progress: Progress | None = None) -> tuple[int, int]:
    """Screen every open need against every firm: after the relations registry changed,
    or when a coordinator asks. Returns how many needs and firms."""
    firm_ids = db.session.scalars(select(LawFirm.id).order_by(LawFirm.id)).all()
    return _screen_open_needs(firm_ids, progress).needs, len(firm_ids)


def _screen_open_needs(firm_ids: list[int], progress: Progress | None) -> Rescreened:
    """Screen the open needs against ``firm_ids``, telling ``progress(done, total)`` every
    ``PROGRESS_EVERY`` needs; the needs come with their parties, a batch at a time."""
    needs = db.session.scalars(select(Need).where(Need.state.in_(SCREENED_NEED_STATES)).order_by(Need.id)
                               .options(selectinload(Need.parties))).all()
    unscreenable = unscreenable_firm_ids()
    new_hits = 0
    for done, need in enumerate(needs, 1):
        new_hits += _store_checks(need, firm_ids, unscreenable)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(needs)):
            progress(done, len(needs))
    return Rescreened(len(needs), new_hits)


@dataclass(frozen=True)
class RegistryReplaced:
    relations: int
    repeated: int
    needs_screened: int


def replace_registry(parsed: registry.Parsed, progress: Progress | None = None) -> RegistryReplaced:
    """Swap the corporate relations registry and screen every open need again, in one transaction:
    a registry swapped in without its re-screening could let a firm see a need that now conflicts."""
    relations = registry.replace_relations(parsed)
    needs, _firms = screen_open_needs(progress)
    return RegistryReplaced(relations, parsed.repeated, needs)


def uncleared_open_matches() -> list[Match]:
    """Open matches of a firm whose screen for the need is not clear, or was never made."""
    return db.session.scalars(
        select(Match)
        .outerjoin(ConflictCheck, and_(ConflictCheck.need_id == Match.need_id, ConflictCheck.firm_id == Match.firm_id))
        .where(Match.firm_id.is_not(None), Match.state.in_(OPEN_MATCH_STATES),
               or_(ConflictCheck.id.is_(None), ConflictCheck.result != "clear"))
        .order_by(Match.id)
    ).all()


def cleared_firm_ids(need: Need) -> set[int]:
    """Firms that may be shown ``need``: screened against a client list (or attested to have no
    clients, while that holds), and clear of any conflict."""
    rows = db.session.scalars(
        select(ConflictCheck.firm_id).join(LawFirm, LawFirm.id == ConflictCheck.firm_id).where(
            ConflictCheck.need_id == need.id, ConflictCheck.result == "clear", _screenable())
    )
    return set(rows)


@dataclass(frozen=True)
class FirmsAway:
    """The firms that may not be shown one need: those with nothing to screen against, and the
    others not cleared for it (conflicted, undecided, or not screened for it yet)."""

    unscreenable: frozenset[int]
    not_cleared: frozenset[int]


def firms_away(need: Need) -> FirmsAway:
    """Every firm but ``cleared_firm_ids``, split as a ranking reads them, in one query that returns
    only those firms: a need page ranks against every firm, and most are clear."""
    cleared = select(ConflictCheck.firm_id).where(ConflictCheck.need_id == need.id, ConflictCheck.result == "clear")
    rows = db.session.execute(select(LawFirm.id, _screenable()).where(or_(~_screenable(), LawFirm.id.not_in(cleared))))
    unscreenable, not_cleared = set(), set()
    for firm_id, is_screenable in rows:
        (not_cleared if is_screenable else unscreenable).add(firm_id)
    return FirmsAway(frozenset(unscreenable), frozenset(not_cleared))


def unscreenable_firm_ids() -> set[int]:
    """Firms with no client list to screen against and no attestation that holds: never clear."""
    return set(db.session.scalars(select(LawFirm.id).where(~_screenable())))


def screenable(firm: LawFirm) -> bool:
    """Whether screening ``firm`` means anything: it has a client list, or a member attested,
    within the configured period, that it has no clients to declare."""
    return firm.clients_updated_at is not None or (
        firm.no_clients_attested_at is not None and firm.no_clients_attested_at >= _attestations_since())


def _screenable():
    """``screenable`` as a condition on ``LawFirm``, for queries (never NULL, so it can be negated)."""
    attested_at = LawFirm.no_clients_attested_at
    attested = and_(attested_at.is_not(None), attested_at >= _attestations_since())
    return or_(LawFirm.clients_updated_at.is_not(None), attested)


def _attestations_since():
    return utcnow() - timedelta(days=current_app.config["NO_CLIENTS_ATTESTATION_DAYS"])


_RESULT_ORDER = case({"conflict": 0, "unscreened": 1, "potential": 2, "clear": 3}, value=ConflictCheck.result,
                     else_=4)


@dataclass(frozen=True)
class ScreeningView:
    """A need's screening as its page shows it: every firm that is not clear or had hits, with
    its check (None where it was never screened), conflicts first, and how many others are clear.

    Against a thousand firms nearly every check is clear without a hit; a coordinator reads
    the few others, so those alone are loaded, and only the firm's columns shown."""

    listed: list[tuple[LawFirm, ConflictCheck | None]]
    clear: int


def screening_view(need: Need) -> ScreeningView:
    on_need = and_(ConflictCheck.firm_id == LawFirm.id, ConflictCheck.need_id == need.id)
    clear = and_(ConflictCheck.result == "clear", _screenable(), ~ConflictCheck.hits.any())
    listed = db.session.execute(
        select(LawFirm, ConflictCheck).outerjoin(ConflictCheck, on_need)
        .where(or_(ConflictCheck.id.is_(None), ~clear))
        .options(load_only(LawFirm.name, LawFirm.verified, LawFirm.clients_updated_at,
                           LawFirm.no_clients_attested_at), selectinload(ConflictCheck.hits))
        .order_by(ConflictCheck.id.is_(None), _RESULT_ORDER, LawFirm.name, LawFirm.id)
    ).all()
    count = db.session.scalar(select(func.count()).select_from(LawFirm).join(ConflictCheck, on_need).where(clear))
    return ScreeningView([tuple(row) for row in listed], count)


def _kind_said(kind: str) -> str:
    """The kind a screen is told of a party: a person when the writer said so, since a person
    whose surname is a trade word ("John Gold") is read by the name alone as a company, and the
    company rules find fewer of the ways people write a person ("J. Gold"). Otherwise nothing,
    so the name tells: "organisation" is the form's default and was kept by writers who never
    chose it (people given as organisations, 0.760 of them found against 0.990 given as persons
    in the people benchmark)."""
    return engine_kinds.PERSON if kind == engine_kinds.PERSON else ""


def _store_checks(need: Need, firm_ids, unscreenable: set[int]) -> int:
    """Screen ``need`` against ``firm_ids`` and store one check each; ``unscreenable`` firms (no list
    to screen against, asked once per screening run, not once per need) are stored as unscreened.
    Returns how many undecided hits are new: on a party and client the last screen had no hit on."""
    parties = [engine.Party(id=str(p.id), name=p.name, aliases=tuple(p.aliases), kind=_kind_said(p.kind))
               for p in need.parties]
    relations = registry.relations_for(name for party in parties for name in party.names)
    hits_by_firm = positions.add_hits(need, firm_ids, _past_look_back(_hits_by_firm(parties, firm_ids, relations)))
    # Hits first: SQLite does not cascade deletes here, and would hand a re-used check id the old hits.
    # "fetch" takes the deleted rows out of the session too, so no stale check or hit lingers in memory.
    old = (ConflictCheck.need_id == need.id, ConflictCheck.firm_id.in_(firm_ids))
    seen = set(db.session.execute(
        select(ConflictCheck.firm_id, ConflictHit.party_name, ConflictHit.client_external_id)
        .join(ConflictHit.check).where(*old)).tuples())
    fetch = {"synchronize_session": "fetch"}
    db.session.execute(delete(ConflictHit).where(ConflictHit.check_id.in_(select(ConflictCheck.id).where(*old))),
                       execution_options=fetch)
    db.session.execute(delete(ConflictCheck).where(*old), execution_options=fetch)
    db.session.expire(need, ["checks"])
    remembered = _remembered(need, hits_by_firm)
    new = 0
    for firm_id in firm_ids:
        check = ConflictCheck(need_id=need.id, firm_id=firm_id, checked_at=utcnow())
        check.hits = [
            _stored_hit(hit, remembered.get((firm_id, decision_key(hit.party_name), hit.client_id)))
            for hit in hits_by_firm.get(firm_id, [])
        ]
        check.result = "unscreened" if firm_id in unscreenable else result_of(check.hits)
        db.session.add(check)
        new += sum(1 for hit in check.hits if hit.decision is None and hit.band != INFORMATION
                   and (firm_id, hit.party_name, hit.client_external_id) not in seen)
    db.session.flush()
    return new


INFORMATION = "information"


def _past_look_back(hits_by_firm: dict[int, list[engine.Hit]]) -> dict[int, list[engine.Hit]]:
    """Hits on former clients whose relationship ended longer ago than their firm counts former
    clients for (``LawFirm.former_client_years``), moved to the information band: shown to the
    coordinator, never keeping the firm away. A former client with no end day still counts."""
    client_ids = {hit.client_id for hits in hits_by_firm.values() for hit in hits}
    if not client_ids:
        return hits_by_firm
    today = utcnow().date()
    lapsed = {
        (firm_id, external_id)
        for firm_id, external_id, ended_on, years in db.session.execute(
            select(ClientEntry.firm_id, ClientEntry.external_id, ClientEntry.ended_on, LawFirm.former_client_years)
            .join(LawFirm, LawFirm.id == ClientEntry.firm_id)
            .where(ClientEntry.firm_id.in_(hits_by_firm.keys()), ClientEntry.relationship == "former",
                   ClientEntry.ended_on.is_not(None), ClientEntry.external_id.in_(client_ids)))
        if ended_on < today - timedelta(days=round(365.25 * years))
    }
    return {firm_id: [replace(hit, band=INFORMATION) if (firm_id, hit.client_id) in lapsed else hit for hit in hits]
            for firm_id, hits in hits_by_firm.items()}


def decision_key(name: str) -> str:
    """What a decision is remembered under: a keyed digest of the normalised name.

    A new spelling is a new name. The digest lets a decision be found again without
    the database holding the adverse party's name in any readable form.
    """
    return crypto.index_digest_hex("decision:" + engine.name_key(name))


@dataclass(frozen=True)
class Agreement:
    """Who agreed to a waiver and on which day; ``this_need_only`` scopes any decision to the
    hit's need, where otherwise it holds for every need naming the same party."""

    agreed_by: str = ""
    agreed_on: date | None = None
    this_need_only: bool = False


NO_AGREEMENT = Agreement()


def basis(band: str, rule: str) -> str:
    """How the names matched, which a remembered decision must still rest on to apply."""
    return f"{band}:{rule}"


def remember_decision(hit: ConflictHit, agreement: Agreement) -> ConflictDecision:
    """Keep ``hit``'s decision for its firm, party name and client (and its need, when scoped
    to it), replacing an older one of the same scope."""
    firm_id, party_key = hit.check.firm_id, decision_key(hit.party_name)
    need_id = hit.check.need_id if agreement.this_need_only else None
    remembered = db.session.scalar(select(ConflictDecision).where(
        ConflictDecision.firm_id == firm_id, ConflictDecision.party_key == party_key,
        ConflictDecision.client_external_id == hit.client_external_id,
        ConflictDecision.need_id.is_(None) if need_id is None else ConflictDecision.need_id == need_id))
    if remembered is None:
        remembered = ConflictDecision(firm_id=firm_id, party_key=party_key,
                                      client_external_id=hit.client_external_id, need_id=need_id)
        db.session.add(remembered)
    remembered.client_key = decision_key(hit.client_name)
    remembered.basis = basis(hit.band, hit.rule)
    remembered.decision = hit.decision
    remembered.note = hit.decision_note
    remembered.decided_by_id = hit.decided_by_id
    remembered.decided_at = hit.decided_at
    remembered.agreed_by, remembered.agreed_on = agreement.agreed_by, agreement.agreed_on
    db.session.flush()
    hit.remembered = remembered
    return remembered


def result_of(hits) -> str:
    """``conflict`` while a hit's decision blocks (it is confirmed) or a certain hit is undecided;
    ``potential`` while a hit awaits review; ``clear`` otherwise (cleared and waived hits do not block)."""
    if any(hit.decision in BLOCKING or (hit.band == "conflict" and hit.decision is None) for hit in hits):
        return "conflict"
    if any(hit.band == "review" and hit.decision is None for hit in hits):
        return "potential"
    return "clear"


def _remembered(need: Need, hits_by_firm) -> dict[tuple, ConflictDecision]:
    """Decisions already taken on any (firm, party name, client) pair among these hits, for every
    need or for this one; one taken for this need alone comes before one for every need."""
    party_keys = {decision_key(hit.party_name) for hits in hits_by_firm.values() for hit in hits}
    if not party_keys:
        return {}
    decisions = db.session.scalars(select(ConflictDecision).where(
        ConflictDecision.firm_id.in_(hits_by_firm.keys()), ConflictDecision.party_key.in_(party_keys),
        or_(ConflictDecision.need_id.is_(None), ConflictDecision.need_id == need.id))
        .order_by(ConflictDecision.need_id.is_not(None)))
    return {(d.firm_id, d.party_key, d.client_external_id): d for d in decisions}


def _stored_hit(hit: engine.Hit, remembered: ConflictDecision | None) -> ConflictHit:
    """The hit as stored, with the remembered decision if it still rests on what it was made on:
    the client's name decided on, matched the same way."""
    stored = ConflictHit(party_name=hit.party_name, client_name=hit.client_name, client_external_id=hit.client_id,
                         band=hit.band, score=hit.score, rule=hit.rule, reason=reasons.stored(hit))
    if (remembered is not None and remembered.client_key == decision_key(hit.client_name)
            and remembered.basis == basis(hit.band, hit.rule)):
        stored.remembered = remembered
        stored.decision = remembered.decision
        stored.decision_note = remembered.note
        stored.decided_by_id = remembered.decided_by_id
        stored.decided_at = remembered.decided_at
    return stored


def _hits_by_firm(parties, firm_ids, relations=None) -> dict[int, list[engine.Hit]]:
    """Candidates from the database index (``clientindex``: common weak keys left out,
    parents and children in the same list added), then the engine decides the hits, every
    firm's in one pass, told which of the parties' words too many clients carry to be rare."""
    found = clientindex.find(engine.party_keys(parties, relations), firm_ids, engine.rare_word_keys(parties, relations))
    return engine.screen_lists(parties, found.by_firm, relations, found.common)
