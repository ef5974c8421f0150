"""The states of a need and of a match, the groups of them the rules speak of, and every move.

Each move is a row: the states it may start from, the state it ends in, and who may
make it. ``workflow`` makes every move through these tables and nothing else changes
a state, so what a need or a match can do next is read here, in one place. The
groups that pages and queries use are named once below, most of them read off the
tables, so a new move or state changes them all at once. How each reads is ``wording``'s.

Counsel and funding are different kinds of help. Among firms the first acceptance wins the
representation; funds run alongside, several for one need if they pay for different parts,
before, beside or after counsel. So a need's state follows one side of its matches
(``followed_kind``): its counsel's when it asks for a lawyer's work, its funds' when it asks
only for money; the other side's matches keep their own states and never move the need.
After each match's move the need moves to the state its followed matches put it in
(``settled``), by the one move of ``NEED_MOVES`` that goes there.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from ..matching.engine.funding import asks_for_counsel

NEED_STATES = (
    "draft",
    "submitted",
    "needs_info",
    "rejected",
    "verified",
    "proposed",
    "accepted",
    "matched",
    "closed",
    "withdrawn",
)
MATCH_STATES = ("proposed", "accepted", "declined", "refused", "active", "completed", "cancelled", "lapsed")


def _staff(actor, _subject) -> bool:
    return actor.is_staff


def _need_owner_or_staff(actor, need) -> bool:
    return actor.is_staff or (actor.defender is not None and need.defender_id == actor.defender.id)


def _match_owner_or_staff(actor, match) -> bool:
    return _need_owner_or_staff(actor, match.need)


def _match_responder(actor, match) -> bool:
    """A firm's members answer for their firm; coordinators answer for a fund."""
    if match.fund_id is not None:
        return actor.is_staff
    return actor.role == "firm" and actor.firm_id == match.firm_id


def _follows_a_match(_actor, _subject) -> bool:
    """A need's move made by a match's move, whose own row said who may make it."""
    return True


def _the_platform(actor, _subject) -> bool:
    """A move nobody makes: the platform makes it when an answer window has passed
    (``workflow.sweep_answer_windows``), so no person's request can."""
    return actor is None


@dataclass(frozen=True)
class Move:
    sources: tuple[str, ...]
    target: str
    allowed: Callable[[object, object], bool]


# Open needs: a defender or a coordinator may still withdraw them.
OPEN_NEED_STATES = ("draft", "submitted", "needs_info", "verified", "proposed", "accepted", "matched")

NEED_MOVES = {
    "submit": Move(("draft", "needs_info"), "submitted", _need_owner_or_staff),
    "verify": Move(("submitted",), "verified", _staff),
    "request_info": Move(("submitted",), "needs_info", _staff),
    "reject": Move(("submitted",), "rejected", _staff),
    "propose": Move(("verified",), "proposed", _follows_a_match),
    "accept": Move(("proposed",), "accepted", _follows_a_match),
    "match": Move(("accepted",), "matched", _follows_a_match),
    "close": Move(("matched",), "closed", _follows_a_match),
    "reopen": Move(("proposed", "accepted", "matched"), "verified", _follows_a_match),
    # A need that follows its funds: one fund's agreement refused, another's answer still awaited.
    "await_answer": Move(("accepted",), "proposed", _follows_a_match),
    "withdraw": Move(OPEN_NEED_STATES, "withdrawn", _need_owner_or_staff),
}

# Proposing a need to a firm or a fund, by the need's state: counsel may be proposed until a firm
# accepted the need, a fund while the need is verified and open, with counsel or without.
PROPOSALS = {
    "firm": Move(("verified", "proposed"), "proposed", _staff),
    "fund": Move(("verified", "proposed", "accepted", "matched"), "proposed", _staff),
    # The next firm asked when one stayed silent, for a need whose coordinator chose that.
    "firm_after_silence": Move(("verified", "proposed"), "proposed", _the_platform),
}


def followed_kind(help_wanted: Collection[str]) -> str:
    """Whose matches a need's state follows: ``"firm"`` (its counsel's) for a need that asks for a
    lawyer's work, ``"fund"`` for one that asks only for money."""
    return "firm" if asks_for_counsel(help_wanted) else "fund"


