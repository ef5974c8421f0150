"""The emergency board: every open urgent need, the time left before its deadline, the firms it was
asked and how long each has left to answer.

A coordinator keeps it open through the night of an arrest: it refreshes itself every minute
(a small script of ours, which its reader may turn off; without it, a link refreshes it) and
reads as a table on a phone.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Match, Need
from ..models._types import utcnow
from ..needs import states, windows
from ..needs.queue import MOST_URGENT_FIRST
from .blueprint import bp

SHOWN = 200  # needs on the board; urgent needs beyond that many are a crisis the queue shows too
REFRESH_SECONDS = 60


@dataclass(frozen=True)
class Asked:
    """One firm asked, as the board shows it: ``status`` says where its answer stands
    (``waiting``, ``due``, ``reminded``, ``lapse_due``, ``unwindowed``, or the match's state)
    and ``left`` how long until its next step."""

    match: Match
    status: str
    left: timedelta | None = None


@dataclass(frozen=True)
class Row:
    need: Need
    deadline_left: timedelta | None
    asked: list[Asked]


def asked(match: Match, now: datetime) -> Asked:
    """Where one proposal to a firm stands at ``now``."""
    if match.state != "proposed":
        return Asked(match, match.state)
    if match.answer_by is None:
        return Asked(match, "unwindowed")
    left = windows.next_moment(match.proposed_at, match.answer_by, match.reminded_at) - now
    if match.reminded_at is None:
        return Asked(match, "waiting" if left > timedelta(0) else "due", left)
    return Asked(match, "reminded" if left > timedelta(0) else "lapse_due", left)


@bp.route("/emergencies")
def emergencies():
    """Open emergency and urgent needs, the most urgent first, each with the firms asked."""
    now = utcnow()
    needs = db.session.scalars(
        select(Need).where(Need.state.in_(states.QUEUE_NEED_STATES), Need.urgency.in_(states.WINDOWED_URGENCIES))
        .options(selectinload(Need.matches).selectinload(Match.firm))
        .order_by(*MOST_URGENT_FIRST).limit(SHOWN)
    ).all()
    rows = [
        Row(need, windows.deadline_moment(need.deadline) - now if need.deadline else None,
            [asked(match, now) for match in need.matches if match.firm_id is not None])
        for need in needs
    ]
    return render_template("coordinator/emergencies.html", rows=rows, now=now, shown=SHOWN,
                           refresh=REFRESH_SECONDS)
