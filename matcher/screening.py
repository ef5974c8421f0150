"""Screening needs against firms' client lists: the database side of the conflict engine.

The index (``ClientNameKey``) is asked only about the keys of the need's parties;
the engine decides hits. One ``ConflictCheck`` is stored per need and firm, so a
firm is shown a need only when its check is clear.
"""

from collections import defaultdict

from sqlalchemy import delete, select

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
    keys = conflicts.party_keys(parties)
    if not keys or not firm_ids:
        return {}
    rows = db.session.execute(
        select(ClientNameKey.firm_id, ClientNameKey.is_alias, ClientEntry.external_id, ClientEntry.name,
               ClientEntry.aliases)
        .join(ClientEntry, ClientEntry.id == ClientNameKey.client_id)
        .where(ClientNameKey.key.in_(keys), ClientNameKey.firm_id.in_(firm_ids))
    )
    candidates = defaultdict(list)
    for firm_id, is_alias, external_id, name, aliases in rows:
        for indexed in ([name] if not is_alias else aliases):
            candidates[firm_id].append(
                conflicts.ClientName(client_id=external_id, name=indexed, client_name=name, is_alias=is_alias)
            )
    return {firm_id: conflicts.screen(parties, names) for firm_id, names in candidates.items()}


def _result(hits) -> str:
    if any(hit.band == "conflict" for hit in hits):
        return "conflict"
    if hits:
        return "potential"
    return "clear"
