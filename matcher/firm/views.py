"""A firm member's dashboard and the matters proposed to their firm.

A firm sees a need only through a match proposed to it, and then a summary
without the defender's identity; the details and the defender's pseudonym and
contact appear once the firm accepted and the defender consented (the match is
active). Every read of a need's text by the firm is written to the audit log.
"""

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..core import audit
from ..extensions import db
from ..models import ClientEntry, Match
from ..models._types import utcnow
from ..needs import outcomes, workflow
from ..needs.history import firm_history
from ..needs.states import DISCLOSED_MATCH_STATES, OPEN_MATCH_STATES, SUMMARY_MATCH_STATES
from ..web.attempts import attempt, show_problems
from ..web.confirm import unless_confirmed
from .blueprint import bp, own_record_or_404
from .forms import CloseForm, DeclineForm

# What the dashboard says each open state asks of the firm.
OPEN_GROUPS = (
    ("proposed", _l("Proposed: waiting for your answer")),
    ("accepted", _l("Accepted: waiting for the defender's consent")),
    ("active", _l("Active")),
)
RECENT_CLOSED = 20


@bp.route("/")
def dashboard():
    """What the firm must answer, what it offers, and how current its client list is."""
    firm = current_user.firm
    base = select(Match).where(Match.firm_id == firm.id).options(selectinload(Match.need))
    open_matches = db.session.scalars(
        base.where(Match.state.in_(OPEN_MATCH_STATES)).order_by(Match.proposed_at)
    ).all()
    closed_matches = db.session.scalars(
        base.where(Match.state.not_in(OPEN_MATCH_STATES)).order_by(Match.id.desc()).limit(RECENT_CLOSED)
    ).all()
    client_count = db.session.scalar(
        select(func.count()).select_from(ClientEntry).where(ClientEntry.firm_id == firm.id)
    )
    groups = [(label, [m for m in open_matches if m.state == state]) for state, label in OPEN_GROUPS]
    return render_template(
        "firm/dashboard.html",
        firm=firm,
        groups=groups,
        closed_matches=closed_matches,
        client_count=client_count,
        today=date.today(),
    )


def _render_match(record: Match, decline_form=None, close_form=None):
    """Show what the match's state allows, and log the read of the need's text."""
    if record.state in DISCLOSED_MATCH_STATES:
        audit.record_read(current_user, record.need, "details and contact")
    elif record.state in SUMMARY_MATCH_STATES:
        audit.record_read(current_user, record.need, "summary")
    return render_template(
        "firm/match.html",
        match=record,
        need=record.need,
        show_summary=record.state in SUMMARY_MATCH_STATES + DISCLOSED_MATCH_STATES,
        disclosed=record.state in DISCLOSED_MATCH_STATES,
        decline_form=decline_form or DeclineForm(),
        close_form=close_form or CloseForm(),
        latest_today=outcomes.latest_today(utcnow()),
        history=firm_history(record, current_user),
    )


@bp.route("/matters/<int:match_id>")
def match(match_id: int):
    return _render_match(own_record_or_404(Match, match_id))


@bp.route("/matters/<int:match_id>/accept", methods=["POST"])
def accept(match_id: int):
    """Accepting reserves a place in the offer; the defender is then asked to consent."""
    record = own_record_or_404(Match, match_id)
    if attempt(lambda: workflow.accept_match(current_user, record)):
        flash(_("You accepted the matter. The defender is asked to consent; their contact details "
                "appear here once they do."))
    return redirect(url_for("firm.match", match_id=match_id))


@bp.route("/matters/<int:match_id>/decline", methods=["POST"])
def decline(match_id: int):
    """A decline needs a reason, so coordinators know where to propose the matter next."""
    record = own_record_or_404(Match, match_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        return _render_match(record, decline_form=form)
    if attempt(lambda: workflow.decline_match(current_user, record, form.reason.data)):
        flash(_("You declined the matter. Thank you for saying why."))
    return redirect(url_for("firm.match", match_id=match_id))


@bp.route("/matters/<int:match_id>/close", methods=["POST"])
def close(match_id: int):
    """Closing records the hours, the dates and the outcome and gives the offer's place back. What the
    rules refuse is said beside its field before the firm is asked to confirm, and again if it
    changed meanwhile, with what was typed kept."""
    record = own_record_or_404(Match, match_id)
    form = CloseForm()
    if not form.validate_on_submit() or show_problems(form, workflow.outcome_problems(record, form.closing())):
        return _render_match(record, close_form=form)
    asking = unless_confirmed(_("Closing the matter records your hours and the outcome and ends it: it cannot be "
                                "reopened."), url_for("firm.match", match_id=match_id))
    if asking is not None:
        return asking
    if attempt(lambda: workflow.complete_match(current_user, record, form.closing()), form=form):
        flash(_("The matter is closed. Thank you for your work."))
    elif form.errors:
        return _render_match(record, close_form=form)
    return redirect(url_for("firm.match", match_id=match_id))
