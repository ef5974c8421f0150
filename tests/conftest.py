"""Fixtures: one database per test session, emptied between tests, and a browser-like client.

Tests run on SQLite by default and on PostgreSQL where ``TEST_DATABASE_URL`` is
set; there the suite makes its own schema and drops it at the end.
"""

import os
import re
import uuid

import flask_babel
import pyotp
import pytest
from flask import g
from sqlalchemy import create_engine, select, text

from matcher import create_app
from matcher.extensions import db
from matcher.models import User
from tests import factories

TEST_SECRET = "test-only-secret-key"
TEST_ENCRYPTION_KEYS = "uTKaOSwhsVVw8R51uMFGn8jDHtZ0ssVoiXWn0gcnmJM="  # a test-only Fernet key


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    """Create the tables once for the whole session."""
    app = create_app(_test_config(database_url, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return database_url


def _test_config(database_url: str, instance) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET,
        "ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
        "INDEX_KEY": "a test-only index key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_OUTBOX": str(instance / "outbox"),
        "BASE_URL": "http://matcher.test",
        "JOBS_INLINE": True,  # mail and imports done when the request answers; tests/test_jobs.py runs the others
    }


@pytest.fixture
def app_overrides():
    """Extra configuration for one module's apps; a test module overrides this fixture."""
    return {}


@pytest.fixture
def app(_schema, tmp_path, app_overrides):
    app = create_app({**_test_config(_schema, tmp_path), **app_overrides})
    with app.app_context():
        yield app
        db.session.remove()
        _empty_every_table()
        db.session.commit()
        db.engine.dispose()


def _empty_every_table() -> None:
    """Firms and people refer to each other, so PostgreSQL empties the tables in one statement."""
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("TRUNCATE " + ", ".join(f'"{table.name}"' for table in tables)))
        return
    for table in reversed(tables):
        db.session.execute(table.delete())


class Web:
    """A test client that posts forms the way a browser does, CSRF token included.

    Requests share the test's app context (so tests read the same database
    session), and with it ``g``; what Flask-Login, Flask-WTF and Flask-Babel cache there
    for one request is dropped before the next, as a new request would.
    """

    def __init__(self, client):
        self.client = client

    @staticmethod
    def _fresh_request_globals():
        for name in ("_login_user", "csrf_token"):
            g.pop(name, None)
        flask_babel.refresh()

    def get(self, url, **kwargs):
        self._fresh_request_globals()
        return self.client.get(url, **kwargs)

    def csrf_token(self) -> str:
        page = self.get("/account/login", follow_redirects=True).get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def post(self, url, data=None, *, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf_token())
        self._fresh_request_globals()
        return self.client.post(url, data=data, **kwargs)

    def login(self, user_or_email, password: str = factories.PASSWORD):
        """Sign in with the password and, where the account has one, an authenticator code."""
        email = getattr(user_or_email, "email", user_or_email)
        response = self.post("/account/login", {"email": email, "password": password})
        assert response.status_code == 302, "login failed"
        if "/account/2fa" in response.headers["Location"]:
            account = db.session.scalar(select(User).where(User.with_email(email)))
            account.totp_last_step = None  # tests sign the same account in many times a minute
            db.session.commit()
            response = self.post("/account/2fa", {"code": pyotp.TOTP(account.totp_secret).now()})
            assert response.status_code == 302, "second factor refused"
        return response

    def set_up_two_factor(self) -> str:
        """Go through the setup page as a person would; return the secret it showed."""
        page = self.get("/account/2fa/setup").get_data(as_text=True)
        secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
        response = self.post("/account/2fa/setup", {"code": pyotp.TOTP(secret).now()})
        assert "Your recovery codes" in response.get_data(as_text=True), "setup refused"
        return secret

    def logout(self):
        return self.post("/account/logout")


@pytest.fixture
def web(app):
    return Web(app.test_client())


@pytest.fixture
def outbox(app):
    """Every message the platform sends during a test."""
    from matcher.extensions import mail

    with mail.record_messages() as messages:
        yield messages
