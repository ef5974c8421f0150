"""One need as a coordinator works on it: reading it, triage, submitting it for an offline defender,
withdrawing it on their behalf."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..core import audit
from ..needs import workflow
from ..web.attempts import attempt
from .blueprint import bp, load_need, render_need, taken_in
from .forms import OnSilenceForm, TriageForm, WithdrawForm

TRIAGE = {
    "verify": (workflow.verify_need, _l("The need is verified: you can now propose it.")),
    "request_info": (workflow.request_info, _l("The defender was asked for more information.")),
    "reject": (workflow.reject_need, _l("The need is rejected.")),
}


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    """Coordinators read the details too, so each visit is written to the audit log."""
    record = load_need(need_id)
    audit.record_read(current_user, record)
    return render_need(record)


@bp.route("/needs/<int:need_id>/triage", methods=["POST"])
def triage(need_id: int):
    record = load_need(need_id)
    form = TriageForm()
    if not form.validate_on_submit():
        return render_need(record, triage=form)
    change, success = TRIAGE[form.action.data]
    attempt(lambda: change(current_user, record, form.note.data), str(success))
    return redirect(url_for(".need", need_id=need_id))


@bp.route("/needs/<int:need_id>/submit", methods=["POST"])
def submit(need_id: int):
    """Submit a need taken in for a defender; a defender's own draft stays theirs to submit."""
    record = load_need(need_id)
    if not taken_in(record):
        flash(_("The defender writes this need on the platform: they submit it themselves."), "error")
    else:
        attempt(lambda: workflow.submit_need(current_user, record), _("The need is submitted and screened."))
    return redirect(url_for(".need", need_id=need_id))


@bp.route("/needs/<int:need_id>/withdraw", methods=["POST"])
def withdraw(need_id: int):
    """Withdraw on behalf of a defender who asked offline; the note says who asked."""
    record = load_need(need_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_need(record, withdraw=form)
    attempt(lambda: workflow.withdraw_need(current_user, record, form.note.data), _("The need is withdrawn."))
    return redirect(url_for(".need", need_id=need_id))


@bp.route("/needs/<int:need_id>/on-silence", methods=["POST"])
def on_silence(need_id: int):
    """Choose whether the next firms are suggested or proposed when one does not answer in time."""
    record = load_need(need_id)
    form = OnSilenceForm()
    if not form.validate_on_submit():
        return render_need(record, on_silence=form)
    attempt(lambda: workflow.choose_on_silence(current_user, record, form.choice.data), _("Your choice is saved."))
    return redirect(url_for(".need", need_id=need_id))
