"""The status page of an import, which reloads itself until the import ends (no script)."""

from flask import make_response, render_template

from ..conflicts import imports
from ..models.imports import ImportRun

REFRESH_SECONDS = 2


def import_page(template: str, record: ImportRun, **context):
    """``template`` rendered for ``record``, with a ``Refresh`` header while the import runs."""
    stalled = imports.is_stalled(record)
    response = make_response(render_template(template, record=record, stalled=stalled, refresh=REFRESH_SECONDS,
                                             screened=imports.screened_so_far(record), **context))
    if not record.finished and not stalled:
        response.headers["Refresh"] = str(REFRESH_SECONDS)
    return response
