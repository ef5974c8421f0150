"""The logs, read as a log collector reads them: one JSON object per line on standard error, with
the request's id, and never a link's token, a query string, a form value or an address."""

import json
import re

import pytest

from matcher import create_app
from matcher.extensions import db
from matcher.web import logs
from tests import factories

REQUEST_ID = re.compile(r"[0-9a-f]{32}")


def _lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]


def _access_lines(capsys) -> list[dict]:
    return [line for line in _lines(capsys) if line["logger"] == "matcher.access"]


def _another_app(app, **settings):
    return create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "MAIL_OUTBOX": app.config["MAIL_OUTBOX"], **settings})


def test_a_request_writes_one_json_access_line_without_its_query_string(web, capsys):
    capsys.readouterr()
    response = web.get("/account/login?next=/defender/needs/3&q=Rosa+Mendoza")

    [line] = _access_lines(capsys)
    assert set(line) == {"time", "level", "logger", "message", "request_id", "method", "path", "status",
                         "duration_ms"}
    assert (line["level"], line["method"], line["path"], line["status"]) == ("INFO", "GET", "/account/login", 200)
    assert line["request_id"] == response.headers["X-Request-ID"] and REQUEST_ID.fullmatch(line["request_id"])
    assert line["duration_ms"] >= 0 and line["time"].endswith("+00:00")
    assert "Rosa" not in json.dumps(line) and "next" not in json.dumps(line)


def test_a_reset_token_in_a_path_never_reaches_the_logs(web, outbox, capsys):
    member = factories.defender()
    db.session.commit()
    web.post("/account/reset", {"email": member.email})
    link = re.search(r"http://matcher\.test(/account/reset/\S+)", outbox[-1].body).group(1)
    token = link.rsplit("/", 1)[1]
    capsys.readouterr()

    web.get(link)
    web.post(link, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"})

    written = capsys.readouterr().err
    assert token not in written and written.count("/account/reset/[token]") >= 2


def test_signing_in_writes_neither_the_address_nor_the_password(web, capsys):
    member = factories.defender(email="rosa.mendoza@example.org")
    db.session.commit()
    capsys.readouterr()

    web.post("/account/login", {"email": member.email, "password": "not-my-password-42"})
    web.login(member)

    written = capsys.readouterr().err
    assert "rosa.mendoza" not in written and "not-my-password-42" not in written
    assert '"method": "POST", "path": "/account/login", "status": 200' in written


def test_a_line_written_during_a_request_names_it(app, capsys):
    @app.get("/_logs_probe")
    def probe():
        app.logger.warning("probe written to someone@example.org")
        return "ok"

    capsys.readouterr()
    response = app.test_client().get("/_logs_probe")

    probe_line, access_line = _lines(capsys)
    assert probe_line["request_id"] == access_line["request_id"] == response.headers["X-Request-ID"]
    assert probe_line["message"] == "probe written to [address]" and probe_line["level"] == "WARNING"


def test_a_server_error_is_one_line_with_its_traceback_and_without_the_token(app, capsys):
    served = _another_app(app)  # not TESTING: the error is answered and logged, as in production

    @served.get("/account/reset/<token>/fails")
    def fails(token):
        raise RuntimeError("the handler failed")

    capsys.readouterr()
    response = served.test_client().get("/account/reset/gAAAAsecretToken/fails")

    written = capsys.readouterr().err
    error, access = [json.loads(line) for line in written.splitlines()]
    assert response.status_code == 500 and "secretToken" not in written
    assert (error["level"], error["message"]) == ("ERROR", "Exception on /account/reset/[token]/fails [GET]")
    assert "RuntimeError: the handler failed" in error["exception"]
    assert error["request_id"] == access["request_id"] == response.headers["X-Request-ID"]


@pytest.mark.parametrize(("given", "kept"), [("edge-7f3a.91_b", True), ("0123456789abcdef" * 4, True),
                                             ("a b", False), ("<script>", False), ("x" * 65, False), ("", False)])
def test_a_trusted_proxys_request_id_is_kept_only_when_it_is_a_short_plain_token(app, capsys, given, kept):
    client = _another_app(app, TRUSTED_PROXY_HOPS=1).test_client()
    capsys.readouterr()

    response = client.get("/", headers={"X-Request-ID": given})

    [line] = _access_lines(capsys)
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert (line["request_id"] == given) is kept
    assert kept or REQUEST_ID.fullmatch(line["request_id"])


def test_with_no_trusted_proxy_a_clients_request_id_is_replaced(web, capsys):
    response = web.get("/", headers={"X-Request-ID": "chosen-by-the-client"})

    assert REQUEST_ID.fullmatch(response.headers["X-Request-ID"])


def test_text_logs_leave_the_access_lines_to_the_server_and_name_the_request(app, capsys):
    text_app = _another_app(app, LOG_FORMAT="text")

    @text_app.get("/_logs_probe")
    def probe():
        text_app.logger.warning("probe")
        return "ok"

    capsys.readouterr()
    response = text_app.test_client().get("/_logs_probe")

    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith(f"WARNING matcher [{response.headers['X-Request-ID']}] probe")


def test_logs_default_to_json_and_to_text_in_debug_mode(app):
    assert logs.log_format(_another_app(app)) == "json"
    assert logs.log_format(_another_app(app, DEBUG=True)) == "text"


def test_an_unknown_log_format_stops_the_start_saying_so(app):
    with pytest.raises(ValueError, match="LOG_FORMAT must be json or text"):
        _another_app(app, LOG_FORMAT="xml")
