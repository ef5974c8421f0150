"""Pages as a signed-in person loads them, behind gunicorn on PostgreSQL, at scale.

Two worlds are made in the same run, each in a schema of its own, dropped after:
the small demo (``seed-demo``: the baseline) and a generated world (``demo scale``:
10,000 needs, 1,000 firms, 10,000 offers, 500 funds and 1,000,000 client names).
Over each, gunicorn serves the app with two workers, and the pages of every audience
are loaded one after another by a signed-in client (a coordinator, a firm member, a
defender; staff and firm members give their authenticator code): the coordinator's
queue, a verified need's page with its candidates, the reviews page, the firm's
dashboard and the defender's. Median and p95 of the whole request, as the client sees it.

PostgreSQL is used where it answers (``TEST_DATABASE_URL``, or the local default);
otherwise the benchmark is skipped with a message. Making the large world takes some
minutes; to iterate, shrink it (``BENCH_NEEDS``, ``BENCH_FIRMS``, ``BENCH_OFFERS``,
``BENCH_FUNDS``, ``BENCH_CLIENTS``), take fewer samples (``BENCH_PAGES_REPEAT``), or
serve a world made before (``BENCH_PAGES_WORLD``: its database URL, read with the
keys of ``instance/`` as ``flask demo scale`` made it there; it is left in place).
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

import pyotp
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from matcher import demo

from .services import POSTGRES, postgres_reachable
from .stats import summary, table, timed

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REPEAT = int(os.environ.get("BENCH_PAGES_REPEAT", 100))
WARM_UP = 5
SIZES = {name: os.environ.get(f"BENCH_{name.upper()}", default) for name, default in
         (("needs", "10000"), ("firms", "1000"), ("offers", "10000"), ("funds", "500"), ("clients", "1000000"))}
PAGES = ("coordinator queue", "need page with candidates", "reviews page", "firm dashboard", "defender dashboard",
         "people to verify", "funds", "audit trail", "relations registry", "firm's client list", "firm's team",
         "defender's need")


def main() -> None:
    if not postgres_reachable():
        print(f"Pages skipped: no PostgreSQL answers at {POSTGRES}\n")
        return
    results = {"small demo": _measure_small(), "large world": _measure_large()}
    sizes = ", ".join(f"{value} {name}" for name, value in SIZES.items())
    print(f"\n### Pages behind gunicorn (2 workers) on PostgreSQL, {REPEAT} loads each (large world: {sizes})\n")
    rows = []
    for page in PAGES:
        row = [page]
        for samples in results.values():
            median, p95 = summary(samples[page])
            row += [f"{median:.1f}", f"**{p95:.1f}**"]
        rows.append(row)
    print(table(["page", "small demo p50 ms", "small demo p95 ms", "large world p50 ms", "large world p95 ms"],
                rows) + "\n", flush=True)


def _measure_small() -> dict[str, list[float]]:
    with _schema() as url:
        env = _environment(url, _bench_keys())
        _flask(env, "db", "upgrade")
        _flask(env, "seed-demo")
        with _served(env) as base:
            return _pages(base, _small_accounts(url))


def _measure_large() -> dict[str, list[float]]:
    given = os.environ.get("BENCH_PAGES_WORLD")
    if given:
        with _served(_environment(given, {})) as base:
            return _pages(base, _large_accounts(given))
    with _schema() as url:
        env = _environment(url, _bench_keys())
        _flask(env, "db", "upgrade")
        started = time.perf_counter()
        _flask(env, "demo", "scale", *(f"--{name}={value}" for name, value in SIZES.items()))
        print(f"large world made in {time.perf_counter() - started:.0f} s", flush=True)
        with _served(env) as base:
            return _pages(base, _large_accounts(url))


# -- the accounts and records each world's pages are about ---------------------------------------


def _small_accounts(url: str) -> dict:
    """The demo's accounts; its need is verified first, so that its page ranks candidates."""
    need_id = _scalar(url, "SELECT id FROM need ORDER BY id LIMIT 1")
    return {"coordinator": "coordinator@demo.example", "firm": "partner@alvarez.example",
            "defender": "defender@demo.example", "need": need_id, "verify": True}


