"""Coordinators read and export the audit log; nobody else can, and exports are safe to open."""

import csv
import io

from sqlalchemy import select

from matcher.conflicts import registry
from matcher.core.downloads import neutralise
from matcher.extensions import db
from matcher.models import AuditEvent
from matcher.needs import workflow
from tests import factories


def test_the_log_is_filtered_by_action_actor_and_need(app, web):
    coordinator = factories.coordinator()
    owner = factories.defender()
    need = factories.need(owner, state="submitted")
    other = factories.need(factories.defender(), state="submitted")
    workflow.request_info(coordinator, need, "Which court?")
    db.session.commit()
    web.login(coordinator)

    page = web.get(f"/coordinator/audit?action=need.&need={need.id}").get_data(as_text=True)
    assert "need.request_info" in page and "need.submit" in page
    assert f"#{other.id}<" not in page
    assert "Which court?" not in page, "notes stay out of the log view"

    response = web.post("/coordinator/audit", {"actor": coordinator.email.upper(), "action": "need."})
    assert coordinator.email not in response.headers["Location"], "no address in the URL"
    assert f"actor_id={coordinator.id}" in response.headers["Location"]
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "need.request_info" in page and "need.submit" not in page
    unknown = web.post("/coordinator/audit", {"actor": "nobody@example.org"}, follow_redirects=True)
    assert "No event matches these filters." in unknown.get_data(as_text=True)


def test_bad_filters_are_ignored_not_a_server_error(app, web):
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    assert web.get("/coordinator/audit?since=yesterday&until=2026-13-45&need=abc&page=x").status_code == 200


def test_the_export_neutralises_formulas_and_is_itself_audited(app, web):
    coordinator = factories.coordinator(email="-2+3@example.org")
    db.session.commit()
    web.login(coordinator)
    response = web.get("/coordinator/audit.csv?action=user.login")
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["when", "actor", "role", "action"]
    assert rows[1][1] == "'-2+3@example.org"
    assert "audit.export" in web.get("/coordinator/audit?action=audit.").get_data(as_text=True)


def test_other_roles_cannot_read_or_export_the_log(app, web):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)
    assert web.get("/coordinator/audit").status_code == 403
    assert web.get("/coordinator/audit.csv").status_code == 403


def test_each_formula_start_is_neutralised():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("Minera Andina") == "Minera Andina"
    assert neutralise(None) == ""


def test_a_refused_record_is_audited_with_its_route_and_ids_only(web):
    need = factories.need(factories.defender(), state="verified")
    other_firm_match = workflow.propose(factories.coordinator(), need, offer=factories.offer(factories.firm()))
    member = factories.firm_member()
    db.session.commit()
    web.login(member)
    assert web.get(f"/firm/matters/{other_firm_match.id}").status_code == 404
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "request.refused"))
    assert event.actor_id == member.id
    assert event.note == f"404 GET /firm/matters/<int:match_id> (match_id={other_firm_match.id})"


def test_replacing_the_registry_is_audited_with_counts_and_a_digest(app):
    coordinator = factories.coordinator()
    for _ in range(2):
        workflow.replace_registry(coordinator, registry.Parsed([("Minera Andina", "Andes Holdings")], 0))
    db.session.commit()
    notes = db.session.scalars(select(AuditEvent.note).where(AuditEvent.action == "relations.replace")).all()
    assert len(notes) == 2 and notes[0] == notes[1], "the same registry, the same digest"
    assert notes[0].startswith("1 relations (0 repeated lines)") and "digest " in notes[0]
    assert "Minera" not in notes[0]
