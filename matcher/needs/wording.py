"""How states and audited events read, in the reader's language: every such word is here.

A state or an audited action is a code; what it says depends on whom a match is with (a
firm takes on representation, a fund agrees to fund) and on who reads it. There are three
readers: the need's ``DEFENDER``, the ``FIRM`` a match is with (who reads its own match's
story and never another firm's name) and ``STAFF`` (coordinators and admins, who read
everything). ``history`` chooses which events each reader sees and whom they may be told
of; this module only puts a line into words, with the names it is given.
"""

from flask_babel import lazy_gettext as _l

from ..conflicts.reasons import RESULT_WORDS
from . import states

DEFENDER, FIRM, STAFF = "defender", "firm", "staff"

# How a state reads where nothing more is known of the need or the match (a queue's tabs, a refusal).
STATE_LABELS = {
    "draft": _l("draft"),
    "submitted": _l("submitted, waiting for a coordinator"),
    "needs_info": _l("more information needed"),
    "rejected": _l("rejected"),
    "verified": _l("verified, looking for counsel"),
    "proposed": _l("proposed, waiting for an answer"),
    "accepted": _l("accepted, waiting for the defender's consent"),
    "matched": _l("matched"),
    "closed": _l("closed"),
    "withdrawn": _l("withdrawn"),
    "declined": _l("declined"),
    "refused": _l("refused by the defender"),
    "active": _l("active"),
    "completed": _l("completed"),
    "cancelled": _l("cancelled"),
    "lapsed": _l("lapsed: no answer in time"),
}

# A match's state once it is known whom the match is with.
_MATCH_STATE_LABELS = {
    "firm": {
        "proposed": _l("proposed to the firm"),
        "accepted": _l("representation accepted by the firm, waiting for the defender's consent"),
        "declined": _l("declined by the firm"),
        "lapsed": _l("lapsed: the firm did not answer in time"),
    },
    "fund": {
        "proposed": _l("proposed to the fund"),
        "accepted": _l("funding agreed by the fund, waiting for the defender's consent"),
        "declined": _l("declined by the fund"),
    },
}

# A need's state once it is known whom its matches in that state are with ("both": firms and funds),
# or, with none in it, whom the need's state follows (``states.followed_kind``).
_NEED_STATE_LABELS = {
    "verified": {
        "firm": _l("verified, looking for counsel"),
        "fund": _l("verified, looking for funding"),
    },
    "proposed": {
        "firm": _l("proposed to counsel"),
        "fund": _l("proposed for funding"),
        "both": _l("proposed to counsel and for funding"),
    },
    "accepted": {
        "firm": _l("representation accepted by a law firm, waiting for the defender's consent"),
        "fund": _l("funding agreed by a fund, waiting for the defender's consent"),
        "both": _l("representation and funding agreed, waiting for the defender's consent"),
    },
}


def kind(match) -> str:
    """``"fund"`` for a match with a legal-aid fund, ``"firm"`` for one with a firm's offer."""
    return "fund" if match.fund_id is not None else "firm"


def match_state(match) -> str:
    return str(_MATCH_STATE_LABELS[kind(match)].get(match.state, STATE_LABELS[match.state]))


def need_state(need) -> str:
    """The need's state, saying whether counsel or a fund has it where that is the point of the state."""
    by_kind = _NEED_STATE_LABELS.get(need.state)
    if by_kind is None:
        return str(STATE_LABELS[need.state])
    kinds = {kind(match) for match in need.matches if match.state == need.state} or {
        states.followed_kind(need.help_wanted)}
    return str(by_kind.get(kinds.pop() if len(kinds) == 1 else "both", STATE_LABELS[need.state]))


# The need's own moves: they read the same to the defender and to staff (firms do not read them).
NEED_EVENTS = {
    "need.create": _l("Need written"),
    "need.edit": _l("Need changed"),
    "need.submit": _l("Submitted to the coordinators"),
    "need.verify": _l("Verified by a coordinator"),
    "need.request_info": _l("A coordinator asked for more information"),
    "need.reject": _l("Rejected by a coordinator"),
    "need.reopen": _l("Back with the coordinators, who look for help again"),
    "need.await_answer": _l("Waiting again for an answer from a fund"),
    "need.withdraw": _l("Withdrawn"),
}
# A need's move made with its match's (proposed, accepted, matched, closed), where it is listed on its own.
_NEED_NOW = _l("The need is now %(state)s")

