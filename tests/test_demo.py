"""The demo a new user sees after `make run`: seeded once, and every account can sign in."""

import pyotp
from sqlalchemy import func, select

from matcher import demo
from matcher.extensions import db
from matcher.models import ConflictCheck, Need, User


def test_seeding_twice_adds_nothing_the_second_time(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    second = runner.invoke(args=["seed-demo"])
    assert "coordinator@demo.example" in first.output and first.exit_code == 0
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 5
    assert db.session.scalar(select(func.count()).select_from(Need)) == 1


def test_the_demo_need_is_screened_and_the_conflicted_firm_flagged(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    results = dict(db.session.execute(select(ConflictCheck.firm_id, ConflictCheck.result)).all())
    assert sorted(results.values()) == ["clear", "conflict"]


def test_every_demo_account_signs_in_with_the_printed_password_and_code(app, web):
    app.test_cli_runner().invoke(args=["seed-demo"])
    code = app.test_cli_runner().invoke(args=["demo-code"]).output.strip()
    assert code == pyotp.TOTP(demo.TOTP_KEY).now()
    for email in ("defender@demo.example", "partner@alvarez.example", "coordinator@demo.example"):
        web.login(email, password=demo.PASSWORD)
        assert web.get("/", follow_redirects=True).status_code == 200
        web.logout()
