"""The conflict index in the database: importing client lists, and screening against a million names.

(a) Import: a generated 100,000-row client list (a third of the rows with aliases,
some in Cyrillic, some with a parent or an LEI) is validated (``parse_client_csv``),
swapped in and indexed (``replace_client_list``) and committed, in a child process,
so its peak resident memory (``ru_maxrss``, the whole process: interpreter and
libraries included) is the import's alone. The process that files the list's names
(``conflicts.filing``) is the child's own child; what the two held at once is sampled as their
proportional set size (PSS: the libraries both map counted once). Its own ``ru_maxrss`` would
tell nothing: Linux carries the peak of the process it was forked from across the exec. It runs
twice per database: into an empty list, and replacing that list with another of the same size.

(b) Screening: 1,000,000 client names over 200 firms are loaded with the same fast
path, then ``screening._hits_by_firm`` (what ``screen_need`` runs for every firm,
minus storing the checks) screens needs of 20 names each (a third listed clients,
a third perturbed ones, a third unknown, as in the engine benchmark). The engine's
caches are cleared before each need, so every party name is normalised as if new (the
clients' names were normalised when their lists were filed, and are read so). In the
same run, the baseline scores every pair with rapidfuzz's ``cdist`` on the 1,000,000
names normalised beforehand (its normalisation is not timed).

PostgreSQL is used where it answers (``TEST_DATABASE_URL``, or the local default), in
a schema made for the run and dropped after; otherwise it is skipped with a message.
To iterate faster, ``BENCH_SCREEN_NAMES=200000`` screens against fewer names and
``BENCH_SKIP_IMPORT=1`` leaves out (a), ``BENCH_SKIP_SCREEN=1`` leaves out (b).
"""

import csv
import gc
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import create_engine, text

from matcher import create_app
from matcher.conflicts import clientindex, engine, screening
from matcher.conflicts.clientlists import ClientRow, parse_client_csv, replace_client_list
from matcher.conflicts.engine import index_keys, normalise
from matcher.conflicts.engine.keys import word_keys
from matcher.conflicts.engine.normalise import _ascii_word
from matcher.core import crypto
from matcher.extensions import db
from matcher.models import LawFirm

from .bench_conflicts_engine import _need, company, name, person, to_cyrillic
from .services import POSTGRES, postgres_reachable
from .stats import summary, table, timed

SEED = 20240612
IMPORT_ROWS = 100_000
SCREEN_NAMES = int(os.environ.get("BENCH_SCREEN_NAMES", 1_000_000))
FIRMS = 200
NEEDS = 30
BASELINE_NEEDS = 3


def main() -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        databases = benchmark_databases(folder)
        if not os.environ.get("BENCH_SKIP_IMPORT"):
            _imports(rng, databases, folder)
        if not os.environ.get("BENCH_SKIP_SCREEN"):
            _screening(rng, databases, folder)


# -- (a) import --------------------------------------------------------------------------------


def _imports(rng: random.Random, databases, folder: str) -> None:
    import_rows = []
    csv_path = Path(folder) / "clients.csv"
    for label, database in databases:
        with database() as url:
            for run in ("into an empty list", "replacing a list of the same size"):
                csv_path.write_bytes(_client_csv(rng, IMPORT_ROWS))
                result = _import_in_child(url, csv_path)
                print(f"import of {IMPORT_ROWS:,} rows on {label}, {run}: {result['total']:.1f} s", flush=True)
                import_rows.append([label, run, f"{result['rows']:,}", f"{result['key_rows']:,}",
                                    f"{result['parse']:.1f}", f"{result['index']:.1f}", f"{result['commit']:.1f}",
                                    f"**{result['total']:.1f}**", f"{result['rss_before']:.0f}",
                                    f"{result['rss_peak']:.0f}", f"**{result['pss_peak']:.0f}**"])
    print("\n### Import of a 100,000-row client list (with aliases)\n")
    print(table(["database", "import", "rows", "key rows", "validate s", "swap + index s", "commit s",
                 "total s", "RSS before MB", "peak RSS MB",
                 "peak with the filing process, PSS MB"], import_rows) + "\n", flush=True)


