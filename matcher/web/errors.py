"""Error pages that say what happened without a stack trace; a refused record is audited.

Under a prefix given to ``answer_in_json_under`` (the API's) the same errors are answered in JSON,
even for an address that matches no route: a system reads them, not a person.
"""

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from ..core import audit

_JSON_PREFIXES: list[str] = []


def answer_in_json_under(prefix: str) -> None:
    """Answer the errors of every address under ``prefix`` as ``{"title": ..., "errors": []}``."""
    _JSON_PREFIXES.append(prefix)


def register_error_pages(app) -> None:
    def page(status: int, title: str, text: str):
        if status in (403, 404):
            _audit_refusal(status)
        if any(request.path.startswith(prefix) for prefix in _JSON_PREFIXES):
            return jsonify(title=title, errors=[]), status
        return render_template("error.html", title=title, text=text), status

    app.register_error_handler(
        CSRFError,
        lambda e: page(400, _("Form expired"), _("The form was too old or incomplete. Go back, reload and try again.")),
    )
    app.register_error_handler(
        400,
        lambda e: page(400, _("Not understood"), _("Something in the form cannot be accepted. Go back and check it.")),
    )
    app.register_error_handler(403, lambda e: page(403, _("Not allowed"), _("Your account cannot open this page.")))
    app.register_error_handler(404, lambda e: page(404, _("Not found"), _("There is nothing here.")))
    app.register_error_handler(
        429, lambda e: page(429, _("Too many attempts"), _("Wait a few minutes before trying again."))
    )
    app.register_error_handler(
        413, lambda e: page(413, _("File too large"), _("The file is larger than the platform accepts."))
    )


def _audit_refusal(status: int) -> None:
    """A signed-in account refused a page or a record: who, which route and which ids, never the
    address as typed (a path can carry a link's token)."""
    if not current_user.is_authenticated or request.url_rule is None:
        return
    ids = ", ".join(f"{name}={value}" for name, value in (request.view_args or {}).items() if isinstance(value, int))
    audit.record(current_user, "request.refused", current_user._get_current_object(),
                 note=f"{status} {request.method} {request.url_rule.rule}" + (f" ({ids})" if ids else ""))
