"""The firm's own report of what it gave through the platform, for its pro bono reporting: the
matters it closed in a period, with when the work ran, its hours and how each ended, on a page
and as a CSV file."""

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.downloads import csv_response
from ..extensions import db
from ..models import Match
from ..needs.outcomes import OUTCOMES
from ..web.languages import number
from ..web.reporting import period_asked
from .blueprint import bp


def _closed(period) -> list[Match]:
    return db.session.scalars(select(Match).where(
        Match.firm_id == current_user.firm_id, Match.state == "completed", Match.closed_at >= period.start,
        Match.closed_at <= period.end).options(selectinload(Match.offer)).order_by(Match.closed_at)).all()


def _rows(matches: list[Match]) -> list[list[str]]:
    return [[str(match.id), match.offer.title if match.offer else "", _day(match.work_started_on),
             _day(match.work_ended_on), number(match.hours or 0), str(OUTCOMES.get(match.outcome, ""))]
            for match in matches]


def _day(day) -> str:
    return day.isoformat() if day else ""


@bp.route("/report")
def report():
    period = period_asked()
    matches = _closed(period)
    return render_template("firm/report.html", period=period, rows=_rows(matches), matters=len(matches),
                           hours=sum(match.hours or 0 for match in matches), firm=current_user.firm)


@bp.route("/report.csv")
def report_csv():
    period = period_asked()
    header = [_("Matter"), _("Offer"), _("Work began"), _("Work ended"), _("Hours"), _("Outcome")]
    return csv_response(f"pro-bono-{period.since}-{period.until}.csv", header, _rows(_closed(period)))
