"""The audit log as coordinators and admins read it: filtered on screen, or exported as CSV.

Notes are left out of both: they can hold what a coordinator wrote to a
defender, and the log is for who did what, when. The filter form is posted and
answered with a redirect whose address names the actor by account number, so an
address typed into it never stands in a URL, a browser's history or an access log.
"""

from datetime import UTC, date, datetime, time

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core import audit
from ..core.downloads import csv_response
from ..extensions import db
from ..models import AuditEvent, User
from ..needs.history import staff_sentences
from .blueprint import bp

PER_PAGE = 100
EXPORT_CAP = 50_000


def _filtered():
    """The query the filters in the address describe; bad values are ignored, never a 500."""
    query = select(AuditEvent).options(selectinload(AuditEvent.actor)).order_by(AuditEvent.id.desc())
    action = request.args.get("action", "").strip()
    if action:
        query = query.where(AuditEvent.action.startswith(action, autoescape=True))
    actor_id = request.args.get("actor_id", type=int)
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    need = request.args.get("need", "").strip()
    if need.isdigit():
        query = query.where(AuditEvent.need_id == int(need))
    since, until = _day("since"), _day("until")
    if since:
        query = query.where(AuditEvent.created_at >= datetime.combine(since, time.min, UTC))
    if until:
        query = query.where(AuditEvent.created_at <= datetime.combine(until, time.max, UTC))
    return query


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


FILTERS = ("action", "need", "since", "until")


@bp.route("/audit", methods=["GET", "POST"])
def audit_log():
    if request.method == "POST":
        return redirect(url_for(".audit_log", **_posted_filters()))
    page = db.paginate(_filtered(), per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False)
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    actor = db.session.get(User, filters["actor_id"]) if filters.get("actor_id", "").isdigit() else None
    rows = zip(page.items, staff_sentences(page.items), strict=True)
    return render_template("coordinator/audit.html", page=page, rows=rows, filters=filters,
                           actor_email=actor.email if actor else "")


def _posted_filters() -> dict:
    """The posted form's filters as an address may carry them: the actor by account number."""
    filters = {key: request.form.get(key, "").strip() for key in FILTERS}
    email = request.form.get("actor", "").strip().lower()
    if email:
        actor_id = db.session.scalar(select(User.id).where(User.with_email(email)))
        filters["actor_id"] = actor_id if actor_id is not None else 0
    return {key: value for key, value in filters.items() if value != ""}


@bp.route("/audit.csv")
def audit_export():
    events = db.session.scalars(_filtered().limit(EXPORT_CAP)).all()
    audit.record(current_user._get_current_object(), "audit.export", current_user._get_current_object())
    rows = (
        [e.created_at.isoformat(), e.actor.email if e.actor else "", e.actor.role if e.actor else "", e.action,
         e.subject_type, e.subject_id, e.need_id or "", e.from_state, e.to_state]
        for e in events
    )
    header = ["when", "actor", "role", "action", "subject", "subject_id", "need", "from", "to"]
    return csv_response("audit-log.csv", header, rows)
