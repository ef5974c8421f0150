"""A need's history: as its defender may read it, and as coordinators read it.

The audit log holds every event of a need, some of them internal (a need's own
state moving along with its match records the same step twice). The defender
reads one line per step, the notes coordinators wrote for them, and firms stay
"a law firm" until they accept, so a firm that declined is never named.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.audit import READ_NEED
from ..extensions import db
from ..models import AuditEvent, Match, Need, User
from .states import FIRM_NAMED_MATCH_STATES

# What the defender reads for each audited action; other actions are not shown.
ACTION_LABELS = {
    "need.create": _l("Need written"),
    "need.edit": _l("Need changed"),
    "need.submit": _l("Submitted to the coordinators"),
    "need.verify": _l("Verified by a coordinator"),
    "need.request_info": _l("A coordinator asked for more information"),
    "need.reject": _l("Rejected by a coordinator"),
    "need.reopen": _l("Looking for counsel again"),
    "need.withdraw": _l("Withdrawn"),
    # Match events are followed by whom the match is with ("Proposed to a law firm").
    "match.propose": _l("Proposed to"),
    "match.accept": _l("Accepted by"),
    "match.decline": _l("Declined by"),
    "match.confirm": _l("You consented to"),
    "match.refuse": _l("You refused"),
    "match.complete": _l("Matter completed with"),
    "match.cancel": _l("Proposal closed with"),
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    label: str
    about: str
    who: str
    note: str


def need_history(need: Need, viewer: User) -> list[Entry]:
    """The need's events in time order, as ``viewer`` (its defender) may read them."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.need_id == need.id, AuditEvent.action.in_(list(ACTION_LABELS)))
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    )
    matches = {match.id: match for match in need.matches}
    named_firms = {m.firm_id for m in need.matches if m.firm_id and m.state in FIRM_NAMED_MATCH_STATES}
    entries = []
    for event in events:
        match = matches.get(event.subject_id) if event.subject_type == Match.__tablename__ else None
        from_unnamed_firm = event.actor is not None and event.actor.role == "firm" and (
            event.actor.firm_id not in named_firms
        )
        entries.append(Entry(
            at=event.created_at,
            label=ACTION_LABELS[event.action],
            about=match_target(match, named_firms) if match else "",
            who=_who(event.actor, viewer, named_firms),
            note="" if from_unnamed_firm else event.note,
        ))
    return entries


def audit_trail(need: Need) -> list[AuditEvent]:
    """Every event of ``need`` as the coordinators read it: all of them but the reads."""
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.need_id == need.id, AuditEvent.action != READ_NEED)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()


def match_target(match: Match, named_firms=None) -> str:
    """Who a match is with, in words the defender may read."""
    if match.fund is not None:
        return match.fund.name
    if named_firms is None:
        named_firms = {match.firm_id} if match.state in FIRM_NAMED_MATCH_STATES else set()
    return match.firm.name if match.firm_id in named_firms else _("a law firm")


def _who(actor: User | None, viewer: User, named_firms: set) -> str:
    if actor is None:
        return _("The platform")
    if actor.is_staff:
        return _("A coordinator")
    if actor.role == "firm":
        return actor.firm.name if actor.firm_id in named_firms else _("A law firm")
    return _("You") if actor.id == viewer.id else _("The defender")
