"""The API's blueprint: a token on every request but the document's, JSON errors, a throttle per
token, and the operations its views register (``operation``), of which the OpenAPI 3.1 document is
made (``document``) with the models they validate with (``forms``): one source for the code and its
description.

No cookie counts here: a browser's session never authenticates an API call, so the pages'
CSRF protection is not needed and is lifted for this blueprint alone.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, current_app, g, jsonify, request
from flask_babel import gettext as _
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from werkzeug.exceptions import HTTPException

from ..accounts import api_tokens as tokens
from ..core.refusals import Refused
from ..extensions import csrf, limiter
from ..web import errors
from ..web.access import LARGEST_ID
from .forms import Problem

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)
csrf.exempt(bp)
errors.answer_in_json_under(PREFIX + "/")
UNSECURED = {"api.openapi_document"}


def _given_token() -> str | None:
    """The token of the request's ``Authorization: Bearer`` header, if it has one."""
    given = request.headers.get("Authorization", "")
    return given.removeprefix("Bearer ").strip() if given.startswith("Bearer ") else None


def _throttle_key() -> str:
    """Each token is throttled on its own; a request without one by its address."""
    given = _given_token()
    return "api:" + (tokens.fingerprint(given) if given is not None else request.remote_addr or "")


limiter.limit(lambda: current_app.config["API_LIMIT"], key_func=_throttle_key)(bp)


@bp.before_request
def _authenticate():
    if request.endpoint in UNSECURED:
        return None
    given = _given_token()
    token = tokens.token_for(given) if given is not None else None
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


# The document -------------------------------------------------------------------

VERSION = "1.0.0"
_PARAMETER = re.compile(r"<int:(\w+)>")


@dataclass(frozen=True)
class Operation:
    """One endpoint: ``answers`` are its status codes, each with what it says and the model of its
    body (None for none); ``body`` the model of the JSON it takes, ``csv`` whether it takes a CSV file too."""

    name: str  # the view's, and the operation's id
    method: str
    rule: str
    summary: str
    answers: dict[int, tuple[str, type[BaseModel] | None]]
    body: type[BaseModel] | None = None
    csv: bool = False
    secured: bool = True


OPERATIONS: list[Operation] = []
# What every secured operation may answer besides its own answers.
SECURED_ANSWERS = {401: ("no valid token", Problem), 429: ("too many requests: wait and try again", Problem)}


def operation(blueprint, method: str, rule: str, summary: str, *, answers, body=None, csv=False,
              secured=True) -> Callable:
    """Register a view as the blueprint's route and as an operation of the document."""
    def register(view: Callable) -> Callable:
        OPERATIONS.append(Operation(view.__name__, method, rule, summary, answers, body, csv, secured))
        return blueprint.route(rule, methods=[method])(view)
    return register


def document(prefix: str) -> dict:
    """The document for the operations mounted at ``prefix``."""
    models = {model for op in OPERATIONS for model in (op.body, *(m for _, m in _answers(op).values())) if model}
    ordered = sorted(models, key=lambda model: model.__name__)
    _, definitions = models_json_schema([(model, "validation") for model in ordered],
                                        ref_template="#/components/schemas/{model}")
    paths: dict = {}
    for op in OPERATIONS:
        paths.setdefault(_PARAMETER.sub(r"{\1}", op.rule), {})[op.method.lower()] = _described(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Pro bono matching: the API for firms' systems", "version": VERSION,
                 "description": "A firm's client list and the matters proposed to it. Every request but this "
                                "document's carries a token made on the firm's page: `Authorization: Bearer mk_…`."},
        "servers": [{"url": prefix}],
        "paths": paths,
        "components": {"schemas": definitions.get("$defs", {}),
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }


def _answers(op: Operation) -> dict[int, tuple[str, type[BaseModel] | None]]:
    return {**op.answers, **(SECURED_ANSWERS if op.secured else {})}


def _ref(model: type[BaseModel]) -> dict:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _described(op: Operation) -> dict:
    described: dict = {"operationId": op.name, "summary": op.summary,
                       "security": [{"token": []}] if op.secured else [], "responses": {}}
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1,
                                                                                   "maximum": LARGEST_ID}}
                  for name in _PARAMETER.findall(op.rule)]
    if parameters:
        described["parameters"] = parameters
    if op.body is not None:
        content = {"application/json": {"schema": _ref(op.body)}}
        if op.csv:
            content["text/csv"] = {"schema": {"type": "string"}}
        described["requestBody"] = {"required": True, "content": content}
    for status, (words, model) in sorted(_answers(op).items()):
        described["responses"][str(status)] = {"description": words, **(
            {"content": {"application/json": {"schema": _ref(model)}}} if model else {})}
    return described
