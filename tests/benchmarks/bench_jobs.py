"""Background jobs at scale: a 100,000-row client list imported through an RQ worker, and the
re-screening of every open need that a replaced list sets off.

A world is generated in a PostgreSQL schema of its own (``demo scale``: 10,000 needs, most
of them open, 50 firms, 20,000 client names), dropped after. Then, with that firm's list
replaced each time by a generated one of 100,000 rows (a third with aliases, some in
Cyrillic, some with parents or LEIs):

- through the worker: the upload's job is queued in Redis and run by ``flask worker`` in
  a process of its own; timed from the commit that queues it to the import marked done,
  with the worker's peak resident memory (VmHWM: the whole process);
- baseline, in the same run: the same import run in a process of its own, as
  ``flask conflicts import-clients`` runs it, timed as a whole, with its peak memory;
- the re-screening alone: ``workflow.rescreen_firm`` of that firm over every open need,
  in a fresh process (time and peak memory).

Each is measured ``BENCH_JOBS_REPEAT`` times (default 3): medians and p95 (with three
samples, p95 is the slowest). Skipped, with a message, without PostgreSQL or Redis. Shrink
the world with ``BENCH_JOBS_NEEDS`` (default 10000) and the list with ``BENCH_JOBS_ROWS``.
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from .bench_conflicts_db import _client_csv
from .bench_pages import BIN, ROOT, _bench_keys, _environment, _flask, _scalar, _schema
from .services import REDIS_URL, postgres_reachable, redis_reachable
from .stats import summary, table

REPEAT = int(os.environ.get("BENCH_JOBS_REPEAT", 3))
NEEDS = int(os.environ.get("BENCH_JOBS_NEEDS", 10000))
ROWS = int(os.environ.get("BENCH_JOBS_ROWS", 100000))
SEED = 20261201


def main() -> None:
    if not postgres_reachable() or not redis_reachable():
        print("Jobs skipped: they need PostgreSQL and Redis\n")
        return
    with _schema() as url, tempfile.TemporaryDirectory() as folder:
        queue = f"bench-{uuid.uuid4().hex[:8]}"
        env = {**_environment(url, _bench_keys()), "REDIS_URL": REDIS_URL, "JOBS_QUEUE": queue}
        _flask(env, "db", "upgrade")
        started = time.perf_counter()
        _flask(env, "demo", "scale", f"--needs={NEEDS}", "--firms=50", "--offers=200", "--funds=10",
               "--clients=20000")
        open_needs = _scalar(url, "SELECT count(*) FROM need WHERE state NOT IN "
                                  "('draft', 'closed', 'withdrawn', 'rejected')")
        firm_id = _scalar(url, "SELECT id FROM law_firm ORDER BY id LIMIT 1")
        print(f"world made in {time.perf_counter() - started:.0f} s: {open_needs} open needs", flush=True)
        csv_path = Path(folder) / "clients.csv"
        csv_path.write_bytes(_client_csv(random.Random(SEED), ROWS))
        rows = {"through the worker": [], "baseline: in the command's process": [], "re-screening alone": []}
        for _ in range(REPEAT):
            rows["through the worker"].append(_through_worker(env, firm_id, csv_path))
            rows["baseline: in the command's process"].append(_child(env, "inline", str(firm_id), str(csv_path)))
            rows["re-screening alone"].append(_child(env, "rescreen", str(firm_id)))
    print(f"\n### Jobs on PostgreSQL: a {ROWS:,}-row client list and {open_needs:,} open needs, "
          f"{REPEAT} runs each\n")
    print(table(["what", "time p50 / p95 (s)", "peak memory p50 / p95 (MB)"], [
        [what, "{:.1f} / {:.1f}".format(*summary([run["seconds"] for run in runs])),
         "{:.0f} / {:.0f}".format(*summary([run["peak_mb"] for run in runs]))] for what, runs in rows.items()]))
    print()


def _through_worker(env: dict, firm_id: int, csv_path: Path) -> dict:
    """Queue the import from this side, let a worker process run it, and read its peak memory."""
    worker = subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        result = _child(env, "queue-and-wait", str(firm_id), str(csv_path))
        result["peak_mb"] = _peak_mb(worker.pid)
        return result
    finally:
        worker.terminate()
        worker.wait(timeout=60)


def _child(env: dict, *args: str) -> dict:
    completed = subprocess.run([sys.executable, "-m", "tests.benchmarks.bench_jobs", *args], cwd=ROOT, env=env,
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _queue_and_wait(firm_id: int, csv_path: str) -> None:
    """In a fresh process: validate the list, queue its import, and wait for a worker to finish it."""
    from matcher import create_app
    from matcher.conflicts import clientlists
    from matcher.extensions import db
    from matcher.models import ClientImport, LawFirm, User

    app = create_app()
    with app.app_context():
        firm = db.session.get(LawFirm, firm_id)
        member = db.session.scalar(db.select(User).where(User.firm_id == firm_id).limit(1))
        rows = clientlists.parse_client_csv(Path(csv_path).read_bytes())
        record = clientlists.start_import(firm, member, rows)
        started = time.perf_counter()
        db.session.commit()  # queued in Redis now
        while True:
            db.session.expire_all()
            state = db.session.get(ClientImport, record.id).state
            db.session.rollback()
            if state in ("done", "failed"):
                break
            time.sleep(0.2)
        print(json.dumps({"seconds": time.perf_counter() - started, "state": state}))


def _inline(firm_id: int, csv_path: str) -> None:
    """In a fresh process: the import as the command line runs it, without a queue."""
    from matcher import create_app
    from matcher.conflicts import clientlists
    from matcher.extensions import db
    from matcher.models import LawFirm

    app = create_app()
    with app.app_context():
        started = time.perf_counter()
        rows = clientlists.parse_client_csv(Path(csv_path).read_bytes())
        clientlists.replace_client_list(None, db.session.get(LawFirm, firm_id, with_for_update=True), rows)
        db.session.commit()
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _rescreen(firm_id: int) -> None:
    """In a fresh process: screen every open need against the firm again, as an import does."""
    from matcher import create_app
    from matcher.extensions import db
    from matcher.models import LawFirm
    from matcher.needs import workflow

    app = create_app()
    with app.app_context():
        started = time.perf_counter()
        workflow.rescreen_firm(None, db.session.get(LawFirm, firm_id))
        db.session.commit()
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"queue-and-wait": lambda firm, path: _queue_and_wait(int(firm), path),
     "inline": lambda firm, path: _inline(int(firm), path),
     "rescreen": lambda firm: _rescreen(int(firm))}[command](*arguments)
