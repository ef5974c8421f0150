"""The platform's work as a whole, for coordinators: how fast needs get help, where they come from,
how firms answer, and what they gave; each measure a chart, a table and a CSV file.

Every count under ``FEWER_THAN`` is blurred, in the table, the chart and the file alike, and a
median or a share of fewer needs is not given: a report is shown and passed on, and must not
let anyone pick out a defender. The period is read from the address (two days are no secret)
and defaults to the last year (``web.reporting``).
"""

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_, func, select

from ..core import audit
from ..core.charts import Bar, bar_chart
from ..core.downloads import csv_response
from ..extensions import db
from ..matching import vocab
from ..models import AuditEvent, LawFirm, LegalAidFund, Match, Need
from ..needs.outcomes import OUTCOMES
from ..web.languages import amount, number
from ..web.reporting import FEWER_THAN, Period, blurred, period_asked
from .blueprint import bp

URGENCIES = ("emergency", "urgent", "standard")
ANSWERS = ("match.accept", "match.decline", "match.lapse")


# Rows a page shows of each measure, so that it stays light on a slow line; its file has them all.
ROWS_SHOWN = 15


@dataclass
class Table:
    """One measure: its columns, its rows as shown (blurred where they must be), and the bars of its
    chart, one a row and in the same order."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    bars: list[Bar]

    @property
    def shown(self) -> list[list[str]]:
        return self.rows[:ROWS_SHOWN]

    @property
    def chart(self):
        return bar_chart(self.bars[:ROWS_SHOWN], self.title)


def _count_bar(label: str, count: int) -> Bar:
    return Bar(label, count if count >= FEWER_THAN else None, blurred(count))


def _counted(title: str, key: str, heading: str, counts: Counter, name) -> Table:
    """A table of counts, most first, each row named by ``name(code)``."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    rows = [[name(code), blurred(count)] for code, count in ordered]
    return Table(key, title, [heading, _("Needs")], rows, [_count_bar(name(code), count) for code, count in ordered])


def _submitted(period: Period):
    return and_(Need.submitted_at.is_not(None), Need.submitted_at >= period.start, Need.submitted_at <= period.end)


def _by_country(period: Period) -> Table:
    counts = Counter(dict(db.session.execute(
        select(Need.country, func.count()).where(_submitted(period)).group_by(Need.country)).all()))
    return _counted(_("Needs by country"), "countries", _("Country"), counts, vocab.country_name)


def _by_threat(period: Period) -> Table:
    counts = Counter(dict(db.session.execute(
        select(Need.threat, func.count()).where(_submitted(period)).group_by(Need.threat)).all()))
    return _counted(_("Needs by legal threat"), "threats", _("Legal threat"), counts,
                    lambda code: vocab.THREATS.get(code, code))


def _hours(earlier: datetime, later: datetime) -> float:
    return max(0.0, (later - earlier).total_seconds() / 3600)


def _p90(values: list[float]) -> float:
    """The nearest-rank 90th percentile: the smallest value with nine tenths of them at or below it."""
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _wait_cells(waits: list[float]) -> list[str]:
    """The median and p90 of some waits in hours, or dashes for fewer than ``FEWER_THAN``."""
    if len(waits) < FEWER_THAN:
        return ["—", "—"]
    return [number(round(statistics.median(waits), 1)), number(round(_p90(waits), 1))]


def _speed(period: Period) -> Table:
    """Hours from submission to the first proposal and to the first acceptance, by urgency."""
    needs = db.session.execute(select(Need.id, Need.urgency, Need.submitted_at).where(_submitted(period))).all()
    of_the_period = Match.need_id.in_(select(Need.id).where(_submitted(period)))
    first_proposal = dict(db.session.execute(
        select(Match.need_id, func.min(Match.proposed_at)).where(of_the_period).group_by(Match.need_id)).all())
    first_accepted = dict(db.session.execute(
        select(Match.need_id, func.min(AuditEvent.created_at))
        .join(AuditEvent, and_(AuditEvent.subject_type == Match.__tablename__, AuditEvent.subject_id == Match.id))
        .where(AuditEvent.action == "match.accept", of_the_period).group_by(Match.need_id)).all())
    rows, bars = [], []
    for urgency in URGENCIES:
        submitted = {need_id: at for need_id, kind, at in needs if kind == urgency}
        label = vocab.URGENCY_LABELS[urgency]
        proposed, accepted = ([_hours(at, firsts[need_id]) for need_id, at in submitted.items() if need_id in firsts]
                              for firsts in (first_proposal, first_accepted))
        rows.append([label, blurred(len(submitted)), *_wait_cells(proposed), *_wait_cells(accepted)])
        bars.append(Bar(label, statistics.median(proposed) if len(proposed) >= FEWER_THAN else None, rows[-1][2]))
    columns = [_("Urgency"), _("Needs submitted"), _("Median hours to a first proposal"), _("p90"),
               _("Median hours to an acceptance"), _("p90")]
    return Table("speed", _("Time from submission to help"), columns, rows, bars)


