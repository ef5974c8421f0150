"""The front page, which sends a signed-in user to their own dashboard."""

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user

from ..accounts import sessions

bp = Blueprint("home", __name__)

DASHBOARDS = {
    "defender": "defender.dashboard",
    "firm": "firm.dashboard",
    "coordinator": "coordinator.dashboard",
    "admin": "coordinator.dashboard",
}


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for(DASHBOARDS[current_user.role]))
    return render_template("home/index.html")


@bp.route("/leave")
def leave():
    """Quick exit: a neutral page elsewhere, and this browser signed out, so whoever picks up the
    device finds neither the page nor the session; the script replaces history so Back does not return."""
    sessions.end_here()
    response = redirect(current_app.config["QUICK_EXIT_URL"])
    response.headers["Clear-Site-Data"] = '"cache"'
    return response
