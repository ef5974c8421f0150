"""The matching engine: hard filters that say why, then a score made of reasons, in a stable order.

Reasons are data here; their words, in four languages, are tested in ``test_reasons``."""

from dataclasses import replace
from datetime import date, timedelta

from matcher.matching.engine import FundProfile, NeedProfile, OfferProfile, rank, reason
from matcher.matching.engine.filters import FILTERS, FUND_CHECKS, OFFER_CHECKS
from matcher.matching.engine.reasons import data

TODAY = date(2026, 11, 25)

# A hearing in six days in Honduras, for a defender hit with a defamation suit.
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


def _fund_excluded_reason(fund=FUND, need=NEED):
    ranking = rank(need, [], [fund], TODAY)
    assert ranking.candidates == []
    return ranking.excluded[0].reason


def test_a_fitting_offer_and_fund_are_ranked_with_reasons():
    ranking = rank(NEED, [OFFER], [FUND], TODAY)
    assert [(c.kind, c.id) for c in ranking.candidates] == [("offer", "o1"), ("fund", "u1")]
    assert reason("local_based", country="HN") in ranking.candidates[0].reasons
    assert ranking.excluded == []


def test_each_hard_filter_says_why_it_removed_an_offer():
    assert _excluded_reason(need=replace(NEED, conflicted_firms=frozenset({"f1"}))) == reason("conflict")
    assert _excluded_reason(need=replace(NEED, unscreened_firms=frozenset({"f1"}))) == reason("unscreened")
    assert _excluded_reason(replace(OFFER, valid_until=TODAY - timedelta(days=1))) == (
        reason("validity_ended", day=date(2026, 11, 24)))
    assert _excluded_reason(replace(OFFER, valid_from=TODAY + timedelta(days=1))) == (
        reason("validity_starts", day=date(2026, 11, 26)))
    assert _excluded_reason(replace(OFFER, capacity_left=0)) == reason("capacity")
    assert _excluded_reason(replace(OFFER, jurisdictions=frozenset({"GT"}))) == reason("jurisdiction", country="HN")
    assert _excluded_reason(replace(OFFER, languages=frozenset({"fr"}))) == (
        reason("language", need=frozenset({"es"}), offer=frozenset({"fr"})))
    assert _excluded_reason(replace(OFFER, help_kinds=frozenset({"advice"}))) == (
        reason("help", wanted=frozenset({"representation"})))
    assert _excluded_reason(replace(OFFER, emergency=False)) == reason("emergency")
    assert _excluded_reason(replace(OFFER, firm_country="ES"), replace(NEED, needs_local_counsel=True)) == (
        reason("local_counsel", country="HN", based="ES"))


def test_an_offer_without_emergency_readiness_still_serves_a_need_that_is_not_an_emergency():
    need = replace(NEED, urgency="urgent")
    assert [c.id for c in rank(need, [replace(OFFER, emergency=False)], [], TODAY).candidates] == ["o1"]


def test_the_first_failing_filter_is_the_one_reported():
    offer = replace(OFFER, capacity_left=0, languages=frozenset({"fr"}))
    assert _excluded_reason(offer, replace(NEED, conflicted_firms=frozenset({"f1"}))) == reason("conflict")


def test_each_hard_filter_says_why_it_removed_a_fund():
    assert _fund_excluded_reason(replace(FUND, countries=frozenset({"KE"}))) == reason("fund_country", country="HN")
    assert _fund_excluded_reason(replace(FUND, defender_kinds=frozenset({"journalist"}))) == (
        reason("fund_defender_kind", kinds=frozenset({"individual"})))
    assert _fund_excluded_reason(replace(FUND, covers=frozenset({"bail"}))) == (
        reason("fund_covers", wanted=frozenset({"representation"})))
    too_much = replace(NEED, amount_needed=8000, currency="USD")
    assert _fund_excluded_reason(replace(FUND, max_amount=5000, currency="USD"), too_much) == (
        reason("fund_amount", needed=8000, most=5000, currency="USD"))
    assert _fund_excluded_reason(replace(FUND, turnaround_days=10)) == reason("fund_turnaround", takes=10, left=6)
    assert _fund_excluded_reason(need=replace(NEED, deadline=TODAY - timedelta(days=1))) == (
        reason("fund_deadline_passed"))


