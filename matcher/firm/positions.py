"""Positional conflicts: what a firm declares it does not act against (a kind of matter, a sector,
a company, in a country or any).

A need under a declaration is a potential conflict for the firm, kept away from it
until a coordinator clears or waives the hit; each change screens the firm's open
needs again. A declared company is the firm's confidence: this page, behind the
firm's guard, is the only place besides a coordinator's review of a hit that names it.
"""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..conflicts.positions import declaration, firm_positions
from ..models import FirmPosition
from ..needs import workflow
from ..web.attempts import attempt
from .blueprint import bp, own_record_or_404
from .forms import PositionForm


@bp.route("/positions", methods=["GET", "POST"])
def positions():
    """The firm's declarations, and the form that adds one (shown again with its errors when refused)."""
    form = PositionForm()
    if form.validate_on_submit():
        attempt(lambda: workflow.declare_position(
            current_user, current_user.firm, sector=form.sector.data or "",
            practice_area=form.practice_area.data or "", company=form.company.data or "",
            country=form.country.data or "", note=form.note.data or ""),
            _("Declared. Matters under it are kept from the firm until a coordinator clears them."))
        return redirect(url_for("firm.positions"))
    declared = [(position, declaration(position)) for position in firm_positions(current_user.firm_id)]
    return render_template("firm/positions.html", form=form, positions=declared)


@bp.route("/positions/<int:position_id>/remove", methods=["POST"])
def remove_position(position_id: int):
    """Withdraw a declaration; another firm's answers 404."""
    position = own_record_or_404(FirmPosition, position_id)
    attempt(lambda: workflow.withdraw_position(current_user, position), _("The declaration was withdrawn."))
    return redirect(url_for("firm.positions"))
