"""A firm without a client list is not screened, so never clear, until it uploads one or attests it has
no clients to declare; the attestation says who and when, and runs out."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matcher.conflicts import screening
from matcher.extensions import db
from matcher.matching import ranking
from matcher.matching.reasons import say
from matcher.models import AuditEvent, ConflictCheck
from matcher.models._types import utcnow
from matcher.needs import workflow
from matcher.needs.workflow import TransitionError
from tests import factories


@pytest.fixture
def listless(app):
    """A verified firm that has neither a client list nor an attestation, with an offer."""
    firm = factories.firm(name="Quiet Chambers", attests_no_clients=False)
    offer = factories.offer(firm)
    db.session.commit()
    return firm, offer


def _result(need, firm) -> str:
    return db.session.scalar(select(ConflictCheck.result).where(ConflictCheck.need_id == need.id,
                                                                ConflictCheck.firm_id == firm.id))


def test_a_firm_without_a_list_is_not_screened_and_cannot_be_proposed(listless):
    firm, offer = listless
    need = factories.need(factories.defender(), state="verified")
    assert _result(need, firm) == "unscreened"
    assert firm.id not in screening.cleared_firm_ids(need)
    with pytest.raises(TransitionError, match="not cleared"):
        workflow.propose(factories.coordinator(), need, offer=offer)
    (reason,) = [say(e.reason) for e in ranking.rank_need(need).ranking.excluded if e.id == str(offer.id)]
    assert reason == "the firm has no client list to screen the need against"


def test_coordinators_see_that_a_firm_is_not_screened(web, listless):
    firm, _offer = listless
    need = factories.need(factories.defender(), state="verified")
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    assert "not screened: no client list" in web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    assert "not uploaded: never clear" in web.get("/coordinator/people").get_data(as_text=True)


def test_a_member_attests_the_firm_has_no_clients_and_it_is_screened_clear(web, listless):
    firm, offer = listless
    need = factories.need(factories.defender(), state="verified")
    member = factories.firm_member(of=firm, display_name="Inés Quiet")
    db.session.commit()
    web.login(member)
    assert "No clients to declare" in web.get("/firm/clients").get_data(as_text=True)

    web.post("/firm/clients/none", {"confirm": "y"})

    db.session.expire_all()
    assert firm.no_clients_attested_by_id == member.id
    assert _result(need, firm) == "clear"
    assert workflow.propose(factories.coordinator(), need, offer=offer).state == "proposed"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "clients.attest_none",
                                                      AuditEvent.actor_id == member.id)) is not None
    assert "Inés Quiet attested on" in web.get("/firm/clients").get_data(as_text=True)


def test_an_attestation_needs_the_box_ticked(web, listless):
    firm, _offer = listless
    member = factories.firm_member(of=firm)
    db.session.commit()
    web.login(member)
    page = web.post("/firm/clients/none", {}, follow_redirects=True).get_data(as_text=True)
    assert "Tick the box to attest it" in page
    db.session.expire_all()
    assert firm.no_clients_attested_at is None


def test_a_firm_with_a_list_has_nothing_to_attest(web):
    firm = factories.firm(clients="C1,Banco del Sur,,organisation,HN,,\n")
    member = factories.firm_member(of=firm)
    db.session.commit()
    web.login(member)
    page = web.post("/firm/clients/none", {"confirm": "y"}, follow_redirects=True).get_data(as_text=True)
    assert "The firm has a client list" in page
    db.session.expire_all()
    assert firm.no_clients_attested_at is None


def test_an_attestation_that_ran_out_clears_the_firm_no_more(app, listless):
    firm, offer = listless
    firm.no_clients_attested_at = utcnow() - timedelta(days=app.config["NO_CLIENTS_ATTESTATION_DAYS"] + 1)
    need = factories.need(factories.defender(), state="verified")
    assert _result(need, firm) == "unscreened"
    firm.no_clients_attested_at = utcnow()
    workflow.rescreen_firm(None, firm)
    match = workflow.propose(factories.coordinator(), need, offer=offer)
    db.session.commit()

    firm.no_clients_attested_at = utcnow() - timedelta(days=app.config["NO_CLIENTS_ATTESTATION_DAYS"] + 1)
    db.session.commit()
    assert firm.id not in screening.cleared_firm_ids(need), "no screen has to run for it to run out"
    with pytest.raises(TransitionError, match="no longer open to this firm"):
        workflow.accept_match(factories.firm_member(of=firm), match)
