"""The defender's pages: their own needs, nothing else."""

from flask import render_template
from flask_login import current_user

from ..access import get_scoped_or_404
from ..models import Need
from . import bp


def _own_need(need_id: int) -> Need:
    return get_scoped_or_404(Need, need_id, lambda need: need.defender_id == current_user.defender.id)


@bp.route("/")
def dashboard():
    return render_template("defender/dashboard.html", needs=current_user.defender.needs)


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    return render_template("defender/need.html", need=_own_need(need_id))
