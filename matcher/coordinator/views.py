"""The vetting organisation's pages: people, needs, screening, matching and funds."""

from flask import render_template

from ..extensions import db
from ..models import Need
from . import bp


@bp.route("/")
def dashboard():
    return render_template("coordinator/dashboard.html")


@bp.route("/people")
def people():
    return render_template("coordinator/people.html")


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    return render_template("coordinator/need.html", need=db.get_or_404(Need, need_id))
