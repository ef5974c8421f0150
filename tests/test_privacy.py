"""A defender can take a copy of their data and delete their account; old matters are purged."""

import json
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from matcher.extensions import db
from matcher.models import AdverseParty, AuditEvent, ConflictHit, Match, Need, User
from matcher.models._types import utcnow
from matcher.needs import outcomes, workflow
from tests import factories


def test_a_defender_downloads_everything_held_about_them(app, web):
    owner = factories.defender()
    need = factories.need(owner, parties=("Minera Andina S.A.",), summary="Sued over the dam", state="submitted")
    web.login(owner)
    response = web.get("/defender/data/download")
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == owner.email
    assert data["account"]["how_to_reach_you"] == "Signal @rosa-secure"
    [exported] = data["needs"]
    assert (exported["number"], exported["summary"]) == (need.id, "Sued over the dam")
    assert exported["adverse_parties"][0]["name"] == "Minera Andina S.A."
    assert [entry["what"] for entry in exported["history"]] == ["Submitted to the coordinators"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "defender.export")) is not None


def test_deleting_the_account_erases_identity_and_case_but_keeps_the_firms_record(app, web):
    coordinator = factories.coordinator()
    owner = factories.defender(kinds=["lgbti", "trade_unionist"])
    firm = factories.firm(clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    other_firm = factories.firm()
    member = factories.firm_member(other_firm)
    offer = factories.offer(other_firm)
    need = factories.need(owner, parties=("Minera Andina S.A.",), summary="Sued over the dam", state="verified")
    match = workflow.propose(coordinator, need, offer=offer)
    workflow.accept_match(member, match)
    db.session.commit()
    web.login(owner)

    assert web.post("/defender/data/delete", {"password": "wrong password!", "understood": "y"}).status_code == 200
    response = web.post("/defender/data/delete", {"password": factories.PASSWORD, "understood": "y"})

    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, owner.id)
    assert (user.email, user.password_hash, user.is_disabled) == (None, None, True)
    assert user.defender.contact == "" and user.defender.pseudonym == "Deleted defender"
    assert user.defender.kinds == ["individual"]
    need = db.session.get(Need, need.id)
    assert (need.state, need.summary, need.details) == ("withdrawn", "[erased]", "")
    assert [p.name for p in db.session.scalars(select(AdverseParty))] == ["[erased]"]
    assert {hit.party_name for hit in db.session.scalars(select(ConflictHit))} == {"[erased]"}
    assert db.session.get(Match, match.id).state == "cancelled"
    assert offer.capacity_used == 0
    assert web.get("/defender/").status_code == 302, "signed out"
    assert firm.id  # the conflicted firm's list is untouched


def test_deleting_needs_the_box_ticked(app, web):
    owner = factories.defender()
    db.session.commit()
    web.login(owner)
    page = web.post("/defender/data/delete", {"password": factories.PASSWORD}).get_data(as_text=True)
    assert "Tick the box to confirm." in page
    assert db.session.get(User, owner.id).email is not None


def test_retention_purges_finished_needs_only_after_the_period(app):
    owner = factories.defender()
    old = factories.need(owner, summary="old matter", state="submitted")
    recent = factories.need(owner, summary="recent matter", state="submitted")
    workflow.withdraw_need(owner, old)
    workflow.withdraw_need(owner, recent)
    db.session.execute(update(AuditEvent).where(AuditEvent.need_id == old.id)
                       .values(created_at=utcnow() - timedelta(days=800)))
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["retention", "purge"])

    assert "1 finished need(s) older than 730 days erased." in result.output
    db.session.expire_all()
    assert db.session.get(Need, old.id).summary == "[erased]"
    assert db.session.get(Need, recent.id).summary == "recent matter"
    again = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert "0 finished need(s)" in again.output


def test_other_people_cannot_download_or_delete_a_defenders_data(app, web):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)
    assert web.get("/defender/data/download").status_code == 403
    assert web.post("/defender/data/delete", {"password": factories.PASSWORD, "understood": "y"}).status_code == 403


def test_a_defenders_copy_holds_how_the_matter_ended_and_erasure_removes_the_notes(app, web):
    owner = factories.defender()
    member = factories.firm_member(factories.firm())
    need = factories.need(owner, state="verified")
    match = workflow.propose(factories.coordinator(), need, offer=factories.offer(member.firm))
    db.session.commit()
    workflow.accept_match(member, match)
    workflow.confirm_match(owner, match)
    workflow.complete_match(member, match, outcomes.Closing(
        hours=Decimal("37.5"), started_on=date(2026, 1, 5), ended_on=date(2026, 3, 2), outcome="acquitted",
        note="Acquitted on appeal in Tegucigalpa."))
    match.helped, match.helped_note = "helped_a_lot", "They came to every hearing."
    db.session.commit()
    web.login(owner)

    [exported] = json.loads(web.get("/defender/data/download").get_data(as_text=True))["needs"][0]["matches"]
    assert exported["outcome"] == {"outcome": "acquitted", "hours": "37.50", "work_started_on": "2026-01-05",
                                   "work_ended_on": "2026-03-02"}
    assert exported["whether_it_helped"] == {"answer": "helped_a_lot", "note": "They came to every hearing."}
    web.post("/defender/data/delete", {"password": factories.PASSWORD, "understood": "y"})

    db.session.expire_all()
    match = db.session.get(Match, match.id)
    assert (match.outcome, match.hours, match.helped) == ("acquitted", Decimal("37.5"), "helped_a_lot")
    assert (match.outcome_note, match.helped_note) == ("", "")
