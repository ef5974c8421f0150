"""The vetting organisation's pages: people, needs, screening, matching and funds."""

from flask import Blueprint, render_template

from ..access import guard
from ..extensions import db
from ..models import Need

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
guard(bp, ("coordinator", "admin"))


@bp.route("/")
def dashboard():
    return render_template("coordinator/dashboard.html")


@bp.route("/people")
def people():
    return render_template("coordinator/people.html")


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    return render_template("coordinator/need.html", need=db.get_or_404(Need, need_id))
