"""The queue of open needs and the people waiting to be verified."""

from datetime import date

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import DefenderProfile, LawFirm, Need
from ..needs import workflow
from ..web.attempts import attempt
from .blueprint import bp

# The needs a coordinator still has to act on or watch, in the queue's order of states.
QUEUE_STATES = ("submitted", "needs_info", "verified", "proposed", "accepted", "matched")
# Finished needs can be looked up too; drafts stay the defender's own until submitted.
FINISHED_STATES = ("closed", "rejected", "withdrawn")
PER_PAGE = 50
# People lists are capped, oldest pending first; the page says how many there are in all.
PEOPLE_CAP = 100

_URGENCY_RANK = case({"emergency": 0, "urgent": 1, "standard": 2}, value=Need.urgency, else_=3)


def back(default: str):
    """Redirect to the coordinator page a form came from, never off this blueprint."""
    target = request.form.get("next", "")
    if target.startswith(bp.url_prefix + "/") and "//" not in target and "\\" not in target:
        return redirect(target)
    return redirect(default)


@bp.route("/")
def dashboard():
    """The queue: the most urgent need with the nearest deadline comes first."""
    state = request.args.get("state", "")
    if state and state not in QUEUE_STATES + FINISHED_STATES:
        abort(404)
    states = (state,) if state else QUEUE_STATES
    query = (
        select(Need)
        .where(Need.state.in_(states))
        .options(selectinload(Need.defender))
        .order_by(_URGENCY_RANK, Need.deadline.is_(None), Need.deadline, Need.submitted_at, Need.id)
    )
    page = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE)
    counts = dict(
        db.session.execute(
            select(Need.state, func.count()).where(Need.state.in_(QUEUE_STATES)).group_by(Need.state)
        ).all()
    )
    return render_template(
        "coordinator/dashboard.html",
        page=page,
        state=state,
        queue_states=QUEUE_STATES,
        finished_states=FINISHED_STATES,
        counts=counts,
        today=date.today(),
        can_take_in="coordinator.intake" in current_app.view_functions,
    )


def _capped(query, order):
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(*order).limit(PEOPLE_CAP)).all()
    return rows, total


@bp.route("/people")
def people():
    """Defenders and firms waiting for verification first, then those already verified."""
    defenders = select(DefenderProfile).options(selectinload(DefenderProfile.user))
    firms = select(LawFirm).options(selectinload(LawFirm.members))
    pending_defenders = _capped(defenders.where(DefenderProfile.verified.is_(False)),
                                (DefenderProfile.created_at, DefenderProfile.id))
    verified_defenders = _capped(defenders.where(DefenderProfile.verified.is_(True)),
                                 (DefenderProfile.verified_at.desc(), DefenderProfile.id.desc()))
    pending_firms = _capped(firms.where(LawFirm.verified.is_(False)), (LawFirm.created_at, LawFirm.id))
    verified_firms = _capped(firms.where(LawFirm.verified.is_(True)), (LawFirm.name, LawFirm.id))
    return render_template(
        "coordinator/people.html",
        pending_defenders=pending_defenders,
        verified_defenders=verified_defenders,
        pending_firms=pending_firms,
        verified_firms=verified_firms,
        cap=PEOPLE_CAP,
    )


@bp.route("/defenders/<int:profile_id>/verify", methods=["POST"])
def verify_defender(profile_id: int):
    profile = db.get_or_404(DefenderProfile, profile_id)
    attempt(lambda: workflow.verify_defender(current_user, profile), f"{profile.pseudonym} is verified.")
    return back(url_for(".people"))


@bp.route("/firms/<int:firm_id>/verify", methods=["POST"])
def verify_firm(firm_id: int):
    """Verifying a firm also screens every open need against its client list."""
    firm = db.get_or_404(LawFirm, firm_id)
    attempt(
        lambda: workflow.verify_firm(current_user, firm),
        f"{firm.name} is verified and was screened against the open needs.",
    )
    return back(url_for(".people"))
