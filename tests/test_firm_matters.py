"""A firm member answers the matters proposed to the firm, and sees only what the state allows."""

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.matching.engine import reason
from matcher.models import AuditEvent, Match
from matcher.needs import workflow
from tests import factories

SUMMARY = "Sued for denouncing a mine."
DETAILS = "Hearing on the 12th at the district court."
CONTACT = "Signal @rosa-secure"
PSEUDONYM = "Rosa Quiroga"


def propose_to(firm, owner=None, **need_fields):
    """A verified need proposed to ``firm`` under a fresh offer; the firm must exist before the need."""
    offer = factories.offer(firm)
    owner = owner or factories.defender(display_name=PSEUDONYM)
    need = factories.need(owner, state="verified", **need_fields)
    match = workflow.propose(factories.coordinator(), need, offer=offer,
                             reasons=[reason("practice_all", areas=frozenset({"defamation"}))])
    db.session.commit()
    return match


@pytest.fixture
def firm():
    return factories.firm(name="Garza & Partners")


@pytest.fixture
def member(firm):
    return factories.firm_member(of=firm)


def test_a_proposed_matter_shows_the_summary_without_identity_details_or_contact(web, firm, member):
    match = propose_to(firm, parties=("Minera Andina S.A.",))
    web.login(member)

    page = web.get(f"/firm/matters/{match.id}").get_data(as_text=True)

    assert SUMMARY in page
    assert "Minera Andina S.A." in page
    assert "practises every area the need calls for (SLAPP and defamation)" in page
    assert "SLAPP or defamation suit" in page
    for secret in (DETAILS, CONTACT, PSEUDONYM):
        assert secret not in page


def test_opening_a_matter_writes_the_read_to_the_audit_log(web, firm, member):
    match = propose_to(firm)
    web.login(member)

    web.get(f"/firm/matters/{match.id}")

    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "need.read"))
    assert event.actor_id == member.id
    assert event.need_id == match.need_id
    assert event.note == "summary"


