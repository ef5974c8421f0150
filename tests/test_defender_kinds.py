"""A defender may be several kinds at once, and reaches the funds for each kind she is."""

import re

from markupsafe import escape
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, DefenderProfile
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
    assert "<td>Community or social leader, Woman human rights defender <a href=" in people


def test_an_offline_defender_without_a_kind_is_not_recorded(web):
    signed_in(web, factories.coordinator())

    page = web.post("/coordinator/intake", {
        "pseudonym": "Doña Marta", "country": "GT", "languages": ["es"], "contact": "Through the parish radio.",
        "email": "", "create": "Record this defender"}).get_data(as_text=True)

    assert "Choose at least one kind." in page
    assert db.session.scalars(select(DefenderProfile)).all() == []


def test_a_defender_adds_the_kinds_she_is_and_her_needs_reach_the_funds_for_them(web):
    for_unionists = factories.fund(name="Trade union solidarity fund", defender_kinds=["trade_unionist"])
    owner = signed_in(web, factories.defender(kinds=["community_leader"]))
    need = factories.need(owner, state="verified", help_wanted=["local_lawyer_funding"])
    assert "checked" in _box(web.get("/defender/kinds").get_data(as_text=True), "kinds", "community_leader")

    response = web.post("/defender/kinds", {"kinds": ["community_leader", "trade_unionist"]})

    assert response.headers["Location"].endswith("/defender/")
    db.session.refresh(owner.defender)
    assert owner.defender.kinds == ["community_leader", "trade_unionist"]
    assert [event.action for event in db.session.scalars(select(AuditEvent).where(
        AuditEvent.subject_id == owner.defender.id, AuditEvent.action == "defender.kinds"))] == ["defender.kinds"]
    web.logout()
    signed_in(web, factories.coordinator())
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    assert f'name="candidate_id" value="{for_unionists.id}"' in page


def test_a_defender_cannot_be_left_with_no_kind_nor_an_unknown_one(web):
    owner = signed_in(web, factories.defender(kinds=["woman"]))

    for kinds in ([], ["woman", "hobbit"]):
        assert web.post("/defender/kinds", {"kinds": kinds}).status_code == 200

    db.session.refresh(owner.defender)
    assert owner.defender.kinds == ["woman"]


def test_a_coordinator_changes_the_kinds_of_an_offline_defender_and_not_of_one_with_an_account(web):
    coordinator = signed_in(web, factories.coordinator())
    web.post("/coordinator/intake", {
        "pseudonym": "Doña Marta", "kinds": ["community_leader"], "country": "GT", "languages": ["es"],
        "contact": "Through the parish radio.", "email": "", "create": "Record this defender"})
    offline = db.session.scalars(select(DefenderProfile)).one()
    online = factories.defender(kinds=["woman"]).defender
    db.session.commit()
    assert f"/coordinator/defenders/{offline.id}/kinds" in web.get("/coordinator/people").get_data(as_text=True)

    response = web.post(f"/coordinator/defenders/{offline.id}/kinds", {"kinds": ["community_leader", "indigenous"]})
    refused = web.post(f"/coordinator/defenders/{online.id}/kinds", {"kinds": ["journalist"]})

    assert response.headers["Location"].endswith("/coordinator/people")
    assert refused.status_code == 404
    db.session.expire_all()
    assert (offline.kinds, online.kinds) == (["community_leader", "indigenous"], ["woman"])
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "defender.kinds"))
    assert (event.actor_id, event.subject_id) == (coordinator.id, offline.id)
