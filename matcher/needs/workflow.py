"""Every state change of a need or a match, in one place.

Each move is a row of a table in ``states`` (who may make it, from which states,
to which state). A public function per move checks the row, changes the state,
writes the audit event and queues the notifications, which go out only once the
request (or the command) commits. An illegal or stale move raises ``TransitionError``
with a message meant for the person who tried it.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..conflicts import positions, screening
from ..conflicts.decisions import DECISIONS
from ..core import audit, crypto
from ..core.mail import firm_emails, notify, staff_emails
from ..core.refusals import FieldsRefused, Refused
from ..extensions import db
from ..jobs.runner import enqueue, enqueue_at
from ..matching import ranking
from ..matching.engine import places
from ..matching.engine.reasons import data as reason_data
from ..models import ConflictHit, DefenderProfile, FirmPosition, LawFirm, LegalAidFund, Match, Need, Offer, User
from ..models._types import utcnow
from . import outcomes, silence, states, windows, wording


class TransitionError(Refused):
    """A move of a need or a match that the rules do not allow, explained for the user."""


def check_move(table: dict, name: str, actor: User, subject) -> states.Move:
    """The row of move ``name``, or ``TransitionError`` if ``actor`` may not make it from ``subject``'s state."""
    move = table[name]
    if not move.allowed(actor, subject):
        raise TransitionError(_("You are not allowed to do that."))
    if subject.state not in move.sources:
        label = wording.STATE_LABELS.get(subject.state, subject.state)
        raise TransitionError(_("This cannot be done any more: it is %(state)s.", state=label))
    return move


def _move(table: dict, kind: str, name: str, actor: User, subject, need: Need, note: str) -> None:
    """Make one move of ``table`` on ``subject``, and write it to the audit log."""
    move = check_move(table, name, actor, subject)
    source, subject.state = subject.state, move.target
    audit.record(actor, f"{kind}.{name}", subject, need=need, from_state=source, to_state=move.target, note=note)


def _move_need(actor, need: Need, name: str, note: str = "") -> None:
    _move(states.NEED_MOVES, "need", name, actor, need, need, note)


def _move_match(actor, match: Match, name: str, note: str = "") -> None:
    _move(states.MATCH_MOVES, "match", name, actor, match, match.need, note)
    if name not in states.UNANSWERED_MOVES:
        match.responded_at = utcnow()


# Who hears about what ------------------------------------------------------


def _defender_email(need: Need) -> list[str]:
    return [need.defender.user.email]


# What each reader is told of a match's move, by whom the match is with: a fund's agreement is
# funding, never counsel, and a firm hears only of its own matter. A subject and a link, never a
# detail of the case.
_TOLD = {
    "accept": {
        "firm": {wording.DEFENDER: _l("A law firm agreed to represent you: your consent is needed"),
                 wording.STAFF: _l("A law firm accepted to represent a defender")},
        "fund": {wording.DEFENDER: _l("A fund agreed to fund your case: your consent is needed"),
                 wording.STAFF: _l("A fund agreed to fund a need")},
    },
    "decline": {
        "firm": {wording.STAFF: _l("A law firm declined a proposal")},
        "fund": {wording.STAFF: _l("A fund declined a need")},
    },
    "confirm": {
        "firm": {wording.FIRM: _l("The defender consented: the matter is yours"),
                 wording.STAFF: _l("A defender consented to counsel")},
        "fund": {wording.STAFF: _l("A defender accepted a fund's funding")},
    },
    "refuse": {
        "firm": {wording.FIRM: _l("The defender did not take up your acceptance"),
                 wording.STAFF: _l("A defender refused a law firm")},
        "fund": {wording.STAFF: _l("A defender turned down a fund's funding")},
    },
    "complete": {
        "firm": {wording.DEFENDER: _l("Your lawyer closed your matter"),
                 wording.STAFF: _l("A law firm closed a matter")},
        "fund": {wording.DEFENDER: _l("The funding for your case is completed"),
                 wording.STAFF: _l("A fund's funding of a need is completed")},
    },
}


