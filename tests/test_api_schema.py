"""The API against its own OpenAPI document: requests generated from the document's schemas, valid
and not, each answered with a status the document lists and a body its schema describes; invalid
ones refused with a client error, never a server's."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from matcher.extensions import db
from matcher.needs import workflow
from tests import factories
from tests.conftest import Web
from tests.test_api import bearer, make_token


@pytest.fixture
def token(app, web) -> str:
    """A firm's token, with a matter proposed to the firm to act on."""
    firm = factories.firm(name="Garza & Partners")
    member = factories.firm_member(of=firm)
    db.session.commit()
    workflow.propose(factories.coordinator(), factories.need(factories.defender(), state="verified"),
                     offer=factories.offer(firm))
    db.session.commit()
    app.config["API_LIMIT"] = "100000 per minute"  # the generated requests are many; the throttle is tested apart
    return make_token(web, member)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_is_one_the_document_describes(app, token, mode):
    Web._fresh_request_globals()  # nothing of the page's requests may stay in ``g`` for the API's
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    # Generated ids name no matter or import of the firm's, so valid requests may rightly answer 404.
    @given(case=schema.as_strategy(mode, headers=bearer(token)))
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def answered_as_documented(case):
        Web._fresh_request_globals()
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    answered_as_documented()
