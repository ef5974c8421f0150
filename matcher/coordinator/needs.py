"""One need as a coordinator works on it: facts, triage, screening, ranking, matches."""

from dataclasses import dataclass
from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import and_, case, select
from sqlalchemy.orm import selectinload

from ..core import audit
from ..extensions import db
from ..matching import ranking, vocab
from ..models import AuditEvent, ConflictCheck, LawFirm, Need
from ..needs import workflow
from ..web.attempts import attempt
from .blueprint import bp
from .forms import CompleteForm, DeclineForm, ProposeSeveralForm, RefuseForm, TriageForm, WithdrawForm

RANKED_STATES = ("verified", "proposed")
SUBMITTABLE_STATES = ("draft", "needs_info")
TRIAGE = {
    "verify": (workflow.verify_need, "The need is verified: you can now propose it."),
    "request_info": (workflow.request_info, "The defender was asked for more information."),
    "reject": (workflow.reject_need, "The need is rejected."),
}
# Reading a need's details is audited; those reads are not part of the need's story.
READ_ACTION = "need.read"
# Against thousands of offers a page lists the best candidates and a few of each filter's exclusions.
CANDIDATES_SHOWN = 50
EXCLUDED_SHOWN = 10

_RESULT_ORDER = case({"conflict": 0, "potential": 1, "clear": 2}, value=ConflictCheck.result, else_=3)


@dataclass
class Row:
    """A ranked or excluded candidate, named for a person to read."""

    kind: str
    id: str
    label: str
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    reason: str = ""
    proposed: bool = False


def load_need(need_id: int) -> Need:
    return db.get_or_404(Need, need_id)


def candidate_label(ranked: ranking.RankedNeed, kind: str, ident: str) -> str:
    if kind == "offer":
        offer = ranked.offers[ident]
        return f"{offer.firm.name}: {offer.title}"
    return ranked.funds[ident].name


def match_forms(match, overrides: dict) -> dict:
    """The forms a coordinator may fill for one match, prefixed so several fit on a page."""
    prefix = f"m{match.id}-"
    forms = {
        "decline": DeclineForm(prefix=prefix, formdata=None),
        "complete": CompleteForm(prefix=prefix, formdata=None),
        "refuse": RefuseForm(prefix=prefix, formdata=None),
    }
    forms.update(overrides.get(match.id, {}))
    return forms


def render_need(need: Need, *, triage=None, withdraw=None, several=None, match_overrides=None):
    """The need page; a form that failed validation is passed in to show its errors and input."""
    ranked_rows, eligible, excluded_groups, several = _ranking(need, several)
    screening = _screening(need)
    return render_template(
        "coordinator/need.html",
        need=need,
        today=date.today(),
        offline=need.defender.user.password_hash is None,
        can_withdraw=need.state in workflow.OPEN_NEED_STATES,
        can_submit=need.state in SUBMITTABLE_STATES and _taken_in(need),
        history=_history(need),
        screening=screening,
        hits=[(firm, hit) for firm, check in screening if check is not None for hit in check.hits],
        ranked=ranked_rows,
        eligible=eligible,
        excluded=excluded_groups,
        matches=[(match, match_forms(match, match_overrides or {})) for match in need.matches],
        triage=triage or TriageForm(formdata=None),
        withdraw=withdraw or WithdrawForm(formdata=None),
        several=several,
    )


def several_choices(ranked: ranking.RankedNeed, need: Need) -> list:
    """Listed ranked offers not yet proposed this need: the ones a multi-proposal may pick."""
    open_offers = {str(m.offer_id) for m in need.matches if m.is_open and m.offer_id}
    return vocab.choices({
        c.id: f"{candidate_label(ranked, 'offer', c.id)} (score {c.score:.2f})"
        for c in ranked.ranking.candidates[:CANDIDATES_SHOWN]
        if c.kind == "offer" and c.id not in open_offers
    })


@dataclass
class LeftOut:
    """One filter's exclusions as the page shows them: the count and the first few, named."""

    group: ranking.ExcludedGroup
    rows: list[Row]


def _ranking(need: Need, several):
    """The best candidates, how many are eligible, the exclusions grouped by filter, the multi-proposal form."""
    if need.state not in RANKED_STATES:
        return [], 0, [], None
    ranked = ranking.rank_need(need)
    open_targets = {("offer", str(m.offer_id)) if m.offer_id else ("fund", str(m.fund_id))
                    for m in need.matches if m.is_open}
    rows = [
        Row(c.kind, c.id, candidate_label(ranked, c.kind, c.id), c.score, c.reasons,
            proposed=(c.kind, c.id) in open_targets)
        for c in ranked.ranking.candidates[:CANDIDATES_SHOWN]
    ]
    left_out = [
        LeftOut(group, [Row(e.kind, e.id, candidate_label(ranked, e.kind, e.id), reason=e.reason)
                        for e in group.first])
        for group in ranking.group_excluded(ranked.ranking, keep=EXCLUDED_SHOWN)
    ]
    if several is None:
        several = ProposeSeveralForm(formdata=None)
    several.offers.choices = several_choices(ranked, need)
    return rows, len(ranked.ranking.candidates), left_out, several


def _history(need: Need):
    return db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.need_id == need.id, AuditEvent.action != READ_ACTION)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()


def _screening(need: Need):
    """Every firm with its check for this need, or None where it was never screened."""
    return db.session.execute(
        select(LawFirm, ConflictCheck)
        .outerjoin(ConflictCheck, and_(ConflictCheck.firm_id == LawFirm.id, ConflictCheck.need_id == need.id))
        .options(selectinload(ConflictCheck.hits))
        .order_by(ConflictCheck.id.is_(None), _RESULT_ORDER, LawFirm.name, LawFirm.id)
    ).all()


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    """Coordinators read the details too, so each visit is written to the audit log."""
    record = load_need(need_id)
    audit.record(current_user, READ_ACTION, record, need=record)
    db.session.commit()
    return render_need(record)


@bp.route("/needs/<int:need_id>/triage", methods=["POST"])
def triage(need_id: int):
    record = load_need(need_id)
    form = TriageForm()
    if not form.validate_on_submit():
        return render_need(record, triage=form)
    change, success = TRIAGE[form.action.data]
    attempt(lambda: change(current_user, record, form.note.data), success)
    return redirect(url_for(".need", need_id=need_id))


def _taken_in(need: Need) -> bool:
    """A need a coordinator wrote, or whose defender is offline, is the coordinator's to submit."""
    return need.created_by_id != need.defender.user_id or need.defender.user.password_hash is None


@bp.route("/needs/<int:need_id>/submit", methods=["POST"])
def submit(need_id: int):
    """Submit a need taken in for a defender; a defender's own draft stays theirs to submit."""
    record = load_need(need_id)
    if not _taken_in(record):
        flash("The defender writes this need on the platform: they submit it themselves.", "error")
    else:
        attempt(lambda: workflow.submit_need(current_user, record), "The need is submitted and screened.")
    return redirect(url_for(".need", need_id=need_id))


@bp.route("/needs/<int:need_id>/withdraw", methods=["POST"])
def withdraw(need_id: int):
    """Withdraw on behalf of a defender who asked offline; the note says who asked."""
    record = load_need(need_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_need(record, withdraw=form)
    attempt(lambda: workflow.withdraw_need(current_user, record, form.note.data), "The need is withdrawn.")
    return redirect(url_for(".need", need_id=need_id))
