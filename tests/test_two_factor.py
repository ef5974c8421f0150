"""Two-factor authentication: required for staff and firms, offered to defenders, hard to guess or replay."""

import re

import pyotp
import pytest

from matcher.extensions import db
from tests import factories
from tests.conftest import Web


@pytest.fixture
def member(app):
    account = factories.firm_member()
    db.session.commit()
    return account


def _password_step(web, account):
    response = web.post("/account/login", {"email": account.email, "password": factories.PASSWORD})
    assert response.headers["Location"].startswith("/account/2fa")
    return response


def test_a_password_alone_does_not_sign_in(web, member):
    _password_step(web, member)
    assert web.get("/firm/").status_code == 302


def test_a_right_code_signs_in_and_cannot_be_used_twice(app, web, member):
    _password_step(web, member)
    code = pyotp.TOTP(member.totp_secret).now()
    assert web.post("/account/2fa", {"code": code}).status_code == 302
    assert web.get("/firm/").status_code == 200

    other = Web(app.test_client())
    _password_step(other, member)
    page = other.post("/account/2fa", {"code": code}).get_data(as_text=True)
    assert "not right, or was already used" in page


def test_a_recovery_code_works_once_and_is_stored_only_as_a_digest(app, web):
    account = factories.defender()
    db.session.commit()
    web.login(account)
    page = web.get("/account/2fa/setup").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    page = web.post("/account/2fa/setup", {"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    codes = re.findall(r"<li><code>([a-z2-7]{4}(?:-[a-z2-7]{4}){5})</code></li>", page)
    assert len(codes) == 10
    assert all(len(code.replace("-", "")) * 5 >= 112 for code in codes), "120 random bits each"
    db.session.refresh(account)
    assert not set(codes) & set(account.recovery_codes)
    assert all(kept.startswith("$argon2id$") for kept in account.recovery_codes), "a salted slow hash"
    web.logout()

    _password_step(web, account)
    assert web.post("/account/2fa", {"code": codes[0].upper()}).status_code == 302
    web.logout()
    _password_step(web, account)
    assert "already used" in web.post("/account/2fa", {"code": codes[0]}).get_data(as_text=True)


def test_staff_and_firm_members_must_set_it_up_before_anything_else(app, web):
    coordinator = factories.coordinator(totp_secret=None)
    db.session.commit()
    web.login(coordinator)
    assert web.get("/coordinator/").headers["Location"].endswith("/account/2fa/setup")
    web.set_up_two_factor()
    assert web.get("/coordinator/").status_code == 200


def test_defenders_are_not_forced_to(web):
    account = factories.defender()
    db.session.commit()
    web.login(account)
    assert web.get("/defender/").status_code == 200


def test_guessing_codes_is_throttled_and_the_owner_is_told(app, web, member, outbox):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per 15 minutes"
    _password_step(web, member)
    for _ in range(3):
        assert web.post("/account/2fa", {"code": "000000"}).status_code == 200
    assert web.post("/account/2fa", {"code": "000000"}).status_code == 429
    assert web.post("/account/2fa", {"code": "000000"}).status_code == 429
    warnings = [m for m in outbox if m.subject == "Someone is trying to sign in to your account"]
    assert [m.recipients for m in warnings] == [[member.email]], "told once, not at every attempt"


def test_a_password_step_left_too_long_must_start_again(web, member):
    _password_step(web, member)
    with web.client.session_transaction() as session:
        session["pending_since"] -= 301_000
    response = web.post("/account/2fa", {"code": pyotp.TOTP(member.totp_secret).now()})
    assert response.headers["Location"].endswith("/account/login")


def test_signing_out_ends_a_copied_session_cookie(app, web, member):
    web.login(member)
    stolen = web.client.get_cookie("session").value
    web.logout()
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/firm/").status_code == 302


def _replace_factor(web, password: str, current: str):
    """Post the set-up form of an account that has a factor, with a valid code of the new secret."""
    page = web.get("/account/2fa/setup").get_data(as_text=True)
    assert "Your password" in page and "<svg" in page, "the key is shown as a QR code too"
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    return secret, web.post("/account/2fa/setup", {"password": password, "current": current,
                                                    "code": pyotp.TOTP(secret).now()})


def test_replacing_the_second_factor_needs_the_password_and_a_current_code(app, web, member, outbox):
    web.login(member)
    old_secret = member.totp_secret
    _secret, refused = _replace_factor(web, "not the password", pyotp.TOTP(old_secret).now())
    assert "The password or the code of your current app is not right." in refused.get_data(as_text=True)
    _secret, refused = _replace_factor(web, factories.PASSWORD, pyotp.TOTP(old_secret).at(0))
    assert "not right" in refused.get_data(as_text=True)
    db.session.refresh(member)
    assert member.totp_secret == old_secret


def test_replacing_the_second_factor_tells_the_owner_and_ends_other_sessions(app, web, member, outbox):
    other = Web(app.test_client())
    other.login(member)
    web.login(member)
    member.totp_last_step = None
    db.session.commit()
    new_secret, response = _replace_factor(web, factories.PASSWORD, pyotp.TOTP(member.totp_secret).now())
    assert "Your recovery codes" in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.totp_secret == new_secret
    assert "Your second factor was replaced" in [m.subject for m in outbox]
    assert other.get("/firm/").status_code == 302, "the other browser is signed out"
    assert web.get("/firm/").status_code == 200