def test_amounts_in_different_currencies_are_not_compared_but_flagged():
    need = replace(NEED, amount_needed=8000, currency="USD")
    ranking = rank(need, [], [replace(FUND, max_amount=5000, currency="EUR")], TODAY)
    [fund] = ranking.candidates
    assert reason("amounts_differ", most=(5000, "EUR"), needed=(8000, "USD")) in fund.reasons


def test_a_fund_open_to_anyone_serves_any_country_and_kind():
    [fund] = rank(replace(NEED, country="KE"), [], [FUND], TODAY).candidates
    assert fund.id == "u1"
    assert "for_kinds" not in [code for code, _values in fund.reasons]


def _of_kinds(*kinds: str) -> NeedProfile:
    return replace(NEED, defender_kinds=frozenset(kinds))


def test_a_fund_for_individual_defenders_takes_every_kind_of_defender_who_is_one_person():
    for_individuals = replace(FUND, defender_kinds=frozenset({"individual"}))
    for kind in ("woman", "journalist", "trade_unionist", "lawyer", "lgbti", "student", "community_leader"):
        assert [c.id for c in rank(_of_kinds(kind), [], [for_individuals], TODAY).candidates] == ["u1"], kind
    for kind in ("organisation", "community", "indigenous"):
        assert _fund_excluded_reason(for_individuals, _of_kinds(kind)) == (
            reason("fund_defender_kind", kinds=frozenset({kind})))


def test_a_fund_for_one_kind_of_defender_takes_that_kind_only():
    for_indigenous_leaders = replace(FUND, defender_kinds=frozenset({"indigenous", "environmental"}))
    assert [c.id for c in rank(_of_kinds("indigenous"), [], [for_indigenous_leaders], TODAY).candidates] == ["u1"]
    assert _fund_excluded_reason(for_indigenous_leaders, _of_kinds("woman")) == (
        reason("fund_defender_kind", kinds=frozenset({"woman"})))
    assert _fund_excluded_reason(for_indigenous_leaders) == reason("fund_defender_kind",
                                                                   kinds=frozenset({"individual"}))


def test_a_woman_indigenous_land_defender_reaches_funds_for_each_of_the_kinds_she_is():
    she = _of_kinds("woman", "indigenous", "environmental")
    funds = [replace(FUND, id="whrd", defender_kinds=frozenset({"woman"})),
             replace(FUND, id="peoples", defender_kinds=frozenset({"indigenous"})),
             replace(FUND, id="individuals", defender_kinds=frozenset({"individual"})),  # she is one person
             replace(FUND, id="press", defender_kinds=frozenset({"journalist", "student"}))]
    ranking = rank(she, [], funds, TODAY)
    assert {c.id for c in ranking.candidates} == {"whrd", "peoples", "individuals"}
    assert {c.id: [r for r in c.reasons if r[0] == "for_kinds"] for c in ranking.candidates} == {
        "whrd": [reason("for_kinds", kinds=frozenset({"woman"}))],
        "peoples": [reason("for_kinds", kinds=frozenset({"indigenous"}))],
        "individuals": [reason("for_kinds", kinds=frozenset({"woman", "environmental"}))],
    }
    assert [(e.id, e.reason) for e in ranking.excluded] == [
        ("press", reason("fund_defender_kind", kinds=frozenset({"woman", "indigenous", "environmental"})))]


def test_an_indigenous_community_is_not_one_person_whatever_else_it_is():
    for_individuals = replace(FUND, defender_kinds=frozenset({"individual"}))
    assert _fund_excluded_reason(for_individuals, _of_kinds("indigenous", "community", "organisation")) == (
        reason("fund_defender_kind", kinds=frozenset({"indigenous", "community", "organisation"})))


