"""The coordinators' reports: each measure as a chart, a table and a CSV file, small counts blurred."""

import csv
import io
import re
from datetime import timedelta

import pytest

from matcher.extensions import db
from matcher.models import AuditEvent
from matcher.models._types import utcnow
from matcher.needs import workflow
from tests import factories


def _table(page: str, key: str) -> list[list[str]]:
    section = re.search(rf'<section class="report" aria-labelledby="report-{key}">(.*?)</section>', page, re.S)
    body = section.group(1)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)][1:]


@pytest.fixture
def world(app):
    """Six urgent needs from Honduras and two from Peru, each proposed to one firm some hours after
    it was submitted; the Honduran ones accepted."""
    firm = factories.firm(name="Garza & Partners")
    member = factories.firm_member(of=firm)
    offer = factories.offer(firm, capacity=20)
    coordinator = factories.coordinator()
    for number in range(8):
        country = "HN" if number < 6 else "PE"
        need = factories.need(factories.defender(country=country), state="verified", country=country, urgency="urgent")
        need.submitted_at = utcnow() - timedelta(hours=10 + number)
        match = workflow.propose(coordinator, need, offer=offer)
        match.proposed_at = need.submitted_at + timedelta(hours=2 * (number + 1))
        if country == "HN":
            workflow.accept_match(member, match)
    db.session.commit()
    return coordinator


def test_the_reports_count_needs_by_country_blurring_the_few(web, world):
    web.login(world)
    page = web.get("/coordinator/reports").get_data(as_text=True)
    assert _table(page, "countries") == [["Honduras", "6"], ["Peru", "fewer than 5"]]
    assert '<svg class="chart"' in page and 'role="img"' in page


def test_the_time_to_a_first_proposal_is_a_median_and_p90_by_urgency_in_hours(web, world):
    web.login(world)
    rows = {row[0]: row[1:] for row in _table(web.get("/coordinator/reports").get_data(as_text=True), "speed")}
    assert rows["Urgent (weeks)"][:3] == ["8", "9", "16"]  # 2, 4, ... 16 hours: median 9, p90 16
    assert rows["Urgent (weeks)"][3] != "—"  # six acceptances: enough to give their median
    assert rows["Emergency (days)"] == ["fewer than 5", "—", "—", "—", "—"]


def test_firms_responsiveness_gives_shares_only_of_enough_proposals(web, world):
    web.login(world)
    (row,) = _table(web.get("/coordinator/reports").get_data(as_text=True), "responsiveness")
    assert row == ["Garza &amp; Partners", "8", "6", "75%", "75%"]  # shares of the proposals: the silent count too


def test_a_period_before_anything_happened_shows_nothing_and_a_bad_day_is_refused(web, world):
    web.login(world)
    page = web.get("/coordinator/reports?since=2020-01-01&until=2020-12-31").get_data(as_text=True)
    assert _table(page, "countries") == [] and "Nothing in this period." in page
    assert web.get("/coordinator/reports?since=2026-13-01").status_code == 400
    assert web.get("/coordinator/reports?since=2026-12-02&until=2026-12-01").status_code == 400


def test_a_report_downloads_as_the_page_shows_it_formula_safe_and_the_export_is_audited(web, world):
    factories.need(factories.defender(), state="submitted", threat="=cmd|' /C calc'!A0")
    db.session.commit()
    web.login(world)
    response = web.get("/coordinator/reports/threats.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Legal threat", "Needs"]
    assert ["'=cmd|' /C calc'!A0", "fewer than 5"] in rows
    assert db.session.scalar(db.select(AuditEvent.action).where(AuditEvent.action == "report.export"))
    assert web.get("/coordinator/reports/nothing.csv").status_code == 404


@pytest.mark.parametrize("who", ["firm member", "defender"])
def test_no_one_but_staff_opens_the_reports(web, world, who):
    web.login(factories.firm_member() if who == "firm member" else factories.defender())
    for path in ("/coordinator/reports", "/coordinator/reports/countries.csv"):
        response = web.get(path)
        assert response.status_code == 403 and "Honduras" not in response.get_data(as_text=True)


def test_outcomes_and_grants_are_counted_and_summed_over_the_matters_closed(web, world):
    from datetime import date
    from decimal import Decimal

    from matcher.models import Match
    from matcher.needs import outcomes

    fund = factories.fund(name="Bail Fund", currency="USD")
    for match in db.session.scalars(db.select(Match).where(Match.state == "accepted")).all():
        workflow.confirm_match(match.need.defender.user, match)
        grant = workflow.propose(world, match.need, fund=fund)  # a fund alongside the counsel
        workflow.accept_match(world, grant)
        workflow.confirm_match(match.need.defender.user, grant)
        workflow.complete_match(world, grant, outcomes.Grant(amount=Decimal("1500.50"), currency="USD",
                                                             paid_for=("representation",)))
        workflow.complete_match(factories.firm_member(of=match.firm), match, outcomes.Closing(
            hours=Decimal("7.5"), started_on=date(2026, 11, 1), ended_on=date(2026, 11, 20), outcome="acquitted"))
    db.session.commit()
    web.login(world)
    page = web.get("/coordinator/reports").get_data(as_text=True)
    assert _table(page, "outcomes") == [["Acquitted", "6"]]
    assert _table(page, "grants") == [["Bail Fund", "USD", "6", "$9,003.00"]]
    assert _table(page, "hours") == [["Garza &amp; Partners", "6", "45"]]
