"""The database side of matching: what a firm did before shows in how its offers rank."""

from datetime import timedelta

from matcher.extensions import db
from matcher.matching import ranking
from matcher.matching.reasons import say
from matcher.models._types import utcnow
from matcher.needs import workflow
from tests import factories


def test_a_firms_past_answers_become_its_acceptance_rate_and_response_time(app):
    firm = factories.firm(name="Clean Chambers")
    offer = factories.offer(firm, capacity=3)
    member = factories.firm_member(of=firm)
    coordinator = factories.coordinator()
    earlier = factories.need(factories.defender(), state="verified")
    match = workflow.propose(coordinator, earlier, offer=offer)
    match.proposed_at = utcnow() - timedelta(hours=10)
    workflow.accept_match(member, match)
    db.session.commit()
    current = factories.need(factories.defender(), state="verified")

    (candidate,) = ranking.rank_need(current).ranking.candidates

    (responsiveness,) = [say(reason) for reason in candidate.reasons if reason[0] == "responsiveness"]
    assert responsiveness == "responsiveness: accepted 100% of matters proposed; answers in a median of 10 hours"


def test_a_firm_with_no_history_is_counted_as_neutral(app):
    factories.offer(factories.firm(name="New Chambers"))
    need = factories.need(factories.defender(), state="verified")

    (candidate,) = ranking.rank_need(need).ranking.candidates

    assert "no record of past acceptances (counted as neutral)" in " ".join(map(say, candidate.reasons))


def _excluded_reasons(need) -> list[str]:
    return [say(excluded.reason) for excluded in ranking.rank_need(need).ranking.excluded if excluded.kind == "offer"]


def test_offers_are_ranked_anew_once_a_change_to_them_is_committed(app):
    offer = factories.offer(factories.firm(name="Clean Chambers"), capacity=1)
    need = factories.need(factories.defender(), state="verified")
    assert _excluded_reasons(need) == []
    kept = ranking.catalogue()
    assert ranking.catalogue() is kept  # nothing changed: the same profiles serve the next need

    offer.capacity_used = 1
    assert _excluded_reasons(need) == ["the offer has no capacity left"]  # this transaction sees its own change
    db.session.commit()
    assert _excluded_reasons(need) == ["the offer has no capacity left"]
    assert ranking.catalogue() is not kept
