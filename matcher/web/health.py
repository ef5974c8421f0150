"""``GET /health``: what a load balancer or a monitor asks before sending people here."""

from flask import Blueprint, jsonify
from sqlalchemy import text

from ..core import mail
from ..extensions import db, limiter
from ..jobs import health

bp = Blueprint("health", __name__)


@bp.route("/health")
@limiter.exempt
def check():
    """The database, Redis, the workers, the queue and the mail waiting, as JSON; 503 when the
    database does not answer (nothing works without it), 200 otherwise, so a monitor alerts
    on a stale worker or a growing queue while the pages still serve."""
    database, pending = "ok", None
    try:
        db.session.execute(text("SELECT 1"))
        pending = mail.pending_count()
    except Exception:  # down, unreachable or refusing: all the same to a load balancer
        db.session.rollback()
        database = "down"
    body = {"database": database, **health.report(), "mail_pending": pending}
    response = jsonify(body)
    response.status_code = 200 if database == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
