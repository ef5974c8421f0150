"""How far a running job has come, told outside its transaction.

An import swaps a list and re-screens every open need in one transaction, which no
other connection can see into until it commits; so its progress is kept apart: in
Redis where the jobs run on workers (any web process can read it), in the memory of
the one process otherwise. It is a count for people to watch, never a record:
lost with Redis or the process, it simply is not shown.
"""

import threading
import time

from .runner import current_runner

KEEP_SECONDS = 86400
_PREFIX = "matcher:progress:"
_local: dict[str, tuple[int, int, float]] = {}
_lock = threading.Lock()


def report(key: str, done: int, total: int) -> None:
    """Say that the job known as ``key`` has done ``done`` of ``total`` steps."""
    runner = current_runner()
    if runner.kind == "redis":
        name = _PREFIX + key
        runner.connection.hset(name, mapping={"done": done, "total": total})
        runner.connection.expire(name, KEEP_SECONDS)
        return
    with _lock:
        _local[key] = (done, total, time.time())
        for stale in [k for k, (_, _, at) in _local.items() if at < time.time() - KEEP_SECONDS]:
            del _local[stale]


def read(key: str) -> tuple[int, int] | None:
    """(done, total) as last reported for ``key``, or None if nothing was."""
    runner = current_runner()
    if runner.kind == "redis":
        stored = runner.connection.hgetall(_PREFIX + key)
        return (int(stored[b"done"]), int(stored[b"total"])) if stored else None
    with _lock:
        found = _local.get(key)
    return None if found is None else found[:2]