def _client_csv(rng: random.Random, count: int) -> bytes:
    """A list in the upload format: a fifth of the rows people, aliases on a third, parents and LEIs
    on some."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "name", "aliases", "kind", "country", "parent_id", "lei"])
    for i in range(count):
        kind = "person" if rng.random() < 0.2 else "organisation"
        main_name = person(rng) if kind == "person" else company(rng)
        aliases = []
        if rng.random() < 0.33:
            aliases.append(name(rng))
            if rng.random() < 0.3:
                aliases.append(to_cyrillic(main_name))
        parent = f"C{rng.randrange(i)}" if i and rng.random() < 0.1 else ""
        lei = f"5493{rng.randrange(10**13, 10**14)}{rng.randrange(10, 100)}" if rng.random() < 0.1 else ""
        writer.writerow([f"C{i}", main_name, "|".join(aliases), kind, "", parent, lei])
    return out.getvalue().encode()


def _import_in_child(url: str, csv_path: Path) -> dict:
    """One import in a child process, with the peak of the memory it and its own children held at
    once (``_pss_mb``, sampled every 50 ms)."""
    # Started as a command (-c), as the app's commands start it: a process that files names
    # (``conflicts.filing``) imports the parent's main module again, which here would be this one.
    with subprocess.Popen([sys.executable, "-c", "import sys; from tests.benchmarks.bench_conflicts_db import "
                           "_child_import; _child_import(*sys.argv[1:])", url, str(csv_path)],
                          stdout=subprocess.PIPE, text=True) as child:
        peak = 0.0
        while child.poll() is None:
            peak = max(peak, _pss_mb(child.pid))
            time.sleep(0.05)
        out = child.stdout.read()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args, out)
    return {**json.loads(out.strip().splitlines()[-1]), "pss_peak": peak}


def _pss_mb(pid: int) -> float:
    """The proportional memory of a process and its children (each shared page counted once over
    them, where their resident sizes would count the libraries they share in each); 0 where
    ``/proc`` does not tell it (not Linux)."""
    total, pids = 0, [pid]
    while pids:
        pid = pids.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        pids += map(int, children)
    return total / 1024


def _child_import(url: str, csv_path: str) -> None:
    """Run in a fresh process: one import, timed in its phases, with the process's peak memory."""
    app = _app(url)
    with app.app_context():
        firm = db.session.scalar(db.select(LawFirm).where(LawFirm.name == "Import bench"))
        if firm is None:
            firm = LawFirm(name="Import bench", country="GB", contact_name="x", contact_email="x@example.org")
            db.session.add(firm)
            db.session.commit()
        data = Path(csv_path).read_bytes()
        rss_before = _rss_mb()
        start = time.perf_counter()
        rows = parse_client_csv(data)
        parsed = time.perf_counter()
        replace_client_list(None, firm, rows)
        indexed = time.perf_counter()
        db.session.commit()
        done = time.perf_counter()
        key_rows = db.session.scalar(text("SELECT count(*) FROM client_name_key WHERE firm_id = :f"), {"f": firm.id})
    print(json.dumps({"rows": len(rows), "key_rows": key_rows, "parse": parsed - start, "index": indexed - parsed,
                      "commit": done - indexed, "total": done - start, "rss_before": rss_before,
                      "rss_peak": _rss_mb()}))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- (b) screening -----------------------------------------------------------------------------


