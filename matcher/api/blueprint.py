"""The API's blueprint: a token on every request but the document's, JSON errors, a throttle per token.

No cookie counts here: a browser's session never authenticates an API call, so the pages'
CSRF protection is not needed and is lifted for this blueprint alone.
"""

from flask import Blueprint, current_app, g, jsonify, request
from flask_babel import gettext as _
from pydantic import BaseModel
from werkzeug.exceptions import HTTPException

from ..core.refusals import Refused
from ..extensions import csrf, limiter
from ..web import errors
from . import tokens
from .schemas import Problem

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)
csrf.exempt(bp)
errors.answer_in_json_under(PREFIX + "/")
UNSECURED = {"api.openapi_document"}


def _throttle_key() -> str:
    """Each token is throttled on its own; a request without one by its address."""
    given = request.headers.get("Authorization", "")
    return "api:" + (tokens.fingerprint(given.removeprefix("Bearer ").strip()) if given.startswith("Bearer ")
                     else request.remote_addr or "")


limiter.limit(lambda: current_app.config["API_LIMIT"], key_func=_throttle_key)(bp)


@bp.before_request
def _authenticate():
    if request.endpoint in UNSECURED:
        return None
    given = request.headers.get("Authorization", "")
    token = tokens.token_for(given.removeprefix("Bearer ").strip()) if given.startswith("Bearer ") else None
    if token is None:
        response = answer(401, Problem(title=_("Give a valid token: Authorization: Bearer mk_…")))
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    g.api_token = token
    return None


def answer(status: int, body: BaseModel | None = None, **headers):
    """A response of ``status`` with ``body`` as JSON (or none)."""
    response = jsonify(body.model_dump(mode="json")) if body is not None else current_app.response_class()
    response.status_code = status
    response.headers.update(headers)
    return response


def _http_error(error: HTTPException):
    """Every error of the API in JSON, never as a page: a system reads it."""
    return answer(error.code or 500, Problem(title=error.description or error.name))


# By code as well as by class: the app's pages for these codes would otherwise come first.
for _code in (400, 403, 404, 405, 413, 415, 429):
    bp.register_error_handler(_code, _http_error)
bp.register_error_handler(HTTPException, _http_error)


@bp.errorhandler(Refused)
def _refused(error: Refused):
    """A move the rules do not allow (a matter already taken): the request was understood, not done."""
    return answer(409, Problem(title=str(error)))
