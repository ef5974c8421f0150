"""The API's OpenAPI 3.1 document, made from the operations as they are registered and the models
they validate with (``schemas``): one source for the code and its description."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from ..web.access import LARGEST_ID
from .schemas import Problem

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
