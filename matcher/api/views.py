"""The API's endpoints. Each acts for the token's firm as the member who made the token, through the
same validation, workflow and audit trail as the firm's pages; another firm's record answers 404."""

from flask import g, request, url_for
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import selectinload

from ..conflicts import clientlists, imports
from ..core import audit, csvfiles
from ..extensions import db
from ..models import ClientImport, Match, Need
from ..needs import workflow
from ..needs.states import DISCLOSED_MATCH_STATES, SUMMARY_MATCH_STATES
from ..web.access import get_scoped_or_404
from . import forms
from .blueprint import PREFIX, answer, bp, document, operation

NOT_FOUND = {404: ("not one of the firm's", forms.Problem)}
REFUSED = {422: ("the request is not valid: every problem is listed", forms.Problem)}


@operation(bp, "GET", "/openapi.json", "This document", answers={200: ("the OpenAPI document", None)},
           secured=False)
def openapi_document():
    return document(PREFIX)


@operation(bp, "PUT", "/client-list", "Replace the firm's client list", body=forms.ClientList, csv=True,
           answers={202: ("validated whole and being imported: follow Location", forms.ClientImport),
                    409: ("a list is still being imported", forms.Problem), **REFUSED})
def replace_client_list():
    """The list is validated whole, as an upload is, and imported by a job; the answer says where to
    follow its progress. A CSV file is read as the upload reads it; JSON by the same rules, each client's
    place in the list standing for its line."""
    firm = g.api_token.user.firm
    try:
        rows = _client_rows()
    except csvfiles.FileRefused as refused:
        return answer(422, forms.Problem(title=_("The list was refused; nothing was changed."),
                                           errors=refused.errors))
    running = clientlists.running_import(firm)
    if running is not None:
        return answer(409, forms.Problem(title=_("A list is still being imported: wait until it is done.")),
                      Location=_import_url(running))
    record = clientlists.start_import(firm, g.api_token.user, rows)
    db.session.flush()
    notes = clientlists.kinds_read(row.kind_written for row in rows)
    return answer(202, _import(record, notes), Location=_import_url(record))


def _client_rows() -> list[clientlists.ClientRow]:
    if request.mimetype == "text/csv":
        return clientlists.parse_client_csv(request.get_data())
    listed = _body(forms.ClientList)
    return clientlists.parse_client_records(csvfiles.Numbered(client.record() for client in listed.clients))


def _body(model: type[BaseModel]):
    """The request's JSON as ``model``, or ``FileRefused`` with every problem, each where it is."""
    try:
        return model.model_validate_json(request.get_data())
    except ValidationError as invalid:
        raise csvfiles.FileRefused([f"{'.'.join(map(str, error['loc'])) or 'body'}: {error['msg']}"
                                    for error in invalid.errors()]) from None


@operation(bp, "GET", "/client-list/imports/<int:import_id>", "Where an import of the client list stands",
           answers={200: ("the import", forms.ClientImport), **NOT_FOUND})
def client_import(import_id: int):
    record = get_scoped_or_404(ClientImport, import_id, lambda found: found.firm_id == g.api_token.firm_id)
    return answer(200, _import(record))


def _import_url(record: ClientImport) -> str:
    return url_for("api.client_import", import_id=record.id)


def _import(record: ClientImport, notes: list[str] = ()) -> forms.ClientImport:
    screened, to_screen = imports.screened_so_far(record) or (None, None)
    return forms.ClientImport(id=record.id, state=record.state, rows=record.rows,
                                needs_screened=record.needs_screened, screened=screened, to_screen=to_screen,
                                error=record.error, notes=list(notes), created_at=record.created_at,
                                finished_at=record.finished_at)


@operation(bp, "GET", "/matters", "The matters proposed to the firm, newest first",
           answers={200: ("the matters, each with its summary while the firm may read it", forms.Matters)})
def matters():
    found = db.session.scalars(db.select(Match).where(Match.firm_id == g.api_token.firm_id)
                               .options(selectinload(Match.offer), selectinload(Match.need).selectinload(Need.parties))
                               .order_by(Match.id.desc())).all()
    return answer(200, forms.Matters(matters=[_matter(match) for match in found]))


@operation(bp, "GET", "/matters/<int:match_id>", "One matter proposed to the firm",
           answers={200: ("the matter", forms.Matter), **NOT_FOUND})
def matter(match_id: int):
    return answer(200, _matter(_own_match(match_id)))


@operation(bp, "POST", "/matters/<int:match_id>/answer", "Accept or decline a matter proposed to the firm",
           body=forms.Answer,
           answers={200: ("answered", forms.Matter), 409: ("it cannot be answered now", forms.Problem),
                    **NOT_FOUND, **REFUSED})
def answer_matter(match_id: int):
    record = _own_match(match_id)
    try:
        given = _body(forms.Answer)
    except csvfiles.FileRefused as refused:
        return answer(422, forms.Problem(title=_("The answer was refused."), errors=refused.errors))
    member = g.api_token.user
    if given.answer == "accept":
        workflow.accept_match(member, record)
    else:
        workflow.decline_match(member, record, given.reason)
    return answer(200, _matter(record))


def _own_match(match_id: int) -> Match:
    return get_scoped_or_404(Match, match_id, lambda found: found.firm_id == g.api_token.firm_id)


def _matter(match: Match) -> forms.Matter:
    """The matter as the firm's page shows it before consent, its read of the summary audited as the page's is."""
    summary = None
    if match.state in SUMMARY_MATCH_STATES + DISCLOSED_MATCH_STATES:
        need = match.need
        audit.record_read(g.api_token.user, need, "summary, through the API")
        summary = forms.Summary(
            threat=need.threat, country=need.country, languages=need.languages, help_wanted=need.help_wanted,
            practice_areas=need.practice_areas, needs_local_counsel=need.needs_local_counsel, urgency=need.urgency,
            deadline=need.deadline, handling=need.handling, summary=need.summary,
            adverse_parties=[forms.Party(name=party.name, aliases=party.aliases, kind=party.kind,
                                          country=party.country)
                             for party in need.parties])
    return forms.Matter(id=match.id, state=match.state, offer=match.offer.title if match.offer else "",
                          proposed_at=match.proposed_at, answer_by=match.answer_by, summary=summary)
