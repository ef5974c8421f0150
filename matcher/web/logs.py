"""What the process writes to its logs, and what it never writes.

One handler on the root logger writes every line to standard error, in one of two formats
(``LOG_FORMAT``): ``json``, one object per line for a log collector, or ``text`` for a person
at a terminal. In ``json`` the app's own access line (``web/requestlog``, which never names a
query string) replaces the development server's, which does; in ``text`` the servers' own
access lines are kept, as a developer expects them.

Invitation, reset, enrolment and confirmation links act for whoever holds them, and their
token stands in the path, which the development server (``werkzeug``), gunicorn
(``gunicorn.access``) and the app's access line write. A filter on those loggers, and the
handler itself for every line it writes, replace the token with ``[token]``; which paths
carry one is read off the app's own URL rules (every rule with a ``<token>`` part), so a new
kind of link is covered too. The handler also replaces any email address with ``[address]``:
an error from a mail server names the recipient it refused.
"""

import json
import logging
import re
import sys
from datetime import UTC, datetime

from flask.logging import default_handler

from . import requestlog

ACCESS_LOGGERS = ("werkzeug", "gunicorn.access", requestlog.ACCESS_LOGGER)
FORMATS = ("json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# The fields of an access line, in the order a reader expects them (web/requestlog sets them).
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


class RedactTokens(logging.Filter):
    def __init__(self, pattern: re.Pattern):
        super().__init__()
        self.pattern = pattern

    def redact(self, text: str) -> str:
        return self.pattern.sub(r"\1[token]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        """The record itself is rewritten, so no other handler an operator adds sees the token."""
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if isinstance(getattr(record, "path", None), str):
            record.path = self.redact(record.path)
        return True


class JsonLines(logging.Formatter):
    """One JSON object per record: when, how grave, from where, what, and for which request."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update({field: getattr(record, field) for field in ACCESS_FIELDS if hasattr(record, field)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class StandardError(logging.Handler):
    """Writes each line to ``sys.stderr`` as it is at that moment (a test's capture, a
    supervisor's redirect), stripped of tokens and addresses."""

    def __init__(self, formatter: logging.Formatter, redact: RedactTokens | None):
        super().__init__()
        self.setFormatter(formatter)
        self.redact = redact
        self.addFilter(_with_request_id)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        if self.redact:
            line = self.redact.redact(line)
        return ADDRESS.sub("[address]", line)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # logging's own rule: a line that cannot be written never stops the app
            self.handleError(record)


def _with_request_id(record: logging.LogRecord) -> bool:
    """Every line written while a request is served names it."""
    request_id = requestlog.current_id()
    if request_id:
        record.request_id = request_id
    return True


def init_app(app) -> None:
    redact = _token_filter(app)
    for name in ACCESS_LOGGERS:
        _replace_filter(logging.getLogger(name), redact)
    _install_handler(app, redact)


def _token_filter(app) -> RedactTokens | None:
    prefixes = sorted({re.escape(rule.rule.split("<token>")[0]) for rule in app.url_map.iter_rules()
                       if "<token>" in rule.rule})
    return RedactTokens(re.compile(f"({'|'.join(prefixes)})[^\\s\"?/]+")) if prefixes else None


def _replace_filter(logger: logging.Logger, redact: RedactTokens | None) -> None:
    for old in [f for f in logger.filters if isinstance(f, RedactTokens)]:
        logger.removeFilter(old)
    if redact:
        logger.addFilter(redact)


def _install_handler(app, redact: RedactTokens | None) -> None:
    """The one handler, replacing the one an earlier app of this process installed."""
    chosen = log_format(app)
    formatter = JsonLines() if chosen == "json" else logging.Formatter(TEXT_FORMAT, defaults={"request_id": "-"})
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, StandardError)]:
        root.removeHandler(old)
    root.addHandler(StandardError(formatter, redact))
    app.logger.removeHandler(default_handler)
    app.logger.setLevel(logging.DEBUG if app.debug else logging.INFO)
    # Only one access line per request: ours in json, the servers' own in text.
    logging.getLogger(requestlog.ACCESS_LOGGER).setLevel(logging.INFO if chosen == "json" else logging.WARNING)
    logging.getLogger("werkzeug").setLevel(logging.WARNING if chosen == "json" else logging.NOTSET)


def log_format(app) -> str:
    """``LOG_FORMAT``, or by default ``json``, but ``text`` in debug mode (``flask run --debug``)."""
    chosen = app.config.get("LOG_FORMAT") or ("text" if app.debug else "json")
    if chosen not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be json or text, not {chosen!r}")
    return chosen
