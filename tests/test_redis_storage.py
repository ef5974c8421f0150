"""With ``REDIS_URL`` set, the app starts as production starts it and keeps its sign-in counts in
Redis, where every web process and host sees the same ones."""

import os
import uuid

import pytest
import redis

from matcher import create_app
from matcher.extensions import db
from matcher.models.accounts import email_key
from tests import factories
from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET, Web


def _reachable_redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: the Redis storage of the sign-in counts is not tried")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis answers at REDIS_URL ({type(error).__name__})")
    return url


@pytest.fixture
def app_from_environment(app, monkeypatch, tmp_path):
    """An app made by ``create_app()`` from the environment alone, as ``wsgi.py`` makes it; the
    ``app`` fixture, on the same database, empties the tables afterwards."""
    environment = {
        "REDIS_URL": _reachable_redis_url(),
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": TEST_SECRET,
        "ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
        "INDEX_KEY": app.config["INDEX_KEY"],
        "MAIL_OUTBOX": str(tmp_path / "outbox"),
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    production = create_app()
    with production.app_context():
        yield production


def test_with_redis_a_failed_sign_in_is_counted_in_redis_and_the_owner_signs_in(app_from_environment):
    email = f"redis-{uuid.uuid4().hex[:10]}@example.org"
    factories.defender(email=email)
    db.session.commit()
    web = Web(app_from_environment.test_client())
    store = redis.Redis.from_url(os.environ["REDIS_URL"])

    refused = web.post("/account/login", {"email": email, "password": "not the password"})
    counted = list(store.scan_iter(match=f"*account:{email_key(email)}*"))
    try:
        assert refused.status_code == 200 and counted
        assert not list(store.scan_iter(match=f"*{email}*"))  # the counts name nobody
        assert web.login(email).status_code == 302
    finally:
        if counted:
            store.delete(*counted)