def _tell(match: Match, move: str) -> None:
    """Queue what each reader is told of ``move`` of ``match``, each with a link to their own page of it."""
    told = _TOLD[move][wording.kind(match)]
    if wording.DEFENDER in told:
        notify(_defender_email(match.need), told[wording.DEFENDER], "defender.need", need_id=match.need_id)
    if wording.FIRM in told:
        notify(firm_emails(match.firm_id), told[wording.FIRM], "firm.match", match_id=match.id)
    notify(staff_emails(), told[wording.STAFF], "coordinator.need", need_id=match.need_id)


# People --------------------------------------------------------------------


def verify_defender(actor: User, profile: DefenderProfile) -> None:
    """Record that the vetting organisation vouches for this defender."""
    if not actor.is_staff:
        raise TransitionError(_("You are not allowed to do that."))
    if profile.verified:
        raise TransitionError(_("This defender is already verified."))
    profile.verified = True
    profile.verified_at = utcnow()
    audit.record(actor, "defender.verify", profile)
    notify([profile.user.email], _l("Your account was verified"), "defender.dashboard")


def verify_firm(actor: User, firm: LawFirm) -> None:
    """Verify a firm and, once that is committed, screen the open needs against it in a job (a
    firm registered after a need was screened has no check for it: until then it is not
    screened for that need, so it cannot be proposed it)."""
    if not actor.is_staff:
        raise TransitionError(_("You are not allowed to do that."))
    if firm.verified:
        raise TransitionError(_("This firm is already verified."))
    firm.verified = True
    firm.verified_at = utcnow()
    audit.record(actor, "firm.verify", firm)
    enqueue("rescreen_firm", firm.id)
    notify(firm_emails(firm.id), _l("Your firm was verified"), "firm.dashboard")


# Needs ---------------------------------------------------------------------


def set_former_client_years(actor: User, firm: LawFirm, years: int) -> None:
    """How long the firm counts former clients; the open needs are screened again against it in a
    job, once committed, since hits on former clients may now count or no longer."""
    if actor.firm_id != firm.id:
        raise TransitionError(_("You are not allowed to do that."))
    firm.former_client_years = years
    audit.record(actor, "firm.look_back", firm, note=str(years))
    enqueue("rescreen_firm", firm.id)


def declare_position(actor: User, firm: LawFirm, *, sector: str = "", practice_area: str = "", company: str = "",
                     country: str = "", note: str = "") -> FirmPosition:
    """The firm says it does not act against a party in ``sector``, named like ``company``, in a matter
    of ``practice_area``, in ``country`` ("" for any of each, but one of the first three said); the
    open needs are screened again against it in a job, once committed, so those under it keep the
    firm away."""
    if actor.firm_id != firm.id:
        raise TransitionError(_("You are not allowed to do that."))
    if not (sector or practice_area or company.strip()):
        raise TransitionError(str(positions.NOTHING_DECLARED))
    position = FirmPosition(firm_id=firm.id, sector=sector, practice_area=practice_area, company=company.strip(),
                            country=country, note=note, created_by_id=actor.id)
    db.session.add(position)
    db.session.flush()
    audit.record(actor, "firm.position_add", firm, note=_position_note(position))
    enqueue("rescreen_firm", firm.id)
    return position


def withdraw_position(actor: User, position: FirmPosition) -> None:
    """The firm takes a declaration back; the open needs are screened again without it."""
    if actor.firm_id != position.firm_id:
        raise TransitionError(_("You are not allowed to do that."))
    audit.record(actor, "firm.position_remove", position.firm, note=_position_note(position))
    db.session.delete(position)
    enqueue("rescreen_firm", position.firm_id)