def _responsiveness(period: Period) -> Table:
    """Per firm, most proposed first, the proposals made to it in the period: answered, answered within the
    window, accepted."""
    # A proposal has at most one answer (accepted, declined, or lapsed for its silence): one row each.
    answer = and_(AuditEvent.subject_type == Match.__tablename__, AuditEvent.subject_id == Match.id,
                  AuditEvent.action.in_(ANSWERS))
    proposals = db.session.execute(
        select(Match.firm_id, Match.answer_by, AuditEvent.action, AuditEvent.created_at.label("answered_at"))
        .outerjoin(AuditEvent, answer)
        .where(Match.firm_id.is_not(None), Match.proposed_at >= period.start, Match.proposed_at <= period.end)).all()
    by_firm: dict[int, list] = defaultdict(list)
    for proposal in proposals:
        by_firm[proposal.firm_id].append(proposal)
    names = dict(db.session.execute(select(LawFirm.id, LawFirm.name).where(LawFirm.id.in_(by_firm))).all())
    rows, bars = [], []
    for firm_id, given in sorted(by_firm.items(), key=lambda item: (-len(item[1]), names[item[0]].casefold())):
        answered = [p for p in given if p.action in ANSWERS[:2]]
        in_window = [p for p in answered if p.answer_by is None or p.answered_at <= p.answer_by]
        accepted = [p for p in given if p.action == "match.accept"]
        enough = len(given) >= FEWER_THAN
        shares = [f"{round(100 * len(part) / len(given))}%" if enough else "—" for part in (in_window, accepted)]
        rows.append([names[firm_id], blurred(len(given)), blurred(len(answered)), *shares])
        bars.append(Bar(names[firm_id], round(100 * len(in_window) / len(given)) if enough else None, shares[0]))
    columns = [_("Firm"), _("Proposals"), _("Answered"), _("Answered within the window"), _("Accepted")]
    return Table("responsiveness", _("Firms' responsiveness"), columns, rows, bars)


def _completed(period: Period):
    return and_(Match.state == "completed", Match.closed_at >= period.start, Match.closed_at <= period.end)


def _hours_by_firm(period: Period) -> Table:
    """Hours recorded on the matters firms closed in the period."""
    given = db.session.execute(
        select(LawFirm.name, func.count(), func.sum(Match.hours)).join(LawFirm, LawFirm.id == Match.firm_id)
        .where(_completed(period)).group_by(LawFirm.name)).all()
    ordered = sorted(given, key=lambda row: (-(row[2] or 0), row[0].casefold()))
    rows = [[name, blurred(count), number(hours or 0)] for name, count, hours in ordered]
    bars = [Bar(name, float(hours or 0), number(hours or 0)) for name, _count, hours in ordered]
    return Table("hours", _("Hours given by firm"), [_("Firm"), _("Matters closed"), _("Hours")], rows, bars)


def _by_outcome(period: Period) -> Table:
    """How the matters firms closed in the period ended."""
    counts = Counter(dict(db.session.execute(
        select(Match.outcome, func.count()).where(_completed(period), Match.firm_id.is_not(None),
                                                  Match.outcome.is_not(None)).group_by(Match.outcome)).all()))
    return _counted(_("Matters closed, by outcome"), "outcomes", _("Outcome"), counts,
                    lambda code: str(OUTCOMES.get(code, code)))


def _granted_by_fund(period: Period) -> Table:
    """What each fund granted on the needs it completed in the period, one row per currency."""
    granted = db.session.execute(
        select(LegalAidFund.name, Match.granted_currency, func.count(), func.sum(Match.granted_amount))
        .join(LegalAidFund, LegalAidFund.id == Match.fund_id)
        .where(_completed(period), Match.granted_amount.is_not(None))
        .group_by(LegalAidFund.name, Match.granted_currency)).all()
    ordered = sorted(granted, key=lambda row: (row[1], -row[3], row[0].casefold()))
    rows = [[name, currency, blurred(count), amount(total, currency)] for name, currency, count, total in ordered]
    bars = [Bar(f"{name} ({currency})", float(total), amount(total, currency))
            for name, currency, _count, total in ordered]
    return Table("grants", _("Money granted by fund"), [_("Fund"), _("Currency"), _("Needs funded"), _("Granted")],
                 rows, bars)


MEASURES = {
    "speed": _speed,
    "countries": _by_country,
    "threats": _by_threat,
    "responsiveness": _responsiveness,
    "hours": _hours_by_firm,
    "outcomes": _by_outcome,
    "grants": _granted_by_fund,
}


@bp.route("/reports")
def reports():
    period = period_asked()
    tables = [measure(period) for measure in MEASURES.values()]
    return render_template("coordinator/reports.html", tables=tables, period=period, threshold=FEWER_THAN)


@bp.route("/reports/<key>.csv")
def report_csv(key: str):
    """One measure as the page shows it, blurred counts and all, as a file a spreadsheet opens safely."""
    if key not in MEASURES:
        abort(404)
    period = period_asked()
    table = MEASURES[key](period)
    audit.record(current_user._get_current_object(), "report.export", current_user._get_current_object(),
                 note=f"{key} {period.since}..{period.until}")
    return csv_response(f"{key}-{period.since}-{period.until}.csv", table.columns, table.rows)
