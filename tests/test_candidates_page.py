"""The coordinator's candidates for a need among thousands of offers: the best ranked, the rest grouped by filter."""

import re
from datetime import date, timedelta

from markupsafe import escape
from sqlalchemy import insert, select

from matcher.extensions import db
from matcher.models import Match, Offer
from tests import factories


def insert_offers(firms, count: int, **fields) -> None:
    """``count`` offers spread over ``firms``, inserted in one Core statement: fast even by thousands."""
    today = date.today()
    values = dict(
        title="Capacity", practice_areas=["defamation"], jurisdictions=["HN"], languages=["es"],
        help_kinds=["representation"], capacity=2, capacity_used=0, emergency=True, notes="",
        valid_from=today - timedelta(days=1), valid_until=today + timedelta(days=90),
    )
    values.update(fields)
    rows = [dict(values, firm_id=firms[n % len(firms)].id, title=f"{values['title']} {n}") for n in range(count)]
    db.session.execute(insert(Offer), rows)


def left_out_section(page: str) -> str:
    return page[page.index("Left out by the filters"):]


def shows_group(left_out: str, count: str, kind: str, heading: str) -> bool:
    """Whether a group's summary reads "<count> <kind>: <heading>"."""
    return re.search(rf"<strong>{count} {kind}</strong>:\s+{re.escape(str(escape(heading)))}", left_out) is not None


def test_two_thousand_offers_show_the_best_candidates_and_the_others_grouped_by_filter(web):
    firms = [factories.firm(name=f"Bufete {letter}") for letter in "ABCD"]
    need = factories.need(factories.defender(), state="verified", country="HN", languages=["es"],
                          help_wanted=["representation"], urgency="urgent")
    yesterday = date.today() - timedelta(days=1)
    insert_offers(firms, 1200, title="Kenya desk", jurisdictions=["KE"])
    insert_offers(firms, 250, title="French desk", languages=["fr"])
    insert_offers(firms, 150, title="German desk", languages=["de"])
    insert_offers(firms, 200, title="Full desk", capacity=1, capacity_used=1)
    insert_offers(firms, 140, title="Old desk", valid_from=yesterday - timedelta(days=30), valid_until=yesterday)
    insert_offers(firms, 60, title="Open desk")
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    assert "The 50 best of 60 eligible candidates." in page
    assert len(re.findall(r'name="candidate_id"', page)) == 50
    left_out = left_out_section(page)
    assert shows_group(left_out, "1,200", "offers", "the offer does not cover the need's country (Honduras)")
    assert shows_group(left_out, "400", "offers", "no language in common")
    assert shows_group(left_out, "200", "offers", "the offer has no capacity left")
    assert shows_group(left_out, "140", "offers", "the offer is not valid today")
    assert left_out.count("<details") == 4
    assert "and 1,190 more, not listed." in left_out
    assert left_out.count("<li>") == 40
    assert left_out.count("Kenya desk") == 3 + 10  # three named in the summary, ten inside


def test_a_group_removed_in_different_words_lists_each_members_own_reason(web):
    firm = factories.firm(name="Cabinet Dupont")
    need = factories.need(factories.defender(), state="verified", languages=["es"])
    factories.offer(firm, title="Paris desk", languages=["fr"])
    factories.offer(firm, title="Berlin desk", languages=["de"])
    web.login(factories.coordinator())
    db.session.commit()

    left_out = left_out_section(web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True))

    assert shows_group(left_out, "2", "offers", "no language in common")
    assert "Cabinet Dupont: Paris desk: no language in common (the need: Spanish; the offer: French)" in left_out
    assert "Cabinet Dupont: Berlin desk: no language in common (the need: Spanish; the offer: German)" in left_out


def test_offers_and_funds_are_grouped_apart(web):
    firm = factories.firm(name="Kenya Chambers")
    factories.offer(firm, title="Nairobi desk", jurisdictions=["KE"])
    factories.fund(name="Kenya Fund", countries=["KE"])
    need = factories.need(factories.defender(), state="verified", country="HN")
    web.login(factories.coordinator())
    db.session.commit()

    left_out = left_out_section(web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True))

    assert shows_group(left_out, "1", "offer", "the offer does not cover the need's country (Honduras)")
    assert shows_group(left_out, "1", "fund", "the fund does not cover the need's country (Honduras)")
    assert "Fund: Kenya Fund" in left_out


def test_proposing_to_several_offers_still_works_with_the_grouped_page(web):
    firms = [factories.firm(name=name) for name in ("Bufete Uno", "Bufete Dos", "Bufete Tres")]
    offers = [factories.offer(firm) for firm in firms]
    factories.offer(firms[0], title="Kenya only", jurisdictions=["KE"])
    need = factories.need(factories.defender(), state="verified", urgency="emergency")
    web.login(factories.coordinator())
    db.session.commit()
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    assert "Propose to several offers at once" in page

    response = web.post(f"/coordinator/needs/{need.id}/propose-several",
                        {"several-offers": [str(offers[0].id), str(offers[2].id)], "confirmed": "yes"},
                        follow_redirects=True)

    assert response.status_code == 200
    proposed = db.session.scalars(select(Match.offer_id).where(Match.need_id == need.id)).all()
    assert sorted(proposed) == sorted([offers[0].id, offers[2].id])
    left_out = left_out_section(response.get_data(as_text=True))
    assert shows_group(left_out, "1", "offer", "the offer does not cover the need's country (Honduras)")


def test_words_the_vocabulary_does_not_know_are_shown_beside_the_ranking_with_the_closest_term(web):
    """Rows written by a script, or before a term was renamed, may hold words the vocabulary lacks."""
    firm = factories.firm(name="Bufete Sur")
    factories.offer(firm, title="Trial desk", help_kinds=["representation", "observacion"])
    factories.fund(name="Bail Fund", covers=["bail", "moral support"])
    factories.fund(name="Morale Fund", covers=["moral support"])
    need = factories.need(factories.defender(), state="verified", help_wanted=["representation", "bail"])
    web.login(factories.coordinator())
    db.session.commit()

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    assert "Words the platform does not know" in page
    assert str(escape('Bufete Sur: Trial desk, Kinds of help: "observacion" is not a term the platform knows; the '
                      'closest is Trial observation. It is left out, and the rest is ranked.')) in page
    assert str(escape('Fund: Bail Fund, Covers: "moral support" is not a term the platform knows. It is left out, '
                      'and the rest is ranked.')) in page
    assert str(escape('Fund: Morale Fund, Covers: "moral support" is not a term the platform knows. The fund is '
                      'not ranked until it is fixed.')) in page
    start = page.index(">Score</th>")
    ranked = page[start:page.index("</table>", start)]
    assert "Bufete Sur: Trial desk" in ranked and "Fund: Bail Fund" in ranked
    assert "Morale Fund" not in page.replace("Fund: Morale Fund, Covers", "")  # neither ranked nor left out


def test_a_need_holding_a_word_that_decides_its_candidates_is_not_ranked_and_says_why_in_spanish(web):
    factories.offer(factories.firm())
    need = factories.need(factories.defender(), state="verified", help_wanted=["moral support"])
    web.login(factories.coordinator(language="es"))
    db.session.commit()

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    assert str(escape('Esta solicitud, Ayuda solicitada: “moral support” no es un término que la plataforma conozca. '
                      'La solicitud no se clasifica hasta que se corrija.')) in page
    assert 'name="candidate_id"' not in page