def _position_note(position: FirmPosition) -> str:
    """The trail names the declaration by its codes: it outlives the row, and is no secret. A declared
    company is one, so the trail says only that there is one."""
    said = [position.practice_area, position.sector, "company" if position.company else "",
            position.country or "any country"]
    return f"{positions.position_id(position)}: {', '.join(code for code in said if code)}"


def submit_need(actor: User, need: Need) -> None:
    if not need.parties:
        raise TransitionError(_("Name at least one adverse party before submitting."))
    _move_need(actor, need, "submit")
    need.submitted_at = utcnow()
    screening.screen_need(need)
    notify(staff_emails(), _l("A need was submitted"), "coordinator.need", need_id=need.id)


def verify_need(actor: User, need: Need, note: str = "") -> None:
    """Verify a submitted need, so coordinators can propose it (it was screened on submission)."""
    if not need.defender.verified:
        raise TransitionError(_("Verify the defender before verifying their need."))
    _move_need(actor, need, "verify", note)
    notify(_defender_email(need), _l("Your need was verified"), "defender.need", need_id=need.id)


def request_info(actor: User, need: Need, note: str) -> None:
    _move_need(actor, need, "request_info", note)
    notify(_defender_email(need), _l("A coordinator asked for more information"), "defender.need", need_id=need.id)


def reject_need(actor: User, need: Need, note: str) -> None:
    _move_need(actor, need, "reject", note)
    notify(_defender_email(need), _l("A coordinator answered about your need"), "defender.need", need_id=need.id)


def withdraw_need(actor: User, need: Need, note: str = "") -> None:
    """Withdraw a need and cancel what was open for it, releasing reserved capacity."""
    _move_need(actor, need, "withdraw", note)
    for match in need.matches:
        if match.is_open:
            _cancel_match(actor, match, states.CANCELLED_WITHDRAWN)
            notify(firm_emails(match.firm_id), _l("A matter was withdrawn"), "firm.dashboard")
    notify(staff_emails(), _l("A need was withdrawn"), "coordinator.need", need_id=need.id)


# Matches -------------------------------------------------------------------


def propose(actor: User, need: Need, *, offer: Offer | None = None, fund: LegalAidFund | None = None,
            score: float = 0.0, reasons=()) -> Match:
    """Propose ``need`` to a firm's offer or to a fund; several may be open at once, and a fund may
    be proposed beside counsel or after it (``states.PROPOSALS``). ``reasons`` are the ranking's
    (``matching.engine.reasons``), kept as data to be worded for each reader."""
    if (offer is None) == (fund is None):
        raise TransitionError(_("Choose one offer or one fund."))
    check_move(states.PROPOSALS, "firm" if offer is not None else "fund", actor, need)
    return _proposal(actor, need, offer, fund, score, reasons)


def _proposal(actor: User | None, need: Need, offer: Offer | None, fund: LegalAidFund | None, score: float,
              reasons) -> Match:
    """The proposal once its move was allowed: a firm's gets its answer window (``windows``), and the
    sweep is queued for the moment it ends."""
    if not need.consent_share_summary:
        raise TransitionError(_("The defender has not consented to their summary being shared."))
    if any(m.is_open and m.offer_id == getattr(offer, "id", None) and m.fund_id == getattr(fund, "id", None)
           for m in need.matches):
        raise TransitionError(_("This need is already proposed there."))
    if offer is not None:
        _check_offer_can_take(need, offer)
    now = utcnow()
    match = Match(
        need=need,
        offer=offer,
        firm_id=offer.firm_id if offer else None,
        fund=fund,
        score=score,
        reasons=[reason_data(reason) for reason in reasons],
        proposed_by_id=actor.id if actor is not None else None,
        proposed_at=now,
        answer_by=windows.answer_by(now, need.urgency, need.deadline, offer.answer_within_hours) if offer else None,
    )
    db.session.add(match)
    db.session.flush()
    audit.record(actor, "match.propose", match, need=need, to_state="proposed")
    _settle(actor, need)
    if offer is not None:
        notify(firm_emails(offer.firm_id), _l("A matter was proposed to your firm"), "firm.match", match_id=match.id)
    if match.answer_by is not None:
        enqueue_at(match.answer_by, "sweep_answer_windows")
    return match


