"""A need that requires local counsel, and offers that say whether the firm works with local counsel:
written on the forms, shown on the pages, and ranked on the coordinator's candidates page."""

import re

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Need, Offer
from tests import factories
from tests.test_api import Api, bearer, make_token
from tests.test_candidates_page import left_out_section, shows_group
from tests.test_defender import need_form
from tests.test_firm_matters import propose_to
from tests.test_firm_offers import offer_form

REQUIRED = "Required: a lawyer admitted in the country"


def signed_in(web, account):
    db.session.commit()
    web.login(account)
    return account


def test_a_defender_says_her_case_needs_local_counsel_and_reads_it_on_her_need(web):
    signed_in(web, factories.defender())

    web.post("/defender/needs/new", need_form(needs_local_counsel="y"))

    need = db.session.scalars(select(Need)).one()
    assert need.needs_local_counsel is True
    assert REQUIRED in web.get(f"/defender/needs/{need.id}").get_data(as_text=True)
    form = web.get(f"/defender/needs/{need.id}/edit").get_data(as_text=True)
    [box] = re.findall(r'<input[^>]*name="needs_local_counsel"[^>]*>', form)
    assert "checked" in box


def test_unticking_local_counsel_on_a_draft_clears_it(web):
    owner = signed_in(web, factories.defender())
    need = factories.need(owner, needs_local_counsel=True)

    web.post(f"/defender/needs/{need.id}/edit", need_form())

    db.session.refresh(need)
    assert need.needs_local_counsel is False
    assert "Not required" in web.get(f"/defender/needs/{need.id}").get_data(as_text=True)


def test_a_coordinator_records_at_intake_that_the_case_needs_local_counsel_and_reads_it_on_the_need(web):
    signed_in(web, factories.coordinator())
    profile = factories.defender().defender
    db.session.commit()

    web.post(f"/coordinator/intake/{profile.id}", need_form(needs_local_counsel="y"))

    need = db.session.scalars(select(Need)).one()
    assert need.needs_local_counsel is True
    assert REQUIRED in web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)


def test_a_firm_reads_on_a_proposed_matter_that_it_needs_local_counsel(web):
    firm = factories.firm()
    member = factories.firm_member(of=firm)
    match = propose_to(firm, needs_local_counsel=True)
    web.login(member)

    assert REQUIRED in web.get(f"/firm/matters/{match.id}").get_data(as_text=True)


def test_a_member_says_the_firm_works_with_local_counsel_and_the_offers_list_shows_it(web):
    firm = factories.firm()
    signed_in(web, factories.firm_member(of=firm))

    web.post("/firm/offers/new", offer_form(works_with_local_counsel="y"))
    offer = db.session.scalar(select(Offer))
    assert offer.works_with_local_counsel is True
    assert "works with local counsel" in web.get("/firm/").get_data(as_text=True)

    web.post(f"/firm/offers/{offer.id}/edit", offer_form())
    db.session.refresh(offer)
    assert offer.works_with_local_counsel is False
    assert "works with local counsel" not in web.get("/firm/").get_data(as_text=True)


def test_the_candidates_of_a_need_requiring_local_counsel_rank_firms_elsewhere_with_a_local_partner(web):
    local = factories.offer(factories.firm(name="Bufete Local", country="HN"), title="Tegucigalpa desk")
    partnered = factories.offer(factories.firm(name="Northbridge", country="GB"), title="With partners",
                                works_with_local_counsel=True)
    alone = factories.offer(factories.firm(name="Lone Chambers", country="GB"), title="On our own")
    need = factories.need(factories.defender(), state="verified", needs_local_counsel=True)
    signed_in(web, factories.coordinator())

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    candidates = page[page.index("<h2>Candidates</h2>"):page.index("Left out by the filters")]
    assert candidates.index(f'value="{local.id}"') < candidates.index(f'value="{partnered.id}"')
    assert "local counsel: the firm is based in Honduras" in candidates
    assert "with a local partner: the firm is based in United Kingdom and works with local counsel in Honduras" in (
        candidates)
    assert f'name="candidate_id" value="{alone.id}"' not in page
    left_out = left_out_section(page)
    assert shows_group(left_out, "1", "offer", "the need requires local counsel in Honduras: the firm is based in "
                       "United Kingdom, has no office there and does not work with local counsel")
    assert "Lone Chambers: On our own" in left_out


def test_the_firm_elsewhere_stays_a_candidate_when_the_need_does_not_require_local_counsel(web):
    alone = factories.offer(factories.firm(name="Lone Chambers", country="GB"), title="On our own")
    need = factories.need(factories.defender(), state="verified")
    signed_in(web, factories.coordinator())

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    assert f'name="candidate_id" value="{alone.id}"' in page
    assert "no local presence: the firm is based in United Kingdom and has no office in Honduras" in page


def test_a_firms_system_reads_through_the_api_that_a_matter_needs_local_counsel(app, web):
    firm = factories.firm()
    member = factories.firm_member(of=firm)
    match = propose_to(firm, needs_local_counsel=True)
    token = make_token(web, member)

    [matter] = Api(app).get("/api/v1/matters", headers=bearer(token)).get_json()["matters"]

    assert matter["id"] == match.id and matter["summary"]["needs_local_counsel"] is True
