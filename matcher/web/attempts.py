"""Running one workflow change from a page: keep it for the request's commit, or undo it and say why."""

from collections.abc import Callable

from flask import flash

from ..core.refusals import Refused
from ..extensions import db


def attempt(change: Callable[[], object], success: str | None = None) -> bool:
    """Run ``change``, which the request then commits; a stale or illegal move is flashed and rolled back,
    never a 500."""
    try:
        change()
    except Refused as error:
        db.session.rollback()
        flash(str(error), "error")
        return False
    if success:
        flash(str(success))  # the session keeps text, not a lazy string (``_l``)
    return True