def _check_offer_can_take(need: Need, offer: Offer) -> None:
    if not offer.firm.verified:
        raise TransitionError(_("This firm is not verified yet."))
    if offer.capacity_left <= 0:
        raise TransitionError(_("This offer has no capacity left."))
    if offer.firm_id not in screening.cleared_firm_ids(need):
        raise TransitionError(_("This firm is not cleared of conflicts for this need."))


def accept_match(actor: User, match: Match, note: str = "") -> None:
    """Accept a proposal. Among firms the first acceptance wins the representation: it reserves the
    offer's capacity and closes the other firms' proposals. A fund's acceptance closes nothing, since
    funds run alongside counsel.

    The need and the offer rows are locked first, so two acceptances racing for
    the same need or the last unit of capacity cannot both succeed.
    """
    need = _locked(match)
    counsel = wording.kind(match) == "firm"
    if counsel and match.state != "proposed":
        raise TransitionError(_("This matter has been taken or is no longer open."))
    _check_still_cleared(match)
    if match.offer is not None:
        db.session.refresh(match.offer, with_for_update=True)
        if match.offer.capacity_left <= 0:
            raise TransitionError(_("Your offer has no capacity left; add capacity first."))
    _move_match(actor, match, "accept", note)
    if match.offer is not None:
        match.offer.capacity_used += 1
    if counsel:
        _close_other_firms_proposals(actor, match)
    _settle(actor, need)
    _tell(match, "accept")


def _close_other_firms_proposals(actor: User, taken: Match) -> None:
    """The firms still considering the need are told it was taken; its funds' proposals stay open."""
    for other in taken.need.matches:
        if other is not taken and other.state == "proposed" and wording.kind(other) == "firm":
            _cancel_match(actor, other, states.CANCELLED_TAKEN_BY_FIRM)
            notify(firm_emails(other.firm_id), _l("A matter proposed to you has been taken"), "firm.dashboard")


def _locked(match: Match) -> Need:
    """Lock the need and the match, so a screen that changes meanwhile waits for this move or sees it."""
    db.session.refresh(match.need, with_for_update=True)
    db.session.refresh(match, with_for_update=True)
    return match.need


def _check_still_cleared(match: Match) -> None:
    """A firm whose screen for the need is no longer clear may not take the matter nor be given it."""
    if match.firm_id is not None and match.firm_id not in screening.cleared_firm_ids(match.need):
        raise TransitionError(
            _("This matter is no longer open to this firm; a coordinator will look for counsel again."))


def decline_match(actor: User, match: Match, reason: str) -> None:
    if not reason.strip():
        raise TransitionError(_("Say why the matter is declined."))
    _move_match(actor, match, "decline", reason)
    match.response_note = reason
    _settle(actor, match.need)
    _tell(match, "decline")


def confirm_match(actor: User, match: Match) -> None:
    """The defender's consent: to counsel, contact details are released to both sides if it is still
    cleared; to a fund, the coordinators go ahead with the funding."""
    _locked(match)
    _check_still_cleared(match)
    _move_match(actor, match, "confirm")
    _settle(actor, match.need)
    _tell(match, "confirm")


def refuse_match(actor: User, match: Match, note: str = "") -> None:
    _move_match(actor, match, "refuse", note)
    _release(match)
    _settle(actor, match.need)
    _tell(match, "refuse")


class OutcomeRefused(TransitionError, FieldsRefused):
    """A completion with something wrong in what it records, said field by field."""


