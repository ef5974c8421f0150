"""A firm that becomes conflicted loses the matter at once, in whatever state its match was."""

import io

import pytest
from sqlalchemy import select

from matcher.conflicts import registry, screening
from matcher.extensions import db
from matcher.models import AuditEvent, ConflictCheck, Match
from matcher.needs import workflow
from matcher.needs.workflow import TransitionError
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"
ADVERSE = "Minera Andina S.A."
SUMMARY = "Sued for denouncing a mine."
CONTACT = "Signal @rosa-secure"



@pytest.fixture
def world(app):
    """A need proposed to a clear firm whose member is at hand."""
    firm = factories.firm(name="Garza & Partners", clients="G-1,Banco del Sur,,organisation,HN,,\n")
    offer = factories.offer(firm, capacity=1)
    owner = factories.defender()
    need = factories.need(owner, state="verified", parties=(ADVERSE,))
    coordinator = factories.coordinator()
    match = workflow.propose(coordinator, need, offer=offer)
    db.session.commit()
    return dict(firm=firm, offer=offer, owner=owner, need=need, match=match, coordinator=coordinator,
                member=factories.firm_member(of=firm))


def _to_state(world, state: str) -> None:
    match = world["match"]
    if state in ("accepted", "active"):
        workflow.accept_match(world["member"], match)
    if state == "active":
        workflow.confirm_match(world["owner"], match)
    db.session.commit()
    assert match.state == state


def _upload_client_list_naming_the_adverse_party(web, member) -> None:
    web.login(member)
    data = (HEADER + "G-1,Banco del Sur,,organisation,HN,,\nG-2,Minera Andina SA,,organisation,HN,,\n").encode()
    response = web.post("/firm/clients/upload", {"file": (io.BytesIO(data), "clients.csv")},
                        content_type="multipart/form-data")
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("state", ["proposed", "accepted", "active"])
def test_a_new_client_list_naming_the_adverse_party_ends_the_firms_match(web, world, outbox, state):
    _to_state(world, state)
    outbox.clear()

    _upload_client_list_naming_the_adverse_party(web, world["member"])

    match, need, offer = world["match"], world["need"], world["offer"]
    db.session.expire_all()
    assert db.session.get(ConflictCheck, _check_id(need, world["firm"])).result != "clear"
    assert match.state == "cancelled"
    assert need.state == "verified", "the need is back on the coordinators' list"
    assert offer.capacity_used == 0, "the reserved capacity is given back"
    page = web.get(f"/firm/matters/{match.id}").get_data(as_text=True)
    assert SUMMARY not in page and CONTACT not in page
    firm_mail = [m for m in outbox if world["member"].email in m.recipients]
    assert [m.subject for m in firm_mail] == ["A matter was withdrawn"]
    assert ADVERSE not in firm_mail[0].body and "conflict" not in firm_mail[0].body
    staff_mail = [m for m in outbox if world["coordinator"].email in m.recipients]
    assert "A firm's conflict screen changed: its match was ended" in [m.subject for m in staff_mail]
    cancel = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "match.cancel",
                                                        AuditEvent.subject_id == match.id))
    assert "no longer clear" in cancel.note


def test_a_new_relation_making_the_party_a_clients_subsidiary_ends_the_match(app, world):
    workflow.replace_registry(world["coordinator"], registry.Parsed([(ADVERSE, "Banco del Sur")], 0))
    db.session.commit()
    assert world["match"].state == "cancelled"
    assert world["firm"].id not in screening.cleared_firm_ids(world["need"])


def test_a_firm_that_is_not_cleared_cannot_accept_even_in_a_race(world):
    """Its screen turned while its page was open, before the sweep reached the match."""
    _make_unclear(world)
    with pytest.raises(TransitionError, match="no longer open to this firm"):
        workflow.accept_match(world["member"], world["match"])


def test_a_defender_cannot_consent_to_a_firm_that_is_no_longer_cleared(world):
    _to_state(world, "accepted")
    _make_unclear(world)
    with pytest.raises(TransitionError, match="no longer open to this firm"):
        workflow.confirm_match(world["owner"], world["match"])


def test_accepting_through_the_page_says_why_it_was_refused(web, world):
    _make_unclear(world)
    web.login(world["member"])
    page = web.post(f"/firm/matters/{world['match'].id}/accept", follow_redirects=True).get_data(as_text=True)
    assert "no longer open to this firm" in page
    db.session.expire_all()
    assert db.session.get(Match, world["match"].id).state == "proposed"


def test_a_clear_screen_leaves_the_match_alone(web, world):
    _to_state(world, "accepted")
    web.login(world["member"])
    data = (HEADER + "G-1,Banco del Sur,,organisation,HN,,\nG-3,Café Tostado Ltda,,organisation,HN,,\n").encode()
    web.post("/firm/clients/upload", {"file": (io.BytesIO(data), "clients.csv")}, content_type="multipart/form-data")
    db.session.expire_all()
    assert world["match"].state == "accepted"


def _check_id(need, firm) -> int:
    return db.session.scalar(select(ConflictCheck.id).where(ConflictCheck.need_id == need.id,
                                                            ConflictCheck.firm_id == firm.id))


def _make_unclear(world) -> None:
    check = db.session.get(ConflictCheck, _check_id(world["need"], world["firm"]))
    check.result = "conflict"
    db.session.commit()
