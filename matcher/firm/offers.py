"""The firm's offers of pro bono capacity: create, edit, end, delete.

An offer that a match ever used is ended (valid until yesterday) rather than
deleted, so the history of the matters taken under it stays whole.
"""

from datetime import date, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import exists, select

from ..core import audit
from ..extensions import db
from ..models import Match, Offer
from ..web.confirm import unless_confirmed
from .blueprint import bp, own_record_or_404
from .forms import OFFER_FIELDS, OfferForm


def _copy(form: OfferForm, offer: Offer) -> None:
    for name in OFFER_FIELDS:
        setattr(offer, name, form[name].data)
    offer.title = offer.title.strip()
    offer.notes = (offer.notes or "").strip()


@bp.route("/offers/new", methods=["GET", "POST"])
def new_offer():
    form = OfferForm()
    if not form.is_submitted():
        today = date.today()
        form.valid_from.data = today
        form.valid_until.data = today + timedelta(days=365)
        form.capacity.data = 1
    if form.validate_on_submit():
        offer = Offer(firm_id=current_user.firm_id)
        _copy(form, offer)
        db.session.add(offer)
        db.session.flush()
        audit.record(current_user, "offer.create", offer)
        flash(_("The offer is published to the coordinators."))
        return redirect(url_for("firm.dashboard"))
    return render_template("firm/offer_form.html", form=form, offer=None)


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
def edit_offer(offer_id: int):
    """Edit an offer; the capacity cannot drop below the places accepted matters hold."""
    offer = own_record_or_404(Offer, offer_id)
    if request.method == "POST":
        # Lock the row so an acceptance cannot take a place between the check and the save.
        db.session.refresh(offer, with_for_update=True)
    form = OfferForm(obj=offer, capacity_used=offer.capacity_used)
    if form.validate_on_submit():
        _copy(form, offer)
        audit.record(current_user, "offer.edit", offer)
        flash(_("The offer is saved."))
        return redirect(url_for("firm.dashboard"))
    return render_template("firm/offer_form.html", form=form, offer=offer)


@bp.route("/offers/<int:offer_id>/end", methods=["POST"])
def end_offer(offer_id: int):
    """Stop an offer from being proposed, keeping it and the matters taken under it."""
    offer = own_record_or_404(Offer, offer_id)
    yesterday = date.today() - timedelta(days=1)
    if offer.valid_until <= yesterday:
        flash(_("This offer has already ended."), "error")
        return redirect(url_for("firm.dashboard"))
    offer.valid_until = yesterday
    offer.valid_from = min(offer.valid_from, yesterday)
    audit.record(current_user, "offer.end", offer)
    flash(_("The offer has ended: no new matter will be proposed under it. Matters in progress continue."))
    return redirect(url_for("firm.dashboard"))


@bp.route("/offers/<int:offer_id>/delete", methods=["POST"])
def delete_offer(offer_id: int):
    """Delete an offer no match ever used; one that was used can only be ended."""
    offer = own_record_or_404(Offer, offer_id)
    if db.session.scalar(select(exists().where(Match.offer_id == offer.id))):
        flash(_("Matters were proposed under this offer, so it is kept for their record: end it instead."), "error")
        return redirect(url_for("firm.edit_offer", offer_id=offer.id))
    asking = unless_confirmed(_("Deleting the offer removes it for good: it cannot be undone."),
                              url_for("firm.edit_offer", offer_id=offer.id))
    if asking is not None:
        return asking
    audit.record(current_user, "offer.delete", offer)
    db.session.delete(offer)
    flash(_("The offer is deleted."))
    return redirect(url_for("firm.dashboard"))
