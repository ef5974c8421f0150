"""`flask matching rank NEEDS.json OFFERS.json FUNDS.json`: the contract partners script against."""

import json

import pytest

NEEDS = [{
    "id": "n1", "country": "Honduras", "languages": ["español"], "threat": "difamación", "practice_areas": [],
    "help": ["representación", "fianza"], "urgency": "emergencia", "deadline": "2026-12-01",
    "defender_kind": "defensora", "amount_needed": 3000, "currency": "usd", "conflicted_firms": ["f3"],
}]
OFFERS = [
    {"id": "o1", "firm_id": "f1", "jurisdictions": ["HN"], "languages": ["es", "en"], "practice_areas": ["SLAPP suit"],
     "help": ["representation"], "capacity": 2, "emergency": True, "valid_until": "2027-01-01",
     "acceptance_rate": 0.9, "median_response_hours": 6, "firm_country": "Honduras"},
    {"id": "o2", "firm_id": "f2", "jurisdictions": ["América Latina"], "languages": "Spanish",
     "practice_areas": ["diffamation"], "help": ["représentation"], "capacity": 5, "emergency": True,
     "valid_until": None, "acceptance_rate": None, "median_response_hours": None},
    {"id": "o3", "firm_id": "f3", "jurisdictions": ["HND"], "languages": ["spa"], "practice_areas": ["defamation"],
     "help": ["representation"], "capacity": 2, "emergency": True, "valid_until": "2027-01-01"},
]
FUNDS = [
    {"id": "u1", "name": "Rapid response", "regions": ["Centroamérica"], "covers": ["bail"], "defender_kinds": [],
     "max_amount": 5000, "currency": "USD", "turnaround_days": 3},
    {"id": "u2", "name": "Slow", "regions": ["worldwide"], "covers": ["representation"], "defender_kinds": [],
     "max_amount": 10000, "currency": "EUR", "turnaround_days": 10},
]


def _write(tmp_path, needs=NEEDS, offers=OFFERS, funds=FUNDS):
    paths = []
    for name, content in (("needs", needs), ("offers", offers), ("funds", funds)):
        path = tmp_path / f"{name}.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        paths.append(str(path))
    return paths


def _rank(app, paths, *extra):
    return app.test_cli_runner().invoke(args=["matching", "rank", *paths, "--today", "2026-11-25", *extra])


