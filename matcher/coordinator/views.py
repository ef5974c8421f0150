"""The queue of open needs and the people waiting to be verified."""

from datetime import date

from flask import abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import DefenderProfile, LawFirm, Need
from ..needs import states, workflow
from ..needs.queue import MOST_URGENT_FIRST
from ..web.attempts import attempt
from .blueprint import back, bp

PER_PAGE = 50
# People lists are capped, oldest pending first; the page says how many there are in all.
PEOPLE_CAP = 100

@bp.route("/")
def dashboard():
    """The queue: the most urgent need with the nearest deadline comes first."""
    state = request.args.get("state", "")
    if state and state not in states.QUEUE_NEED_STATES + states.FINISHED_NEED_STATES:
        abort(404)
    shown = (state,) if state else states.QUEUE_NEED_STATES
    query = (
        select(Need)
        .where(Need.state.in_(shown))
        .options(selectinload(Need.defender), selectinload(Need.matches))
        .order_by(*MOST_URGENT_FIRST)
    )
    page = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE)
    counts = dict(
        db.session.execute(
            select(Need.state, func.count()).where(Need.state.in_(states.QUEUE_NEED_STATES)).group_by(Need.state)
        ).all()
    )
    return render_template(
        "coordinator/dashboard.html",
        page=page,
        state=state,
        queue_states=states.QUEUE_NEED_STATES,
        finished_states=states.FINISHED_NEED_STATES,
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
    attempt(lambda: workflow.verify_defender(current_user, profile), _("%(name)s is verified.", name=profile.pseudonym))
    return back(url_for(".people"))


@bp.route("/firms/<int:firm_id>/verify", methods=["POST"])
def verify_firm(firm_id: int):
    """Verifying a firm also screens every open need against its client list."""
    firm = db.get_or_404(LawFirm, firm_id)
    attempt(
        lambda: workflow.verify_firm(current_user, firm),
        _("%(firm)s is verified and was screened against the open needs.", firm=firm.name),
    )
    return back(url_for(".people"))
