"""The coordinator blueprint: the vetting organisation's pages, and what several of them share.

The guard admits coordinators and admins. The need page is drawn by ``render_need``
from every view that acts on a need, so a form refused there comes back on the page
with its errors and what was typed; view modules import this module, never each other.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, abort, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from ..conflicts import screening
from ..extensions import db
from ..matching import ranking, unknown, vocab
from ..matching.engine import funding
from ..matching.reasons import said, say
from ..models import Need, Offer
from ..needs import history, silence, states
from ..web.access import guard, local_target
from .forms import (
    DeclineForm,
    GrantForm,
    OnSilenceForm,
    ProposeSeveralForm,
    RefuseForm,
    TriageForm,
    WithdrawForm,
)

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
guard(bp, ("coordinator", "admin"))

# Against thousands of offers a page lists the best candidates and a few of each filter's exclusions.
CANDIDATES_SHOWN = 50
EXCLUDED_SHOWN = 10
UNKNOWN_SHOWN = 10

# The words of the rule a screening hit rests on (marked in the engine), in the reader's language:
# the coordinator's pages pass these as ``hit_rules`` for the ``label`` filter.


def back(default: str):
    """Redirect to the coordinator page a form came from, never off this blueprint."""
    return redirect(local_target(request.form.get("next", ""), within=bp.url_prefix + "/") or default)


def load_need(need_id: int) -> Need:
    """The need, unless it is a defender's own draft: until they submit it, it is theirs alone
    (a draft a coordinator took in for an offline defender is the coordinator's to finish)."""
    need = db.get_or_404(Need, need_id)
    if need.state == "draft" and not taken_in(need):
        abort(404)
    return need


def taken_in(need: Need) -> bool:
    """A need a coordinator wrote, or whose defender is offline, is the coordinator's to submit."""
    return need.created_by_id != need.defender.user_id or need.defender.user.password_hash is None


@dataclass
class Row:
    """A ranked or excluded candidate, named for a person to read."""

    kind: str
    id: str
    label: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    reason: str = ""
    proposed: bool = False


@dataclass
class LeftOut:
    """One filter's exclusions as the page shows them: the count and the first few, named."""

    group: ranking.ExcludedGroup
    rows: list[Row]


def render_need(need: Need, *, triage=None, withdraw=None, several=None, on_silence=None, match_overrides=None):
    """The need page; a form that failed validation is passed in to show its errors and input."""
    ranked_rows, eligible, excluded_groups, several, unknown_words, suggested = _ranking(need, several)
    checks = screening.screening_view(need)
    return render_template(
        "coordinator/need.html",
        need=need,
        today=date.today(),
        offline=need.defender.user.password_hash is None,
        can_withdraw=need.state in states.OPEN_NEED_STATES,
        can_submit=need.state in states.EDITABLE_NEED_STATES and taken_in(need),
        history=history.audit_trail(need),
        screening=checks,
        hits=[(firm, hit) for firm, check in checks.listed if check is not None for hit in check.hits],
        lawyer_funding_missing=_lawyer_funding_missing(need),
        lawyer_funding=vocab.HELP_KINDS[funding.LAWYER_FUNDING],
        follows_counsel=states.followed_kind(need.help_wanted) == "firm",
        ranking_shown=need.state in states.RANKED_NEED_STATES,
        ranked=ranked_rows,
        eligible=eligible,
        excluded=excluded_groups,
        unknown_words=unknown_words,
        matches=[(match, _match_forms(match, match_overrides or {})) for match in need.matches],
        triage=triage or TriageForm(formdata=None),
        withdraw=withdraw or WithdrawForm(formdata=None),
        several=several,
        windowed=need.urgency in states.WINDOWED_URGENCIES and need.state in states.OPEN_NEED_STATES,
        on_silence=on_silence or OnSilenceForm(formdata=None, data={"choice": need.on_silence}),
        suggested=suggested,
    )


def _lawyer_funding_missing(need: Need) -> str:
    """The warning a coordinator working on the need reads when it asks for money but not for a lawyer's
    fees, so that funds paying for lawyers leave it out; "" for any other need."""
    if need.state not in states.QUEUE_NEED_STATES:
        return ""
    missing = funding.lawyer_funding_missing(need.help_wanted, need.amount_needed, need.currency)
    return say(missing) if missing else ""


def several_choices(ranked: ranking.RankedNeed, need: Need) -> list:
    """Listed ranked offers not yet proposed this need: the ones a multi-proposal may pick, each with
    the answer time its firm promises, which is what an emergency is chosen by."""
    open_offers = {str(m.offer_id) for m in need.matches if m.is_open and m.offer_id}
    listed = [c for c in ranked.ranking.candidates[:CANDIDATES_SHOWN] if c.kind == "offer" and c.id not in open_offers]
    promised = dict(db.session.execute(select(Offer.id, Offer.answer_within_hours).where(
        Offer.id.in_([int(c.id) for c in listed]), Offer.answer_within_hours.is_not(None))).tuples().all())
    return vocab.choices({c.id: _choice_label(ranked.label("offer", c.id), c.score, promised.get(int(c.id)))
                          for c in listed})


def _choice_label(offer: str, score: float, hours: int | None) -> str:
    if hours is None:
        return _("%(offer)s (score %(score).2f)", offer=offer, score=score)
    return ngettext("%(offer)s (score %(score).2f; answers within %(num)d hour)",
                    "%(offer)s (score %(score).2f; answers within %(num)d hours)", hours, offer=offer, score=score)


def _match_forms(match, overrides: dict) -> dict:
    """The forms a coordinator may fill for one match, prefixed so several fit on a page."""
    prefix = f"m{match.id}-"
    forms = {
        "decline": DeclineForm(prefix=prefix, formdata=None),
        "complete": GrantForm(match.need, prefix=prefix, formdata=None,
                              currency=match.fund.currency if match.fund else ""),
        "refuse": RefuseForm(prefix=prefix, formdata=None),
    }
    forms.update(overrides.get(match.id, {}))
    return forms


def _ranking(need: Need, several):
    """The best candidates, how many are eligible, the exclusions grouped by filter, the multi-proposal
    form, the words the ranking did not understand (the first few said, and how many there are), and
    the offers suggested next because a firm stayed silent.
    Once a firm accepted the need only funds are listed: counsel is settled, funds run alongside."""
    if need.state not in states.RANKED_NEED_STATES:
        return [], 0, [], None, ([], 0), []
    ranked = ranking.rank_need(need)
    kinds = ("offer", "fund") if need.state in states.COUNSEL_RANKED_NEED_STATES else ("fund",)
    candidates = [c for c in ranked.ranking.candidates if c.kind in kinds]
    open_targets = {("offer", str(m.offer_id)) if m.offer_id else ("fund", str(m.fund_id))
                    for m in need.matches if m.is_open}
    rows = [
        Row(c.kind, c.id, ranked.label(c.kind, c.id), c.score, said(c.reasons),
            proposed=(c.kind, c.id) in open_targets)
        for c in candidates[:CANDIDATES_SHOWN]
    ]
    left_out = [
        LeftOut(group, [Row(e.kind, e.id, ranked.label(e.kind, e.id), reason=say(e.reason)) for e in group.first])
        for group in ranking.group_excluded(ranked.ranking, keep=EXCLUDED_SHOWN) if group.kind in kinds
    ]
    words = [unknown.said(word, _record_name(ranked, word)) for word in ranked.unknown[:UNKNOWN_SHOWN]]
    if "offer" not in kinds:
        return rows, len(candidates), left_out, None, (words, len(ranked.unknown)), []
    if several is None:
        several = ProposeSeveralForm(formdata=None)
    several.offers.choices = several_choices(ranked, need)
    return rows, len(candidates), left_out, several, (words, len(ranked.unknown)), silence.suggestions(need, ranked)


def _record_name(ranked: ranking.RankedNeed, word) -> str:
    """The need, offer or fund holding a word, named as the candidates are."""
    if word.kind == "need":
        return _("This need")
    if word.kind == "fund":
        return _("Fund: %(name)s", name=ranked.label("fund", word.id))
    return ranked.label("offer", word.id)
