"""A person's settings: the language of the pages and their mail, and the zone their times are shown in."""

from datetime import UTC, datetime

from markupsafe import escape
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent
from tests import factories


def _need_at_half_past_six_utc(defender):
    need = factories.need(defender, state="submitted")
    db.session.commit()
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.need_id == need.id)):
        event.created_at = datetime(2026, 6, 1, 18, 30, tzinfo=UTC)
    db.session.commit()
    return need


def test_a_chosen_zone_replaces_the_countrys_for_every_time_shown(web):
    defender = factories.defender()  # in Honduras
    need = _need_at_half_past_six_utc(defender)
    web.login(defender)

    form = web.get("/account/settings").get_data(as_text=True)
    response = web.post("/account/settings", {"language": "es", "time_zone": "America/Lima"})

    assert str(escape("Your country's (America/Tegucigalpa)")) in form
    assert response.status_code == 302
    db.session.expire_all()
    assert (defender.language, defender.time_zone) == ("es", "America/Lima")
    page = web.get(f"/defender/needs/{need.id}").get_data(as_text=True)
    assert "1 jun 2026, 13:30:00" in page and 'lang="es"' in page


def test_the_zones_are_grouped_by_country_and_named_in_the_readers_language(web):
    defender = factories.defender()
    db.session.commit()
    web.login(defender)
    web.post("/language", {"language": "fr", "next": "/"})

    page = web.get("/account/settings").get_data(as_text=True)

    assert '<optgroup label="Pérou">' in page and '<option value="America/Lima">Lima</option>' in page
    assert "Celui de votre pays (America/Tegucigalpa)" in page


def test_going_back_to_the_countrys_zone_and_a_zone_that_does_not_exist_is_refused(web):
    coordinator = factories.coordinator()
    coordinator.time_zone = "Europe/Paris"
    db.session.commit()
    web.login(coordinator)

    refused = web.post("/account/settings", {"language": "en", "time_zone": "Mars/Olympus_Mons"})
    web.post("/account/settings", {"language": "en", "time_zone": ""})

    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert coordinator.time_zone is None
    page = web.get("/account/settings").get_data(as_text=True)
    assert "Coordinated Universal Time (UTC)" in page


def test_the_settings_need_a_signed_in_person(web):
    response = web.post("/account/settings", {"language": "es", "time_zone": "America/Lima"})

    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
