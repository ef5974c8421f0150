"""Proposing a need to ranked candidates, and answering for funds and offline defenders."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..extensions import db
from ..matching import ranking
from ..matching.reasons import say
from ..models import Match
from ..needs import workflow
from ..web.attempts import attempt
from ..web.confirm import unless_confirmed
from .blueprint import bp, load_need, render_need, several_choices
from .forms import DeclineForm, GrantForm, ProposeForm, ProposeSeveralForm, RefuseForm


def _to_need(need_id: int):
    return redirect(url_for(".need", need_id=need_id))


def _propose(need, ranked: ranking.RankedNeed, candidate) -> None:
    """Propose to one ranked candidate, with the score and reasons the ranking gave it."""
    target = ranked.target(candidate.kind, candidate.id)
    workflow.propose(current_user, need, score=candidate.score,
                     reasons=candidate.reasons,
                     **{candidate.kind: target})


@bp.route("/needs/<int:need_id>/propose", methods=["POST"])
def propose(need_id: int):
    """Only a candidate that passed the hard filters (conflicts first) can be proposed."""
    need = load_need(need_id)
    form = ProposeForm()
    if not form.validate_on_submit():
        abort(404)
    key = (form.kind.data, form.candidate_id.data)
    ranked = ranking.rank_need(need)
    candidate = next((c for c in ranked.ranking.candidates if (c.kind, c.id) == key), None)
    if candidate is None:
        excluded = next((e for e in ranked.ranking.excluded if (e.kind, e.id) == key), None)
        if excluded is None:
            abort(404)
        flash(_("%(candidate)s cannot be proposed: %(reason)s.", candidate=ranked.label(*key),
                reason=say(excluded.reason)),
              "error")
        return _to_need(need_id)
    label = ranked.label(candidate.kind, candidate.id)
    asking = unless_confirmed(_("%(candidate)s will be told of this need and will read its summary, never the "
                                "defender's name or contact.", candidate=label),
                              url_for("coordinator.need", need_id=need_id))
    if asking is not None:
        return asking
    attempt(lambda: _propose(need, ranked, candidate), _("Proposed to %(candidate)s.", candidate=label))
    return _to_need(need_id)


@bp.route("/needs/<int:need_id>/propose-several", methods=["POST"])
def propose_several(need_id: int):
    """Propose to several offers at once: all or none, and the first firm to accept wins."""
    need = load_need(need_id)
    ranked = ranking.rank_need(need)
    form = ProposeSeveralForm()
    form.offers.choices = several_choices(ranked, need)
    if not form.validate_on_submit():
        return render_need(need, several=form)
    chosen = [c for c in ranked.ranking.candidates if c.kind == "offer" and c.id in form.offers.data]
    asking = unless_confirmed(ngettext(
        "The firm chosen will be told of this need and will read its summary, never the defender's name or contact.",
        "The %(num)d firms chosen will be told of this need and will read its summary, never the defender's name "
        "or contact; the first to accept takes it.", len(chosen)), url_for("coordinator.need", need_id=need_id))
    if asking is not None:
        return asking

    def propose_all():
        for candidate in chosen:
            _propose(need, ranked, candidate)

    attempt(propose_all, _("Proposed to %(count)s offers: the first firm to accept takes the need.", count=len(chosen)))
    return _to_need(need_id)


def _load_match(match_id: int) -> Match:
    return db.get_or_404(Match, match_id)


@bp.route("/matches/<int:match_id>/accept", methods=["POST"])
def accept_match(match_id: int):
    """Coordinators answer for a fund; the workflow refuses a firm's match."""
    match = _load_match(match_id)
    attempt(lambda: workflow.accept_match(current_user, match), _("Accepted for the fund."))
    return _to_need(match.need_id)


@bp.route("/matches/<int:match_id>/decline", methods=["POST"])
def decline_match(match_id: int):
    match = _load_match(match_id)
    form = DeclineForm(prefix=f"m{match.id}-")
    if not form.validate_on_submit():
        return render_need(match.need, match_overrides={match.id: {"decline": form}})
    attempt(lambda: workflow.decline_match(current_user, match, form.reason.data), _("Declined for the fund."))
    return _to_need(match.need_id)


@bp.route("/matches/<int:match_id>/complete", methods=["POST"])
def complete_match(match_id: int):
    match = _load_match(match_id)
    form = GrantForm(match.need, prefix=f"m{match.id}-")
    recorded = form.validate_on_submit() and attempt(
        lambda: workflow.complete_match(current_user, match, form.grant()), _("The grant is recorded."), form=form)
    if not recorded and form.errors:
        return render_need(match.need, match_overrides={match.id: {"complete": form}})
    return _to_need(match.need_id)


def _offline_defender(match: Match) -> bool:
    """A defender with no password was taken in offline: only then may staff answer for them."""
    if match.need.defender.user.password_hash is None:
        return True
    flash(_("This defender uses the platform: they give or refuse consent themselves."), "error")
    return False


@bp.route("/matches/<int:match_id>/confirm", methods=["POST"])
def confirm_match(match_id: int):
    match = _load_match(match_id)
    if _offline_defender(match):
        attempt(lambda: workflow.confirm_match(current_user, match),
                _("The defender's consent is recorded: contact details are released."))
    return _to_need(match.need_id)


@bp.route("/matches/<int:match_id>/refuse", methods=["POST"])
def refuse_match(match_id: int):
    match = _load_match(match_id)
    form = RefuseForm(prefix=f"m{match.id}-")
    if not form.validate_on_submit():
        return render_need(match.need, match_overrides={match.id: {"refuse": form}})
    if _offline_defender(match):
        attempt(lambda: workflow.refuse_match(current_user, match, form.note.data),
                _("The defender's refusal is recorded."))
    return _to_need(match.need_id)