def settled(followed: Collection[str], anything_open: bool) -> str:
    """The state a need's matches put it in: ``followed`` are the states of the matches its state
    follows, ``anything_open`` whether any of its matches, followed or not, is still open. A need
    whose counsel finished stays matched while a fund is still at work for it."""
    if "active" in followed:
        return "matched"
    if "completed" in followed:
        return "matched" if anything_open else "closed"
    if "accepted" in followed:
        return "accepted"
    if "proposed" in followed:
        return "proposed"
    return "verified"


# The need's move from one state to another that its matches make, read off the table.
SETTLING_MOVES = {(source, move.target): name for name, move in NEED_MOVES.items()
                  if move.allowed is _follows_a_match for source in move.sources}

# Why a match was cancelled, as the note of its audit event records it (``wording`` says each
# reason to each reader: a firm is told only that its matter was withdrawn or taken).
CANCELLED_WITHDRAWN = "the need was withdrawn"
CANCELLED_TAKEN_BY_FIRM = "another firm took the need"
# No longer made (a fund's acceptance cancels nothing), but read in trails written before.
CANCELLED_TAKEN_BY_FUND = "a fund took the need"
CANCELLED_UNCLEARED = "the firm's conflict screen for this need is no longer clear"

# A proposal to a firm for a need this urgent has an answer window (``needs.windows``).
WINDOWED_URGENCIES = ("emergency", "urgent")
# What the platform does when a firm lets its window pass: suggest the next firms to the
# coordinators, or propose the need to them itself. The need's coordinator chooses.
ON_SILENCE = ("suggest", "propose")

# Open matches hold a firm's attention, and once accepted, a unit of its offer's capacity.
OPEN_MATCH_STATES = ("proposed", "accepted", "active")
RESERVING_MATCH_STATES = ("accepted", "active")

MATCH_MOVES = {
    "accept": Move(("proposed",), "accepted", _match_responder),
    "decline": Move(("proposed",), "declined", _match_responder),
    "confirm": Move(("accepted",), "active", _match_owner_or_staff),
    "refuse": Move(("accepted",), "refused", _match_owner_or_staff),
    "complete": Move(("active",), "completed", _match_responder),
    "cancel": Move(OPEN_MATCH_STATES, "cancelled", _follows_a_match),
    # The firm let its answer window and the grace after its reminder pass: silence, not an answer.
    "lapse": Move(("proposed",), "lapsed", _the_platform),
}
# The moves nobody answered with (the matter was ended elsewhere, or the firm stayed silent): they
# leave the match's ``responded_at`` as it was.
UNANSWERED_MOVES = ("cancel", "lapse")

# Finished needs: nothing more happens to them, and retention erases them in time.
FINISHED_NEED_STATES = tuple(state for state in NEED_STATES if state not in OPEN_NEED_STATES)
# Needs the defender (or a coordinator, for an offline defender) may still change and submit.
EDITABLE_NEED_STATES = NEED_MOVES["submit"].sources
# Needs coordinators work on: every open need but the drafts, which stay their defender's own.
QUEUE_NEED_STATES = tuple(state for state in OPEN_NEED_STATES if state != "draft")
# Needs that may be proposed to someone, so their candidates are ranked; and those that may still
# be proposed to counsel (in the others, only funds are ranked).
RANKED_NEED_STATES = PROPOSALS["fund"].sources
COUNSEL_RANKED_NEED_STATES = PROPOSALS["firm"].sources
# Needs whose screening is kept current: from submission until the matter is closed, so a firm
# that becomes conflicted loses the matter even after the defender consented.
SCREENED_NEED_STATES = ("submitted", "verified", "proposed", "accepted", "matched")

# A firm reads a need's summary while its match is proposed or accepted...
SUMMARY_MATCH_STATES = ("proposed", "accepted")
# ...and its details and the defender's contact once the defender consented.
DISCLOSED_MATCH_STATES = ("active", "completed")
# A defender may know which firm a match is with once the firm accepted.
FIRM_NAMED_MATCH_STATES = ("accepted", "active", "completed", "refused")
