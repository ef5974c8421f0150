"""Queueing a job with a change, and the three ways jobs run.

A job is queued by the name of a function registered with ``@task``, with plain
arguments, in the caller's session; once the session commits, each job is handed
to the app's runner (a rollback drops them with the change):

- ``RedisRunner`` where ``REDIS_URL`` is set: an RQ queue, run by any number of
  ``flask --app wsgi worker`` processes on any host. RQ retries a job that raised,
  or whose worker died, after each of ``RETRY_AFTER``.
- ``ThreadRunner`` otherwise, the embedded default: one thread of the process runs
  the jobs in turn (on SQLite, one writer is all there is) and retries the same way.
  A process waits up to ``EXIT_WAIT`` seconds for its jobs as it exits; a job still
  queued then is lost, but not what it stood for: mail stays pending in its table and
  goes with the next delivery, an import shows as stopped.
- ``InlineRunner`` where ``JOBS_INLINE`` is true (the tests): right after the commit,
  in the same thread, without retries.

A job may also be queued for a moment (``enqueue_at``: a proposal's answer window ends). RQ
keeps it in its scheduler (the workers run with it); the thread keeps it in its queue, where
it is lost if the process exits first; the inline runner keeps it until ``run_due`` is called
with a moment past it, as a test moves its clock. So a job queued for later must be one that
a command run from cron does as well (``flask emergencies sweep``).

Each job runs in an app context of its own, so its session never mixes with the
request's; it is removed when the job ends.
"""

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

log = logging.getLogger(__name__)

RETRY_AFTER = (10, 60, 300, 1800)  # seconds before each retry of a job that raised
# Seconds a job may run before RQ stops it; a job whose worker died is run again once this has
# passed, so it is as short as the job allows.
DEFAULT_TIMEOUT = 120
EXIT_WAIT = 10  # seconds the embedded runner's process waits for its jobs as it exits
_EXTENSION = "matcher.jobs"
_PENDING = "jobs_after_commit"
_TASKS: dict[str, Callable] = {}
_TIMEOUTS: dict[str, int] = {}


def task(function: Callable | None = None, *, timeout: int = DEFAULT_TIMEOUT):
    """Register ``function`` as a job that ``enqueue`` can name (``@task`` or ``@task(timeout=...)``)."""
    def register(function: Callable) -> Callable:
        _TASKS[function.__name__], _TIMEOUTS[function.__name__] = function, timeout
        return function
    return register if function is None else register(function)


def enqueue(name: str, *args) -> None:
    """Run the job ``name`` with ``args`` once the current transaction commits."""
    _queue(name, args, None)


def enqueue_at(when: datetime, name: str, *args) -> None:
    """Run the job ``name`` with ``args`` at ``when`` (an aware datetime), once the current transaction
    commits; see the module's docstring for where it waits until then."""
    _queue(name, args, when)


def _queue(name: str, args: tuple, when: datetime | None) -> None:
    if name not in _TASKS:
        raise KeyError(f"no job is called {name!r}")
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback, even of nothing else, drops the job
    session.info.setdefault(_PENDING, []).append((name, args, when))


def run(name: str, *args) -> None:
    """Run one job in an app context of its own (what every runner calls)."""
    app = current_app._get_current_object()
    with app.app_context():
        try:
            _TASKS[name](*args)
        finally:
            db.session.remove()


@event.listens_for(Session, "after_commit")
def _hand_over(session: Session) -> None:
    pending = session.info.pop(_PENDING, [])
    if pending:
        runner = current_runner()
        for name, args, when in pending:
            if when is None:
                runner.submit(name, args)
            else:
                runner.submit_at(when, name, args)


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)


def current_runner():
    return current_app.extensions[_EXTENSION]


class InlineRunner:
    """Jobs run right after the commit, in the same thread (tests)."""

    kind = "inline"

    def __init__(self, _app):
        """Only the jobs queued for later are kept; each runs in the app that runs it."""
        self.scheduled: list[tuple[datetime, str, tuple]] = []

    def submit(self, name: str, args: tuple) -> None:
        try:
            run(name, *args)
        except Exception:
            log.exception("job %s failed", name)

    def submit_at(self, when: datetime, name: str, args: tuple) -> None:
        self.scheduled.append((when, name, args))

    def run_due(self, now: datetime) -> int:
        """Run the jobs queued for ``now`` or before, in their order; returns how many ran."""
        due = sorted((job for job in self.scheduled if job[0] <= now), key=lambda job: job[0])
        self.scheduled = [job for job in self.scheduled if job[0] > now]
        for _when, name, args in due:
            self.submit(name, args)
        return len(due)

    def waiting(self) -> tuple[int, float | None]:
        return 0, None


