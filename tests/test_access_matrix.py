"""Who may open which page: every blueprint's pages against every role, with real ids.

Each role signs in once per test and opens every route; the test compares the whole
row of status codes, so one failure shows every route that answers wrongly.
Refused answers must not carry any of the records' confidential text.
"""

import re

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import ClientImport, Match, RegistryImport
from matcher.needs import workflow
from tests import factories

ROLES = ("anonymous", "defender", "firm", "coordinator", "admin")
LOGIN = 302

# path template -> expected status for (anonymous, defender, firm member, coordinator, admin)
MATRIX = {
    "/defender/": (LOGIN, 200, 403, 403, 403),
    "/defender/needs/new": (LOGIN, 200, 403, 403, 403),
    "/defender/needs/{own_need}": (LOGIN, 200, 403, 403, 403),
    "/defender/needs/{other_need}": (LOGIN, 404, 403, 403, 403),
    "/defender/needs/{draft}/edit": (LOGIN, 200, 403, 403, 403),
    "/defender/needs/{other_need}/edit": (LOGIN, 404, 403, 403, 403),
    "/defender/needs/{own_need}/withdraw": (LOGIN, 200, 403, 403, 403),
    "/defender/needs/{other_need}/withdraw": (LOGIN, 404, 403, 403, 403),
    "/firm/": (LOGIN, 403, 200, 403, 403),
    "/firm/clients": (LOGIN, 403, 200, 403, 403),
    "/firm/clients/upload": (LOGIN, 403, 200, 403, 403),
    "/firm/clients/imports/{own_import}": (LOGIN, 403, 200, 403, 403),
    "/firm/clients/imports/{other_import}": (LOGIN, 403, 404, 403, 403),
    "/firm/invite": (LOGIN, 403, 200, 403, 403),
    "/firm/team": (LOGIN, 403, 200, 403, 403),
    "/firm/offers/new": (LOGIN, 403, 200, 403, 403),
    "/firm/offers/{own_offer}/edit": (LOGIN, 403, 200, 403, 403),
    "/firm/offers/{other_offer}/edit": (LOGIN, 403, 404, 403, 403),
    "/firm/matters/{own_match}": (LOGIN, 403, 200, 403, 403),
    "/firm/matters/{other_match}": (LOGIN, 403, 404, 403, 403),
    "/firm/positions": (LOGIN, 403, 200, 403, 403),
    "/firm/api-tokens": (LOGIN, 403, 200, 403, 403),
    "/firm/report": (LOGIN, 403, 200, 403, 403),
    "/firm/report.csv": (LOGIN, 403, 200, 403, 403),
    "/coordinator/": (LOGIN, 403, 403, 200, 200),
    "/coordinator/people": (LOGIN, 403, 403, 200, 200),
    "/coordinator/emergencies": (LOGIN, 403, 403, 200, 200),
    "/coordinator/needs/{own_need}": (LOGIN, 403, 403, 200, 200),
    "/coordinator/needs/999999": (LOGIN, 403, 403, 404, 404),
    "/coordinator/funds": (LOGIN, 403, 403, 200, 200),
    "/coordinator/funds/new": (LOGIN, 403, 403, 200, 200),
    "/coordinator/funds/{fund}/edit": (LOGIN, 403, 403, 200, 200),
    "/coordinator/intake": (LOGIN, 403, 403, 200, 200),
    "/coordinator/intake/{other_defender}": (LOGIN, 403, 403, 200, 200),
    "/coordinator/reviews": (LOGIN, 403, 403, 200, 200),
    "/coordinator/repeat-parties": (LOGIN, 403, 403, 200, 200),
    "/coordinator/reports": (LOGIN, 403, 403, 200, 200),
    "/coordinator/reports/speed.csv": (LOGIN, 403, 403, 200, 200),
    "/coordinator/relations": (LOGIN, 403, 403, 200, 200),
    "/coordinator/relations/upload": (LOGIN, 403, 403, 200, 200),
    "/coordinator/relations/imports/{registry_import}": (LOGIN, 403, 403, 200, 200),
    "/coordinator/relations/imports/999999": (LOGIN, 403, 403, 404, 404),
    "/coordinator/audit": (LOGIN, 403, 403, 200, 200),
    "/coordinator/audit.csv": (LOGIN, 403, 403, 200, 200),
    "/defender/data": (LOGIN, 200, 403, 403, 403),
    "/defender/data/download": (LOGIN, 200, 403, 403, 403),
    "/admin/": (LOGIN, 403, 403, 403, 200),
    "/admin/accounts/{a_coordinator}": (LOGIN, 403, 403, 403, 200),
    "/admin/accounts/999999": (LOGIN, 403, 403, 403, 404),
    "/account/password": (LOGIN, 200, 200, 200, 200),
    "/account/2fa/setup": (LOGIN, 200, 200, 200, 200),
}

# Text only the record's owner (and coordinators) may read.
SECRETS = ("Own need summary", "Other need summary", "Hearing on the 12th", "Signal @rosa-secure")