# A match's moves, by whom it is with and by reader; ``%(target)s`` names whom it is with as the
# reader may know them. The defender reads the staff's words unless they have their own.
_MATCH_EVENTS = {
    "firm": {
        "match.propose": {STAFF: _l("Proposed to %(target)s"), FIRM: _l("Proposed to your firm")},
        "match.accept": {STAFF: _l("Representation accepted by %(target)s"),
                         FIRM: _l("Your firm accepted to represent the defender")},
        "match.decline": {STAFF: _l("Declined by %(target)s"), FIRM: _l("Your firm declined the matter")},
        "match.confirm": {STAFF: _l("The defender gave consent: %(target)s has their contact details"),
                          DEFENDER: _l("You gave your consent: %(target)s has your contact details"),
                          FIRM: _l("The defender gave consent: the matter is your firm's")},
        "match.refuse": {STAFF: _l("The defender refused %(target)s"), DEFENDER: _l("You refused %(target)s"),
                         FIRM: _l("The defender did not take up your firm's acceptance")},
        "match.complete": {STAFF: _l("Matter closed by %(target)s"), FIRM: _l("Your firm closed the matter")},
        "match.remind": {STAFF: _l("%(target)s was reminded: its answer window passed"),
                         DEFENDER: _l("A law firm was reminded to answer"),
                         FIRM: _l("Your firm was reminded: the answer window passed")},
        "match.lapse": {STAFF: _l("No answer from %(target)s in time: the proposal lapsed"),
                        DEFENDER: _l("A law firm did not answer in time: the coordinators look further"),
                        FIRM: _l("Your firm did not answer in time: the proposal lapsed")},
    },
    "fund": {
        "match.propose": {STAFF: _l("Proposed to %(target)s for funding")},
        "match.accept": {STAFF: _l("Funding agreed by %(target)s")},
        "match.decline": {STAFF: _l("Funding declined by %(target)s")},
        "match.confirm": {STAFF: _l("The defender accepted the funding from %(target)s"),
                          DEFENDER: _l("You accepted the funding from %(target)s")},
        "match.refuse": {STAFF: _l("The defender turned down the funding from %(target)s"),
                         DEFENDER: _l("You turned down the funding from %(target)s")},
        "match.complete": {STAFF: _l("Funding from %(target)s completed")},
    },
}
# A reminder is no move, but it is part of a match's story.
MATCH_ACTIONS = ("match.propose", "match.remind", *(f"match.{name}" for name in states.MATCH_MOVES))

# A match ended by something else, by the reason its event records: a firm learns only that its
# matter was withdrawn or taken, and a defender never reads of a conflict screen.
_TAKEN = _l("The proposal was closed: the matter was taken")
_CLOSED = _l("The proposal was closed")
_CANCELLED = {
    states.CANCELLED_WITHDRAWN: {STAFF: _l("Closed with %(target)s: the need was withdrawn"),
                                 FIRM: _l("The matter was withdrawn")},
    states.CANCELLED_TAKEN_BY_FIRM: {STAFF: _l("Closed with %(target)s: a law firm accepted the need first"),
                                     FIRM: _TAKEN},
    states.CANCELLED_TAKEN_BY_FUND: {STAFF: _l("Closed with %(target)s: a fund accepted the need first"),
                                     FIRM: _CLOSED},
    states.CANCELLED_UNCLEARED: {
        STAFF: _l("Ended with %(target)s: the firm's conflict screen for this need is no longer clear"),
        DEFENDER: _l("Closed with %(target)s: the firm can no longer take the matter"),
        FIRM: _l("The matter was withdrawn"),
    },
}
_CANCELLED_OTHERWISE = {STAFF: _l("Closed with %(target)s"), FIRM: _CLOSED}


def cancel_reason_known(note: str) -> bool:
    """Whether a cancelled match's note is one of the reasons put into words (and so not shown as a note)."""
    return note in _CANCELLED


