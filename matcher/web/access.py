"""Access rules: one guard per blueprint, and the loaders that scope records to a user.

A blueprint calls ``guard(bp, roles)`` once, so no route can forget its check.
Record loaders answer 404 for records outside the user's world, so another
user's id in a URL reveals nothing, not even that the record exists.
"""

from flask import abort
from flask_login import current_user

from ..extensions import db, login_manager


def guard(blueprint, roles: tuple[str, ...]) -> None:
    """Refuse every request to ``blueprint`` from anyone without one of ``roles``."""

    @blueprint.before_request
    def _require_role():
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in roles:
            abort(403)
        return None


def local_target(target: str, within: str = "/") -> str | None:
    """``target`` if it is a path on this site under ``within``, else None.

    Browsers read two slashes, a backslash, or a path with a tab or a line break
    in it (which they drop) as a way to another host, so any of those is refused.
    """
    if not target.startswith(within) or "//" in target or "\\" in target:
        return None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return None
    return target


# The largest id a database column holds: a larger number in an address names nothing, and the
# databases refuse to even compare it.
LARGEST_ID = 2**63 - 1


def get_scoped_or_404(model, ident, allowed) -> object:
    """Load ``model`` by id, answering 404 unless ``allowed(record)`` holds."""
    if isinstance(ident, int) and not 0 < ident <= LARGEST_ID:
        abort(404)
    record = db.session.get(model, ident)
    if record is None or not allowed(record):
        abort(404)
    return record
