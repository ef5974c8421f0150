"""Every state-changing route refuses a form posted without its CSRF token, for every role."""

import re

import pytest

from matcher.extensions import db
from tests import factories

ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


def _post_routes(app) -> list[str]:
    """Every rule that accepts POST, with its arguments filled with 1 (or a token). The API's are not
    among them: they take no cookie, only a token in a header, which a forged form cannot carry
    (``tests/test_api_access.py`` tries them without one)."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.endpoint.startswith("api."):
            paths.append(ARGUMENT.sub(lambda m: "token" if m.group(1) == "token" else "1", rule.rule))
    return sorted(paths)


@pytest.mark.parametrize("role", ["anonymous", "defender", "firm", "coordinator"])
def test_no_post_is_accepted_without_a_csrf_token(app, web, role):
    accounts = {"defender": factories.defender, "firm": factories.firm_member, "coordinator": factories.coordinator}
    if role != "anonymous":
        account = accounts[role]()
        db.session.commit()
        web.login(account)
    routes = _post_routes(app)
    assert len(routes) > 30, "the route list looks incomplete"
    refused = {path: web.post(path, {}, csrf=False).status_code for path in routes}
    assert {path: status for path, status in refused.items() if status != 400} == {}