def complete_match(actor: User, match: Match, record: outcomes.Closing | outcomes.Grant) -> None:
    """Record what came of the match (a firm's ``Closing``, a fund's ``Grant``), checked here whoever
    asks; the need closes once nothing else is still at work for it. The trail records the move
    without a note: every reader of the history reads its notes as written, and what was recorded
    is on the match, for each reader's page to word (the closing's note sealed there)."""
    expected = outcomes.Closing if wording.kind(match) == "firm" else outcomes.Grant
    if not isinstance(record, expected):
        raise TransitionError(_("A firm's matter closes with its hours and outcome, a fund's with its grant."))
    problems = outcome_problems(match, record)
    if problems:
        raise OutcomeRefused(problems)
    _move_match(actor, match, "complete")
    _write_outcome(match, record)
    match.closed_at = utcnow()
    _release(match)
    _settle(actor, match.need)
    _tell(match, "complete")


def outcome_problems(match: Match, record: outcomes.Closing | outcomes.Grant) -> dict[str, str]:
    """What is wrong with ``record`` as what came of ``match``, by field: ``complete_match`` refuses
    it with any, and a page may ask first, before it asks the person to confirm."""
    return record.problems(asked=match.need.help_wanted, now=utcnow())


def _write_outcome(match: Match, record: outcomes.Closing | outcomes.Grant) -> None:
    if isinstance(record, outcomes.Closing):
        match.hours, match.outcome, match.outcome_note = record.hours, record.outcome, record.note.strip()
        match.work_started_on, match.work_ended_on = record.started_on, record.ended_on
    else:
        match.granted_amount, match.granted_for = record.amount, list(record.paid_for)
        match.granted_currency = places.currency(record.currency)


def _cancel_match(actor: User, match: Match, why: str) -> None:
    if match.state in states.RESERVING_MATCH_STATES:
        _release(match)
    _move_match(actor, match, "cancel", why)


def _release(match: Match) -> None:
    """Give back the capacity an accepted match had reserved."""
    if match.offer is not None:
        match.offer.capacity_used = max(0, match.offer.capacity_used - 1)


def _settle(actor: User | None, need: Need) -> None:
    """Move the need to the state its followed matches put it in (``states.settled``), if it is not there."""
    kind = states.followed_kind(need.help_wanted)
    followed = [match.state for match in need.matches if wording.kind(match) == kind]
    target = states.settled(followed, any(match.is_open for match in need.matches))
    if target != need.state:
        _move_need(actor, need, states.SETTLING_MOVES[(need.state, target)])


# Answer windows ----------------------------------------------------------------


def choose_on_silence(actor: User, need: Need, choice: str) -> None:
    """What the platform does when one of the need's firms lets its answer window pass: suggest the
    next firms to the coordinators, or propose the need to them itself (``states.ON_SILENCE``)."""
    if not actor.is_staff:
        raise TransitionError(_("You are not allowed to do that."))
    if choice not in states.ON_SILENCE:
        raise TransitionError(_("Choose whether the next firms are suggested or proposed."))
    if need.state not in states.OPEN_NEED_STATES:
        label = wording.STATE_LABELS.get(need.state, need.state)
        raise TransitionError(_("This cannot be done any more: it is %(state)s.", state=label))
    need.on_silence = choice
    audit.record(actor, "need.on_silence", need, need=need, note=choice)


@dataclass
class Swept:
    """What one sweep did: firms reminded, proposals lapsed, and the next firms proposed or suggested."""

    reminded: int = 0
    lapsed: int = 0
    proposed: int = 0
    suggested: int = 0