def test_rank_prints_eligible_candidates_best_first_as_json(app, tmp_path):
    result = _rank(app, _write(tmp_path))
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.stdout)
    assert list(ranked) == ["n1"]
    assert [(c["kind"], c["id"]) for c in ranked["n1"]] == [("offer", "o1"), ("offer", "o2"), ("fund", "u1")]
    scores = [c["score"] for c in ranked["n1"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert set(ranked["n1"][0]) == {"kind", "id", "score", "reasons", "reason_data"}
    assert "local presence: the firm is based in Honduras" in ranked["n1"][0]["reasons"]
    assert "covers bail, not representation in court" in ranked["n1"][2]["reasons"]


def test_rank_gives_each_reason_as_data_beside_its_words(app, tmp_path):
    fund = json.loads(_rank(app, _write(tmp_path)).stdout)["n1"][2]
    assert len(fund["reason_data"]) == len(fund["reasons"])
    covers = fund["reasons"].index("covers bail, not representation in court")
    assert fund["reason_data"][covers] == {"code": "covers",
                                           "values": {"help": ["bail"], "missing": ["representation"]}}


def test_rank_leaves_out_conflicted_firms_and_funds_too_slow_for_the_deadline(app, tmp_path):
    ranked = json.loads(_rank(app, _write(tmp_path)).stdout)
    ids = {c["id"] for c in ranked["n1"]}
    assert "o3" not in ids  # f3 has a conflict
    assert "u2" not in ids  # ten days to decide, six left


def test_rank_ranks_firms_elsewhere_with_a_local_partner_when_the_need_requires_local_counsel(app, tmp_path):
    needs = [dict(NEEDS[0], needs_local_counsel=True)]
    offers = [OFFERS[0], dict(OFFERS[1], firm_country="Spain", works_with_local_counsel=True),
              dict(OFFERS[1], id="o4", firm_id="f4", firm_country="France")]
    result = _rank(app, _write(tmp_path, needs=needs, offers=offers, funds=[]))
    assert result.exit_code == 0, result.output
    ranked = json.loads(result.stdout)["n1"]
    assert [c["id"] for c in ranked] == ["o1", "o2"]  # o4 is in France and works with nobody in Honduras
    assert "local counsel: the firm is based in Honduras" in ranked[0]["reasons"]
    assert "with a local partner: the firm is based in Spain and works with local counsel in Honduras" in (
        ranked[1]["reasons"])
    assert {"code": "local_partner", "values": {"country": "HN", "based": "ES"}} in ranked[1]["reason_data"]


def test_rank_reads_files_without_the_local_counsel_fields_as_before(app, tmp_path):
    ranked = json.loads(_rank(app, _write(tmp_path, offers=[dict(OFFERS[1], firm_country="France")])).stdout)["n1"]
    assert "no local presence: the firm is based in France and has no office in Honduras" in ranked[0]["reasons"]


def test_rank_names_a_word_it_does_not_know_with_the_closest_term_and_ranks_the_rest(app, tmp_path):
    needs = [dict(NEEDS[0], help=["representación", "fianza", "observacion"])]
    offers = [dict(OFFERS[0], help=["representation", "moral support"]), *OFFERS[1:]]
    result = _rank(app, _write(tmp_path, needs=needs, offers=offers))
    assert result.exit_code == 0, result.output
    assert ("Warning: need #1 (id 'n1'): help: 'observacion' is not a kind of help the platform knows "
            "(did you mean Trial observation?); left out") in result.stderr
    assert "Warning: offer #1 (id 'o1'): help: 'moral support' is not a kind of help the platform knows; left out" in (
        result.stderr)
    ranked = json.loads(result.stdout)
    assert [(c["kind"], c["id"]) for c in ranked["n1"]] == [("offer", "o1"), ("offer", "o2"), ("fund", "u1")]


def test_rank_holds_back_a_record_it_cannot_rank_without_the_word_and_ranks_the_others(app, tmp_path):
    needs = [dict(NEEDS[0], id="lost", country="Narnia"), NEEDS[0]]
    funds = [dict(FUNDS[0], id="nowhere", regions=["Gondor"]), FUNDS[0]]
    result = _rank(app, _write(tmp_path, needs=needs, funds=funds))
    assert result.exit_code == 0, result.output
    assert "need #1 (id 'lost'): country: 'Narnia' is not a country the platform knows" in result.stderr
    assert "; the need is not ranked" in result.stderr
    assert "fund #1 (id 'nowhere'): regions: 'Gondor' is not a country or region the platform knows" in result.stderr
    assert "; the fund is not ranked" in result.stderr
    ranked = json.loads(result.stdout)
    assert list(ranked) == ["n1"]  # a fund of unknown regions is not taken for a fund open everywhere
    assert [c["id"] for c in ranked["n1"]] == ["o1", "o2", "u1"]


def test_rank_strict_refuses_a_word_it_does_not_know_and_ranks_nothing(app, tmp_path):
    offers = [dict(OFFERS[0], help=["representation", "moral support"])]
    result = _rank(app, _write(tmp_path, offers=offers), "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert ("Error: the input has problems:\n  offer #1 (id 'o1'): help: 'moral support' is not a kind of help the "
            "platform knows\n") in result.stderr
    assert _rank(app, _write(tmp_path), "--strict").exit_code == 0


def test_rank_refuses_values_it_cannot_understand_naming_record_and_field(app, tmp_path):
    needs = [dict(NEEDS[0], country="Narnia", languages=["Blorbish"])]
    offers = [dict(OFFERS[0], help=["moral support"], capacity=-1)]
    result = _rank(app, _write(tmp_path, needs=needs, offers=offers), "--strict")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "need #1 (id 'n1'): country: 'Narnia' is not a country the platform knows" in result.output
    assert "need #1 (id 'n1'): languages: 'Blorbish' is not a language the platform knows" in result.output
    assert "offer #1 (id 'o1'): help: 'moral support' is not a kind of help the platform knows" in result.output
    assert "offer #1 (id 'o1'): capacity: -1 must be 0 or more" in result.output


def test_rank_refusing_a_malformed_value_names_the_words_it_does_not_know_as_well(app, tmp_path):
    offers = [dict(OFFERS[0], help=["moral support"], capacity=-1)]
    result = _rank(app, _write(tmp_path, offers=offers))
    assert result.exit_code == 1
    assert "Warning: offer #1 (id 'o1'): help: 'moral support' is not a kind of help" in result.stderr
    assert "offer #1 (id 'o1'): capacity: -1 must be 0 or more" in result.stderr


def test_rank_warns_about_practice_areas_it_leaves_out_but_still_ranks(app, tmp_path):
    offers = [dict(OFFERS[0], practice_areas=["maritime law", "defamation"])]
    result = _rank(app, _write(tmp_path, offers=offers))
    assert result.exit_code == 0
    assert "offer #1 (id 'o1'): practice_areas: 'maritime law' is not a practice area" in result.stderr
    assert [c["id"] for c in json.loads(result.stdout)["n1"]][0] == "o1"


@pytest.mark.parametrize(("broken", "message"), [
    ({"id": "o9"}, "offer #1 (id 'o9'): firm_id: a text or number id is required"),
    (dict(OFFERS[0], valid_until="next week"), "valid_until: 'next week' is not a date like 2026-12-01"),
    (dict(OFFERS[0], emergency="yes"), "emergency: 'yes' must be true or false"),
    (dict(OFFERS[0], works_with_local_counsel="sí"), "works_with_local_counsel: 'sí' must be true or false"),
    (dict(OFFERS[0], acceptance_rate=80), "acceptance_rate: 80 must be between 0 and 1"),
    (dict(OFFERS[0], jurisdictions=[]), "jurisdictions: at least one is required"),
])
def test_rank_refuses_malformed_fields_with_a_clear_message(app, tmp_path, broken, message):
    result = _rank(app, _write(tmp_path, offers=[broken]))
    assert result.exit_code == 1
    assert message in result.output


def test_rank_refuses_malformed_json_and_missing_files_without_a_traceback(app, tmp_path):
    paths = _write(tmp_path, funds='[{"id": "u1",')
    result = _rank(app, paths)
    assert result.exit_code == 1
    assert "funds.json: not valid JSON" in result.output and "line 1" in result.output
    missing = _rank(app, [paths[0], paths[1], str(tmp_path / "nowhere.json")])
    assert missing.exit_code == 2
    assert "does not exist" in missing.output
    not_a_list = _rank(app, _write(tmp_path, needs={"id": "n1"}))
    assert "the needs must be a list of objects" in not_a_list.output
    assert "Traceback" not in result.output + missing.output + not_a_list.output


def test_rank_refuses_ids_used_twice(app, tmp_path):
    result = _rank(app, _write(tmp_path, offers=[OFFERS[0], OFFERS[0]]))
    assert "offer #2 (id 'o1'): the id 'o1' is used twice" in result.output


# Emergency grants as coordinators write them: what they cover and whom they are for, in four languages.
GRANTS = [
    {"id": "care", "name": "Wellbeing fund", "regions": ["worldwide"], "covers": ["medical care", "apoyo psicosocial"],
     "defender_kinds": [], "turnaround_days": 2},
    {"id": "leaders", "name": "Fondo para líderes", "regions": ["América Latina"],
     "covers": ["relocation", "frais d'avocat"], "defender_kinds": ["líderes indígenas", "environmental defenders"],
     "turnaround_days": 1},
    {"id": "whrd", "name": "Urgent action", "regions": ["worldwide"], "covers": ["reubicación temporal"],
     "defender_kinds": ["women human rights defenders"], "turnaround_days": 1},
    {"id": "fees", "name": "Legal fees only", "regions": ["worldwide"], "covers": ["legal fees"],
     "defender_kinds": [], "turnaround_days": 1},
]
THREATENED = [
    {"id": "lideresa", "country": "Guatemala", "languages": ["español"], "threat": "criminalización",
     "help": ["atención médica", "reubicación temporal"], "urgency": "urgente", "defender_kind": "lideresa indígena",
     "deadline": "2026-12-10"},
    {"id": "reporter", "country": "Guatemala", "languages": ["español"], "help": ["relocalisation"],
     "defender_kind": "periodistas", "deadline": "2026-12-10"},
]


def test_funds_covering_medical_care_or_relocation_and_a_fund_for_indigenous_leaders_are_ranked(app, tmp_path):
    result = _rank(app, _write(tmp_path, needs=THREATENED, offers=[], funds=GRANTS))
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
    ranked = json.loads(result.stdout)
    assert {c["id"] for c in ranked["lideresa"]} == {"care", "leaders"}
    reasons = {c["id"]: c["reasons"] for c in ranked["lideresa"]}
    assert "covers medical care, not temporary relocation" in reasons["care"]
    assert "covers temporary relocation, not medical care" in reasons["leaders"]
    assert [c["id"] for c in ranked["reporter"]] == []  # a journalist: neither an indigenous leader nor a woman


def test_a_defender_of_several_kinds_is_ranked_for_the_funds_of_each(app, tmp_path):
    reporter = dict(THREATENED[1], defender_kind=None, defender_kinds=["periodista", "defensora"])
    ranked = json.loads(_rank(app, _write(tmp_path, needs=[reporter], offers=[], funds=GRANTS)).stdout)
    assert [c["id"] for c in ranked["reporter"]] == ["whrd"]


def test_a_journalist_who_is_a_woman_is_ranked_for_a_fund_for_women_defenders_when_written_so(app, tmp_path):
    reporter = dict(THREATENED[1], defender_kind="defensora")
    ranked = json.loads(_rank(app, _write(tmp_path, needs=[reporter], offers=[], funds=GRANTS)).stdout)
    assert [c["id"] for c in ranked["reporter"]] == ["whrd"]
