"""Whom to ask next when a firm let an urgent need's answer window pass.

The next firms are the need's ranked candidates (``matching.ranking``) that are emergency-ready,
best first, leaving out every firm the need was ever proposed to: one that declined, lapsed or
is still considering it has had its chance. The sweep proposes to them or suggests them
(``workflow.sweep_answer_windows``, as the need's ``on_silence`` says); the need page shows the
same suggestions to a coordinator.
"""

from ..extensions import db
from ..matching import ranking
from ..models import Need, Offer
from .states import COUNSEL_RANKED_NEED_STATES

SUGGESTED = 3  # how many next firms the need page names


def next_candidates(need: Need, ranked: ranking.RankedNeed, count: int) -> list:
    """Up to ``count`` of the ranking's candidates to ask next, best first."""
    asked = {match.firm_id for match in need.matches if match.firm_id is not None}
    chosen = []
    for candidate in ranked.ranking.candidates:
        if len(chosen) == count:
            break
        if candidate.kind != "offer":
            continue
        offer = db.session.get(Offer, int(candidate.id))
        if offer.emergency and offer.firm_id not in asked:
            chosen.append(candidate)
            asked.add(offer.firm_id)
    return chosen


def suggestions(need: Need, ranked: ranking.RankedNeed) -> list[str]:
    """The offers, named, that a coordinator is suggested to propose ``need`` to next: for a need
    whose coordinator chose suggestions, once a firm stayed silent and while no firm took it."""
    silent = any(match.state == "lapsed" for match in need.matches)
    if need.on_silence != "suggest" or need.state not in COUNSEL_RANKED_NEED_STATES or not silent:
        return []
    return [ranked.label("offer", c.id) for c in next_candidates(need, ranked, SUGGESTED)]
