"""Screening needs against firms' client lists: the database side of the conflict engine.

The index (``ClientNameKey``) is asked only about the keys of the need's parties;
the engine decides hits. One ``ConflictCheck`` is stored per need and firm, so a
firm is shown a need only when its check is clear.
"""

from collections import defaultdict

from sqlalchemy import delete, func, or_, select

from . import conflicts
from .extensions import db
from .models import ClientEntry, ClientNameKey, ConflictCheck, ConflictHit, LawFirm, Need
from .models._types import utcnow

# Needs whose screening must be kept current when a client list changes.
SCREENED_STATES = ("submitted", "verified", "proposed", "accepted")


def screen_need(need: Need) -> None:
    """Screen ``need`` against every firm and store one check per firm."""
    firm_ids = db.session.scalars(select(LawFirm.id)).all()
    _store_checks(need, firm_ids)


def screen_firm(firm: LawFirm) -> int:
    """Screen every open need against ``firm`` after its client list changed."""
    needs = db.session.scalars(select(Need).where(Need.state.in_(SCREENED_STATES))).all()
    for need in needs:
        _store_checks(need, [firm.id])
    return len(needs)


def cleared_firm_ids(need: Need) -> set[int]:
    """Firms that may be shown ``need``: screened, and clear of any conflict."""
    rows = db.session.scalars(
        select(ConflictCheck.firm_id).where(
            ConflictCheck.need_id == need.id, ConflictCheck.result == "clear"
        )
    )
    return set(rows)


def _store_checks(need: Need, firm_ids) -> None:
    parties = [
        conflicts.Party(id=str(p.id), name=p.name, aliases=tuple(p.aliases)) for p in need.parties
    ]
    hits_by_firm = _hits_by_firm(parties, firm_ids)
    db.session.execute(
        delete(ConflictCheck).where(
            ConflictCheck.need_id == need.id, ConflictCheck.firm_id.in_(firm_ids)
        )
    )
    for firm_id in firm_ids:
        hits = hits_by_firm.get(firm_id, [])
        check = ConflictCheck(need_id=need.id, firm_id=firm_id, result=_result(hits), checked_at=utcnow())
        check.hits = [
            ConflictHit(
                party_name=hit.party_name,
                client_name=hit.client_name,
                client_external_id=hit.client_id,
                band=hit.band,
                score=hit.score,
                reason=hit.reason,
            )
            for hit in hits
        ]
        db.session.add(check)
    db.session.flush()


def _hits_by_firm(parties, firm_ids) -> dict[int, list[conflicts.Hit]]:
    """Candidates by key from the index (common weak keys left out), with their
    parents and children in the same list, then the engine decides the hits."""
    keys = conflicts.party_keys(parties)
    if not keys or not firm_ids:
        return {}
    weak = [key for key in keys if not conflicts.is_whole_key(key)]
    counts = dict(db.session.execute(
        select(ClientNameKey.key, func.count()).where(ClientNameKey.key.in_(weak)).group_by(ClientNameKey.key)
    ).all()) if weak else {}
    asked = conflicts.lookup_keys(keys, lambda key: counts.get(key, 0))
    found = select(ClientNameKey.client_id).where(ClientNameKey.key.in_(asked),
                                                  ClientNameKey.firm_id.in_(firm_ids))
    entries = {entry.id: entry for entry in db.session.scalars(select(ClientEntry).where(ClientEntry.id.in_(found)))}

    def family_ids() -> set[int]:
        parents = {(e.firm_id, e.parent_external_id) for e in entries.values() if e.parent_external_id}
        own = {(e.firm_id, e.external_id) for e in entries.values()}
        rows = db.session.execute(
            select(ClientEntry.id, ClientEntry.firm_id, ClientEntry.external_id, ClientEntry.parent_external_id)
            .where(ClientEntry.firm_id.in_({firm_id for firm_id, _ in own}),
                   or_(ClientEntry.external_id.in_({external for _, external in parents}),
                       ClientEntry.parent_external_id.in_({external for _, external in own}))))
        return {row.id for row in rows
                if (row.firm_id, row.external_id) in parents or (row.firm_id, row.parent_external_id) in own}

    for _ in range(conflicts.relations.MAX_DEPTH):
        relatives = family_ids() - entries.keys()
        if not relatives:
            break
        entries.update((entry.id, entry) for entry in db.session.scalars(
            select(ClientEntry).where(ClientEntry.id.in_(relatives))))
    candidates = defaultdict(list)
    for entry in entries.values():
        for position, name in enumerate((entry.name, *entry.aliases)):
            candidates[entry.firm_id].append(conflicts.ClientName(
                client_id=entry.external_id, name=name, client_name=entry.name, is_alias=position > 0,
                lei=entry.lei, parent=entry.parent_external_id))
    return {firm_id: conflicts.screen(parties, names) for firm_id, names in candidates.items()}


def _result(hits) -> str:
    if any(hit.band == "conflict" for hit in hits):
        return "conflict"
    if hits:
        return "potential"
    return "clear"
