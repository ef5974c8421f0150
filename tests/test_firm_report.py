"""A firm's own report of the matters it closed through the platform and their hours."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from matcher.extensions import db
from matcher.needs import outcomes, workflow
from tests import factories


@pytest.fixture
def closed(app):
    """Two matters the firm closed, and one another firm closed."""
    firm, other = factories.firm(name="Garza & Partners"), factories.firm(name="Other LLP")
    member = factories.firm_member(of=firm)
    for owner, hours in ((firm, 12), (firm, 30), (other, 99)):
        need = factories.need(factories.defender(), state="verified")
        match = workflow.propose(factories.coordinator(), need, offer=factories.offer(owner, title="Defence"))
        workflow.accept_match(factories.firm_member(of=owner), match)
        workflow.confirm_match(need.defender.user, match)
        workflow.complete_match(factories.firm_member(of=owner), match, outcomes.Closing(
            hours=Decimal(hours), started_on=date(2026, 1, 5), ended_on=date(2026, 2, 5), outcome="charges_dropped"))
    db.session.commit()
    return member


def test_the_report_lists_the_firms_own_closed_matters_with_their_hours(web, closed):
    web.login(closed)
    page = web.get("/firm/report").get_data(as_text=True)
    assert "2 matters closed" in page and "42 hours" in page and "99" not in page


def test_the_report_downloads_as_csv_and_a_period_without_matters_is_empty(web, closed):
    web.login(closed)
    rows = list(csv.reader(io.StringIO(web.get("/firm/report.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Matter", "Offer", "Work began", "Work ended", "Hours", "Outcome"]
    assert [row[2:] for row in rows[1:]] == [["2026-01-05", "2026-02-05", "12", "Charges dropped"],
                                             ["2026-01-05", "2026-02-05", "30", "Charges dropped"]]
    assert "Nothing in this period." in web.get("/firm/report?since=2020-01-01&until=2020-02-01").get_data(
        as_text=True)
    assert web.get("/firm/report?until=yesterday").status_code == 400


@pytest.mark.parametrize("who", ["coordinator", "defender"])
def test_only_firm_members_open_a_firms_report(web, closed, who):
    web.login(factories.coordinator() if who == "coordinator" else factories.defender())
    assert web.get("/firm/report").status_code == 403
    assert web.get("/firm/report.csv").status_code == 403
