"""A firm member's pages: their firm's offers, client list and proposed matters."""

from flask import render_template
from flask_login import current_user

from ..access import get_scoped_or_404
from ..models import Match
from . import bp


@bp.route("/")
def dashboard():
    return render_template("firm/dashboard.html", firm=current_user.firm)


@bp.route("/matters/<int:match_id>")
def match(match_id: int):
    record = get_scoped_or_404(Match, match_id, lambda m: m.firm_id == current_user.firm_id)
    return render_template("firm/match.html", match=record)
