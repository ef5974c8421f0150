"""The firm blueprint: a firm member's pages, and the loader they share.

Two guards run before every page: the account must be a firm member's, and it
must still belong to a firm. ``own_record_or_404`` scopes a record to that firm.
"""

from flask import Blueprint, abort
from flask_login import current_user

from ..web.access import get_scoped_or_404, guard

bp = Blueprint("firm", __name__, url_prefix="/firm")
guard(bp, ("firm",))


@bp.before_request
def _require_firm():
    """A firm account detached from its firm has no world to see."""
    if current_user.firm_id is None:
        abort(403)


def own_record_or_404(model, ident: int):
    """Load a record of the current user's firm; another firm's id answers 404."""
    return get_scoped_or_404(model, ident, lambda record: record.firm_id == current_user.firm_id)
