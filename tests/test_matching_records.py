"""Plain records read as the engine's profiles: a word the platform does not know is left out, or,
where leaving it out would widen or guess, holds its record back."""

import pytest

from matcher.matching.engine import records

FUND = {"id": "u1", "regions": ["Honduras"], "covers": ["bail"], "turnaround_days": 3}
NEED = {"id": "n1", "country": "HN", "languages": ["es"], "help": ["bail"]}


def _unknown(loaded):
    return [(word.kind, word.id, word.field, word.text, word.holds_back) for word in loaded.unknown]


def test_a_word_left_out_of_a_list_narrows_the_record_which_is_still_ranked():
    loaded = records.load([], [], [dict(FUND, regions=["Honduras", "Gondor"], covers=["bail", "fianzza y otra cosa"])])
    [fund] = loaded.funds
    assert fund.countries == {"HN"} and fund.covers == {"bail"}
    assert _unknown(loaded) == [("fund", "u1", "regions", "Gondor", False),
                                ("fund", "u1", "covers", "fianzza y otra cosa", False)]
    assert loaded.unknown[1].suggestion == "bail"
    assert loaded.warnings[1] == ("fund #1 (id 'u1'): covers: 'fianzza y otra cosa' is not a kind of help the platform "
                                  "knows (did you mean Bail?); left out")


@pytest.mark.parametrize("changes", [
    {"regions": ["Gondor"]},  # would be open to every country
    {"defender_kinds": ["hobbit"]},  # would be open to every kind of defender
    {"covers": ["moral support"]},  # would cover nothing
])
def test_a_fund_whose_decisive_list_is_not_understood_at_all_is_held_back(changes):
    loaded = records.load([], [], [dict(FUND, **changes), dict(FUND, id="u2")])
    assert [fund.id for fund in loaded.funds] == ["u2"]
    assert [word.holds_back for word in loaded.unknown] == [True]


@pytest.mark.parametrize("changes", [
    {"country": "Narnia"}, {"languages": ["Blorbish"]}, {"help": ["moral support"]}, {"urgency": "whenever"},
    {"defender_kind": "hobbit"}, {"defender_kinds": ["hobbit"]},
])
def test_a_need_missing_a_value_that_decides_its_candidates_is_held_back(changes):
    loaded = records.load([dict(NEED, **changes)], [], [])
    assert loaded.needs == []
    assert "the need is not ranked" in loaded.warnings[0]


def test_a_word_that_only_moves_the_score_never_holds_its_record_back():
    loaded = records.load([dict(NEED, threat="xyzzy", practice_areas=["maritime law"])], [], [])
    assert [need.id for need in loaded.needs] == ["n1"]
    assert [word.holds_back for word in loaded.unknown] == [False, False]


def test_strict_makes_every_word_not_known_a_problem_naming_record_and_field():
    with pytest.raises(records.RecordError) as refused:
        records.load([dict(NEED, practice_areas=["maritime law"])], [], [], strict=True)
    assert refused.value.problems == [
        "need #1 (id 'n1'): practice_areas: 'maritime law' is not a practice area the platform knows"]


def test_local_counsel_is_read_from_a_need_and_an_offer_and_not_required_when_absent():
    offer = {"id": "o1", "firm_id": "f1", "jurisdictions": ["HN"], "languages": ["es"], "help": ["bail"],
             "capacity": 1}
    loaded = records.load([dict(NEED, needs_local_counsel=True), dict(NEED, id="n2")],
                          [dict(offer, works_with_local_counsel=True), dict(offer, id="o2")], [])
    assert [need.needs_local_counsel for need in loaded.needs] == [True, False]
    assert [offer.works_with_local_counsel for offer in loaded.offers] == [True, False]


def test_a_local_counsel_flag_that_is_not_true_or_false_is_refused():
    with pytest.raises(records.RecordError) as refused:
        records.load([dict(NEED, needs_local_counsel="yes")], [], [])
    assert refused.value.problems == ["need #1 (id 'n1'): needs_local_counsel: 'yes' must be true or false"]


@pytest.mark.parametrize(("written", "kinds"), [
    ({}, {"individual"}),
    ({"defender_kind": "periodista"}, {"journalist"}),  # as files said it before a defender could be several
    ({"defender_kinds": ["defensora", "indígena", "land defender"]}, {"woman", "indigenous", "environmental"}),
    ({"defender_kinds": "journalist"}, {"journalist"}),
    ({"defender_kind": "student", "defender_kinds": ["lgbti"]}, {"student", "lgbti"}),
])
def test_a_need_gives_every_kind_its_defender_is_in_one_field_or_the_other(written, kinds):
    [need] = records.load([dict(NEED, **written)], [], []).needs
    assert need.defender_kinds == kinds


def test_a_kind_of_defender_not_known_beside_a_known_one_is_left_out_and_the_need_ranked():
    loaded = records.load([dict(NEED, defender_kinds=["woman", "hobbit"])], [], [])
    assert [need.defender_kinds for need in loaded.needs] == [{"woman"}]
    assert _unknown(loaded) == [("need", "n1", "defender_kinds", "hobbit", False)]
