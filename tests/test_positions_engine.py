"""The engine's part of positional conflicts: which parties of a need fall under a firm's
declarations of a kind of matter or a company, alone or with a sector and a country."""

from matcher.conflicts import engine

MINE = engine.Party(id="1", name="Minera Andina", sector="mining")
BANK = engine.Party(id="2", name="BANCO DEL PACIFICO S.A.", aliases=("BdP",), sector="finance")
CRIMINAL = frozenset({"criminal_defence"})


def _found(parties, positions, country="PE", areas=CRIMINAL):
    return [(hit.party_id, hit.client_id) for hit in engine.positional_hits(parties, country, positions, areas)]


def test_a_kind_of_matter_alone_covers_every_party_of_a_need_of_that_kind_and_no_other():
    no_criminal = engine.Position("position-1", area="criminal_defence")

    assert _found([MINE, BANK], [no_criminal]) == [("1", "position-1"), ("2", "position-1")]
    assert _found([MINE, BANK], [no_criminal], areas=frozenset({"land"})) == []
    assert _found([MINE], [no_criminal], areas=frozenset()) == []


def test_a_kind_of_matter_with_a_sector_and_a_country_needs_all_three():
    position = engine.Position("position-1", sector="mining", country="PE", area="criminal_defence")

    assert _found([MINE, BANK], [position]) == [("1", "position-1")]
    assert _found([MINE], [position], country="HN") == []
    assert _found([MINE], [position], areas=frozenset({"land", "labour"})) == []
    assert _found([MINE], [position], areas=frozenset({"land", "criminal_defence"})) == [("1", "position-1")]


def test_a_kind_of_matter_hit_says_which_declaration_it_rests_on():
    position = engine.Position("position-7", sector="mining", area="criminal_defence",
                               words="Does not act against: Criminal defence matters, Mining, any country")

    (hit,) = engine.positional_hits([MINE], "PE", [position], CRIMINAL)

    assert (hit.rule, hit.band, hit.score, hit.client_name) == ("positional", "review", 1.0, position.words)
    assert hit.data()["detail"] == {"sector": "mining", "country": "", "area": "criminal_defence"}


def test_a_declared_company_matches_spelling_variants_and_legal_forms_of_the_partys_name():
    declared = engine.Position("position-1", company="Banco del Pacífico")
    for written in ("BANCO DEL PACIFICO S.A.", "Banco del Pacifico", "Banco Del Pacífico, SA", "Banco del Pacifco"):
        assert _found([engine.Party(id="9", name=written)], [declared]) == [("9", "position-1")], written


def test_a_declared_company_does_not_match_another_name():
    declared = engine.Position("position-1", company="Banco del Pacífico")

    assert _found([MINE, engine.Party(id="3", name="Banco Atlántico")], [declared]) == []


def test_a_declared_company_is_matched_on_a_partys_alias_and_the_hit_says_how():
    declared = engine.Position("position-1", company="B.D.P.")

    (hit,) = engine.positional_hits([BANK], "PE", [declared])

    assert (hit.party_name, hit.evidence.name) == ("BANCO DEL PACIFICO S.A.", "BdP")
    detail = hit.data()["detail"]
    assert (detail["company"], detail["company_rule"]) == ("B.D.P.", "equal")
    assert hit.band == "review"


def test_a_declared_company_with_a_kind_of_matter_needs_both():
    position = engine.Position("position-1", company="Banco del Pacífico", area="criminal_defence")

    assert _found([BANK], [position]) == [("2", "position-1")]
    assert _found([BANK], [position], areas=frozenset({"land"})) == []
