"""A need's story as each reader may read it: its defender, the firm a match is with, and staff.

The audit log holds every event of a need, some of them internal (the reads; a need's own
state moving with its match's, which records one step twice). Each reader gets one line per
step, in words (``wording``), with who made it and the notes they may read:

- the defender reads their need's moves and its matches'; a firm stays "a law firm" until it
  accepts, so a firm that declined is never named nor its reason shown;
- a firm reads its own match's story only: never another firm, a coordinator's or the
  defender's note, nor why a proposal ended beyond that the matter was withdrawn or taken;
- staff read everything but the reads, by name.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.audit import READ_NEED
from ..extensions import db
from ..models import AuditEvent, ConflictDecision, LawFirm, Match, Need, User
from . import wording
from .states import CANCELLED_WITHDRAWN, FIRM_NAMED_MATCH_STATES

# A need's own moves made with its match's: the match's line already tells the step.
ECHOES = ("need.propose", "need.accept", "need.match", "need.close")
DEFENDER_ACTIONS = (*wording.NEED_EVENTS, *wording.MATCH_ACTIONS)


@dataclass(frozen=True)
class Entry:
    at: datetime
    what: str
    who: str
    note: str


def need_history(need: Need, viewer: User) -> list[Entry]:
    """The need's steps in time order, as ``viewer`` (its defender) may read them."""
    matches = {match.id: match for match in need.matches}
    named = {m.firm_id for m in need.matches if m.firm_id and m.state in FIRM_NAMED_MATCH_STATES}
    entries = []
    for event in _events(AuditEvent.need_id == need.id, AuditEvent.action.in_(DEFENDER_ACTIONS)):
        match = _match_of(event, matches)
        from_unnamed_firm = event.actor is not None and event.actor.role == "firm" and (
            event.actor.firm_id not in named)
        entries.append(Entry(
            at=event.created_at,
            what=_sentence(event, wording.DEFENDER, match, match_target(match, named) if match else ""),
            who=_who_for_defender(event, viewer, named),
            note="" if from_unnamed_firm or event.action == "match.cancel" else event.note,
        ))
    return entries


def firm_history(match: Match, viewer: User) -> list[Entry]:
    """The steps of ``match`` as a member (``viewer``) of the firm it is with may read them."""
    events = _events(AuditEvent.need_id == match.need_id, AuditEvent.subject_type == Match.__tablename__,
                     AuditEvent.subject_id == match.id, AuditEvent.action.in_(wording.MATCH_ACTIONS))
    entries = []
    for event in events:
        colleague = event.actor is not None and event.actor.role == "firm" and event.actor.firm_id == viewer.firm_id
        entries.append(Entry(
            at=event.created_at,
            what=wording.sentence(event, wording.FIRM),
            who=_who_for_firm(event, match, colleague),
            note=event.note if colleague and event.action != "match.cancel" else "",
        ))
    return entries


def audit_trail(need: Need) -> list[Entry]:
    """Every step of ``need`` as coordinators read it: all but the reads and the echoes, by name."""
    events = _events(AuditEvent.need_id == need.id, AuditEvent.action != READ_NEED, AuditEvent.action.not_in(ECHOES))
    return [
        Entry(event.created_at, what, _who_for_staff(event), _note_for_staff(event))
        for event, what in zip(events, staff_sentences(events), strict=True)
    ]


def staff_sentences(events: list[AuditEvent]) -> list[str]:
    """What each of ``events`` (of any records) says to staff, naming the firms and funds."""
    matches = _rows(Match, events, options=(selectinload(Match.firm), selectinload(Match.fund)))
    decisions = _rows(ConflictDecision, events)
    firms = dict(db.session.execute(select(LawFirm.id, LawFirm.name).where(
        LawFirm.id.in_({decision.firm_id for decision in decisions.values()}))).tuples().all())
    sentences = []
    for event in events:
        match = _match_of(event, matches)
        decision = decisions.get(event.subject_id) if event.subject_type == ConflictDecision.__tablename__ else None
        firm = firms.get(decision.firm_id) if decision is not None else None
        target = (match.fund.name if match.fund is not None else match.firm.name) if match else ""
        sentences.append(_sentence(event, wording.STAFF, match, target, firm or _("a firm")))
    return sentences


def match_target(match: Match, named_firms=None) -> str:
    """Who a match is with, in words the defender may read."""
    if match.fund is not None:
        return match.fund.name
    if named_firms is None:
        named_firms = {match.firm_id} if match.state in FIRM_NAMED_MATCH_STATES else set()
    return match.firm.name if match.firm_id in named_firms else _("a law firm")


def _events(*conditions) -> list[AuditEvent]:
    return db.session.scalars(
        select(AuditEvent).where(*conditions)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()


def _rows(model, events, options=()) -> dict:
    """The rows of ``model`` that ``events`` are about, by id, in one query."""
    ids = {event.subject_id for event in events if event.subject_type == model.__tablename__}
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids)).options(*options))}


def _match_of(event: AuditEvent, matches: dict) -> Match | None:
    return matches.get(event.subject_id) if event.subject_type == Match.__tablename__ else None


def _sentence(event: AuditEvent, reader: str, match: Match | None, target: str, firm: str = "") -> str:
    kind = wording.kind(match) if match is not None else "firm"
    return wording.sentence(event, reader, kind=kind, target=target, firm=firm)


def _by_the_platform(event: AuditEvent) -> bool:
    """A proposal ended by something else than a withdrawal (another acceptance, a changed screen):
    the platform ended it, whoever set that off."""
    return event.action == "match.cancel" and event.note != CANCELLED_WITHDRAWN


def _who_for_defender(event: AuditEvent, viewer: User, named: set) -> str:
    actor = event.actor
    if actor is None or _by_the_platform(event):
        return _("The platform")
    if actor.is_staff:
        return _("A coordinator")
    if actor.role == "firm":
        return actor.firm.name if actor.firm_id in named else _("A law firm")
    return _("You") if actor.id == viewer.id else _("The defender")


def _who_for_firm(event: AuditEvent, match: Match, colleague: bool) -> str:
    """A member of the firm by name; anyone outside it by role, and never another firm."""
    actor = event.actor
    if colleague:
        return actor.display_name
    if actor is None or _by_the_platform(event):
        return _("The platform")
    if actor.is_staff:
        return _("A coordinator")
    if actor.defender is not None and actor.defender.id == match.need.defender_id:
        return _("The defender")
    return _("The platform")


def _who_for_staff(event: AuditEvent) -> str:
    return event.actor.display_name if event.actor is not None else _("The platform")


def _note_for_staff(event: AuditEvent) -> str:
    """A cancelled match's reason is in its sentence already; every other note is shown."""
    if event.action == "match.cancel" and wording.cancel_reason_known(event.note):
        return ""
    return event.note
