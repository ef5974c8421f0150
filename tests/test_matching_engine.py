"""The matching engine's first form: hard filters with reasons, then a score with reasons."""

from dataclasses import replace
from datetime import date, timedelta

from matcher.matching import FundProfile, NeedProfile, OfferProfile, rank

TODAY = date(2026, 11, 25)

NEED = NeedProfile(
    id="n1", country="HN", languages=frozenset({"es"}), help_wanted=frozenset({"representation"}),
    practice_areas=frozenset({"defamation"}), urgency="emergency", deadline=TODAY + timedelta(days=6),
)

OFFER = OfferProfile(
    id="o1", firm_id="f1", firm_country="HN", jurisdictions=frozenset({"HN", "GT"}),
    languages=frozenset({"es", "en"}), practice_areas=frozenset({"defamation"}),
    help_kinds=frozenset({"representation"}), capacity_left=2, emergency=True,
    valid_from=TODAY - timedelta(days=30), valid_until=TODAY + timedelta(days=30),
)

FUND = FundProfile(id="u1", countries=frozenset(), defender_kinds=frozenset(),
                   covers=frozenset({"representation", "bail"}), turnaround_days=3)


def _excluded_reason(offer=OFFER, need=NEED):
    ranking = rank(need, [offer], [], TODAY)
    assert ranking.candidates == []
    return ranking.excluded[0].reason


def test_a_fitting_offer_and_fund_are_ranked_with_reasons():
    ranking = rank(NEED, [OFFER], [FUND], TODAY)
    assert [(c.kind, c.id) for c in ranking.candidates] == [("offer", "o1"), ("fund", "u1")]
    assert "the firm is based in the need's country" in ranking.candidates[0].reasons
    assert ranking.excluded == []


def test_each_hard_filter_says_why_it_removed_an_offer():
    assert "conflict" in _excluded_reason(need=replace(NEED, conflicted_firms=frozenset({"f1"})))
    assert "not valid" in _excluded_reason(replace(OFFER, valid_until=TODAY - timedelta(days=1)))
    assert "no capacity" in _excluded_reason(replace(OFFER, capacity_left=0))
    assert "country" in _excluded_reason(replace(OFFER, jurisdictions=frozenset({"GT"})))
    assert "language" in _excluded_reason(replace(OFFER, languages=frozenset({"fr"})))
    assert "help" in _excluded_reason(replace(OFFER, help_kinds=frozenset({"advice"})))
    assert "emergencies" in _excluded_reason(replace(OFFER, emergency=False))


def test_a_fund_too_slow_for_the_deadline_is_excluded():
    ranking = rank(NEED, [], [replace(FUND, turnaround_days=10)], TODAY)
    assert ranking.candidates == []
    assert ranking.excluded[0].reason == "the fund cannot decide before the deadline"


def test_a_better_practice_fit_ranks_first():
    weaker = replace(OFFER, id="o2", practice_areas=frozenset({"labour"}))
    ranking = rank(NEED, [weaker, OFFER], [], TODAY)
    assert [c.id for c in ranking.candidates] == ["o1", "o2"]
