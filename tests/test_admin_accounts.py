"""An admin runs the accounts: finds them, disables and enables them, changes staff roles, resets a
lost second factor, and sees who signed in when; nobody else can, and nobody does it to themselves."""

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent
from tests import factories
from tests.conftest import Web


@pytest.fixture
def admin(app):
    account = factories.user("admin", display_name="Operator One")
    db.session.commit()
    return account


def _signed_in(app, account) -> Web:
    browser = Web(app.test_client())
    browser.login(account)
    return browser


def test_the_list_shows_every_account_and_when_it_last_signed_in(app, web, admin):
    member = factories.firm_member(display_name="Lucía Garza")
    db.session.commit()
    _signed_in(app, member)
    web.login(admin)
    page = web.get("/admin/").get_data(as_text=True)
    assert "Lucía Garza" in page and "Operator One" in page
    assert page.count("UTC") >= 2, "both have signed in"
    assert "Lucía Garza" not in web.get("/admin/?role=defender").get_data(as_text=True)


def test_an_account_is_found_by_its_address_posted_not_put_in_the_url(web, admin):
    wanted = factories.defender(display_name="Rosa Quiroga")
    factories.defender(display_name="Someone Else")
    db.session.commit()
    web.login(admin)
    page = web.post("/admin/", {"email": wanted.email.upper()}).get_data(as_text=True)
    assert "Rosa Quiroga" in page and "Someone Else" not in page


def test_disabling_signs_the_account_out_everywhere_and_keeps_it_out(app, web, admin):
    member = factories.firm_member()
    db.session.commit()
    theirs = _signed_in(app, member)
    web.login(admin)
    web.post(f"/admin/accounts/{member.id}/disable")
    assert theirs.get("/firm/").status_code == 302
    response = theirs.post("/account/login", {"email": member.email, "password": factories.PASSWORD})
    assert response.status_code == 200, "a disabled account cannot sign in"
    web.post(f"/admin/accounts/{member.id}/enable")
    _signed_in(app, member)
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == admin.id)))
    assert {"admin.disable", "admin.enable"} <= actions


def test_a_staff_role_changes_and_the_account_is_signed_out(app, web, admin, outbox):
    coordinator = factories.coordinator()
    db.session.commit()
    theirs = _signed_in(app, coordinator)
    web.login(admin)
    web.post(f"/admin/accounts/{coordinator.id}/role", {"role": "admin"})
    db.session.expire_all()
    assert coordinator.role == "admin"
    assert theirs.get("/coordinator/").status_code == 302
    assert "Your role on the platform is now admin" in [m.subject for m in outbox]


def test_only_staff_roles_change_and_only_between_the_two(web, admin):
    member = factories.firm_member()
    db.session.commit()
    web.login(admin)
    page = web.post(f"/admin/accounts/{member.id}/role", {"role": "admin"}, follow_redirects=True)
    assert "Only coordinators and admins change roles" in page.get_data(as_text=True)
    db.session.expire_all()
    assert member.role == "firm"


def test_a_lost_second_factor_is_reset_the_owner_told_and_set_up_again(app, web, admin, outbox):
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(admin)
    web.post(f"/admin/accounts/{coordinator.id}/reset-factor")
    db.session.expire_all()
    assert coordinator.totp_secret is None and coordinator.recovery_codes == []
    assert "Your second factor was reset by an admin" in [m.subject for m in outbox]
    theirs = _signed_in(app, coordinator)
    assert theirs.get("/coordinator/").headers["Location"].endswith("/account/2fa/setup")


def test_nobody_changes_their_own_account_here(web, admin):
    web.login(admin)
    page = web.post(f"/admin/accounts/{admin.id}/disable", follow_redirects=True).get_data(as_text=True)
    assert "Ask another admin" in page
    db.session.expire_all()
    assert admin.is_disabled is False


@pytest.mark.parametrize("role", ("defender", "firm", "coordinator"))
def test_other_roles_cannot_act_on_accounts(app, web, role):
    target = factories.coordinator()
    makers = {"defender": factories.defender, "firm": factories.firm_member, "coordinator": factories.coordinator}
    actor = makers[role]()
    db.session.commit()
    web.login(actor)
    for path, data in ((f"/admin/accounts/{target.id}/disable", {}), (f"/admin/accounts/{target.id}/role",
                                                                     {"role": "admin"}),
                       (f"/admin/accounts/{target.id}/reset-factor", {})):
        assert web.post(path, data).status_code == 403
    db.session.expire_all()
    assert (target.is_disabled, target.role, bool(target.totp_secret)) == (False, "coordinator", True)


def test_the_account_page_lists_its_sign_ins(app, web, admin):
    member = factories.firm_member()
    db.session.commit()
    _signed_in(app, member)
    web.login(admin)
    page = web.get(f"/admin/accounts/{member.id}").get_data(as_text=True)
    assert "signed in" in page
