"""The database side of matching: what a firm did before shows in how its offers rank."""

from datetime import timedelta

from matcher.extensions import db
from matcher.matching import ranking
from matcher.matching.reasons import say
from matcher.models import catalogue as versions
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


def _as_read_afresh(kept: ranking.Catalogue) -> None:
    """The kept catalogue holds what reading every row again gives."""
    afresh = ranking._read_catalogue(kept.version)
    assert list(kept.offers) == list(afresh.offers)
    assert (kept.funds, kept.labels, set(kept.unknown)) == (afresh.funds, afresh.labels, set(afresh.unknown))


def _counting_profiles(monkeypatch) -> list[str]:
    """The ids of the offers whose profiles are made from here on."""
    made = []
    build = ranking.offer_profile

    def counted(offer, history, words):
        made.append(str(offer.id))
        return build(offer, history, words)
    monkeypatch.setattr(ranking, "offer_profile", counted)
    return made


def test_a_kept_catalogue_makes_again_only_the_profiles_of_what_changed(app, monkeypatch):
    firms = [factories.firm(name=f"Chambers {number}") for number in range(3)]
    offers = [factories.offer(firm, capacity=2) for firm in firms for _ in range(2)]
    fund = factories.fund(name="Bail Fund")
    db.session.commit()
    ranking.catalogue()
    made = _counting_profiles(monkeypatch)

    offers[0].capacity_used = 1
    firms[2].name = "Renamed Chambers"
    fund.max_amount = 900
    added = factories.offer(firms[1], capacity=1)
    db.session.commit()
    kept = ranking.catalogue()

    assert sorted(made) == sorted(str(offer.id) for offer in (offers[0], offers[4], offers[5], added))
    assert kept.labels[("offer", str(offers[4].id))].startswith("Renamed Chambers: ")
    _as_read_afresh(kept)


def test_a_firms_answer_makes_again_the_profiles_of_that_firms_offers_with_its_new_history(app, monkeypatch):
    answering, other = factories.firm(name="Quick Chambers"), factories.firm(name="Other Chambers")
    offer, _ = factories.offer(answering, capacity=2), factories.offer(other)
    match = workflow.propose(factories.coordinator(), factories.need(factories.defender(), state="verified"),
                             offer=offer)
    db.session.commit()
    ranking.catalogue()
    made = _counting_profiles(monkeypatch)

    workflow.accept_match(factories.firm_member(of=answering), match)
    db.session.commit()
    kept = ranking.catalogue()

    assert made == [str(offer.id)]
    (profile,) = [p for p in kept.offers if p.id == str(offer.id)]
    assert profile.acceptance_rate == 1.0
    _as_read_afresh(kept)


def test_offers_gone_or_come_before_the_last_are_put_back_in_their_order(app):
    late = factories.firm(name="Late Chambers", verified=False)
    early_offer = factories.offer(late)
    firms = [factories.firm(name=f"Chambers {number}") for number in range(2)]
    offers = [factories.offer(firm) for firm in firms]
    db.session.commit()
    ranking.catalogue()

    late.verified = True  # its offer comes before those kept
    db.session.delete(offers[1])  # and one kept is gone
    db.session.commit()
    kept = ranking.catalogue()

    assert [p.id for p in kept.offers] == [str(early_offer.id), str(offers[0].id)]
    _as_read_afresh(kept)


def test_a_catalogue_further_behind_than_the_log_or_changed_unlogged_is_read_again_whole(app, monkeypatch):
    firm = factories.firm(name="Clean Chambers")
    offer = factories.offer(firm, capacity=3)
    db.session.commit()
    ranking.catalogue()
    made = _counting_profiles(monkeypatch)
    monkeypatch.setattr(versions, "KEPT_VERSIONS", 1)
    factories.offer(firm)
    db.session.commit()
    offer.capacity_used = 1
    db.session.commit()
    kept = ranking.catalogue()
    assert len(made) == 2  # two versions behind a log of one: every offer is read
    _as_read_afresh(kept)

    made.clear()
    versions.changed()  # rows written without the ORM: nobody knows which
    db.session.commit()
    ranking.catalogue()
    assert len(made) == 2
