"""A coordinator describes a fund's eligible places and coverage in free text, in four languages."""

import pytest
from markupsafe import escape
from sqlalchemy import select

from matcher.extensions import db
from matcher.matching import ranking
from matcher.matching.reasons import say
from matcher.models import LegalAidFund
from tests import factories


def fund_form(**changes) -> dict:
    values = {
        "name": "Fondo de Respuesta Rápida", "run_by": "Fundación Defensores", "countries": [],
        "defender_kinds": [], "covers": [], "max_amount": "8000", "currency": "USD", "turnaround_days": "2",
        "how_to_apply": "Through a coordinator.", "active": "y",
    }
    values.update(changes)
    return values


def signed_in_coordinator(web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    return account


def test_regions_and_coverage_in_spanish_french_and_portuguese_are_mapped(web):
    signed_in_coordinator(web)

    response = web.post("/coordinator/funds/new", fund_form(
        countries=["MX"], **{"countries-other": "Centroamérica, Afrique de l'Ouest, Brasil"},
        covers=["bail"], **{"covers-other": "financiación de abogado local\nobservation de procès"},
    ), follow_redirects=True)

    assert "Fondo de Respuesta Rápida is in the catalogue." in response.get_data(as_text=True)
    fund = db.session.scalar(select(LegalAidFund))
    assert fund.countries == ["MX", "013", "011", "BR"]
    assert fund.covers == ["bail", "local_lawyer_funding", "trial_observation"]
    catalogue = web.get("/coordinator/funds").get_data(as_text=True)
    assert "Mexico, Central America, Western Africa, Brazil" in catalogue


def test_a_fund_for_a_region_is_ranked_for_a_need_in_one_of_its_countries(web):
    signed_in_coordinator(web)
    web.post("/coordinator/funds/new", fund_form(**{"countries-other": "América Latina"}, covers=["representation"]))
    fund = db.session.scalar(select(LegalAidFund))
    in_honduras = factories.need(factories.defender(), state="verified", country="HN")
    in_kenya = factories.need(factories.defender(country="KE"), state="verified", country="KE")

    assert [c.id for c in ranking.rank_need(in_honduras).ranking.candidates if c.kind == "fund"] == [str(fund.id)]
    assert [say(e.reason) for e in ranking.rank_need(in_kenya).ranking.excluded if e.kind == "fund"] == [
        "the fund does not cover the need's country (Kenya)"]


def test_a_fund_place_not_understood_is_refused_with_a_suggestion_and_everything_kept(web):
    signed_in_coordinator(web)

    response = web.post("/coordinator/funds/new", fund_form(
        countries=["GT"], **{"countries-other": "Hondura, Latin Amrca, Gondor"},
        covers=["bail"], **{"covers-other": "fundign"},
    ))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert str(escape('"Gondor" is not a country or region the platform knows')) in page
    assert str(escape('"fundign" is not a kind of help the platform knows: did you mean Funding for a local '
                      'lawyer?')) in page
    assert str(escape('"Hondura" is not')) not in page
    assert ">Hondura, Latin Amrca, Gondor</textarea>" in page
    assert '<input type="checkbox" name="countries" value="GT" checked> Guatemala' in page
    assert '<input type="checkbox" name="countries" value="HN" checked> Honduras' in page
    assert 'value="Fondo de Respuesta Rápida"' in page
    assert db.session.scalar(select(LegalAidFund)) is None


def test_editing_a_fund_shows_its_regions_ticked_and_adds_free_text(web):
    fund = factories.fund(name="Pan-African Fund", countries=["202"], covers=["bail"])
    db.session.commit()
    signed_in_coordinator(web)

    page = web.get(f"/coordinator/funds/{fund.id}/edit").get_data(as_text=True)
    assert '<input type="checkbox" name="countries" value="202" checked> Sub-Saharan Africa' in page

    web.post(f"/coordinator/funds/{fund.id}/edit", fund_form(
        name="Pan-African Fund", countries=["202"], **{"countries-other": "Afrique du Nord"}, covers=["bail"],
    ))

    db.session.refresh(fund)
    assert fund.countries == ["202", "015"]


def test_the_fund_currency_must_be_an_iso_4217_code(web):
    signed_in_coordinator(web)

    page = web.post("/coordinator/funds/new", fund_form(covers=["bail"], currency="dollars")).get_data(as_text=True)
    assert "Enter an ISO 4217 currency code, such as USD or EUR." in page
    assert db.session.scalar(select(LegalAidFund)) is None

    web.post("/coordinator/funds/new", fund_form(covers=["bail"], currency=" hnl "))
    assert db.session.scalar(select(LegalAidFund.currency)) == "HNL"


@pytest.mark.parametrize(("language", "covers", "kinds"), [
    ("en", "Temporary relocation, Medical care, Psychosocial support", "Indigenous defender, community or leader"),
    ("es", "Reubicación temporal, Atención médica, Apoyo psicosocial", "Persona defensora, comunidad o líder indígena"),
    ("fr", "Relocalisation temporaire, Soins médicaux, Soutien psychosocial",
     "Défenseur, communauté ou leader autochtone"),
    ("pt", "Realocação temporária, Assistência médica, Apoio psicossocial",
     "Defensor(a), comunidade ou liderança indígena"),
])
def test_a_fund_for_indigenous_leaders_covering_medical_care_is_ranked_and_read_in_each_language(
        web, language, covers, kinds):
    coordinator = signed_in_coordinator(web)
    web.post("/coordinator/funds/new", fund_form(
        defender_kinds=["indigenous"], covers=["relocation"],
        **{"covers-other": "atención médica\nsoutien psychosocial"}))
    fund = db.session.scalar(select(LegalAidFund))
    assert (fund.covers, fund.defender_kinds) == (["relocation", "medical_care", "psychosocial"], ["indigenous"])
    leader = factories.defender(kinds=["indigenous"])
    reporter = factories.defender(kinds=["journalist"])
    for_the_leader = factories.need(leader, state="verified", help_wanted=["medical_care"])
    for_the_reporter = factories.need(reporter, state="verified", help_wanted=["medical_care"])

    assert [c.id for c in ranking.rank_need(for_the_leader).ranking.candidates] == [str(fund.id)]
    assert [say(e.reason) for e in ranking.rank_need(for_the_reporter).ranking.excluded] == [
        "the fund does not support this kind of defender (journalist)"]
    coordinator.language = language
    db.session.commit()
    catalogue = web.get("/coordinator/funds").get_data(as_text=True)
    assert str(escape(covers)) in catalogue and str(escape(kinds)) in catalogue
