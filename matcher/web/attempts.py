"""Running one workflow change from a page: commit it, or undo it and say why it was refused."""

from collections.abc import Callable

from flask import flash

from ..extensions import db
from ..needs import workflow


def attempt(change: Callable[[], object], success: str | None = None) -> bool:
    """Run ``change`` and commit; a stale or illegal move is flashed, rolled back, never a 500."""
    try:
        change()
    except workflow.TransitionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return False
    db.session.commit()
    if success:
        flash(success)
    return True
