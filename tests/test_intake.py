"""A coordinator taking a need in on a defender's behalf, through HTTP."""

import html

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, ConflictCheck, DefenderProfile, Need, User
from tests import factories
from tests.test_defender import need_form

OFFLINE_DEFENDER = {
    "pseudonym": "Don Tomás",
    "kinds": ["community", "indigenous"],
    "country": "GT",
    "languages": ["es"],
    "contact": "Through the parish radio, ask for Marta.",
    "email": "",
    "create": "Record this defender",
}


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def signed_in_coordinator(web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    return account


def test_a_coordinator_records_an_offline_defender_and_submits_their_need(web):
    coordinator = signed_in_coordinator(web)
    factories.firm(clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    db.session.commit()

    response = web.post("/coordinator/intake", OFFLINE_DEFENDER)
    profile = db.session.scalars(select(DefenderProfile)).one()
    assert response.headers["Location"].endswith(f"/coordinator/intake/{profile.id}")
    assert profile.verified and profile.contact == OFFLINE_DEFENDER["contact"]
    assert profile.kinds == ["community", "indigenous"]
    assert profile.user.email is None and profile.user.password_hash is None
    assert profile.user.role == "defender"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "defender.intake")).one()
    assert event.actor_id == coordinator.id and event.subject_id == profile.id

    form = text(web.get(f"/coordinator/intake/{profile.id}"))
    assert "The need of Don Tomás" in form and "Submit now" in form
    response = web.post(f"/coordinator/intake/{profile.id}", need_form(save=None, submit_now="Submit now"))
    need = db.session.scalars(select(Need)).one()
    assert response.headers["Location"].endswith(f"/coordinator/needs/{need.id}")
    assert need.state == "submitted"
    assert need.defender_id == profile.id and need.created_by_id == coordinator.id
    assert db.session.scalars(select(ConflictCheck.result)).all() == ["conflict"]


def test_a_coordinator_saves_a_draft_for_a_defender_with_an_account(web):
    coordinator = signed_in_coordinator(web)
    defender = factories.defender(display_name="Rosa Web")
    db.session.commit()
    page = text(web.get("/coordinator/intake"))
    assert "Rosa Web" in page

    response = web.post("/coordinator/intake", {"defender": defender.defender.id, "choose": "Continue"})
    assert response.headers["Location"].endswith(f"/coordinator/intake/{defender.defender.id}")
    web.post(f"/coordinator/intake/{defender.defender.id}", need_form())
    need = db.session.scalars(select(Need)).one()
    assert need.state == "draft" and need.created_by_id == coordinator.id
    web.logout()
    web.login(defender)
    assert need.summary in text(web.get("/defender/"))


def test_intake_keeps_what_was_typed_when_a_party_row_is_added_or_a_field_is_missing(web):
    signed_in_coordinator(web)
    profile = factories.defender().defender
    db.session.commit()
    url = f"/coordinator/intake/{profile.id}"
    page = text(web.post(url, need_form(save=None, add_party="Add another party")))
    assert 'name="parties-1-name"' in page and "Minera Andina S.A." in page
    assert '<input autofocus id="parties-1-name"' in page and f'action="{url}"' in page
    response = web.post(url, need_form(threat="", save=None, submit_now="Submit now"))
    assert response.status_code == 200
    assert "Choose the kind of legal threat." in text(response) and "Minera Andina S.A." in text(response)
    assert db.session.scalar(select(Need)) is None


def test_an_offline_defender_needs_a_country_and_a_safe_contact(web):
    signed_in_coordinator(web)
    response = web.post("/coordinator/intake", dict(OFFLINE_DEFENDER, country="", contact=""))
    page = text(response)
    assert response.status_code == 200
    assert "Choose a country." in page and "Don Tomás" in page
    assert db.session.scalar(select(DefenderProfile)) is None


def test_an_offline_defender_cannot_take_an_email_already_in_use(web):
    signed_in_coordinator(web)
    existing = factories.defender()
    db.session.commit()
    response = web.post("/coordinator/intake", dict(OFFLINE_DEFENDER, email=existing.email.upper()))
    assert "An account has this email" in text(response)
    assert db.session.scalars(select(User).where(User.role == "defender")).all() == [existing]


def test_choosing_an_unknown_defender_is_refused(web):
    signed_in_coordinator(web)
    response = web.post("/coordinator/intake", {"defender": "999999", "choose": "Continue"})
    assert response.status_code == 200
    assert "Not a valid choice" in text(response)
    assert web.get("/coordinator/intake/999999").status_code == 404


def test_a_defender_cannot_take_needs_in(web):
    defender = factories.defender()
    db.session.commit()
    web.login(defender)
    assert web.get("/coordinator/intake").status_code == 403
    assert web.post("/coordinator/intake", OFFLINE_DEFENDER).status_code == 403
    assert web.post(f"/coordinator/intake/{defender.defender.id}", need_form()).status_code == 403
    assert db.session.scalars(select(DefenderProfile)).all() == [defender.defender]
    assert db.session.scalar(select(Need)) is None


def test_a_firm_member_cannot_take_needs_in(web):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)
    assert web.get("/coordinator/intake").status_code == 403
