"""Signing in and out, and how long a signed-in session may last.

Signing in starts a fresh session (nothing an attacker planted before survives
it); a session ends after a stretch of inactivity and, whatever the activity,
after an absolute lifetime, because a defender's laptop may be seized or shared.
"""

import time

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user


def _new_session() -> None:
    """Drop everything the old session held, the CSRF token this request cached included."""
    session.clear()
    g.pop("csrf_token", None)


def start(user) -> None:
    """Sign ``user`` in on a new session."""
    _new_session()
    login_user(user)
    now = int(time.time())
    session["login_at"] = now
    session["seen_at"] = now


def end() -> None:
    logout_user()
    _new_session()


def _expired(now: int) -> bool:
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    lifetime = current_app.config["SESSION_MAX_HOURS"] * 3600
    return now - session.get("seen_at", 0) > idle or now - session.get("login_at", 0) > lifetime


def init_app(app) -> None:
    @app.before_request
    def _enforce_timeouts():
        if not current_user.is_authenticated or request.endpoint == "static":
            return None
        now = int(time.time())
        if _expired(now):
            end()
            flash("Your session ended: please sign in again.")
            return redirect(url_for("auth.login"))
        session["seen_at"] = now
        return None