def _screening(rng: random.Random, databases, folder: str) -> None:
    names = [name(rng) for _ in range(SCREEN_NAMES)]
    per_firm = SCREEN_NAMES // FIRMS
    needs = [_need(rng, names) for _ in range(NEEDS)]
    planted = [set(range(0, 20, 3)) | set(range(1, 20, 3)) for _ in needs]
    rows, details = [], []
    # The benchmark's own million names and needs would make each full garbage collection
    # walk them, a pause a web process holding no such list never has: set them aside.
    gc.freeze()
    for label, database in databases:
        with database() as url:
            app = _app(url)
            with app.app_context():
                loaded = _load(label, names, per_firm)
                plan = _explain(needs[0])
                samples, retrieval, candidates, found, hits = _screen_needs(needs, planted)
                db.session.rollback()
            p50, p95 = summary(samples)
            r50, r95 = summary(retrieval)
            rows.append([label, len(samples), f"{r50:.1f} / {r95:.1f}", f"{p50:.1f}", f"**{p95:.1f}**"])
            details.append([label, loaded, f"{statistics.median(candidates):.0f} / {max(candidates)}",
                            f"{statistics.median(hits):.0f}", f"{found / sum(map(len, planted)):.3f}", plan])
            print(f"{label}: screening p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)
    print(f"normalising the {SCREEN_NAMES:,} names for the baseline", flush=True)
    normalised = [normalise(n).sorted_core for n in names]
    baseline = [timed(lambda need=need: process.cdist(
        [normalise(p.name).sorted_core for p in need], normalised, scorer=fuzz.ratio,
        score_cutoff=86, workers=-1), 1)[0] for need in needs[:BASELINE_NEEDS]]
    b50, b95 = summary(baseline)
    rows.append(["baseline: rapidfuzz cdist of all pairs (2 workers), in memory", len(baseline), "-",
                 f"{b50:.0f}", f"{b95:.0f}"])
    for row in rows[:-1]:
        row.append(f"**{b50 / float(row[3]):.0f}x**")
    rows[-1].append("1x")
    print(f"\n### Screening one need of 20 names against {SCREEN_NAMES:,} client names in {FIRMS} firms\n")
    print(table(["database", "needs timed", "candidate retrieval p50 / p95 ms", "screen p50 ms", "screen p95 ms",
                 "baseline / screen (p50)"], rows) + "\n")
    print(table(["database", f"loading {SCREEN_NAMES:,} names (fast import path)", "candidates per need: median / max",
                 "hits per need: median", "planted names found (listed + perturbed)", "plan of the key lookup"],
                details) + "\n", flush=True)


def _load(label: str, names: list[str], per_firm: int) -> str:
    """Every firm's list through ``clientindex.replace``, one transaction a firm."""
    start = time.perf_counter()
    for number in range(FIRMS):
        firm = LawFirm(name=f"Firm {number}", country="GB", contact_name="x", contact_email="x@example.org")
        db.session.add(firm)
        db.session.flush()
        chunk = names[number * per_firm:(number + 1) * per_firm]
        clientindex.replace(firm.id, [ClientRow(f"C{i}", n, (), "organisation", "", "", "")
                                      for i, n in enumerate(chunk)])
        db.session.commit()
        if (number + 1) % 20 == 0:
            print(f"{label}: {(number + 1) * per_firm:,} names loaded, {time.perf_counter() - start:.0f} s", flush=True)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE")
        if db.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("CHECKPOINT")
    took = f"{time.perf_counter() - start:.0f} s"
    # The load leaves a gigabyte or two of written pages that the system goes on writing to disk
    # for minutes: screens timed meanwhile would measure that writing (on SQLite, half as long again
    # at the median), which a web process screening a list loaded yesterday never waits for.
    os.sync()
    return took


def _screen_needs(needs, planted):
    """Time each need through ``screening._hits_by_firm`` against every firm, and its
    candidate retrieval alone; count candidates, hits and planted parties hit."""
    firm_ids = db.session.scalars(db.select(LawFirm.id)).all()
    samples, retrieval, candidates, found, hits = [], [], [], 0, []
    for need, wanted in zip(needs, planted, strict=True):
        _cold()
        keys = engine.party_keys(need)
        start = time.perf_counter()
        by_firm = clientindex.candidates(keys, firm_ids)
        retrieval.append((time.perf_counter() - start) * 1000)
        candidates.append(sum(map(len, by_firm.values())))
        _cold()
        start = time.perf_counter()
        result = screening._hits_by_firm(need, firm_ids)
        samples.append((time.perf_counter() - start) * 1000)
        hit_parties = {int(hit.party_id) for firm_hits in result.values() for hit in firm_hits}
        found += len(wanted & hit_parties)
        hits.append(sum(map(len, result.values())))
    return samples, retrieval, candidates, found, hits


def _explain(need) -> str:
    """The plan of the key lookup a screen runs, to show it reads the (key, firm, client) index alone."""
    digests = [crypto.index_digest(key) for key in engine.party_keys(need)]
    firm_ids = db.session.scalars(db.select(LawFirm.id)).all()
    statement, parameters = clientindex.key_lookup(digests, firm_ids)
    if db.engine.dialect.name == "postgresql":
        lines = [row[0] for row in clientindex._rows("EXPLAIN " + statement, parameters)]
    else:
        lines = [row[-1] for row in clientindex._rows("EXPLAIN QUERY PLAN " + statement, parameters)]
    return "; ".join(line.split("  (cost")[0].strip() for line in lines
                     if "Scan" in line or "SEARCH" in line or "SCAN" in line)


def _cold() -> None:
    """Empty the engine's caches, so every name of a need is normalised and keyed as if new."""
    for cache in (normalise, index_keys, word_keys, _ascii_word):
        cache.cache_clear()


# -- databases ---------------------------------------------------------------------------------


def benchmark_databases(folder: str) -> list:
    """(label, a context making a database for the run and giving its URL): SQLite in ``folder``, and
    PostgreSQL where it answers (said, where it does not)."""
    databases = [("SQLite", lambda: _sqlite(folder))]
    if postgres_reachable():
        databases.append(("PostgreSQL", _postgres_schema))
    else:
        print(f"PostgreSQL skipped: nothing answers at {POSTGRES}\n")
    return databases


def _app(url: str):
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "INDEX_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "MAIL_OUTBOX": tempfile.gettempdir()})
    with app.app_context():
        db.create_all()
    return app


class _sqlite:
    def __init__(self, folder: str):
        self.path = Path(folder) / f"bench-{uuid.uuid4().hex[:8]}.sqlite"

    def __enter__(self) -> str:
        return f"sqlite:///{self.path}"

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


class _postgres_schema:
    def __enter__(self) -> str:
        self.schema = f"bench_{uuid.uuid4().hex[:12]}"
        self.admin = create_engine(POSTGRES)
        with self.admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        return f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{self.schema}"

    def __exit__(self, *exc) -> None:
        with self.admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        self.admin.dispose()


