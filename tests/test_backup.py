"""A backup made by ``scripts/backup-restore-check`` restores into a scratch database and opens
there with the keys kept apart from it, and the check fails when the keys are not the ones."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from matcher import create_app
from matcher.extensions import db
from tests import factories
from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "backup-restore-check"
INDEX_KEY = "a test-only index key"


def _server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("backups are made with pg_dump: TEST_DATABASE_URL (PostgreSQL) is not set")
    missing = [tool for tool in ("pg_dump", "pg_restore", "psql") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"PostgreSQL's client tools are not installed: {', '.join(missing)}")
    return url


@pytest.fixture(scope="module")
def source_url(tmp_path_factory):
    """A database of its own, upgraded by the migrations and holding a defender and a need, as a
    real installation's would; dropped at the end."""
    server = make_url(_server_url())
    name = f"backup_source_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name, query={}).render_as_string(hide_password=False)
    _fill(url, tmp_path_factory.mktemp("source"))
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def _fill(url: str, instance: Path) -> None:
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
                      "INDEX_KEY": INDEX_KEY, "SQLALCHEMY_DATABASE_URI": url,
                      "MAIL_OUTBOX": str(instance / "outbox")})
    with app.app_context():
        upgrade()
        factories.need(factories.defender(), summary="Sued after the Rio Verde protest")
        db.session.commit()
        db.engine.dispose()


def _check(url: str, *arguments: str, encryption_keys: str = TEST_ENCRYPTION_KEYS) -> subprocess.CompletedProcess:
    environment = {**os.environ, "FLASK": str(Path(sys.executable).parent / "flask"), "SECRET_KEY": TEST_SECRET,
                   "ENCRYPTION_KEYS": encryption_keys, "INDEX_KEY": INDEX_KEY}
    environment.pop("REDIS_URL", None)
    return subprocess.run([str(SCRIPT), url, *arguments], env=environment, capture_output=True, text=True,
                          timeout=300)


def _scratch_databases(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"),
                                   {"pattern": make_url(url).database + "_restore_check_%"}).scalars().all()
    engine.dispose()
    return names


def test_a_backup_restores_into_a_scratch_database_and_opens_with_the_keys(source_url, tmp_path):
    backup = tmp_path / "matcher.dump"

    result = _check(source_url, str(backup))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "every address is filed under INDEX_KEY" in result.stdout
    assert backup.stat().st_size > 0 and not _scratch_databases(source_url)


def test_a_backup_check_fails_when_the_encryption_keys_are_not_the_databases(source_url):
    result = _check(source_url, encryption_keys=Fernet.generate_key().decode())

    assert result.returncode != 0
    assert "do not open under ENCRYPTION_KEYS" in result.stderr and "need.summary: 1 of 1" in result.stderr
    assert not _scratch_databases(source_url)
