"""Reviewing screening hits: the queue of undecided hits, and one decision at a time.

A hit belongs to one screen of one need against one firm; screening again replaces
it. So every decision form carries which screen it was made on, and a decision
posted against a screen that has since been replaced is refused with a message
instead of being applied to hits the coordinator has not seen.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import contains_eager
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..conflicts import screening
from ..conflicts.decisions import DECISIONS
from ..conflicts.reasons import RESULT_WORDS
from ..core import audit
from ..extensions import db
from ..matching import vocab
from ..models import ConflictCheck, ConflictHit, LawFirm, Need
from ..models._types import utcnow
from ..needs import workflow
from ..needs.queue import MOST_URGENT_FIRST
from ..needs.states import SCREENED_NEED_STATES
from ..web.attempts import attempt
from .blueprint import back, bp

PER_PAGE = 50
STALE = _l("The need was screened again since that page was loaded: these are the current hits.")


class DecisionForm(FlaskForm):
    decision = SelectField(
        _l("Decision"),
        choices=vocab.choices({code: decision.choice for code, decision in DECISIONS.items()}),
    )
    note = TextAreaField(
        _l("Note"),
        description=_l("Why: what you checked, or who agreed to the waiver. Kept with the decision."),
        validators=[DataRequired(message=_l("Write a note saying why: it is kept with the decision.")),
                    Length(max=2000)],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
    )
    agreed_by = StringField(
        _l("Who agreed to the waiver"),
        description=_l("For a waiver: the people who consented, and for whom (the firm's partner, the defender)."),
        validators=[Length(max=300)], filters=[lambda value: value.strip() if isinstance(value, str) else value])
    agreed_on = DateField(_l("Day it was agreed"), validators=[Optional()])
    scope = RadioField(_l("The decision holds for"), default="party", choices=[
        SelectChoice("party", _l("every need naming this party against this client")),
        SelectChoice("need", _l("this need only")),
    ])
    screen = HiddenField()
    next = HiddenField()

    def validate_agreed_on(self, field) -> None:
        if field.data is not None and field.data > utcnow().date():
            raise ValidationError(_("The day the waiver was agreed cannot be in the future."))

    def validate(self, extra_validators=None) -> bool:
        """A waiver names who agreed and the day: checked here, since the fields are optional
        for the other decisions (and an empty optional field stops its own validators)."""
        valid = super().validate(extra_validators)
        if self.decision.data == "waived":
            for field, missing in ((self.agreed_by, _("Say who agreed to the waiver.")),
                                   (self.agreed_on, _("Give the day the waiver was agreed."))):
                if not field.data and not field.errors:
                    field.errors = [*field.errors, missing]
                    valid = False
        return valid

    def agreement(self) -> screening.Agreement:
        return screening.Agreement(self.agreed_by.data or "", self.agreed_on.data, self.scope.data == "need")


@bp.app_template_global()
def screen_token(check: ConflictCheck) -> str:
    """Which screen a page showed: the check and when it ran."""
    return f"{check.id}-{check.checked_at:%Y%m%d%H%M%S%f}"


def _current_hit(need: Need, hit_id: int, token: str | None) -> ConflictHit | None:
    """The hit, if it still belongs to ``need``'s current screen (the one the form was made on)."""
    hit = db.session.get(ConflictHit, hit_id)
    if hit is None or hit.check.need_id != need.id:
        return None
    if token is not None and token != screen_token(hit.check):
        return None
    return hit


def _render(need: Need, hit: ConflictHit, form: DecisionForm):
    return render_template("coordinator/review_hit.html", need=need, hit=hit, firm=hit.check.firm, form=form)


@bp.route("/reviews")
def reviews():
    """Every hit nobody has decided yet, on needs still open, most urgent need first: those in the
    conflict band too, which keep their firm away until a coordinator confirms, clears or waives them."""
    query = (
        select(ConflictHit)
        .join(ConflictHit.check).join(ConflictCheck.need).join(ConflictCheck.firm)
        .where(ConflictHit.decision.is_(None), ConflictHit.band != screening.INFORMATION,
               Need.state.in_(SCREENED_NEED_STATES))
        .options(contains_eager(ConflictHit.check).contains_eager(ConflictCheck.need),
                 contains_eager(ConflictHit.check).contains_eager(ConflictCheck.firm))
        .order_by(*MOST_URGENT_FIRST, LawFirm.name, ConflictHit.id)
    )
    page = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE)
    return render_template("coordinator/reviews.html", page=page)


@bp.route("/needs/<int:need_id>/hits/<int:hit_id>")
def review_hit(need_id: int, hit_id: int):
    """One hit with its decision form, reached from the review queue."""
    need = db.get_or_404(Need, need_id)
    hit = _current_hit(need, hit_id, None)
    if hit is None:
        flash(str(STALE), "error")
        return redirect(url_for(".need", need_id=need.id))
    form = DecisionForm(formdata=None, screen=screen_token(hit.check), next=url_for(".reviews"))
    audit.record_read(current_user, need, "conflict hit")
    return _render(need, hit, form)


@bp.route("/needs/<int:need_id>/hits/<int:hit_id>/decide", methods=["POST"])
def decide_hit(need_id: int, hit_id: int):
    """Confirm, clear or waive one hit; a refused form comes back with its errors and the note typed."""
    need = db.get_or_404(Need, need_id)
    form = DecisionForm()
    hit = _current_hit(need, hit_id, form.screen.data or "")
    if hit is None:
        flash(str(STALE), "error")
        return redirect(url_for(".need", need_id=need.id))
    if not form.validate_on_submit():
        return _render(need, hit, form)
    firm = hit.check.firm
    decision = form.decision.data
    if attempt(lambda: workflow.decide_hit(current_user, hit, decision, form.note.data, form.agreement()),
               _("The hit on %(firm)s is %(decision)s.", firm=firm.name, decision=DECISIONS[decision].label)):
        flash(_("%(firm)s's screening for this need is now: %(result)s.", firm=firm.name,
                result=RESULT_WORDS[hit.check.result]))
    return back(url_for(".need", need_id=need.id))