# A coordinator's decision on a screening hit (staff only), with the firm's screen after it.
_CONFLICT_EVENTS = {
    "conflict.confirmed": _l("Conflict with %(firm)s confirmed (its screen: %(result)s)"),
    "conflict.cleared": _l("Screening hit for %(firm)s cleared (its screen: %(result)s)"),
    "conflict.waived": _l("Waiver recorded for a screening hit of %(firm)s (its screen: %(result)s)"),
}

# Everything else the audit log holds, as staff read it there; the "Who" column says who.
OTHER_EVENTS = {
    "need.read": _l("Read the need"),
    "need.purge": _l("The need's texts were erased at the end of the retention period"),
    "defender.intake": _l("Recorded a defender taken in offline"),
    "defender.verify": _l("Verified a defender"),
    "defender.export": _l("A defender downloaded their data"),
    "defender.kinds": _l("A defender changed the kinds of defender they are"),
    "defender.erase": _l("A defender's account and data were erased"),
    "firm.register": _l("Registered a firm"),
    "firm.verify": _l("Verified a firm"),
    "firm.invite": _l("Invited a colleague to the firm"),
    "firm.join": _l("Joined the firm"),
    "firm.revoke_invitation": _l("Withdrew an invitation to the firm"),
    "firm.remove_member": _l("Removed a member from the firm"),
    "clients.replace": _l("Replaced the firm's client list"),
    "clients.attest_none": _l("Stated that the firm has no clients to declare"),
    "firm.look_back": _l("Changed how many years former clients count"),
    "firm.position_add": _l("Declared what the firm does not act against"),
    "firm.position_remove": _l("Withdrew a declaration of what the firm does not act against"),
    "relations.replace": _l("Replaced the corporate relations registry"),
    "need.on_silence": _l("Chose what happens when a firm does not answer in time"),
    "offer.create": _l("Published an offer"),
    "offer.edit": _l("Changed an offer"),
    "offer.end": _l("Ended an offer"),
    "offer.delete": _l("Deleted an offer"),
    "fund.create": _l("Added a fund to the catalogue"),
    "fund.edit": _l("Changed a fund"),
    "match.feedback": _l("The defender said whether the help helped"),
    "user.register": _l("Registered"),
    "user.create": _l("A staff account was created"),
    "user.enrol": _l("Chose a password from an enrolment link"),
    "user.login": _l("Signed in"),
    "user.login_failed": _l("A sign-in failed: wrong password"),
    "user.second_factor_failed": _l("A second-factor code was refused"),
    "user.second_factor_enabled": _l("Turned on a second factor"),
    "user.second_factor_replaced": _l("Replaced the second factor"),
    "user.throttled": _l("Sign-ins held back after repeated failures; the owner was told"),
    "user.reset_requested": _l("A password reset was asked for"),
    "user.password_reset": _l("Chose a new password from a reset link"),
    "user.password_change": _l("Changed the password"),
    "user.settings": _l("Changed their language or time zone"),
    "admin.disable": _l("Disabled an account"),
    "admin.enable": _l("Enabled an account"),
    "admin.role": _l("Changed an account's role"),
    "admin.reset_second_factor": _l("Reset an account's lost second factor"),
    "audit.export": _l("Downloaded the audit log"),
    "request.refused": _l("A page or a record was refused"),
}


def sentence(event, reader: str, *, kind: str = "firm", target: str = "", firm: str = "") -> str:
    """What ``event`` says to ``reader``: ``kind`` and ``target`` are whom its match is with, and
    ``firm`` the firm a screening decision was about, each as the reader may know them."""
    action = event.action
    if action == "match.cancel":
        return _for(_CANCELLED.get(event.note, _CANCELLED_OTHERWISE), reader) % {"target": target}
    if action in _MATCH_EVENTS[kind]:
        return _for(_MATCH_EVENTS[kind][action], reader) % {"target": target}
    if action in _CONFLICT_EVENTS:
        result = RESULT_WORDS.get(event.to_state, event.to_state)
        return str(_CONFLICT_EVENTS[action]) % {"firm": firm, "result": result}
    if action in NEED_EVENTS:
        return str(NEED_EVENTS[action])
    if action.startswith("need.") and event.to_state in STATE_LABELS:
        return str(_NEED_NOW) % {"state": STATE_LABELS[event.to_state]}
    return str(OTHER_EVENTS.get(action, action))


def _for(words: dict, reader: str) -> str:
    return str(words.get(reader) or words[STAFF])
