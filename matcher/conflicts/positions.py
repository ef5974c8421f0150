"""Firms' positional declarations, the database side: which sectors a firm does not act against,
and the hits a need's parties make on them (``engine.positions`` decides)."""

from flask_babel import force_locale
from sqlalchemy import select

from ..extensions import db
from ..matching import vocab
from ..models import FirmPosition, Need
from . import engine


def position_id(position: FirmPosition) -> str:
    """What a hit on ``position`` names as its client id: stable while the declaration stands, so a
    coordinator's decision on it is remembered like one on a client."""
    return f"position-{position.id}"


def position_words(position: FirmPosition) -> str:
    """The declaration in words, kept on a hit as its client's name. In English whoever screens, so a
    remembered decision (made on the client's name) still applies when a screen runs in another language."""
    with force_locale("en"):
        country = vocab.country_name(position.country) if position.country else "any country"
    return f"Does not act against: {vocab.SECTORS.english(position.sector)}, {country}"


def firm_positions(firm_id: int) -> list[FirmPosition]:
    return list(db.session.scalars(select(FirmPosition).where(FirmPosition.firm_id == firm_id)
                                   .order_by(FirmPosition.id)))


def add_hits(need: Need, firm_ids, hits_by_firm: dict[int, list[engine.Hit]]) -> dict[int, list[engine.Hit]]:
    """``hits_by_firm`` with the hits of ``need``'s parties on the declarations of ``firm_ids``. The
    database is asked only when a party has a sector, which most needs never name."""
    parties = [engine.Party(id=str(p.id), name=p.name, sector=p.sector) for p in need.parties if p.sector]
    if not parties:
        return hits_by_firm
    declared: dict[int, list[engine.Position]] = {}
    for position in db.session.scalars(select(FirmPosition).where(FirmPosition.firm_id.in_(firm_ids))
                                       .order_by(FirmPosition.id)):
        declared.setdefault(position.firm_id, []).append(engine.Position(
            id=position_id(position), sector=position.sector, country=position.country,
            words=position_words(position)))
    merged = dict(hits_by_firm)
    for firm_id, positions in declared.items():
        found = engine.positional_hits(parties, need.country, positions)
        if found:
            merged[firm_id] = [*merged.get(firm_id, []), *found]
    return merged
