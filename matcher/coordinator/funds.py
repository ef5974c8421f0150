"""The catalogue of legal-aid funds, which coordinators keep and matching reads."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core import audit
from ..extensions import db
from ..models import LegalAidFund
from .blueprint import bp
from .forms import FundForm

FIELDS = ("name", "run_by", "countries", "defender_kinds", "covers", "max_amount", "currency",
          "turnaround_days", "how_to_apply", "active")


@bp.route("/funds")
def funds():
    query = select(LegalAidFund).order_by(LegalAidFund.active.desc(), LegalAidFund.name, LegalAidFund.id)
    return render_template("coordinator/funds.html", funds=db.session.scalars(query).all())


@bp.route("/funds/new", methods=["GET", "POST"])
def new_fund():
    form = FundForm()
    if form.validate_on_submit():
        fund = LegalAidFund()
        _copy(form, fund)
        db.session.add(fund)
        db.session.flush()
        audit.record(current_user, "fund.create", fund)
        flash(_("%(fund)s is in the catalogue.", fund=fund.name))
        return redirect(url_for(".funds"))
    return render_template("coordinator/fund_form.html", form=form, fund=None)


@bp.route("/funds/<int:fund_id>/edit", methods=["GET", "POST"])
def edit_fund(fund_id: int):
    fund = db.get_or_404(LegalAidFund, fund_id)
    form = FundForm(obj=fund)
    if form.validate_on_submit():
        changed = _copy(form, fund)
        if changed:
            audit.record(current_user, "fund.edit", fund, note="changed: " + ", ".join(changed))
            flash(_("%(fund)s is saved.", fund=fund.name))
        else:
            flash(_("Nothing was changed."))
        return redirect(url_for(".funds"))
    return render_template("coordinator/fund_form.html", form=form, fund=fund)


def _copy(form: FundForm, fund: LegalAidFund) -> list[str]:
    """Copy the form onto the fund; the names of the fields that changed, for the audit note."""
    changed = []
    for name in FIELDS:
        value = getattr(form, name).data
        if getattr(fund, name) != value:
            setattr(fund, name, value)
            changed.append(name)
    return changed
