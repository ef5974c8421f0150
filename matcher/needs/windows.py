"""How long a firm has to answer a proposal of an urgent need, and when its silence counts.

A defender arrested tonight cannot wait a week for a firm to read its mail, and a firm that
never answers must not hold the matter: a proposal of an emergency or urgent need gets an
answer window, the firm is reminded once when it passes, and the proposal lapses a grace
period after the reminder (``workflow.sweep_answer_windows``). Plain moments in, moments out,
so the rule is read and tested here, apart from the database.

The window is what the offer promises (``Offer.answer_within_hours``, which an emergency-ready
offer must give; ``DEFAULT_HOURS`` where it gave none), but never more than ``DEADLINE_SHARE``
of the time left before the need's deadline, taken as the start of its day in UTC (a hearing
may be first thing in the morning): a firm that stays silent then leaves the larger part of the
time to the firms asked after it. Never less than ``MIN_WINDOW``, so even a firm asked on the
eve of a hearing has a chance to read the message. A standard need has no window: its firms
take the time they take, and the coordinators follow up, as before.
"""

from datetime import UTC, date, datetime, time, timedelta

from .states import WINDOWED_URGENCIES

DEADLINE_SHARE = 1 / 3
# Hours to answer where the offer promised none: an emergency offer saved before the promise was
# asked for, or an urgent need proposed under an offer that is not emergency-ready.
DEFAULT_HOURS = {"emergency": 12, "urgent": 48}
MIN_WINDOW = timedelta(hours=1)
# The grace after the reminder: a quarter of the window, from half an hour to six hours.
GRACE_SHARE = 1 / 4
MIN_GRACE = timedelta(minutes=30)
MAX_GRACE = timedelta(hours=6)

REMIND, LAPSE = "remind", "lapse"


def answer_by(proposed_at: datetime, urgency: str, deadline: date | None,
              promised_hours: int | None) -> datetime | None:
    """The moment a proposal made at ``proposed_at`` must be answered by; None for a need not urgent
    enough to have a window."""
    if urgency not in WINDOWED_URGENCIES:
        return None
    window = timedelta(hours=promised_hours or DEFAULT_HOURS[urgency])
    if deadline is not None:
        window = min(window, (deadline_moment(deadline) - proposed_at) * DEADLINE_SHARE)
    return proposed_at + max(window, MIN_WINDOW)


def deadline_moment(deadline: date) -> datetime:
    """The moment a deadline day is taken to fall: its start, in UTC."""
    return datetime.combine(deadline, time.min, tzinfo=UTC)


def grace(proposed_at: datetime, answer_by: datetime) -> timedelta:
    """How long after its reminder a silent firm's proposal lapses: a share of its window."""
    return min(max((answer_by - proposed_at) * GRACE_SHARE, MIN_GRACE), MAX_GRACE)


def next_moment(proposed_at: datetime, answer_by: datetime, reminded_at: datetime | None) -> datetime:
    """When the next step of a silent proposal falls due: its reminder, or once reminded, its lapse."""
    if reminded_at is None:
        return answer_by
    return reminded_at + grace(proposed_at, answer_by)


def due_step(now: datetime, proposed_at: datetime, answer_by: datetime | None,
             reminded_at: datetime | None) -> str | None:
    """What is due at ``now`` for a proposal still unanswered: ``REMIND``, ``LAPSE`` or nothing. The
    grace runs from the reminder, so a firm is always reminded before its proposal lapses, even
    when the sweep came late."""
    if answer_by is None or now < next_moment(proposed_at, answer_by, reminded_at):
        return None
    return REMIND if reminded_at is None else LAPSE
