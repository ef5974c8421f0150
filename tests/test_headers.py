"""Every response forbids third-party content, framing and sniffing; signed-in pages are not cached."""

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
