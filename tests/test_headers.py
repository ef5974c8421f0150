"""Every response forbids third-party content, framing and sniffing; signed-in pages are not cached."""

import logging

from matcher.extensions import db
from tests import factories


def test_public_pages_carry_the_security_headers(web):
    headers = web.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers


def test_https_responses_ask_for_strict_transport(web):
    assert "max-age" in web.get("/", base_url="https://matcher.test").headers["Strict-Transport-Security"]


def test_signed_in_pages_are_never_cached(app, web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    assert web.get("/coordinator/").headers["Cache-Control"] == "no-store"


def test_no_template_or_stylesheet_loads_from_another_host():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    external = re.compile(r"""(src|href)=["']?(https?:)?//|@import\s+url\(\s*["']?(https?:)?//|url\(\s*["']?https?:""")
    offenders = [
        str(path.relative_to(root))
        for folder in ("templates", "static")
        for path in (root / folder).rglob("*")
        if path.is_file() and external.search(path.read_text(errors="ignore"))
    ]
    assert offenders == []


def test_the_quick_exit_leaves_for_a_neutral_site(web):
    assert 'id="quick-exit"' in web.get("/").get_data(as_text=True)
    response = web.get("/leave")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://www.wikipedia.org/"


def test_staff_pages_do_not_carry_the_quick_exit(app, web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    assert 'id="quick-exit"' not in web.get("/coordinator/").get_data(as_text=True)


def test_database_errors_do_not_carry_the_statements_values_into_logs(app):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError) as raised:
        db.session.execute(text("INSERT INTO law_firm (name) VALUES (:secret)"), {"secret": "Minera Andina secret"})
    db.session.rollback()
    assert "SQL parameters hidden" in str(raised.value)


def test_the_quick_exit_signs_this_browser_out(web):
    defender = factories.defender()
    db.session.commit()
    web.login(defender)
    assert web.get("/defender/").status_code == 200
    web.get("/leave")
    assert web.get("/defender/").status_code == 302, "whoever picks up the device is not signed in"


def _behind_one_proxy(app, hops: int):
    from matcher import create_app

    return create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "MAIL_OUTBOX": app.config["MAIL_OUTBOX"], "TRUSTED_PROXY_HOPS": hops})


def test_behind_a_trusted_proxy_https_and_the_client_address_are_believed(app):
    client = _behind_one_proxy(app, 1).test_client()
    response = client.get("/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_with_no_trusted_proxy_a_forwarded_header_is_ignored(app):
    client = _behind_one_proxy(app, 0).test_client()
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_access_logs_never_carry_an_emailed_links_token(app, caplog):
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        for path in ("/account/reset/gAAAAsecretAAA", "/account/join/gAAAAsecretBBB?x=1",
                     "/account/register/confirm/gAAAAsecretCCC", "/account/enrol/gAAAAsecretDDD"):
            logging.getLogger("werkzeug").info('%s - - [%s] "%s" %s %s', "127.0.0.1", "now",
                                               f"GET {path} HTTP/1.1", 200, "-")
        logging.getLogger("werkzeug").info('"GET /firm/matters/12 HTTP/1.1" 200 -')
    assert "secret" not in caplog.text
    assert caplog.text.count("[token]") == 4 and "/firm/matters/12" in caplog.text
