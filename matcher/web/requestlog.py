"""Every request has an id, and leaves one access line.

The id ties together the lines one request writes, and a person who reports a problem can
quote it: it is sent back in the ``X-Request-ID`` header. A reverse proxy the app believes
(``TRUSTED_PROXY_HOPS``) may hand one in, as nginx's ``$request_id``, so that its log and ours
agree; anything else, or anything but a short plain token, is replaced by a fresh id, so nobody
writes what they like into the logs.

The access line names the method, the path without its query string (where a search or a
``next`` address would stand), the status and the time taken; never a form value or an
address. ``web/logs`` replaces a link's token in the path.
"""

import logging
import re
import secrets
import time

from flask import g, has_request_context, request

ACCESS_LOGGER = "matcher.access"
HEADER = "X-Request-ID"
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

access_log = logging.getLogger(ACCESS_LOGGER)


def init_app(app) -> None:
    """Registered before every other hook, so the time taken counts them all."""
    trusted = app.config["TRUSTED_PROXY_HOPS"] > 0

    @app.before_request
    def _start():
        g.request_started = time.perf_counter()
        g.request_id = _given_id() if trusted else None

    @app.after_request
    def _finish(response):
        response.headers[HEADER] = current_id()
        _write_access_line(response.status_code)
        return response


def current_id() -> str | None:
    """This request's id (made on first use), or None outside a request."""
    if not has_request_context():
        return None
    if not g.get("request_id"):
        g.request_id = secrets.token_hex(16)
    return g.request_id


def _given_id() -> str | None:
    given = request.headers.get(HEADER, "")
    return given if SAFE_ID.fullmatch(given) else None


def _write_access_line(status: int) -> None:
    started = g.get("request_started")
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else None
    access_log.info("%s %s %s", request.method, request.path, status, extra={
        "method": request.method, "path": request.path, "status": status, "duration_ms": duration_ms})