def test_the_whole_matter_flow_from_proposal_to_closing(web, firm, member):
    match = propose_to(firm)
    defender = match.need.defender.user
    web.login(member)

    response = web.post(f"/firm/matters/{match.id}/accept", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You accepted the matter" in page
    assert CONTACT not in page and DETAILS not in page and PSEUDONYM not in page
    assert match.state == "accepted"
    assert match.offer.capacity_used == 1
    assert match.need.state == "accepted"

    workflow.confirm_match(defender, match)
    db.session.commit()
    page = web.get(f"/firm/matters/{match.id}").get_data(as_text=True)
    assert CONTACT in page and DETAILS in page and PSEUDONYM in page
    assert "Close the matter" in page

    response = web.post(f"/firm/matters/{match.id}/close",
                        {"hours": "42", "started_on": "2026-01-05", "ended_on": "2026-03-02",
                         "outcome": "slapp_dismissed", "note": "Dismissed at the first hearing.", "confirmed": "yes"},
                        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The matter is closed" in page
    assert "SLAPP dismissed early" in page and "Dismissed at the first hearing." in page
    assert match.state == "completed"
    assert (match.hours, match.outcome, match.outcome_note) == (
        42, "slapp_dismissed", "Dismissed at the first hearing.")
    assert match.offer.capacity_used == 0
    assert match.need.state == "closed"


def test_closing_needs_hours_not_below_zero_and_an_outcome(web, firm, member):
    match = propose_to(firm)
    workflow.accept_match(member, match)
    workflow.confirm_match(match.need.defender.user, match)
    db.session.commit()
    web.login(member)

    page = web.post(f"/firm/matters/{match.id}/close", {"hours": "-3", "outcome": ""}).get_data(as_text=True)

    assert "Hours cannot be negative" in page
    assert "Choose what came of the matter." in page
    assert 'value="-3"' in page
    assert match.state == "active"
    assert match.offer.capacity_used == 1


def test_declining_requires_a_reason(web, firm, member):
    match = propose_to(firm)
    web.login(member)

    page = web.post(f"/firm/matters/{match.id}/decline", {"reason": "  "}).get_data(as_text=True)

    assert "Say why the firm declines." in page
    assert match.state == "proposed"


def test_declining_with_a_reason_sends_the_need_back_to_the_coordinators(web, firm, member):
    match = propose_to(firm)
    web.login(member)

    response = web.post(f"/firm/matters/{match.id}/decline", {"reason": "No capacity in Honduras this month."},
                        follow_redirects=True)

    page = response.get_data(as_text=True)
    assert "You declined the matter" in page
    assert "No capacity in Honduras this month." in page
    assert SUMMARY not in page
    assert match.state == "declined"
    assert match.response_note == "No capacity in Honduras this month."
    assert match.need.state == "verified"


def test_accepting_a_matter_another_firm_took_says_so_and_hides_the_summary(web, firm, member):
    other_firm = factories.firm()
    other_member = factories.firm_member(of=other_firm)
    ours = propose_to(firm)
    theirs = workflow.propose(factories.coordinator(), ours.need, offer=factories.offer(other_firm))
    db.session.commit()
    web.login(member)
    assert SUMMARY in web.get(f"/firm/matters/{ours.id}").get_data(as_text=True)
    workflow.accept_match(other_member, theirs)
    db.session.commit()

    response = web.post(f"/firm/matters/{ours.id}/accept", follow_redirects=True)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This matter has been taken or is no longer open." in page
    assert "This matter is no longer available" in page
    assert SUMMARY not in page
    assert ours.state == "cancelled"
    assert ours.offer.capacity_used == 0


def test_a_withdrawn_matter_is_no_longer_available(web, firm, member):
    match = propose_to(firm)
    workflow.withdraw_need(match.need.defender.user, match.need)
    db.session.commit()
    web.login(member)

    page = web.get(f"/firm/matters/{match.id}").get_data(as_text=True)

    assert "This matter is no longer available" in page
    assert SUMMARY not in page


def test_a_firm_cannot_open_a_matter_proposed_to_another_firm(web, firm, member):
    other_firm = factories.firm()
    propose_to(firm)
    theirs = propose_to(other_firm, summary="Another defender's secret summary.")
    web.login(member)

    for url in (f"/firm/matters/{theirs.id}", f"/firm/matters/{theirs.id + 1000}"):
        response = web.get(url)
        assert response.status_code == 404
        assert "Another defender's secret summary." not in response.get_data(as_text=True)
    assert web.post(f"/firm/matters/{theirs.id}/accept").status_code == 404
    assert web.post(f"/firm/matters/{theirs.id}/decline", {"reason": "no"}).status_code == 404
    assert theirs.state == "proposed"


def test_a_firm_cannot_open_a_fund_match(web, firm, member):
    need = factories.need(factories.defender(), state="verified", summary="A fund's secret summary.")
    match = workflow.propose(factories.coordinator(), need, fund=factories.fund())
    db.session.commit()
    web.login(member)

    response = web.get(f"/firm/matters/{match.id}")

    assert response.status_code == 404
    assert "A fund's secret summary." not in response.get_data(as_text=True)


def test_a_firm_member_cannot_open_the_coordinator_or_defender_pages(web, member):
    db.session.commit()
    web.login(member)

    assert web.get("/coordinator/").status_code == 403
    assert web.get("/defender/").status_code == 403


def test_accepting_without_the_csrf_token_is_refused_and_changes_nothing(web, firm, member):
    match = propose_to(firm)
    web.login(member)

    response = web.post(f"/firm/matters/{match.id}/accept", csrf=False)

    assert response.status_code == 400
    db.session.refresh(match)
    assert match.state == "proposed"
    assert match.offer.capacity_used == 0
    assert db.session.scalars(select(Match.state)).all() == ["proposed"]


def test_after_the_defender_refuses_the_firm_gets_its_place_back_and_no_longer_sees_the_matter(web, firm, member):
    match = propose_to(firm)
    workflow.accept_match(member, match)
    workflow.refuse_match(match.need.defender.user, match)
    db.session.commit()
    web.login(member)

    page = web.get(f"/firm/matters/{match.id}").get_data(as_text=True)

    assert "The defender did not take up the firm's acceptance" in page
    assert SUMMARY not in page and CONTACT not in page
    assert match.offer.capacity_used == 0
