"""Every page of the platform by who may open it, and a small world to open them in: the
accessibility checks and the page-weight test walk the same pages."""

from datetime import date
from decimal import Decimal

from matcher.extensions import db
from matcher.needs import outcomes, workflow
from tests import factories

PUBLIC = ("/", "/account/login", "/account/reset", "/account/register/defender", "/account/register/firm")
PAGES = {
    "defender": ("/defender/", "/defender/needs/new", "/defender/needs/{need}", "/defender/needs/{closed_need}",
                 "/defender/data", "/account/settings"),
    "firm": ("/firm/", "/firm/clients", "/firm/clients/upload", "/firm/team", "/firm/offers/new",
             "/firm/matters/{match}", "/firm/matters/{active_match}", "/firm/matters/{closed_match}", "/firm/positions",
             "/firm/api-tokens", "/firm/report"),
    "coordinator": ("/coordinator/", "/coordinator/emergencies", "/coordinator/needs/{need}",
                    "/coordinator/needs/{closed_need}", "/coordinator/people",
                    "/coordinator/funds", "/coordinator/reviews", "/coordinator/repeat-parties", "/coordinator/reports",
                    "/coordinator/relations", "/coordinator/audit", "/coordinator/intake"),
}


def small_world() -> dict:
    """A defender's verified need proposed to a firm's offer, and someone in each role."""
    owner = factories.defender()
    firm = factories.firm(name="Alvarez & Partners")
    offer = factories.offer(firm)
    coordinator = factories.coordinator()
    need = factories.need(owner, state="verified", summary="Sued after the Rio Verde protest")
    match = workflow.propose(coordinator, need, offer=offer)
    member = factories.firm_member(of=firm)
    db.session.commit()
    active, closed = (_consented(owner, factories.offer(firm, capacity=1), member) for _ in range(2))
    workflow.complete_match(member, closed, outcomes.Closing(
        hours=Decimal("37.5"), started_on=date(2026, 1, 5), ended_on=date(2026, 3, 2), outcome="bail_granted"))
    db.session.commit()
    return {"defender": owner, "firm": member, "coordinator": coordinator, "need": need.id, "match": match.id,
            "active_match": active.id, "closed_match": closed.id, "closed_need": closed.need_id}


def _consented(owner, offer, member):
    """A need of ``owner`` that ``member``'s firm took under ``offer`` and the defender consented to."""
    need = factories.need(owner, state="verified", summary="Detained after the march")
    match = workflow.propose(factories.coordinator(), need, offer=offer)
    db.session.commit()
    workflow.accept_match(member, match)
    workflow.confirm_match(owner, match)
    db.session.commit()
    return match
