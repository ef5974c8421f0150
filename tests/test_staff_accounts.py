"""An operator makes staff accounts from the command line; their owners enrol through a one-time link."""

import re

import pyotp
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import AuditEvent, User
from tests import factories


def _create(app, *args):
    return app.test_cli_runner().invoke(args=["accounts", "create", *args])


def _enrolment_path(output: str) -> str:
    return re.search(r"http://matcher\.test(/account/enrol/\S+)", output).group(1)


def test_the_first_admin_enrols_with_a_password_and_a_second_factor(app, web):
    result = _create(app, "Ana.Operator@Example.org", "--role", "admin", "--name", "Ana")
    assert result.exit_code == 0, result.output
    admin = db.session.scalar(select(User).where(User.with_email("ana.operator@example.org")))
    assert (admin.role, admin.display_name, admin.password_hash) == ("admin", "Ana", None)
    path = _enrolment_path(result.output)

    response = web.post(path, {"password": "a long enrolment passphrase", "confirm": "a long enrolment passphrase"})
    assert response.headers["Location"].endswith("/account/2fa/setup")
    assert web.get("/coordinator/").headers["Location"].endswith("/account/2fa/setup"), "nothing before the factor"
    web.set_up_two_factor()
    assert web.get("/coordinator/").status_code == 200
    assert web.get(path).status_code == 400, "the link works once"
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == admin.id)).all()
    assert {"user.create", "user.enrol"} <= set(actions)


def test_an_account_waiting_for_enrolment_cannot_be_signed_in_to(app, web):
    _create(app, "waiting@example.org", "--role", "coordinator")
    response = web.post("/account/login", {"email": "waiting@example.org", "password": ""})
    assert response.status_code == 200


def test_an_old_or_altered_enrolment_link_is_refused(app, web):
    path = _enrolment_path(_create(app, "late@example.org", "--role", "coordinator").output)
    assert web.get(path[:-4] + "AAAA").status_code == 400
    app.config["ENROLMENT_MAX_AGE"] = -10
    assert web.get(path).status_code == 400


def test_an_address_that_has_an_account_or_is_not_one_is_refused(app):
    taken = factories.coordinator()
    db.session.commit()
    assert _create(app, taken.email, "--role", "admin").exit_code == 1
    assert _create(app, "not an address", "--role", "admin").exit_code == 1
    assert _create(app, "someone@example.org", "--role", "defender").exit_code == 2
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_the_demo_refuses_to_seed_where_the_platform_is_served_over_https(app):
    app.config["BASE_URL"] = "https://matcher.example"
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert "published password" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_second_factor_code_from_the_enrolment_is_needed_next_time(app, web):
    path = _enrolment_path(_create(app, "camila@example.org", "--role", "coordinator").output)
    web.post(path, {"password": "a long enrolment passphrase", "confirm": "a long enrolment passphrase"})
    secret = web.set_up_two_factor()
    web.logout()
    response = web.post("/account/login", {"email": "camila@example.org", "password": "a long enrolment passphrase"})
    assert "/account/2fa" in response.headers["Location"]
    coordinator = db.session.scalar(select(User).where(User.with_email("camila@example.org")))
    coordinator.totp_last_step = None
    db.session.commit()
    assert web.post("/account/2fa", {"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert web.get("/coordinator/").status_code == 200