def sweep_answer_windows(now: datetime | None = None) -> Swept:
    """Remind each firm whose answer window has passed, once; lapse each proposal still silent a grace
    period after its reminder (``windows``), which counts as silence in the firm's responsiveness
    (``ranking.firm_histories``); then ask the next firms for each need a firm left, or suggest them.

    Safe to run at any time and as often as wanted (a job queued for each window's end, and
    ``flask emergencies sweep`` from cron): what was done is recorded on the match, so it is not
    done twice, and each match is locked as an acceptance locks it, so the two never cross."""
    now = now or utcnow()
    swept, silent = Swept(), {}
    due = db.session.scalars(select(Match.id).where(Match.state == "proposed", Match.answer_by <= now)
                             .order_by(Match.answer_by, Match.id)).all()
    for match_id in due:
        match = db.session.get(Match, match_id)
        _locked(match)
        step = windows.due_step(now, match.proposed_at, match.answer_by, match.reminded_at)
        if match.state != "proposed" or step is None:
            continue
        if step == windows.REMIND:
            _remind(match, now)
            swept.reminded += 1
        else:
            _lapse(match)
            swept.lapsed += 1
            silent[match.need] = silent.get(match.need, 0) + 1
    for need, count in silent.items():
        _after_silence(need, count, now, swept)
    return swept


def _remind(match: Match, now: datetime) -> None:
    match.reminded_at = now
    audit.record(None, "match.remind", match, need=match.need)
    notify(firm_emails(match.firm_id), _l("A matter proposed to your firm is waiting for your answer"), "firm.match",
           match_id=match.id)
    enqueue_at(windows.next_moment(match.proposed_at, match.answer_by, now), "sweep_answer_windows")


def _lapse(match: Match) -> None:
    _move_match(None, match, "lapse")
    _settle(None, match.need)
    notify(firm_emails(match.firm_id), _l("A matter proposed to your firm was not answered in time"),
           "firm.dashboard")


# What the coordinators are told once a firm stayed silent, by what the platform did about it.
_PROPOSED_NEXT = _l("A firm did not answer an urgent need in time: it was proposed to the next firm")
_SUGGESTED_NEXT = _l("A firm did not answer an urgent need in time: the next firms are suggested")
_NONE_LEFT = _l("A firm did not answer an urgent need in time, and no other ready firm is left")


def _after_silence(need: Need, count: int, now: datetime, swept: Swept) -> None:
    """Ask ``count`` next firms in place of those that stayed silent, or tell the coordinators whom
    to ask: a need a firm has taken in the meantime needs nobody else."""
    if need.state not in states.PROPOSALS["firm_after_silence"].sources:
        return
    ranked = ranking.rank_need(need, now.date())
    chosen = silence.next_candidates(need, ranked, count)
    if need.on_silence == "propose":
        made = sum(_propose_after_silence(need, ranked, candidate) for candidate in chosen)
        swept.proposed += made
        told = _PROPOSED_NEXT if made else _NONE_LEFT
    else:
        swept.suggested += len(chosen)
        told = _SUGGESTED_NEXT if chosen else _NONE_LEFT
    notify(staff_emails(), told, "coordinator.need", need_id=need.id)


def _propose_after_silence(need: Need, ranked: ranking.RankedNeed, candidate) -> bool:
    """The platform's proposal to a ranked candidate; whether it was made (a rule may refuse it, as
    it would a coordinator's, and the sweep goes on with the other needs)."""
    try:
        check_move(states.PROPOSALS, "firm_after_silence", None, need)
        _proposal(None, need, ranked.target(candidate.kind, candidate.id), None, candidate.score, candidate.reasons)
    except TransitionError:
        return False
    return True


# Screening again -------------------------------------------------------------


def rescreen_firm(actor: User | None, firm: LawFirm, progress=None) -> int:
    """Screen the open needs against ``firm`` (its list or its declarations changed) and end what is no longer clear;
    ``progress(done, total)`` is told along the way. Coordinators are told when the screen found
    hits nobody has decided on yet, which keep the firm away until they do. Returns how many needs
    were screened."""
    screened = screening.screen_firm(firm, progress)
    end_uncleared_matches(actor)
    if screened.new_hits:
        notify(staff_emails(), _l("A firm's screening changed and there are new hits to review"),
               "coordinator.reviews")
    return screened.needs


