"""Running one workflow change from a page: keep it for the request's commit, or undo it and say why."""

from collections.abc import Callable

from flask import flash

from ..core.refusals import FieldsRefused, Refused
from ..extensions import db


def attempt(change: Callable[[], object], success: str | None = None, form=None) -> bool:
    """Run ``change``, which the request then commits; a stale or illegal move is flashed and rolled back,
    never a 500. A refusal field by field (``FieldsRefused``) is shown beside the fields of ``form``
    instead, which keeps what was typed for the page drawn again."""
    try:
        change()
    except Refused as error:
        db.session.rollback()
        if form is not None and isinstance(error, FieldsRefused):
            show_problems(form, error.problems)
        else:
            flash(str(error), "error")
        return False
    if success:
        flash(str(success))  # the session keeps text, not a lazy string (``_l``)
    return True


def show_problems(form, problems: dict[str, str]) -> bool:
    """Put each of the rules' messages beside its field of ``form``; whether there was any."""
    for name, message in problems.items():
        form[name].errors = [*form[name].errors, message]
    return bool(problems)
