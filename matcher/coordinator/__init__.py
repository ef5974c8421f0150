"""The vetting organisation's pages: people, needs, screening, matching and funds."""

from flask import Blueprint

from ..access import guard

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
guard(bp, ("coordinator", "admin"))

from . import audit_log, funds, intake, matches, needs, relations, review, views  # noqa: E402,F401  (the modules register their routes on bp)