@pytest.fixture
def world(app):
    """Two defenders, two firms each with a member, an offer and a proposed matter, a fund, staff."""
    owner, other = factories.defender(), factories.defender()
    own_firm, other_firm = factories.firm(name="Own Firm"), factories.firm(name="Other Firm")
    own_offer, other_offer = factories.offer(own_firm), factories.offer(other_firm)
    coordinator = factories.coordinator()
    own_need = factories.need(owner, state="verified", summary="Own need summary")
    other_need = factories.need(other, state="verified", summary="Other need summary")
    own_match = workflow.propose(coordinator, own_need, offer=own_offer)
    other_match = workflow.propose(coordinator, other_need, offer=other_offer)
    users = {
        "defender": owner,
        "firm": factories.firm_member(of=own_firm),
        "coordinator": coordinator,
        "admin": factories.user("admin"),
    }
    ids = {
        "own_need": own_need.id,
        "other_need": other_need.id,
        "draft": factories.need(owner, summary="Own need summary").id,
        "own_offer": own_offer.id,
        "other_offer": other_offer.id,
        "own_match": own_match.id,
        "other_match": other_match.id,
        "fund": factories.fund().id,
        "other_defender": other.defender.id,
        "a_coordinator": coordinator.id,
        "own_import": _finished(ClientImport(firm_id=own_firm.id)),
        "other_import": _finished(ClientImport(firm_id=other_firm.id)),
        "registry_import": _finished(RegistryImport()),
    }
    db.session.commit()
    return users, ids


def _finished(record) -> int:
    """An import that is over, so its page does not wait on a job."""
    record.state, record.rows, record.needs_screened = "done", 1, 0
    db.session.add(record)
    db.session.flush()
    return record.id


def test_every_route_in_the_matrix_exists(app):
    """A 404 in the matrix must mean a refused record, never a route that is not there."""
    adapter = app.url_map.bind("localhost")
    for template in MATRIX:
        endpoint, _ = adapter.match(re.sub(r"\{\w+\}", "1", template), method="GET")
        blueprint = {"account": "auth"}.get(template.split("/")[1], template.split("/")[1])
        assert endpoint.split(".")[0] == blueprint


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_own_pages(web, world, role):
    users, ids = world
    if role != "anonymous":
        web.login(users[role])
    column = ROLES.index(role)
    expected, actual = {}, {}
    for template, statuses in MATRIX.items():
        path = template.format_map(ids)
        response = web.get(path)
        expected[path], actual[path] = statuses[column], response.status_code
        if response.status_code != 200:
            body = response.get_data(as_text=True)
            assert not [secret for secret in SECRETS if secret in body], path
        if response.status_code == LOGIN:
            assert "/account/login" in response.headers["Location"]
    assert actual == expected


# Actions: a coordinator's POST routes refuse everyone else, and change nothing.
COORDINATOR_ACTIONS = (
    ("/coordinator/needs/{other_need}/propose", {"kind": "offer", "candidate_id": "{own_offer}"}),
    ("/coordinator/needs/{other_need}/withdraw", {"withdraw-note": "by someone else"}),
    ("/coordinator/matches/{other_match}/decline", {"m{other_match}-reason": "not ours"}),
    ("/coordinator/defenders/{other_defender}/verify", {}),
)


@pytest.mark.parametrize("role", ("anonymous", "defender", "firm"))
def test_coordinator_actions_refuse_other_roles(web, world, role):
    users, ids = world
    if role != "anonymous":
        web.login(users[role])
    for template, data in COORDINATOR_ACTIONS:
        form = {key.format_map(ids): value.format_map(ids) for key, value in data.items()}
        response = web.post(template.format_map(ids), form)
        assert response.status_code == (LOGIN if role == "anonymous" else 403), template
    matches = db.session.scalars(select(Match).order_by(Match.id)).all()
    assert [(m.need_id, m.state) for m in matches] == [(ids["own_need"], "proposed"),
                                                        (ids["other_need"], "proposed")]


def test_a_firm_member_cannot_post_to_another_firms_matter(web, world):
    users, ids = world
    web.login(users["firm"])
    response = web.post(f"/firm/matters/{ids['other_match']}/accept")
    assert response.status_code == 404
    assert db.session.get(Match, ids["other_match"]).state == "proposed"


def test_a_conflicted_firm_is_never_proposed_the_need(web, outbox):
    """Screening blocks the firm before anyone can show it the matter, by either proposal form."""
    firm = factories.firm(name="Bufete Minero", clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    offer = factories.offer(firm)
    member = factories.firm_member(of=firm)
    need = factories.need(factories.defender(), state="verified", summary="Sued for denouncing the mine.")
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)

    single = web.post(f"/coordinator/needs/{need.id}/propose",
                      {"kind": "offer", "candidate_id": str(offer.id), "confirmed": "yes"}, follow_redirects=True)
    several = web.post(f"/coordinator/needs/{need.id}/propose-several",
                       {"several-offers": [str(offer.id)], "confirmed": "yes"})

    assert "cannot be proposed" in single.get_data(as_text=True)
    assert "is not a valid choice" in several.get_data(as_text=True)
    with pytest.raises(workflow.TransitionError):
        workflow.propose(coordinator, need, offer=offer)
    db.session.rollback()
    assert db.session.scalars(select(Match)).all() == []
    assert all(member.email not in message.recipients for message in outbox)

    web.logout()
    web.login(member)
    assert "Sued for denouncing the mine." not in web.get("/firm/").get_data(as_text=True)