def test_a_hearing_in_six_days_in_honduras_puts_the_local_emergency_ready_firm_first():
    local = replace(OFFER, id="local", firm_id="f-local", capacity_left=4, acceptance_rate=0.8, median_response_hours=5)
    abroad = replace(OFFER, id="abroad", firm_id="f-abroad", firm_country="ES", capacity_left=5,
                     jurisdictions=frozenset({"HN", "GT", "SV", "ES"}), acceptance_rate=0.8, median_response_hours=5)
    with_an_office = replace(abroad, id="office", firm_id="f-office", offices=frozenset({"HN"}),
                             median_response_hours=24)
    slow_to_answer = replace(local, id="slow", firm_id="f-slow", acceptance_rate=0.2, median_response_hours=120)
    not_ready = replace(local, id="not-ready", firm_id="f-not-ready", emergency=False)
    conflicted = replace(local, id="conflicted", firm_id="f-conflicted")
    english_only = replace(local, id="english", firm_id="f-english", languages=frozenset({"en"}))
    quick_fund = replace(FUND, id="quick", countries=frozenset({"HN", "GT"}), turnaround_days=2)
    slow_fund = replace(FUND, id="slow-fund", turnaround_days=10)
    need = replace(NEED, conflicted_firms=frozenset({"f-conflicted"}))

    ranking = rank(need, [english_only, conflicted, not_ready, slow_to_answer, abroad, with_an_office, local],
                   [slow_fund, quick_fund], TODAY)

    assert [c.id for c in ranking.candidates] == ["local", "office", "quick", "abroad", "slow"]
    assert {e.id: e.filter for e in ranking.excluded} == {
        "conflicted": "conflict", "english": "language", "not-ready": "emergency", "slow-fund": "fund_turnaround"}
    assert {e.id: e.reason for e in ranking.excluded} == {
        "conflicted": reason("conflict"),
        "english": reason("language", need=frozenset({"es"}), offer=frozenset({"en"})),
        "not-ready": reason("emergency"),
        "slow-fund": reason("fund_turnaround", takes=10, left=6),
    }


def test_a_need_requiring_local_counsel_ranks_firms_elsewhere_with_a_local_partner_and_leaves_out_the_rest():
    need = replace(NEED, needs_local_counsel=True)
    local = replace(OFFER, id="local", firm_id="f-local")
    office = replace(OFFER, id="office", firm_id="f-office", firm_country="ES", offices=frozenset({"HN"}))
    partnered = replace(OFFER, id="partnered", firm_id="f-partnered", firm_country="ES", works_with_local_counsel=True)
    alone = replace(OFFER, id="alone", firm_id="f-alone", firm_country="ES", offices=frozenset({"GT"}))

    ranking = rank(need, [alone, partnered, office, local], [], TODAY)

    assert [c.id for c in ranking.candidates] == ["local", "office", "partnered"]
    reasons = {c.id: c.reasons for c in ranking.candidates}
    assert reason("counsel_based", country="HN") in reasons["local"]
    assert reason("counsel_office", country="HN") in reasons["office"]
    assert reason("local_partner", country="HN", based="ES") in reasons["partnered"]
    assert [(e.id, e.filter, e.reason) for e in ranking.excluded] == [
        ("alone", "local_counsel", reason("local_counsel", country="HN", based="ES"))]


def test_a_firm_with_a_local_partner_ranks_above_one_elsewhere_only_when_the_need_requires_local_counsel():
    partnered = replace(OFFER, id="partnered", firm_country="ES", works_with_local_counsel=True)
    alone = replace(OFFER, id="alone", firm_country="ES")
    [candidate] = rank(replace(NEED, needs_local_counsel=True), [partnered], [], TODAY).candidates
    ranking = rank(NEED, [alone, partnered], [], TODAY)
    assert [c.id for c in ranking.candidates] == ["alone", "partnered"]  # the same score: ties go by id
    assert ranking.candidates[0].score == ranking.candidates[1].score < candidate.score
    assert reason("not_local", country="HN", based="ES") in ranking.candidates[1].reasons


def test_a_firm_whose_location_is_not_known_stays_for_the_coordinator_to_check_as_local_counsel():
    need = replace(NEED, needs_local_counsel=True)
    unknown = replace(OFFER, firm_country="")
    [candidate] = rank(need, [unknown], [], TODAY).candidates
    assert reason("counsel_location_unknown", country="HN", partner=False) in candidate.reasons
    [partnered] = rank(need, [replace(unknown, works_with_local_counsel=True)], [], TODAY).candidates
    assert reason("counsel_location_unknown", country="HN", partner=True) in partnered.reasons
    assert partnered.score == candidate.score