@dataclass(order=True)
class _Queued:
    due: float
    name: str = field(compare=False)
    args: tuple = field(compare=False)
    attempt: int = field(compare=False, default=0)
    queued_at: float = field(compare=False, default_factory=time.time)


class ThreadRunner:
    """One thread of the process runs jobs in turn, each retried after ``RETRY_AFTER``."""

    kind = "embedded"

    def __init__(self, app):
        self.app = app
        self.jobs: queue.PriorityQueue[_Queued] = queue.PriorityQueue()
        self.heartbeat = time.time()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, name: str, args: tuple) -> None:
        self.jobs.put(_Queued(time.time(), name, args))
        self._start()

    def submit_at(self, when: datetime, name: str, args: tuple) -> None:
        """Queued as if it came at ``when``: until then it is not waiting, only kept."""
        due = when.timestamp()
        self.jobs.put(_Queued(due, name, args, queued_at=due))
        self._start()

    def heartbeat_age(self) -> float:
        """Seconds since the thread last woke; 0 before the first job starts it (the process
        answering is its heartbeat then)."""
        return 0.0 if self._thread is None else time.time() - self.heartbeat

    def waiting(self) -> tuple[int, float | None]:
        """Jobs waiting to run, and for how long the oldest has; those kept for later do not count."""
        now = time.time()
        queued = [job for job in list(self.jobs.queue) if job.queued_at <= now]
        oldest = min((job.queued_at for job in queued), default=None)
        return len(queued), None if oldest is None else now - oldest

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                # A command (``seed-demo``, say) ends soon after its commit: give its jobs a moment.
                atexit.register(self.wait_until_idle, EXIT_WAIT)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="matcher-jobs", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            self.heartbeat = time.time()
            try:
                job = self.jobs.get(timeout=5)  # wakes to beat even when idle
            except queue.Empty:
                continue
            if job.due > time.time():  # the soonest job is a retry not yet due
                self.jobs.put(job)
                self.jobs.task_done()
                time.sleep(min(job.due - time.time(), 1.0))
                continue
            self._run(job)
            self.jobs.task_done()

    def _run(self, job: _Queued) -> None:
        with self.app.app_context():
            try:
                run(job.name, *job.args)
            except Exception:
                log.exception("job %s failed (attempt %d)", job.name, job.attempt + 1)
                if job.attempt < len(RETRY_AFTER):
                    self.jobs.put(_Queued(time.time() + RETRY_AFTER[job.attempt], job.name, job.args,
                                          job.attempt + 1, job.queued_at))

    def wait_until_idle(self, timeout: float) -> bool:
        """Whether every job queued so far has run (retries still waiting count as queued, jobs kept
        for later do not)."""
        deadline = time.time() + timeout
        while (now := time.time()) < deadline:
            later = sum(1 for job in list(self.jobs.queue) if job.queued_at > now)
            if self.jobs.unfinished_tasks == later:
                return True
            time.sleep(0.02)
        return False


class RedisRunner:
    """Jobs in an RQ queue on Redis, run by ``flask --app wsgi worker`` processes."""

    kind = "redis"

    def __init__(self, app):
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(app.config["REDIS_URL"])
        self.queue = Queue(app.config["JOBS_QUEUE"], connection=self.connection)

    def submit(self, name: str, args: tuple) -> None:
        self.queue.enqueue(run, name, *args, **self._options(name))

    def submit_at(self, when: datetime, name: str, args: tuple) -> None:
        """Kept by RQ's scheduler, which the workers run (``flask worker``)."""
        self.queue.enqueue_at(when, run, name, *args, **self._options(name))

    @staticmethod
    def _options(name: str) -> dict:
        from rq import Retry

        return dict(retry=Retry(max=len(RETRY_AFTER), interval=list(RETRY_AFTER)), job_timeout=_TIMEOUTS[name],
                    result_ttl=3600, failure_ttl=7 * 86400)

    def waiting(self) -> tuple[int, float | None]:
        count = self.queue.count
        first = self.queue.get_jobs(0, 0)
        oldest = first[0].enqueued_at if first and first[0].enqueued_at else None
        return count, None if oldest is None else time.time() - oldest.timestamp()


def init_app(app) -> None:
    """Give the app the runner its configuration asks for (``tasks`` registers the jobs)."""
    if app.config.get("JOBS_INLINE"):
        runner = InlineRunner(app)
    elif app.config.get("REDIS_URL"):
        runner = RedisRunner(app)
    else:
        runner = ThreadRunner(app)
    app.extensions[_EXTENSION] = runner
