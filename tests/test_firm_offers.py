"""A firm member publishes, edits, ends and deletes the firm's offers of capacity."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Offer
from matcher.needs import workflow
from tests import factories


@pytest.fixture
def firm():
    return factories.firm()


@pytest.fixture
def member(firm):
    return factories.firm_member(of=firm)


def offer_form(**changes) -> dict:
    values = {
        "title": "SLAPP defence in Central America",
        "practice_areas": ["defamation", "environment"],
        "jurisdictions": ["HN", "GT"],
        "languages": ["es", "en"],
        "help_kinds": ["representation"],
        "capacity": "3",
        "emergency": "y",
        "answer_within_hours": "6",
        "valid_from": "2030-01-01",
        "valid_until": "2030-12-31",
        "notes": "Partner-led team.",
    }
    values.update(changes)
    return {name: value for name, value in values.items() if value is not None}


def test_a_member_publishes_an_offer(web, firm, member):
    db.session.commit()
    web.login(member)

    response = web.post("/firm/offers/new", offer_form(), follow_redirects=True)

    assert "The offer is published" in response.get_data(as_text=True)
    offer = db.session.scalar(select(Offer))
    assert offer.firm_id == firm.id
    assert offer.title == "SLAPP defence in Central America"
    assert offer.practice_areas == ["defamation", "environment"]
    assert offer.jurisdictions == ["HN", "GT"]
    assert offer.languages == ["es", "en"]
    assert offer.help_kinds == ["representation"]
    assert (offer.capacity, offer.capacity_used, offer.emergency, offer.answer_within_hours) == (3, 0, True, 6)
    assert (offer.valid_from, offer.valid_until) == (date(2030, 1, 1), date(2030, 12, 31))
    dashboard = web.get("/firm/").get_data(as_text=True)
    assert "SLAPP defence in Central America" in dashboard
    assert "answers within 6 hours" in dashboard


@pytest.mark.parametrize(("hours", "error"), [
    (None, "Say within how many hours the firm answers an emergency."),
    ("0", "Enter a number of hours from 1 to 72."),
    ("500", "Enter a number of hours from 1 to 72."),
])
def test_an_emergency_ready_offer_must_say_how_fast_the_firm_answers(web, member, hours, error):
    db.session.commit()
    web.login(member)

    response = web.post("/firm/offers/new", offer_form(answer_within_hours=hours))

    assert error in response.get_data(as_text=True)
    assert db.session.scalar(select(Offer)) is None


def test_an_offer_not_ready_for_emergencies_promises_no_answer_time(web, member):
    db.session.commit()
    web.login(member)

    web.post("/firm/offers/new", offer_form(emergency=None, answer_within_hours="6"))

    offer = db.session.scalar(select(Offer))
    assert (offer.emergency, offer.answer_within_hours) == (False, None)


def test_an_invalid_offer_shows_every_error_and_keeps_what_was_typed(web, member):
    db.session.commit()
    web.login(member)

    form = offer_form(practice_areas=None, jurisdictions=None, capacity="5000",
                      valid_from="2030-06-01", valid_until="2030-05-01", notes="Typed notes stay.")
    response = web.post("/firm/offers/new", form)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose at least one practice area." in page
    assert "Choose at least one country." in page
    assert "Enter a number from 0 to 1000." in page
    assert "The end date cannot be before the start date." in page
    assert 'value="SLAPP defence in Central America"' in page
    assert "Typed notes stay." in page
    assert 'value="5000"' in page
    assert '<input type="checkbox" name="languages" value="es" checked>' in page
    assert db.session.scalar(select(Offer)) is None


def test_an_offer_is_edited(web, firm, member):
    offer = factories.offer(firm, title="Old title")
    db.session.commit()
    web.login(member)
    assert 'value="Old title"' in web.get(f"/firm/offers/{offer.id}/edit").get_data(as_text=True)

    web.post(f"/firm/offers/{offer.id}/edit", offer_form(title="New title", emergency=None))

    db.session.refresh(offer)
    assert offer.title == "New title"
    assert offer.emergency is False
    assert offer.capacity == 3


def test_the_capacity_cannot_drop_below_the_places_accepted_matters_hold(web, firm, member):
    offer = factories.offer(firm, capacity=3)
    for _ in range(2):
        need = factories.need(factories.defender(), state="verified")
        workflow.accept_match(member, workflow.propose(factories.coordinator(), need, offer=offer))
    db.session.commit()
    assert offer.capacity_used == 2
    web.login(member)

    page = web.post(f"/firm/offers/{offer.id}/edit", offer_form(capacity="1")).get_data(as_text=True)

    assert "the capacity cannot be less than 2" in page
    db.session.refresh(offer)
    assert offer.capacity == 3
    web.post(f"/firm/offers/{offer.id}/edit", offer_form(capacity="2"))
    db.session.refresh(offer)
    assert offer.capacity == 2


def test_ending_an_offer_makes_it_valid_until_yesterday(web, firm, member):
    offer = factories.offer(firm)
    db.session.commit()
    web.login(member)

    response = web.post(f"/firm/offers/{offer.id}/end", follow_redirects=True)

    assert "The offer has ended" in response.get_data(as_text=True)
    db.session.refresh(offer)
    assert offer.valid_until == date.today() - timedelta(days=1)
    assert not offer.is_valid_on(date.today())


def test_an_unused_offer_is_deleted(web, firm, member):
    offer = factories.offer(firm)
    db.session.commit()
    web.login(member)

    response = web.post(f"/firm/offers/{offer.id}/delete", {"confirmed": "yes"}, follow_redirects=True)

    assert "The offer is deleted." in response.get_data(as_text=True)
    assert db.session.scalar(select(Offer)) is None


def test_an_offer_a_match_used_is_kept_and_the_member_is_told_to_end_it(web, firm, member):
    offer = factories.offer(firm)
    need = factories.need(factories.defender(), state="verified")
    workflow.propose(factories.coordinator(), need, offer=offer)
    db.session.commit()
    web.login(member)

    response = web.post(f"/firm/offers/{offer.id}/delete", {"confirmed": "yes"}, follow_redirects=True)

    assert "end it instead" in response.get_data(as_text=True)
    assert db.session.scalar(select(Offer.id)) == offer.id


def test_a_member_cannot_see_or_change_another_firms_offer(web, member):
    theirs = factories.offer(factories.firm(), title="Their confidential offer", capacity=5)
    db.session.commit()
    web.login(member)

    response = web.get(f"/firm/offers/{theirs.id}/edit")
    assert response.status_code == 404
    assert "Their confidential offer" not in response.get_data(as_text=True)
    assert web.post(f"/firm/offers/{theirs.id}/edit", offer_form(capacity="0")).status_code == 404
    assert web.post(f"/firm/offers/{theirs.id}/end").status_code == 404
    assert web.post(f"/firm/offers/{theirs.id}/delete").status_code == 404
    db.session.refresh(theirs)
    assert (theirs.title, theirs.capacity) == ("Their confidential offer", 5)
    assert "Their confidential offer" not in web.get("/firm/").get_data(as_text=True)


def test_an_offer_posted_without_the_csrf_token_is_refused(web, member):
    db.session.commit()
    web.login(member)

    assert web.post("/firm/offers/new", offer_form(), csrf=False).status_code == 400
    assert db.session.scalar(select(Offer)) is None


def test_deleting_an_offer_asks_first_and_keeps_it_until_confirmed(web, firm, member):
    offer = factories.offer(firm)
    db.session.commit()
    web.login(member)

    page = web.post(f"/firm/offers/{offer.id}/delete").get_data(as_text=True)

    assert "it cannot be undone" in page and 'name="confirmed" value="yes"' in page
    assert db.session.scalar(select(Offer)) is not None