def test_responsiveness_weighs_more_in_an_emergency():
    fit_but_slow = replace(OFFER, id="fit", acceptance_rate=0.1, median_response_hours=200)
    quick_but_partial = replace(OFFER, id="quick", practice_areas=frozenset({"labour"}), acceptance_rate=1.0,
                                median_response_hours=1)
    emergency = rank(NEED, [fit_but_slow, quick_but_partial], [], TODAY)
    standard = rank(replace(NEED, urgency="standard"), [fit_but_slow, quick_but_partial], [], TODAY)
    assert [c.id for c in emergency.candidates] == ["quick", "fit"]
    assert [c.id for c in standard.candidates] == ["fit", "quick"]
    assert reason("emergency_weights") in emergency.candidates[0].reasons
    assert reason("emergency_weights") not in standard.candidates[0].reasons


def test_every_part_of_the_score_gives_its_reason():
    offer = replace(OFFER, firm_country="", practice_areas=frozenset({"defamation", "labour"}), capacity_left=1,
                    acceptance_rate=0.75, median_response_hours=None)
    need = replace(NEED, practice_areas=frozenset({"defamation", "criminal_defence"}))
    [candidate] = rank(need, [offer], [], TODAY).candidates
    assert candidate.reasons == (
        reason("eligible", country="HN", languages=frozenset({"es"}), help=frozenset({"representation"}),
                  emergency=True),
        reason("practice_some", areas=frozenset({"defamation"}), missing=frozenset({"criminal_defence"})),
        reason("location_unknown"),
        reason("headroom", left=1),
        reason("responsiveness", rate=0.75, hours=None),
        reason("emergency_weights"),
    )
    assert 0.0 <= candidate.score <= 1.0


def test_unknown_history_counts_as_neutral_not_as_bad():
    unknown = replace(OFFER, id="new")
    poor = replace(OFFER, id="poor", acceptance_rate=0.0, median_response_hours=500)
    good = replace(OFFER, id="good", acceptance_rate=1.0, median_response_hours=1)
    assert [c.id for c in rank(NEED, [poor, unknown, good], [], TODAY).candidates] == ["good", "new", "poor"]


def test_a_better_practice_fit_ranks_first():
    weaker = replace(OFFER, id="o2", practice_areas=frozenset({"labour"}))
    ranking = rank(NEED, [weaker, OFFER], [], TODAY)
    assert [c.id for c in ranking.candidates] == ["o1", "o2"]


def test_ties_are_broken_by_id_with_numbers_compared_as_numbers():
    offers = [replace(OFFER, id=ident) for ident in ("o10", "o2", "o1")]
    assert [c.id for c in rank(NEED, offers, [], TODAY).candidates] == ["o1", "o2", "o10"]


def test_a_fund_with_more_time_to_spare_before_the_deadline_ranks_higher():
    quick = replace(FUND, id="quick", turnaround_days=1)
    just_in_time = replace(FUND, id="just", turnaround_days=6)
    ranking = rank(NEED, [], [just_in_time, quick], TODAY)
    assert [c.id for c in ranking.candidates] == ["quick", "just"]
    assert reason("speed", takes=1, spare=5) in ranking.candidates[0].reasons


def test_every_hard_filter_has_its_own_name():
    names = [name for name, _check in OFFER_CHECKS + FUND_CHECKS]
    assert len(set(names)) == len(names)
    assert tuple(names) == FILTERS


def test_a_reason_is_kept_as_json_can_hold_it():
    eligible = reason("eligible", country="HN", languages=frozenset({"pt", "es"}), help=frozenset(), emergency=True)
    assert data(eligible) == {"code": "eligible",
                              "values": {"country": "HN", "languages": ["es", "pt"], "help": [], "emergency": True}}
    assert data(reason("validity_ended", day=date(2026, 11, 24)))["values"] == {"day": "2026-11-24"}
    assert data(reason("gives", most=(5000, "EUR")))["values"] == {"most": [5000, "EUR"]}
