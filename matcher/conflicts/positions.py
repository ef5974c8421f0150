"""Firms' positional declarations, the database side: what a firm does not act against (a sector, a
company, a kind of matter, in a country or any), and the hits a need's parties make on them
(``engine.positions`` decides)."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..matching import vocab
from ..matching.engine.taxonomy import areas_for
from ..models import FirmPosition, Need
from . import engine, reasons

# Refused when a declaration names neither a kind of matter, nor a sector, nor a company.
NOTHING_DECLARED = _l("Say what the firm does not act against: a kind of matter, a sector or a company.")


def position_id(position: FirmPosition) -> str:
    """What a hit on ``position`` names as its client id: stable while the declaration stands, so a
    coordinator's decision on it is remembered like one on a client."""
    return f"position-{position.id}"


def position_words(position: FirmPosition) -> str:
    """The declaration in words, kept on a hit as its client's name. In English whoever screens, so a
    remembered decision (made on the client's name) still applies when a screen runs in another language."""
    with force_locale("en"):
        country = vocab.country_name(position.country) if position.country else "any country"
    parts = [f"{vocab.PRACTICE_AREAS.english(position.practice_area)} matters" if position.practice_area else "",
             vocab.SECTORS.english(position.sector) if position.sector else "", position.company, country]
    return "Does not act against: " + ", ".join(part for part in parts if part)


def declaration(position: FirmPosition) -> str:
    """The declaration in the reader's words, as the firm's page lists it."""
    return reasons.declaration(position.sector, position.practice_area, position.company, position.country)


def firm_positions(firm_id: int) -> list[FirmPosition]:
    return list(db.session.scalars(select(FirmPosition).where(FirmPosition.firm_id == firm_id)
                                   .order_by(FirmPosition.id)))


def add_hits(need: Need, firm_ids, hits_by_firm: dict[int, list[engine.Hit]]) -> dict[int, list[engine.Hit]]:
    """``hits_by_firm`` with the hits of ``need``'s parties on the declarations of ``firm_ids``. A
    declaration of a kind of matter reads the need's practice areas, or the one its threat usually
    calls for when it names none, as the ranking does."""
    declared: dict[int, list[engine.Position]] = {}
    for position in db.session.scalars(select(FirmPosition).where(FirmPosition.firm_id.in_(firm_ids))
                                       .order_by(FirmPosition.id)):
        declared.setdefault(position.firm_id, []).append(engine.Position(
            id=position_id(position), sector=position.sector, country=position.country,
            area=position.practice_area, company=position.company, words=position_words(position)))
    if not declared:
        return hits_by_firm
    parties = [engine.Party(id=str(p.id), name=p.name, aliases=tuple(p.aliases), sector=p.sector)
               for p in need.parties]
    areas = areas_for(need.threat, need.practice_areas)
    merged = dict(hits_by_firm)
    for firm_id, positions in declared.items():
        found = engine.positional_hits(parties, need.country, positions, areas)
        if found:
            merged[firm_id] = [*merged.get(firm_id, []), *found]
    return merged
