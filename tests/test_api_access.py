"""Who the API answers: every endpoint tried without a token, with a revoked one, with one whose
member left, and with another firm's; the tokens' page tried by everyone but the firm's members."""

import pytest

from matcher.api.blueprint import OPERATIONS
from matcher.extensions import db
from matcher.models import ApiToken, ClientImport
from matcher.needs import workflow
from tests import factories
from tests.test_api import Api, bearer, make_token

SECURED = [(op.method, op.rule) for op in OPERATIONS if op.secured]


@pytest.fixture
def api(app) -> Api:
    return Api(app)


@pytest.fixture
def firm(app):
    return factories.firm(name="Garza & Partners")


@pytest.fixture
def member(firm):
    account = factories.firm_member(of=firm)
    db.session.commit()
    return account


@pytest.fixture
def records(firm, member) -> dict:
    """One of each record an endpoint names, all the firm's."""
    need = factories.need(factories.defender(), state="verified")
    match = workflow.propose(factories.coordinator(), need, offer=factories.offer(firm))
    started = ClientImport(firm_id=firm.id, started_by_id=member.id, rows=1)
    db.session.add(started)
    db.session.commit()
    return {"match_id": match.id, "import_id": started.id}


def _url(rule: str, records: dict) -> str:
    for name, value in records.items():
        rule = rule.replace(f"<int:{name}>", str(value))
    return "/api/v1" + rule


def _send(api, method, rule, records, headers):
    return getattr(api, method.lower())(_url(rule, records), json={}, headers=headers)


@pytest.mark.parametrize(("method", "rule"), SECURED)
@pytest.mark.parametrize("given", [{}, {"Authorization": "Bearer"}, {"Authorization": "Bearer mk_not-a-token"},
                                   {"Authorization": "Basic dXNlcjpwYXNz"}])
def test_every_endpoint_refuses_a_request_without_a_valid_token(api, records, method, rule, given):
    response = _send(api, method, rule, records, given)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    assert response.is_json


@pytest.mark.parametrize(("method", "rule"), SECURED)
def test_every_endpoint_refuses_a_revoked_token(web, api, member, records, method, rule):
    token = make_token(web, member)
    web.post(f"/firm/api-tokens/{db.session.scalar(db.select(ApiToken.id))}/revoke")
    assert _send(api, method, rule, records, bearer(token)).status_code == 401


@pytest.mark.parametrize(("method", "rule"), SECURED)
def test_every_endpoint_refuses_a_token_whose_member_left_the_firm(web, api, member, records, method, rule):
    token = make_token(web, member)
    member.firm_id = None
    db.session.commit()
    assert _send(api, method, rule, records, bearer(token)).status_code == 401


@pytest.mark.parametrize(("method", "rule"), [(m, r) for m, r in SECURED if "<int:" in r])
def test_another_firms_token_finds_none_of_this_firms_records(app, web, api, records, method, rule):
    other = factories.firm_member(of=factories.firm(name="Other LLP"))
    db.session.commit()
    token = make_token(web, other)
    response = _send(api, method, rule, records, bearer(token))
    assert response.status_code == 404 and response.is_json


def test_a_token_is_throttled_on_its_own(app, web, api, member):
    app.config["API_LIMIT"] = "3 per minute"
    token = make_token(web, member)
    answers = [api.get("/api/v1/matters", headers=bearer(token)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert api.get("/api/v1/matters", headers=bearer(token)).is_json


@pytest.mark.parametrize("who", ["coordinator", "defender", "other firm"])
def test_only_the_firms_members_see_its_tokens_or_revoke_them(web, member, who):
    make_token(web, member)
    web.logout()
    token_id = db.session.scalar(db.select(ApiToken.id))
    someone = {"coordinator": factories.coordinator, "defender": factories.defender,
               "other firm": lambda: factories.firm_member(of=factories.firm(name="Other LLP"))}[who]()
    db.session.commit()
    web.login(someone)
    page = web.get("/firm/api-tokens")
    assert page.status_code == (200 if who == "other firm" else 403)
    assert "Our conflicts system" not in page.get_data(as_text=True)
    assert web.post(f"/firm/api-tokens/{token_id}/revoke").status_code in (403, 404)
    assert db.session.get(ApiToken, token_id).revoked_at is None
