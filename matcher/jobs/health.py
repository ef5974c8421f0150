"""How the jobs are doing, for the health check: Redis, the workers, the queue."""

import time

from .runner import current_runner


def report() -> dict:
    """``redis`` ("ok", "down" or "not configured"), ``worker`` (seconds since the freshest
    worker's heartbeat; None when none runs), ``queue`` (jobs waiting) and ``oldest_job_s``."""
    runner = current_runner()
    if runner.kind != "redis":
        return {"redis": "not configured", "worker": _embedded_heartbeat(runner), **_waiting(runner)}
    try:
        runner.connection.ping()
    except Exception:  # any failure to reach it is "down"; the text of the error helps nobody here
        return {"redis": "down", "worker": None, "queue": None, "oldest_job_s": None}
    return {"redis": "ok", "worker": _worker_heartbeat(runner), **_waiting(runner)}


def _waiting(runner) -> dict:
    count, oldest = runner.waiting()
    return {"queue": count, "oldest_job_s": None if oldest is None else round(oldest, 1)}


def _embedded_heartbeat(runner) -> float | None:
    if runner.kind == "inline":  # no worker at all: jobs run in the request
        return None
    return round(runner.heartbeat_age(), 1)


def _worker_heartbeat(runner) -> float | None:
    from rq import Worker

    beats = [worker.last_heartbeat for worker in Worker.all(queue=runner.queue) if worker.last_heartbeat]
    if not beats:
        return None
    return round(time.time() - max(beats).timestamp(), 1)
