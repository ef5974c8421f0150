"""A defender may be several kinds at once, and reaches the funds for each kind she is."""

import re

from markupsafe import escape
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import DefenderProfile
from tests import factories
from tests.test_candidates_page import left_out_section


def signed_in(web, account):
    db.session.commit()
    web.login(account)
    return account


def _box(page: str, name: str, value: str) -> str:
    [box] = re.findall(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', page)
    return box


def test_registering_starts_as_an_individual_defender_with_every_other_kind_to_tick(web):
    page = web.get("/account/register/defender").get_data(as_text=True)
    assert "checked" in _box(page, "kinds", "individual")
    assert "checked" not in _box(page, "kinds", "woman")


def test_a_woman_indigenous_land_defender_reaches_the_funds_for_women_and_for_indigenous_peoples(web):
    for_women = factories.fund(name="Women defenders' fund", defender_kinds=["woman"])
    for_peoples = factories.fund(name="Indigenous peoples' fund", defender_kinds=["indigenous"])
    for_the_press = factories.fund(name="Press freedom fund", defender_kinds=["journalist"])
    owner = factories.defender(kinds=["woman", "indigenous", "environmental"])
    need = factories.need(owner, state="verified", help_wanted=["local_lawyer_funding"])
    signed_in(web, factories.coordinator())

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    candidates = page[page.index("<h2>Candidates</h2>"):page.index("Left out by the filters")]
    assert f'name="candidate_id" value="{for_women.id}"' in candidates
    assert f'name="candidate_id" value="{for_peoples.id}"' in candidates
    assert f'name="candidate_id" value="{for_the_press.id}"' not in page
    assert str(escape("the fund supports none of the kinds of defender this one is (environmental or land defender, "
                      "indigenous defender, community or leader, and woman human rights defender)")) in (
        left_out_section(page))
    assert ("<dd>Woman human rights defender, Indigenous defender, community or leader, Environmental or land "
            "defender</dd>") in page


def test_a_coordinator_records_an_offline_defender_of_two_kinds_and_reads_them_among_the_people(web):
    signed_in(web, factories.coordinator())

    web.post("/coordinator/intake", {
        "pseudonym": "Doña Marta", "kinds": ["community_leader", "woman"], "country": "GT", "languages": ["es"],
        "contact": "Through the parish radio.", "email": "", "create": "Record this defender"})

    profile = db.session.scalars(select(DefenderProfile)).one()
    assert profile.kinds == ["community_leader", "woman"]
    people = web.get("/coordinator/people").get_data(as_text=True)
    assert "<td>Community or social leader, Woman human rights defender</td>" in people


def test_an_offline_defender_without_a_kind_is_not_recorded(web):
    signed_in(web, factories.coordinator())

    page = web.post("/coordinator/intake", {
        "pseudonym": "Doña Marta", "country": "GT", "languages": ["es"], "contact": "Through the parish radio.",
        "email": "", "create": "Record this defender"}).get_data(as_text=True)

    assert "Choose at least one kind." in page
    assert db.session.scalars(select(DefenderProfile)).all() == []
