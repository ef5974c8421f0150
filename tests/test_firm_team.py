"""A firm's team: members and pending invitations listed, an invitation revoked, a member removed."""

import re

import pytest

from matcher.extensions import db
from matcher.models import AuditEvent, Invitation
from tests import factories
from tests.conftest import Web


@pytest.fixture
def firm(app):
    return factories.firm(name="Garza & Partners")


@pytest.fixture
def member(firm):
    account = factories.firm_member(of=firm, display_name="Lucía Garza")
    db.session.commit()
    return account


def _invite(web, email: str, outbox) -> str:
    web.post("/firm/invite", {"email": email})
    return re.search(r"http://matcher\.test(/account/join/\S+)", outbox[-1].body).group(1)


def test_the_team_page_lists_members_and_pending_invitations(web, member, outbox):
    web.login(member)
    _invite(web, "new.colleague@example.org", outbox)
    page = web.get("/firm/team").get_data(as_text=True)
    assert "Lucía Garza" in page and "new.colleague@example.org" in page


def test_a_revoked_invitation_no_longer_works(app, web, member, outbox):
    web.login(member)
    link = _invite(web, "new.colleague@example.org", outbox)
    invitation = db.session.query(Invitation).one()
    web.post(f"/firm/invitations/{invitation.id}/revoke")
    assert Web(app.test_client()).get(link).status_code == 400
    assert "new.colleague@example.org" not in web.get("/firm/team").get_data(as_text=True)


def test_an_invitation_works_once(app, web, member, outbox):
    web.login(member)
    link = _invite(web, "new.colleague@example.org", outbox)
    newcomer = Web(app.test_client())
    newcomer.post(link, {"display_name": "Nuevo", "password": "a long enough password",
                         "confirm": "a long enough password"})
    assert Web(app.test_client()).get(link).status_code == 400


def test_a_member_who_left_is_removed_signed_out_and_sees_nothing_more(app, web, member, firm, outbox):
    leaver = factories.firm_member(of=firm, display_name="Tomás Left")
    db.session.commit()
    theirs = Web(app.test_client())
    theirs.login(leaver)
    web.login(member)
    web.post(f"/firm/members/{leaver.id}/remove")
    db.session.expire_all()
    assert leaver.firm_id is None
    assert theirs.get("/firm/").status_code == 302
    theirs.login(leaver)
    assert theirs.get("/firm/").status_code == 403, "an account detached from its firm sees nothing"
    assert db.session.query(AuditEvent).filter_by(action="firm.remove_member").count() == 1


def test_nobody_removes_themselves_nor_another_firms_member(web, member):
    outsider = factories.firm_member(of=factories.firm())
    db.session.commit()
    web.login(member)
    page = web.post(f"/firm/members/{member.id}/remove", follow_redirects=True).get_data(as_text=True)
    assert "You cannot remove yourself" in page
    assert web.post(f"/firm/members/{outsider.id}/remove").status_code == 404
    db.session.expire_all()
    assert outsider.firm_id is not None and member.firm_id is not None


def test_an_unverified_firm_cannot_remove_members_yet(web):
    firm = factories.firm(verified=False)
    member, other = factories.firm_member(of=firm), factories.firm_member(of=firm)
    db.session.commit()
    web.login(member)
    page = web.post(f"/firm/members/{other.id}/remove", follow_redirects=True).get_data(as_text=True)
    assert "not verified yet" in page
    db.session.expire_all()
    assert other.firm_id == firm.id
