"""The defender's pages: their own needs, nothing else.

Every record is loaded through ``get_scoped_or_404`` with the defender as
owner, so another defender's id answers 404. State changes go through
``workflow``; a refused move is flashed and the defender sent back to the need.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core import audit
from ..extensions import db
from ..models import AuditEvent, Match, Need
from ..needs import feedback, states, wording, workflow
from ..needs.forms import create_draft, fill_need, need_form
from ..needs.history import match_target, need_history
from ..web.access import get_scoped_or_404
from ..web.attempts import attempt
from ..web.confirm import unless_confirmed
from .blueprint import bp
from .forms import HelpedForm, RefuseForm, WithdrawForm


def _owns(need: Need) -> bool:
    return need.defender_id == current_user.defender.id


def _own_need(need_id: int) -> Need:
    return get_scoped_or_404(Need, need_id, _owns)


def _own_match(match_id: int) -> Match:
    return get_scoped_or_404(Match, match_id, lambda match: _owns(match.need))


def _back_to(need: Need):
    return redirect(url_for("defender.need", need_id=need.id))


@bp.route("/")
def dashboard():
    """The defender's needs, each with its matches: its state says whom it is with."""
    needs = db.session.scalars(select(Need).where(Need.defender_id == current_user.defender.id)
                               .options(selectinload(Need.matches)).order_by(Need.id)).all()
    return render_template("defender/dashboard.html", needs=needs)


@bp.route("/needs/new", methods=["GET", "POST"])
def new_need():
    profile = current_user.defender
    form = need_form(country=profile.country, languages=profile.languages)
    if form.add_party.data:
        form.add_party_row()
    elif form.validate_on_submit():
        need = create_draft(current_user, profile, form)
        flash(_("Your draft is saved. Submit it when it is complete."))
        return _back_to(need)
    return render_template("defender/need_form.html", form=form, need=None)


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
def edit_need(need_id: int):
    need = _own_need(need_id)
    if need.state not in states.EDITABLE_NEED_STATES:
        flash(_("This need is with the coordinators and can no longer be changed."), "error")
        return _back_to(need)
    form = need_form(need)
    if form.add_party.data:
        form.add_party_row()
    elif form.validate_on_submit():
        fill_need(need, form)
        audit.record(current_user, "need.edit", need, need=need)
        flash(_("Your changes are saved."))
        return _back_to(need)
    return render_template("defender/need_form.html", form=form, need=need)


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    return _render_need(_own_need(need_id))


def _render_need(need: Need, helped_form: tuple[int, HelpedForm] | None = None):
    """The need's page; ``helped_form`` is a match's feedback form as it was posted, with its problems."""
    helped_forms = {match.id: _helped_form(match) for match in need.matches if match.state == "completed"}
    if helped_form is not None:
        helped_forms[helped_form[0]] = helped_form[1]
    return render_template(
        "defender/need.html",
        need=need,
        history=need_history(need, current_user),
        info_request=_latest_info_request(need) if need.state == "needs_info" else None,
        targets={match.id: match_target(match) for match in need.matches},
        editable=need.state in states.EDITABLE_NEED_STATES,
        withdrawable=need.state in states.OPEN_NEED_STATES,
        refuse_form=RefuseForm(),
        helped_forms=helped_forms,
    )


def _helped_form(match: Match) -> HelpedForm:
    """The defender's word on the help as they last said it, one form per completed match."""
    return HelpedForm(prefix=f"helped{match.id}-", formdata=None, helped=match.helped, note=match.helped_note)


def _latest_info_request(need: Need) -> AuditEvent | None:
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.need_id == need.id, AuditEvent.action == "need.request_info")
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()


@bp.route("/needs/<int:need_id>/submit", methods=["POST"])
def submit(need_id: int):
    need = _own_need(need_id)
    if not attempt(lambda: workflow.submit_need(current_user, need)):
        return _back_to(need)
    flash(_("Your need is submitted. A coordinator will review it."))
    return _back_to(need)


@bp.route("/needs/<int:need_id>/withdraw", methods=["GET", "POST"])
def withdraw(need_id: int):
    need = _own_need(need_id)
    if need.state not in states.OPEN_NEED_STATES:
        flash(_("This need is %(state)s: there is nothing to withdraw.", state=wording.need_state(need)),
              "error")
        return _back_to(need)
    form = WithdrawForm()
    if form.validate_on_submit():
        if not attempt(lambda: workflow.withdraw_need(current_user, need, form.note.data or "")):
            return _back_to(need)
        flash(_("Your need is withdrawn."))
        return _back_to(need)
    return render_template("defender/withdraw.html", need=need, form=form)


@bp.route("/matches/<int:match_id>/consent", methods=["POST"])
def consent(match_id: int):
    match = _own_match(match_id)
    question, done = _consent_words(match)
    asking = unless_confirmed(question, url_for("defender.need", need_id=match.need_id))
    if asking is not None:
        return asking
    if not attempt(lambda: workflow.confirm_match(current_user, match)):
        return _back_to(match.need)
    flash(done)
    return _back_to(match.need)


def _consent_words(match: Match) -> tuple[str, str]:
    """What consenting does, asked before and said after: a firm gets the defender's contact, a fund goes ahead."""
    target = match_target(match)
    if match.fund_id is not None:
        return (_("Once you consent, the coordinators go ahead with the funding from %(target)s and may share "
                  "the details of your case with it.", target=target),
                _("You consented: the coordinators go ahead with the funding from %(target)s.", target=target))
    return (_("Once you consent, %(target)s receives your name, the details of your case and how to reach you, "
              "and you receive theirs.", target=target),
            _("You consented: %(target)s now has your contact details, and you have theirs.", target=target))


@bp.route("/matches/<int:match_id>/refuse", methods=["POST"])
def refuse(match_id: int):
    match = _own_match(match_id)
    form = RefuseForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.note.errors)), "error")
        return _back_to(match.need)
    if not attempt(lambda: workflow.refuse_match(current_user, match, form.note.data or "")):
        return _back_to(match.need)
    flash(_("You turned down the funding. The coordinators will look for other help.") if match.fund_id is not None
          else _("You refused. The coordinators will look for other counsel."))
    return _back_to(match.need)


@bp.route("/matches/<int:match_id>/helped", methods=["POST"])
def helped(match_id: int):
    """The defender says, privately, whether the help helped; they may change their answer."""
    match = _own_match(match_id)
    form = HelpedForm(prefix=f"helped{match.id}-")
    said = form.validate_on_submit() and attempt(
        lambda: feedback.say_whether_it_helped(current_user, match, form.helped.data or "", form.note.data or ""),
        _("Thank you. Only you and the coordinators can read your answer."), form=form)
    if not said and form.errors:
        return _render_need(match.need, (match.id, form))
    return _back_to(match.need)
