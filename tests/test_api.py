"""The API for firms' systems: tokens made and revoked on the firm's page, the client list replaced
as the upload does it, the matters proposed to the firm read and answered."""

import json
import re

import pytest

from matcher.extensions import db
from matcher.models import ApiToken, AuditEvent, ClientEntry, Match
from matcher.needs import workflow
from tests import factories
from tests.conftest import Web


@pytest.fixture
def firm(app):
    return factories.firm(name="Garza & Partners")


@pytest.fixture
def member(firm):
    account = factories.firm_member(of=firm, display_name="Lucía Garza")
    db.session.commit()
    return account


def make_token(web, member, name="Our conflicts system") -> str:
    """Make a token on the firm's page, as a member would, and read it off the page."""
    web.login(member)
    page = web.post("/firm/api-tokens", {"name": name}).get_data(as_text=True)
    return re.search(r'<code class="secret">(mk_[\w-]+)</code>', page).group(1)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class Api:
    """A client of the API: no cookie, and nothing a page's request left in the shared ``g``."""

    def __init__(self, app):
        self.client = app.test_client(use_cookies=False)

    def __getattr__(self, method: str):
        def call(url, **kwargs):
            Web._fresh_request_globals()
            return self.client.open(url, method=method.upper(), **kwargs)
        return call


@pytest.fixture
def api(app) -> Api:
    return Api(app)


@pytest.fixture
def token(web, member) -> str:
    return make_token(web, member)


def test_a_token_is_shown_once_kept_only_as_a_digest_and_its_making_audited(web, member, token):
    stored = db.session.scalars(db.select(ApiToken)).one()
    assert token not in (stored.digest, stored.prefix) and token.startswith(stored.prefix)
    page = web.get("/firm/api-tokens").get_data(as_text=True)
    assert "Our conflicts system" in page and token not in page and f"{stored.prefix}…" in page
    assert db.session.scalar(db.select(AuditEvent.action).where(AuditEvent.subject_type == "api_token")) == \
        "firm.token_create"


def test_a_token_needs_a_name(web, member):
    web.login(member)
    page = web.post("/firm/api-tokens", {"name": "  "}).get_data(as_text=True)
    assert "Name the token." in page and "mk_" not in page


def test_the_document_describes_every_endpoint_and_needs_no_token(api):
    document = api.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/openapi.json", "/client-list", "/client-list/imports/{import_id}",
                                      "/matters", "/matters/{match_id}", "/matters/{match_id}/answer"}
    assert "ClientList" in document["components"]["schemas"]


def test_a_client_list_sent_as_json_replaces_the_list_through_a_job_whose_progress_is_read(api, firm, token):
    clients = [{"id": "C-1", "name": "Minera Andina S.A.", "aliases": ["MASA"], "kind": "empresa"},
               {"id": "C-2", "name": "Andina Holdings Ltd", "parent_id": "C-1", "country": "GB"}]
    response = api.put("/api/v1/client-list", json={"clients": clients}, headers=bearer(token))
    assert response.status_code == 202
    started = response.get_json()
    assert started["rows"] == 2 and "Read as organisations: empresa (1)." in started["notes"]
    progress = api.get(response.headers["Location"], headers=bearer(token)).get_json()
    assert progress["state"] == "done" and progress["id"] == started["id"]  # jobs run inline in the tests
    assert sorted(db.session.scalars(db.select(ClientEntry.external_id).where(ClientEntry.firm_id == firm.id))) == \
        ["C-1", "C-2"]


def test_a_csv_file_is_read_as_the_upload_reads_it(api, firm, token):
    data = "id;name;kind\nC-1;Minera Andina S.A.;organization\n".encode("utf-16")
    response = api.put("/api/v1/client-list", data=data, content_type="text/csv",
                                     headers=bearer(token))
    assert response.status_code == 202
    assert db.session.scalar(db.select(ClientEntry.name).where(ClientEntry.firm_id == firm.id)) == "Minera Andina S.A."


def test_a_bad_list_is_refused_whole_with_every_problem_by_line_and_nothing_changed(api, firm, token):
    factories.firm(name="unused")  # so an accidental import elsewhere would show
    clients = [{"id": "C-1", "name": "Minera Andina S.A."}, {"id": "C-1", "name": "Copy"},
               {"id": "C-3", "name": "Orphan Ltd", "parent_id": "C-9"},
               {"id": "C-4", "name": "X", "country": "Atlantis"}]
    response = api.put("/api/v1/client-list", json={"clients": clients}, headers=bearer(token))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert "line 2: id 'C-1' already used on line 1" in errors
    assert "line 3: parent_id 'C-9' names no row of the file" in errors
    assert any(error.startswith("line 4: country 'Atlantis'") for error in errors)
    assert db.session.scalar(db.select(db.func.count()).select_from(ClientEntry)) == 0


def test_json_that_breaks_the_schema_is_refused_with_where_it_breaks_it(api, token):
    response = api.put("/api/v1/client-list", json={"clients": [{"id": "C-1", "nmae": "Typo"}]},
                                     headers=bearer(token))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert any(error.startswith("clients.0.name:") for error in errors)
    assert any(error.startswith("clients.0.nmae:") for error in errors)


@pytest.fixture
def proposed(firm, member) -> Match:
    need = factories.need(factories.defender(), state="verified", parties=("Minera Andina S.A.",))
    match = workflow.propose(factories.coordinator(), need, offer=factories.offer(firm, title="Pro bono defence"))
    db.session.commit()
    return match


def test_the_matters_are_listed_with_their_summary_only_and_the_read_is_audited(api, token, proposed):
    listed = api.get("/api/v1/matters", headers=bearer(token)).get_json()["matters"]
    (matter,) = listed
    assert matter["id"] == proposed.id and matter["state"] == "proposed" and matter["offer"] == "Pro bono defence"
    assert matter["answer_by"] is not None  # the factory's need is urgent: the firm has a window to answer in
    assert matter["summary"]["summary"] == "Sued for denouncing a mine."
    assert matter["summary"]["adverse_parties"][0]["name"] == "Minera Andina S.A."
    assert "Hearing on the 12th" not in json.dumps(listed)  # the details stay for after consent
    assert "details" not in matter["summary"] and "contact" not in json.dumps(listed)
    assert db.session.scalar(db.select(AuditEvent.note).where(AuditEvent.action == "need.read")) == \
        "summary, through the API"


def test_a_matter_is_accepted_through_the_workflow_as_the_member_who_made_the_token(api, member, token, proposed):
    response = api.post(f"/api/v1/matters/{proposed.id}/answer", json={"answer": "accept"},
                                      headers=bearer(token))
    assert response.status_code == 200 and response.get_json()["state"] == "accepted"
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "match.accept")).one()
    assert event.actor_id == member.id


def test_a_decline_says_why_and_a_second_answer_is_refused_as_the_page_refuses_it(api, token, proposed):
    client = api
    refused = client.post(f"/api/v1/matters/{proposed.id}/answer", json={"answer": "decline"}, headers=bearer(token))
    assert refused.status_code == 409 and refused.get_json()["title"] == "Say why the matter is declined."
    declined = client.post(f"/api/v1/matters/{proposed.id}/answer", json={"answer": "decline", "reason": "No time"},
                           headers=bearer(token))
    assert declined.get_json()["state"] == "declined" and declined.get_json()["summary"] is None
    again = client.post(f"/api/v1/matters/{proposed.id}/answer", json={"answer": "accept"}, headers=bearer(token))
    assert again.status_code == 409
