"""Configuration defaults, and the one place that reads the environment.

Every key has a default that serves the embedded setup (SQLite in ``instance/``,
mail written to a local outbox). ``load_from_environment`` is called inside
``create_app``, never at import time, so tests can build apps side by side.
"""

import os
import secrets
from pathlib import Path

from .core import crypto

# Name of the file in the instance folder that holds a generated secret key.
SECRET_KEY_FILE = "secret_key"
INDEX_KEY_FILE = "index_key"


class Defaults:
    # SQLAlchemy URL; the default is an SQLite file in the instance folder.
    SQLALCHEMY_DATABASE_URI = None
    # Database errors never carry the values of a statement into logs or tracebacks.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    # Flask's session signing key; generated into instance/ when not set.
    SECRET_KEY = None
    # Public base address used in links inside emails.
    BASE_URL = "http://127.0.0.1:5000"
    # Outgoing mail. With no MAIL_SERVER, messages are written as .eml files
    # to MAIL_OUTBOX (instance/outbox by default) instead of being sent.
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = "Pro bono matcher <no-reply@localhost>"
    MAIL_OUTBOX = None
    # Session cookies: never readable by scripts, never sent cross-site.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    # CSRF tokens live as long as the session.
    WTF_CSRF_TIME_LIMIT = None
    # Links in emails (accounts/links.py) stop working after this many seconds: an invitation
    # to a firm's team, a registration's confirmation, and (below) a password reset.
    INVITATION_MAX_AGE = 7 * 24 * 3600
    REGISTRATION_MAX_AGE = 24 * 3600
    # A staff account's enrolment link (`flask accounts create`), where its owner sets a password.
    ENROLMENT_MAX_AGE = 3 * 24 * 3600
    # Where the quick-exit control on defenders' pages sends them: a neutral site.
    QUICK_EXIT_URL = "https://www.wikipedia.org/"
    # A signed-in session ends after this much inactivity, and after this long in any case.
    SESSION_IDLE_MINUTES = 30
    SESSION_MAX_HOURS = 12
    # Keys that seal sensitive text at rest, newest first (comma-separated Fernet keys);
    # generated into instance/encryption_keys when not set. Never stored in the database.
    ENCRYPTION_KEYS = None
    # Keys the digests that find sealed values again (addresses, the client-list index,
    # remembered decisions); generated into instance/index_key when not set. Changing it
    # means `flask keys reindex`, so it is kept apart from SECRET_KEY.
    INDEX_KEY = None
    # Sign-in and password-reset throttling; failed attempts count, per address and per account.
    RATELIMIT_STORAGE_URI = "memory://"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "10 per 15 minutes"
    RESET_LIMIT = "5 per hour"
    # A browser that completed a sign-in is known to the account this long: the per-account
    # limits above do not count against it, so guessing cannot lock the owner out.
    KNOWN_BROWSER_MAX_AGE = 90 * 24 * 3600
    # Invitations a firm member may send: enough for a team, too few to probe addresses with.
    INVITE_LIMIT = "20 per hour"
    # Requests one API token may make (a firm's system polling an import, answering matters).
    API_LIMIT = "120 per minute"
    # A password-reset link works this long, and once.
    PASSWORD_RESET_MAX_AGE = 3600
    # Finished matters (closed, withdrawn, rejected) are erased after this many days without activity
    # (`flask retention purge`, run daily by the operator's scheduler).
    RETENTION_DAYS = 730
    # Background jobs (client-list imports, mail) run on RQ workers where REDIS_URL is set, in a
    # thread of the process otherwise; True runs them in the request, right after its commit.
    REDIS_URL = None
    JOBS_QUEUE = "matcher"  # the RQ queue's name: deployments sharing a Redis each take their own
    JOBS_INLINE = False
    # A firm's attestation that it has no clients to declare holds this long; then it must
    # attest again or upload its list, or it is not screened (never clear) any more.
    NO_CLIENTS_ATTESTATION_DAYS = 90
    # How many reverse proxies stand in front of the app and may be believed about the client's
    # address and https (X-Forwarded-For and -Proto); 0 believes none, as when it is served directly.
    TRUSTED_PROXY_HOPS = 0
    # How the process writes its logs to standard error: "json" (one object per line) or "text";
    # unset, json, except in debug mode (`flask run --debug`), where it is text (web/logs.py).
    LOG_FORMAT = None
    # Largest request body accepted (client-list uploads are the biggest).
    MAX_CONTENT_LENGTH = 32 * 1024 * 1024


_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def _environment_value(key: str, raw: str):
    """The environment's string as the type of the key's default: a password of digits stays a
    string, and a setting that cannot be read stops the start with a message saying which."""
    default = getattr(Defaults, key, None)
    if isinstance(default, bool):
        if raw.strip().lower() not in _TRUE + _FALSE:
            raise ValueError(f"{key} must be true or false, not {raw!r}")
        return raw.strip().lower() in _TRUE
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{key} must be a whole number, not {raw!r}") from None
    return raw


ENVIRONMENT_KEYS = (
    "SECRET_KEY",
    "BASE_URL",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USE_SSL",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_DEFAULT_SENDER",
    "MAIL_OUTBOX",
    "QUICK_EXIT_URL",
    "ENCRYPTION_KEYS",
    "INDEX_KEY",
    "SESSION_IDLE_MINUTES",
    "SESSION_MAX_HOURS",
    "RETENTION_DAYS",
    "JOBS_INLINE",
    "JOBS_QUEUE",
    "REDIS_URL",
    "TRUSTED_PROXY_HOPS",
    "LOG_FORMAT",
)


def load_from_environment(config) -> None:
    """Copy the documented variables from the environment into ``config``."""
    for key in ENVIRONMENT_KEYS:
        if key in os.environ:
            config[key] = _environment_value(key, os.environ[key])
    if os.environ.get("REDIS_URL"):
        # Every web process then shares the sign-in counts.
        config["RATELIMIT_STORAGE_URI"] = os.environ["REDIS_URL"]
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = database_url(os.environ["DATABASE_URL"])


def database_url(url: str) -> str:
    """Accept the common ``postgres://`` spellings and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def fill_instance_defaults(config, instance_path: str) -> None:
    """Point unset paths at the instance folder and make sure the secret keys exist."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'matcher.sqlite'}"
    if not config.get("MAIL_OUTBOX"):
        config["MAIL_OUTBOX"] = str(instance / "outbox")
    if config["BASE_URL"].startswith("https://"):
        # Over https the cookie is sent only over https, and its "__Host-" name makes browsers
        # refuse one set by a subdomain or over plain http, so nobody can plant a session.
        config["SESSION_COOKIE_SECURE"] = True
        config["SESSION_COOKIE_NAME"] = "__Host-session"
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret_key(instance / SECRET_KEY_FILE)
    if not config.get("ENCRYPTION_KEYS"):
        config["ENCRYPTION_KEYS"] = crypto.instance_keys(instance_path)
    if not config.get("INDEX_KEY"):
        config["INDEX_KEY"] = _instance_secret_key(instance / INDEX_KEY_FILE)


def _instance_secret_key(path: Path) -> str:
    """Read the generated key, or generate one readable by the owner only."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key)
    return key
