"""A defender's rights over their data: a copy of everything, erasure, and retention.

Erasure keeps the shape of what happened (a need of this kind, in this country,
matched and closed on these dates, with the firm's hours and outcome, the amount a fund
granted, and whether the defender said the help helped, without the notes) so firms
and the vetting organisation keep the record they must, and removes everything
that says who the defender is or what their case is about.
"""

from datetime import timedelta

from sqlalchemy import func, select

from ..core import audit
from ..extensions import db
from ..models import AuditEvent, ConflictCheck, ConflictHit, Match, Need, User
from ..models._types import utcnow
from ..needs import states, workflow
from ..needs.history import match_target, need_history

ERASED = "[erased]"


def export(user: User) -> dict:
    """Everything the platform holds about a defender, in words they can read."""
    profile = user.defender
    return {
        "account": {
            "email": user.email,
            "name_on_the_platform": profile.pseudonym,
            "kinds": profile.kinds,
            "country": profile.country,
            "languages": profile.languages,
            "how_to_reach_you": profile.contact,
            "verified": profile.verified,
            "created": profile.created_at.isoformat(),
            "two_factor_authentication": bool(user.totp_secret),
        },
        "needs": [_need_export(need, user) for need in profile.needs],
    }


def _need_export(need: Need, user: User) -> dict:
    return {
        "number": need.id,
        "state": need.state,
        "threat": need.threat,
        "country": need.country,
        "languages": need.languages,
        "help_wanted": need.help_wanted,
        "practice_areas": need.practice_areas,
        "urgency": need.urgency,
        "deadline": need.deadline.isoformat() if need.deadline else None,
        "funding_asked": {"amount": need.amount_needed, "currency": need.currency} if need.amount_needed else None,
        "summary": need.summary,
        "details": need.details,
        "handling": need.handling,
        "summary_may_be_shared": need.consent_share_summary,
        "adverse_parties": [
            {"name": p.name, "kind": p.kind, "country": p.country, "other_names": p.aliases} for p in need.parties
        ],
        "matches": [_match_export(m) for m in need.matches],
        "history": [
            {"when": e.at.isoformat(), "what": e.what, "who": e.who, "note": e.note}
            for e in need_history(need, user)
        ],
    }


def _match_export(match: Match) -> dict:
    """A match as the defender may read it: whom it is with, how it ended, and what they said of it."""
    exported = {"with": match_target(match), "state": match.state}
    if match.outcome:  # a matter closed before the dates were asked for has none
        exported["outcome"] = {"outcome": match.outcome, "hours": str(match.hours),
                               "work_started_on": match.work_started_on and match.work_started_on.isoformat(),
                               "work_ended_on": match.work_ended_on and match.work_ended_on.isoformat()}
    if match.granted_amount:
        exported["granted"] = {"amount": str(match.granted_amount), "currency": match.granted_currency}
    if match.helped:
        exported["whether_it_helped"] = {"answer": match.helped, "note": match.helped_note}
    return exported


def erase_defender(actor: User, user: User) -> None:
    """Close what is open, erase the defender's case texts and identity, keep the bare record."""
    for need in user.defender.needs:
        if need.state in states.OPEN_NEED_STATES:
            workflow.withdraw_need(actor, need, "the defender deleted their account")
        erase_need(need)
    profile = user.defender
    profile.pseudonym, profile.contact, profile.languages = "Deleted defender", "", []
    # Who a defender is (LGBTI+, indigenous, a trade unionist) can name her as well as her pseudonym.
    profile.kinds = ["individual"]
    user.email, user.password_hash, user.display_name = None, None, "Deleted defender"
    user.totp_secret, user.recovery_codes, user.is_disabled = None, [], True
    audit.record(None, "defender.erase", profile)


def erase_need(need: Need) -> None:
    """Remove a need's texts, its parties' names and every copy of them; keep its facts."""
    need.summary, need.details = ERASED, ""
    for party in need.parties:
        party.name, party.aliases = ERASED, []
    for match in need.matches:  # the outcome's code, hours, dates and any grant stay: they name nobody
        match.response_note = match.outcome_note = match.helped_note = ""
    check_ids = select(ConflictCheck.id).where(ConflictCheck.need_id == need.id)
    # One by one, not as one UPDATE: each value is sealed for its own row.
    for hit in db.session.scalars(select(ConflictHit).where(ConflictHit.check_id.in_(check_ids))):
        hit.party_name = hit.reason = ERASED  # the reason's data names the party too
        if hit.remembered is not None and hit.remembered.need_id == need.id:
            # A decision for this need alone serves nothing else, and may name the people who agreed.
            db.session.delete(hit.remembered)
            hit.remembered = None
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.need_id == need.id)):
        event.note = ""


def purge_finished(days: int) -> int:
    """Erase needs finished (closed, withdrawn, rejected) with no activity for ``days`` days."""
    cutoff = utcnow() - timedelta(days=days)
    last_activity = (
        select(AuditEvent.need_id, func.max(AuditEvent.created_at).label("at"))
        .where(AuditEvent.need_id.is_not(None))
        .group_by(AuditEvent.need_id)
        .subquery()
    )
    needs = db.session.scalars(
        select(Need)
        .join(last_activity, last_activity.c.need_id == Need.id)
        .where(Need.state.in_(states.FINISHED_NEED_STATES), last_activity.c.at < cutoff)
    ).all()
    purged = [need for need in needs if need.summary != ERASED]  # sealed text cannot be compared in SQL
    for need in purged:
        erase_need(need)
        audit.record(None, "need.purge", need, need=need)
    return len(purged)
