"""Adverse parties that come back across needs, read with the screening's normaliser."""

import re

from matcher.conflicts.engine.litigants import Appearance, RepeatParty, repeat_parties


def test_one_company_written_differently_in_several_needs_and_countries_is_one_repeat_party():
    found = repeat_parties([
        Appearance(1, "HN", ("Minera Andina S.A.",)),
        Appearance(2, "GT", ("MINERA ANDINA SA",)),
        Appearance(3, "PE", ("Andina Minera",)),
        Appearance(4, "HN", ("Banco del Pacífico",)),
        Appearance(5, "HN", ("Minera Andina S.A.",)),
    ])
    assert found == [RepeatParty("Minera Andina S.A.", 4, 3)]  # named as it was written most often


def test_an_alias_joins_the_needs_that_named_the_party_by_it_alone():
    found = repeat_parties([
        Appearance(1, "HN", ("Minera Andina S.A.", "MASA")),
        Appearance(2, "HN", ("MASA",)),
        Appearance(3, "HN", ("masa",)),
    ])
    assert found == [RepeatParty("MASA", 3, 1)]


def test_a_party_named_twice_in_one_need_counts_that_need_once():
    assert repeat_parties([Appearance(1, "HN", ("Minera Andina",)), Appearance(1, "HN", ("Minera Andina S.A.",))]) == []


def test_the_most_named_come_first_and_a_name_with_no_words_is_left_out():
    found = repeat_parties([Appearance(n, "HN", ("Banco Andino",)) for n in range(2)]
                           + [Appearance(n, "GT", ("Hidro Sur",)) for n in range(3)]
                           + [Appearance(n, "GT", ("—",)) for n in range(3)])
    assert [party.name for party in found] == ["Hidro Sur", "Banco Andino"]


def test_coordinators_see_a_party_that_comes_back_as_counts_blurred_below_five(app, web):
    from matcher.extensions import db
    from tests import factories

    for number, country in enumerate(("HN", "GT", "HN", "PE", "HN", "GT")):
        factories.need(factories.defender(country=country), parties=("Minera Andina S.A." if number % 2 else
                                                                     "MINERA ANDINA SA", f"Vecino {number}"),
                       state="submitted", country=country)
    factories.need(factories.defender(), parties=("Banco Andino",), state="submitted")
    factories.need(factories.defender(), parties=("Banco Andino S.A.",), state="submitted")
    factories.need(factories.defender(), parties=("Banco Andino",))  # a draft is the defender's own: not counted
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    page = web.get("/coordinator/repeat-parties").get_data(as_text=True)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', page)
    assert rows[0][1:] == ("6", "3") and rows[0][0] in ("Minera Andina S.A.", "MINERA ANDINA SA")
    assert rows[1] == ("Banco Andino", "fewer than 5", "1")
    assert len(rows) == 2  # the neighbours named once are not listed


def test_no_one_but_staff_opens_the_repeat_parties(app, web):
    from matcher.extensions import db
    from tests import factories

    factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="submitted")
    factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="submitted")
    for account in (factories.firm_member(), factories.defender()):
        db.session.commit()
        web.login(account)
        response = web.get("/coordinator/repeat-parties")
        assert response.status_code == 403 and "Minera" not in response.get_data(as_text=True)
        web.logout()