def rescreen_everything(actor: User | None, progress=None) -> tuple[int, int]:
    """Screen every open need against every firm and end what is no longer clear."""
    screened = screening.screen_open_needs(progress)
    end_uncleared_matches(actor)
    return screened


def replace_registry(actor: User | None, parsed, progress=None) -> screening.RegistryReplaced:
    """Swap the corporate relations registry, screen again, and end what is no longer clear.

    The trail keeps the counts and a keyed digest of the new registry, which tells whether two
    replacements were the same without naming any company."""
    replaced = screening.replace_registry(parsed, progress)
    ended = end_uncleared_matches(actor)
    digest = crypto.index_digest_hex("registry:" + "\n".join(sorted("\t".join(link) for link in parsed.pairs)))
    audit.record(actor, "relations.replace", audit.REGISTRY,
                 note=f"{replaced.relations} relations ({replaced.repeated} repeated lines); "
                      f"{replaced.needs_screened} open needs screened again, {ended} matches ended; "
                      f"digest {digest[:16]}")
    return replaced


def end_uncleared_matches(actor: User | None) -> int:
    """End every open match of a firm whose screen for its need is no longer clear.

    Whatever changed the screen (a client list, the registry, a new party name), a
    firm that may be conflicted stops seeing the matter in the same transaction: it is
    told only that the matter was withdrawn, and the coordinators why. Returns how many.
    """
    ended = screening.uncleared_open_matches()
    for match in ended:
        need = match.need
        db.session.refresh(need, with_for_update=True)
        _cancel_match(actor, match, states.CANCELLED_UNCLEARED)
        _settle(actor, need)
        notify(firm_emails(match.firm_id), _l("A matter was withdrawn"), "firm.dashboard")
        notify(staff_emails(), _l("A firm's conflict screen changed: its match was ended"), "coordinator.need",
               need_id=need.id)
    return len(ended)


# Conflict review ------------------------------------------------------------


def decide_hit(actor: User, hit: ConflictHit, decision: str, note: str,
               agreement: screening.Agreement = screening.NO_AGREEMENT) -> None:
    """A coordinator's judgement on one screening hit, with the note that justifies it.

    A blocking decision (``confirmed``, see ``conflicts.decisions``) keeps the firm away
    from the need; ``cleared`` and ``waived`` no longer block it. A waiver says who agreed to
    it and on which day (``agreement``). The decision is remembered for the firm, party name
    and client (for this need alone if the agreement says so), so later screens of the same
    names apply it again; the audit event points at that remembered decision, since the hit
    itself is replaced whenever the need is screened again.
    """
    if not actor.is_staff:
        raise TransitionError(_("You are not allowed to do that."))
    if decision not in DECISIONS:
        raise TransitionError(_("Choose whether to confirm the conflict, clear the hit or record a waiver."))
    note = note.strip()
    if not note:
        raise TransitionError(_("Write a note saying why: it is kept with the decision."))
    if hit.decision is not None:
        raise TransitionError(_("This hit was already decided: %(decision)s.", decision=DECISIONS[hit.decision].label))
    if decision == "waived":
        _check_waiver(agreement)
    check = hit.check
    before = check.result
    hit.decision, hit.decision_note = decision, note
    hit.decided_by_id, hit.decided_at = actor.id, utcnow()
    remembered = screening.remember_decision(hit, agreement)
    check.result = screening.result_of(check.hits)
    audit.record(actor, f"conflict.{decision}", remembered, need=check.need, from_state=before,
                 to_state=check.result, note=note)


def _check_waiver(agreement: screening.Agreement) -> None:
    """A waiver is the consent of the people concerned: it names them and the day they gave it."""
    if not agreement.agreed_by.strip():
        raise TransitionError(_("Say who agreed to the waiver."))
    if agreement.agreed_on is None:
        raise TransitionError(_("Give the day the waiver was agreed."))
    if agreement.agreed_on > utcnow().date():
        raise TransitionError(_("The day the waiver was agreed cannot be in the future."))
