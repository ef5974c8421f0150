"""The firm member's dashboard and inviting colleagues to the firm's team."""

import re

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import User
from matcher.needs import workflow
from tests import factories


def test_a_pending_firm_is_told_no_matter_is_proposed_until_verified(web):
    member = factories.firm_member(of=factories.firm(verified=False, name="Nueva Firma"))
    db.session.commit()
    web.login(member)

    page = web.get("/firm/").get_data(as_text=True)

    assert "Nueva Firma" in page
    assert "a coordinator will verify your firm; until then no matter is proposed to you" in page.lower()


def test_the_dashboard_shows_matters_by_state_offers_clients_and_colleagues(web):
    firm = factories.firm(name="Garza & Partners", clients="C-1,Banco del Sur,,,,,\nC-2,Other Client,,,,,\n")
    member = factories.firm_member(of=firm, display_name="Ana Garza")
    factories.firm_member(of=firm, display_name="Luis Peña")
    offer = factories.offer(firm, title="Central America SLAPP defence", capacity=3)
    coordinator = factories.coordinator()
    waiting = workflow.propose(coordinator, factories.need(factories.defender(), state="verified"), offer=offer)
    taken = workflow.propose(coordinator, factories.need(factories.defender(), state="verified"), offer=offer)
    workflow.accept_match(member, taken)
    db.session.commit()
    web.login(member)

    page = web.get("/firm/").get_data(as_text=True)

    proposed_part, rest = page.split("Accepted: waiting for the defender", 1)
    assert f"Matter #{waiting.id}" in proposed_part and f"Matter #{taken.id}" not in proposed_part
    assert f"Matter #{taken.id}" in rest.split("Active", 1)[0]
    assert "Central America SLAPP defence" in page
    assert "1 used / 2 left (of 3)" in page
    assert "2 entries" in page
    assert "Ana Garza" in page and "Luis Pe\u00f1a" in page
    assert "/firm/invite" in page


def test_an_invited_colleague_joins_and_sees_the_firm_dashboard(web, outbox):
    firm = factories.firm(name="Garza & Partners")
    member = factories.firm_member(of=firm)
    db.session.commit()
    web.login(member)

    response = web.post("/firm/invite", {"email": "New.Colleague@Example.org"}, follow_redirects=True)

    assert "Invitation sent" in response.get_data(as_text=True)
    [message] = outbox
    assert message.recipients == ["new.colleague@example.org"]
    assert message.subject == f"{member.display_name} invites you to join Garza & Partners on the platform"
    link = re.search(r"http://matcher\.test(/account/join/\S+)", message.body).group(1)

    web.logout()
    invitation = web.get(link).get_data(as_text=True)
    assert "new.colleague@example.org" in invitation and f"{member.display_name} invited you" in invitation
    response = web.post(link, {"display_name": "Nuevo Colega", "password": "a long enough password",
                               "confirm": "a long enough password"})
    assert response.headers["Location"].endswith("/firm/")
    assert web.get("/firm/").headers["Location"].endswith("/account/2fa/setup"), "a second factor comes first"
    web.set_up_two_factor()

    page = web.get("/firm/").get_data(as_text=True)
    assert "Garza &amp; Partners" in page
    assert "Nuevo Colega" in page
    joined = db.session.scalar(select(User).where(User.with_email("new.colleague@example.org")))
    assert (joined.role, joined.firm_id) == ("firm", firm.id)


def test_inviting_an_address_that_has_an_account_answers_the_same_and_tells_its_owner(web, outbox):
    member = factories.firm_member()
    taken = factories.defender()
    db.session.commit()
    web.login(member)

    taken_answer = web.post("/firm/invite", {"email": taken.email}, follow_redirects=True)
    free_answer = web.post("/firm/invite", {"email": "someone.new@example.org"}, follow_redirects=True)

    assert taken_answer.status_code == free_answer.status_code == 200
    assert f"Invitation sent to {taken.email}" in taken_answer.get_data(as_text=True)
    owner_mail = [m for m in outbox if m.recipients == [taken.email]]
    assert len(owner_mail) == 1 and "already has an account" in owner_mail[0].subject
    assert "/account/join/" not in owner_mail[0].body
    assert db.session.scalar(select(func.count()).select_from(User).where(User.with_email(taken.email))) == 1


def test_invitations_are_throttled(app, web, outbox):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)
    app.config["INVITE_LIMIT"] = "2 per hour"
    answers = [web.post("/firm/invite", {"email": f"colleague{n}@example.org"}).status_code for n in range(3)]
    assert answers == [302, 302, 429]


def test_inviting_an_invalid_email_keeps_what_was_typed(web, outbox):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)

    page = web.post("/firm/invite", {"email": "not-an-email"}).get_data(as_text=True)

    assert "Enter a valid email address." in page
    assert 'value="not-an-email"' in page
    assert outbox == []


def test_an_invitation_posted_without_the_csrf_token_is_refused(web, outbox):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)

    assert web.post("/firm/invite", {"email": "someone@example.org"}, csrf=False).status_code == 400
    assert outbox == []


def test_other_roles_cannot_open_the_firm_pages(web):
    coordinator = factories.coordinator()
    defender = factories.defender()
    db.session.commit()

    for outsider in (coordinator, defender):
        web.login(outsider)
        assert web.get("/firm/").status_code == 403
        assert web.get("/firm/offers/new").status_code == 403
        web.logout()
    assert web.get("/firm/").status_code == 302
