"""Every page of the platform by who may open it, and a small world to open them in: the
accessibility checks and the page-weight test walk the same pages."""

from matcher.extensions import db
from matcher.needs import workflow
from tests import factories

PUBLIC = ("/", "/account/login", "/account/reset", "/account/register/defender", "/account/register/firm")
PAGES = {
    "defender": ("/defender/", "/defender/needs/new", "/defender/needs/{need}", "/defender/data", "/account/settings"),
    "firm": ("/firm/", "/firm/clients", "/firm/clients/upload", "/firm/team", "/firm/offers/new",
             "/firm/matters/{match}", "/firm/positions", "/firm/api-tokens", "/firm/report"),
    "coordinator": ("/coordinator/", "/coordinator/emergencies", "/coordinator/needs/{need}", "/coordinator/people",
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
    return {"defender": owner, "firm": member, "coordinator": coordinator, "need": need.id, "match": match.id}
