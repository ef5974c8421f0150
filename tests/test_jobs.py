"""Background jobs: the health check, retries in the embedded runner, and RQ workers on Redis
that can be killed mid-import without losing the list or the job."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from matcher import create_app
from matcher.conflicts import clientlists
from matcher.extensions import db
from matcher.jobs import runner
from matcher.models import ClientEntry, ClientImport
from tests import factories
from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,name,aliases,kind,country,parent_id,lei\n"


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis answers at {REDIS_URL}")


@pytest.mark.parametrize("app_overrides", [{"JOBS_INLINE": False}])
def test_the_health_check_reports_the_embedded_setup(app):
    response = app.test_client().get("/health")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["database"] == "ok" and body["redis"] == "not configured"
    assert body["queue"] == 0 and body["oldest_job_s"] is None and body["mail_pending"] == 0
    assert 0 <= body["worker"] < 60


def test_the_health_check_answers_503_when_the_database_is_down(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/folder/db.sqlite"})

    response = app.test_client().get("/health")

    assert response.status_code == 503
    assert response.get_json()["database"] == "down"


def test_the_health_check_counts_mail_waiting(app, web):
    factories.coordinator()
    owner = factories.defender()
    need = factories.need(owner)
    db.session.commit()
    app.config["MAIL_SUPPRESS_SEND"], app.extensions["mail"].suppress = False, False
    app.extensions["mail"].server, app.extensions["mail"].port = "127.0.0.1", 9  # nothing answers there
    web.login(owner)

    web.post(f"/defender/needs/{need.id}/submit")

    assert web.get("/health").get_json()["mail_pending"] == 1


@pytest.mark.parametrize("app_overrides", [{"JOBS_INLINE": False}])
def test_the_embedded_runner_retries_a_job_that_failed(app, monkeypatch):
    attempts = []

    @runner.task
    def flaky_job(label):
        attempts.append(label)
        if len(attempts) < 3:
            raise RuntimeError("not yet")

    monkeypatch.setattr(runner, "RETRY_AFTER", (0.01, 0.01, 0.01))
    runner.enqueue("flaky_job", "x")
    db.session.commit()

    assert runner.current_runner().wait_until_idle(timeout=30)
    assert attempts == ["x", "x", "x"]


def test_a_job_queued_with_a_change_that_is_rolled_back_never_runs(app):
    ran = []

    @runner.task
    def remembered_job():
        ran.append(True)

    runner.enqueue("remembered_job")
    db.session.rollback()
    db.session.commit()
    assert ran == []


@pytest.fixture
def redis_queue():
    """A queue of its own on the test Redis, emptied after the test."""
    _redis_or_skip()
    name = f"test-{uuid.uuid4().hex[:8]}"
    yield name
    from redis import Redis
    from rq import Queue

    Queue(name, connection=Redis.from_url(REDIS_URL)).empty()


def _worker(database_url: str, queue: str, log: Path) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": REDIS_URL, "JOBS_QUEUE": queue,
                   "SECRET_KEY": TEST_SECRET, "ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
                   "INDEX_KEY": "a test-only index key"}
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT,
                                env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        if predicate():
            return True
        db.session.rollback()
        time.sleep(0.05)
    return False


def _state(import_id: int) -> str:
    return db.session.get(ClientImport, import_id).state


def _names(firm) -> set[str]:
    return set(db.session.scalars(select(ClientEntry.external_id).where(ClientEntry.firm_id == firm.id)))


def test_a_worker_killed_mid_import_leaves_the_old_list_and_the_job_runs_again(_schema, tmp_path, redis_queue):
    from redis import Redis
    from rq import Queue
    from rq.registry import StartedJobRegistry
    from rq.scheduler import RQScheduler

    from tests.conftest import _test_config

    app = create_app({**_test_config(_schema, tmp_path), "JOBS_INLINE": False, "REDIS_URL": REDIS_URL,
                      "JOBS_QUEUE": redis_queue})
    with app.app_context():
        try:
            firm = factories.firm(clients="OLD-1,Banco del Sur S.A.,,organisation,AR,,\n")
            member = factories.firm_member(of=firm)
            rows = clientlists.parse_client_csv(
                (HEADER + "".join(f"N-{n},Empresa Número {n} S.A.,,,,,\n" for n in range(60000))).encode())
            record = clientlists.start_import(firm, member, rows)
            db.session.commit()  # queued in Redis now
            import_id = record.id

            log = tmp_path / "workers.log"
            first = _worker(_schema, redis_queue, log)
            try:
                assert _wait_for(lambda: _state(import_id) == "importing", timeout=120)
                time.sleep(0.3)  # well inside the swap, which takes seconds for 60,000 names
                os.killpg(first.pid, signal.SIGKILL)
            finally:
                first.wait(timeout=30)

            assert _state(import_id) == "importing"
            assert _names(firm) == {"OLD-1"}  # the killed transaction is rolled back: the old list holds

            # What happens once the dead worker's job has outlived its time limit and its scheduler
            # lock has expired, brought forward: the job is found abandoned and scheduled again.
            queue = Queue(redis_queue, connection=Redis.from_url(REDIS_URL))
            StartedJobRegistry(queue=queue).cleanup(timestamp=time.time() + 86400)
            queue.connection.delete(RQScheduler.get_locking_key(redis_queue))
            second = _worker(_schema, redis_queue, log)
            try:
                assert _wait_for(lambda: _state(import_id) == "done", timeout=180), log.read_text()[-3000:]
            finally:
                os.killpg(second.pid, signal.SIGTERM)
                second.wait(timeout=30)
            assert len(_names(firm)) == 60000 and "OLD-1" not in _names(firm)
        finally:
            db.session.rollback()
            from tests.conftest import _empty_every_table

            _empty_every_table()
            db.session.commit()
            db.engine.dispose()
