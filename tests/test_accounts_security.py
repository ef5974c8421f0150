"""Accounts stay their owners': throttled guessing, no enumeration, resets, sessions that end."""

import re

import pyotp
import pytest

from matcher.extensions import db
from matcher.models import AuditEvent
from tests import factories
from tests.conftest import Web


@pytest.fixture
def member(app):
    account = factories.firm_member()
    db.session.commit()
    return account


def _without_tokens(page: str) -> str:
    """CSRF tokens carry a timestamp; everything else of two answers must be equal."""
    return re.sub(r'(csrf[-_]token"[^>]*?(?:content|value)=")[^"]+', r"\1", page)


def _fail_login(web, email):
    return web.post("/account/login", {"email": email, "password": "wrong password here"})


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(web, member):
    known = _fail_login(web, member.email).get_data(as_text=True)
    unknown = _fail_login(web, "nobody@example.org").get_data(as_text=True)
    assert "The email or the password is not right." in known
    known, unknown = _without_tokens(known), _without_tokens(unknown)
    assert known.replace(member.email, "X") == unknown.replace("nobody@example.org", "X")


def test_guessing_one_accounts_password_is_throttled(app, web, member):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per 15 minutes"
    for _ in range(3):
        assert _fail_login(web, member.email).status_code == 200
    assert _fail_login(web, member.email).status_code == 429
    response = web.post("/account/login", {"email": member.email, "password": factories.PASSWORD})
    assert response.status_code == 429, "the right password does not lift the lock early"
    failed = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "user.login_failed")).all()
    assert len(failed) == 3


def test_guessing_from_one_address_is_throttled_across_accounts(app, web):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "4 per 15 minutes"
    for number in range(4):
        _fail_login(web, f"someone{number}@example.org")
    assert _fail_login(web, "another@example.org").status_code == 429


def test_successful_sign_ins_do_not_count_towards_the_limit(app, web, member):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per 15 minutes"
    for _ in range(4):
        web.login(member)
        web.logout()


def test_signing_in_starts_a_new_session(app, web, member):
    planted = web.csrf_token()
    web.login(member)
    with web.client.session_transaction() as session:
        assert "login_at" in session
        assert session.get("csrf_token") != planted


def _reset_link(outbox) -> str:
    return re.search(r"http://matcher\.test(/account/reset/\S+)", outbox[-1].body).group(1)


def test_a_reset_request_does_not_tell_whether_the_address_has_an_account(web, member, outbox):
    answers = [
        _without_tokens(web.post("/account/reset", {"email": email}, follow_redirects=True).get_data(as_text=True))
        for email in (member.email, "nobody@example.org")
    ]
    assert answers[0] == answers[1]
    assert [message.recipients for message in outbox] == [[member.email]]


def test_a_reset_link_works_once_and_ends_other_sessions(app, web, member, outbox):
    thief = Web(app.test_client())
    thief.login(member)
    web.post("/account/reset", {"email": member.email})
    link = _reset_link(outbox)
    response = web.post(link, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    assert response.status_code == 302
    assert thief.get("/firm/").status_code == 302, "the other session was signed out"
    member.totp_last_step = None
    db.session.commit()
    web.post("/account/2fa", {"code": pyotp.TOTP(member.totp_secret).now()})
    assert web.get("/firm/").status_code == 200, "the resetting browser is signed in, with its second factor"
    assert web.get(link).status_code == 400, "the link is used up"
    web.logout()
    web.login(member, password="a brand new passphrase")


def test_an_expired_or_forged_reset_link_is_refused(app, web, member, outbox):
    web.post("/account/reset", {"email": member.email})
    link = _reset_link(outbox)
    assert web.get(link[:-3] + "abc").status_code == 400
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    assert web.get(link).status_code == 400


def test_changing_the_password_signs_out_a_stolen_cookie(app, web, member):
    thief = Web(app.test_client())
    thief.login(member)
    web.login(member)
    response = web.post("/account/password", {"current": factories.PASSWORD, "password": "another long passphrase",
                                              "confirm": "another long passphrase"})
    assert response.status_code == 302
    assert thief.get("/firm/").status_code == 302
    assert web.get("/firm/").status_code == 200


def test_changing_the_password_needs_the_current_one(web, member):
    web.login(member)
    response = web.post("/account/password", {"current": "not it at all", "password": "another long passphrase",
                                              "confirm": "another long passphrase"})
    assert "This is not your current password." in response.get_data(as_text=True)


@pytest.mark.parametrize("stamp", ["seen_at", "login_at"])
def test_an_idle_or_too_old_session_ends(web, member, stamp):
    web.login(member)
    with web.client.session_transaction() as session:
        session[stamp] -= 13 * 3600 * 1000
    response = web.get("/firm/")
    assert response.status_code == 302
    assert web.get("/firm/").status_code == 302


def test_session_cookies_are_secure_when_served_over_https(app):
    from matcher import create_app

    secure = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                         "BASE_URL": "https://matcher.example", "MAIL_OUTBOX": app.config["MAIL_OUTBOX"]})
    assert secure.config["SESSION_COOKIE_SECURE"] is True
    assert secure.config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert app.config.get("SESSION_COOKIE_SECURE") is not True


@pytest.mark.parametrize("target", ["//evil.example", "/%09/evil.example", "/\\evil.example", "/%0a/evil.example",
                                    "https://evil.example/", "/ok//evil.example"])
def test_signing_in_never_sends_the_browser_to_another_host(web, target):
    defender = factories.defender()
    response = web.post(f"/account/login?next={target}", {"email": defender.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/", response.headers["Location"]


def test_signing_in_follows_a_next_page_on_this_site(web):
    defender = factories.defender()
    response = web.post("/account/login?next=/defender/needs/new",
                        {"email": defender.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/defender/needs/new"


def test_a_reset_link_alone_does_not_open_an_account_with_a_second_factor(web, member, outbox):
    """Whoever reads the owner's mailbox can choose a password, and still cannot sign in."""
    web.post("/account/reset", {"email": member.email})
    response = web.post(_reset_link(outbox), {"password": "a brand new passphrase",
                                              "confirm": "a brand new passphrase"})
    assert response.headers["Location"].endswith("/account/2fa")
    assert web.get("/firm/").status_code == 302
    stale_code = pyotp.TOTP(member.totp_secret).at(0)
    assert web.post("/account/2fa", {"code": stale_code}).status_code == 200, "a wrong code is refused"
    assert web.get("/firm/").status_code == 302


def test_guessing_cannot_lock_the_owner_out_of_a_browser_that_signed_in_before(app, web, member, outbox):
    web.login(member)
    web.logout()
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per 15 minutes"
    guesser = Web(app.test_client())
    for _ in range(4):
        _fail_login(guesser, member.email)
    assert _fail_login(guesser, member.email).status_code == 429, "the guesser is slowed"
    assert any("trying to sign in" in m.subject for m in outbox), "and the owner told"

    web.login(member)  # the owner's password and second factor still get through
    assert web.get("/firm/").status_code == 200
    fresh = Web(app.test_client())
    response = fresh.post("/account/login", {"email": member.email, "password": factories.PASSWORD})
    assert response.status_code == 429, "a browser that never signed in waits like the guesser"