def _large_accounts(url: str) -> dict:
    """The generated world's: a verified need with planted hits elsewhere, firm 0's member, defender 0."""
    need_id = _scalar(url, "SELECT id FROM need WHERE state = 'verified' ORDER BY id LIMIT 1")
    firm_id = _scalar(url, "SELECT id FROM law_firm WHERE name LIKE '% 0' ORDER BY id LIMIT 1")
    return {"coordinator": "coordinator@demo.example", "firm": f"firm{firm_id}.member0@scale.example",
            "defender": "defender0@scale.example", "need": need_id, "verify": False}


def _pages(base: str, accounts: dict) -> dict[str, list[float]]:
    coordinator, firm, defender = (_Browser(base) for _ in range(3))
    coordinator.sign_in(accounts["coordinator"])
    if accounts["verify"]:
        coordinator.post(f"/coordinator/needs/{accounts['need']}/triage",
                         {"triage-action": "verify", "triage-note": ""})
    firm.sign_in(accounts["firm"])
    defender.sign_in(accounts["defender"])
    own_need = re.search(r'href="/defender/needs/(\d+)"', defender.get("/defender/")).group(1)
    pages = {
        "coordinator queue": (coordinator, "/coordinator/"),
        "need page with candidates": (coordinator, f"/coordinator/needs/{accounts['need']}"),
        "reviews page": (coordinator, "/coordinator/reviews"),
        "firm dashboard": (firm, "/firm/"),
        "defender dashboard": (defender, "/defender/"),
        "people to verify": (coordinator, "/coordinator/people"),
        "funds": (coordinator, "/coordinator/funds"),
        "audit trail": (coordinator, "/coordinator/audit"),
        "relations registry": (coordinator, "/coordinator/relations"),
        "firm's client list": (firm, "/firm/clients"),
        "firm's team": (firm, "/firm/team"),
        "defender's need": (defender, f"/defender/needs/{own_need}"),
    }
    samples = {}
    for page, (browser, path) in pages.items():
        for _ in range(WARM_UP):
            browser.get(path)
        samples[page] = timed(lambda browser=browser, path=path: browser.get(path), REPEAT)
    return samples


class _Browser:
    """A client with its own cookies that signs in as a person does, CSRF token and code included."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path) as response:
            if response.url != self.base + path:
                raise RuntimeError(f"{path} was sent to {response.url}: not signed in?")
            return response.read().decode()

    def post(self, path: str, data: dict) -> str:
        token = re.search(r'name="csrf-token" content="([^"]+)"', self.get("/account/login")).group(1)
        body = urllib.parse.urlencode({**data, "csrf_token": token}).encode()
        with self.opener.open(self.base + path, body) as response:
            return response.url

    def sign_in(self, email: str) -> None:
        landed = self.post("/account/login", {"email": email, "password": demo.PASSWORD})
        if "/account/2fa" in landed:
            self.post("/account/2fa", {"code": pyotp.TOTP(demo.TOTP_KEY).now()})


# -- the database, the commands and the server ---------------------------------------------------


def _bench_keys() -> dict[str, str]:
    return {"SECRET_KEY": "bench-pages", "INDEX_KEY": "bench-pages", "ENCRYPTION_KEYS": Fernet.generate_key().decode()}


def _environment(url: str, keys: dict) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "INDEX_KEY", "ENCRYPTION_KEYS")}
    return {**env, **keys, "DATABASE_URL": url, "BASE_URL": "http://127.0.0.1"}


def _flask(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


@contextmanager
def _served(env: dict):
    """gunicorn with two workers on a free port, until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryFile() as log:  # the app's line per request would drown the tables
        server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
                                   "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base)
            yield base
        except Exception:
            log.seek(0)
            sys.stderr.write(log.read()[-4000:].decode(errors="replace"))
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(base: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/account/login"):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer at {base}")


@contextmanager
def _schema():
    """A schema made for the run, dropped after; the URL reaches it alone."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def _scalar(url: str, sql: str):
    engine = create_engine(url)
    with engine.connect() as connection:
        value = connection.scalar(text(sql))
    engine.dispose()
    return value

