"""A firm describes its offer in its own words, in four languages, and the platform maps them onto its vocabulary."""

from datetime import date, timedelta

from markupsafe import escape
from sqlalchemy import select

from matcher.extensions import db
from matcher.matching import ranking
from matcher.models import Offer
from tests import factories


def offer_form(**changes) -> dict:
    values = {
        "title": "Defensa de personas defensoras",
        "practice_areas": [],
        "jurisdictions": [],
        "languages": [],
        "help_kinds": [],
        "capacity": "3",
        "valid_from": "2030-01-01",
        "valid_until": "2030-12-31",
    }
    values.update(changes)
    return values


def signed_in_member(web):
    member = factories.firm_member(of=factories.firm(name="Bufete Andino"))
    db.session.commit()
    web.login(member)
    return member


def test_spanish_free_text_is_mapped_and_merged_with_the_ticked_choices(web):
    signed_in_member(web)

    response = web.post("/firm/offers/new", offer_form(
        practice_areas=["environment"], **{"practice_areas-other": "difamación, derechos indígenas"},
        **{"jurisdictions-other": "América Latina\nEspaña"}, **{"languages-other": "español; portugués"},
        **{"help_kinds-other": "representación, observación de juicios"},
    ), follow_redirects=True)

    assert "The offer is published" in response.get_data(as_text=True)
    offer = db.session.scalar(select(Offer))
    assert offer.practice_areas == ["environment", "defamation", "indigenous"]
    assert offer.jurisdictions == ["419", "ES"]
    assert offer.languages == ["es", "pt"]
    assert offer.help_kinds == ["representation", "trial_observation"]


def test_french_and_portuguese_free_text_is_mapped(web):
    signed_in_member(web)

    web.post("/firm/offers/new", offer_form(
        **{"practice_areas-other": "diffamation, droit du travail"},
        **{"jurisdictions-other": "Amérique latine, Afrique de l'Ouest"},
        **{"languages-other": "français, Inglês"},
        **{"help_kinds-other": "fiança"},
    ))

    offer = db.session.scalar(select(Offer))
    assert set(offer.practice_areas) == {"defamation", "labour"}
    assert offer.jurisdictions == ["419", "011"]
    assert offer.languages == ["fr", "en"]
    assert offer.help_kinds == ["bail"]


def test_english_region_words_are_stored_as_regions_and_shown_back_ticked(web):
    signed_in_member(web)
    web.post("/firm/offers/new", offer_form(
        practice_areas=["defamation"], help_kinds=["advice"], languages=["en"],
        **{"jurisdictions-other": "East Africa, worldwide, South America"},
    ))
    offer = db.session.scalar(select(Offer))

    page = web.get(f"/firm/offers/{offer.id}/edit").get_data(as_text=True)

    assert offer.jurisdictions == ["014", "001", "005"]  # South America, not a misspelt South Africa
    assert '<input type="checkbox" name="jurisdictions" value="014" checked> Eastern Africa' in page
    assert '<input type="checkbox" name="jurisdictions" value="001" checked> World' in page
    assert 'name="jurisdictions-other" rows="2"></textarea>' in page


def test_a_region_counts_as_each_of_its_countries_in_the_ranking(web):
    signed_in_member(web)
    today = date.today()
    web.post("/firm/offers/new", offer_form(
        practice_areas=["defamation"], help_kinds=["representation"], languages=["es"], emergency="y",
        answer_within_hours="8",
        valid_from=today.isoformat(), valid_until=(today + timedelta(days=30)).isoformat(),
        **{"jurisdictions-other": "Amérique latine"},
    ))
    offer = db.session.scalar(select(Offer))
    need = factories.need(factories.defender(country="HN"), state="verified", country="HN", urgency="standard")

    candidates = ranking.rank_need(need).ranking.candidates

    assert [c.id for c in candidates if c.kind == "offer"] == [str(offer.id)]


def test_a_language_without_a_two_letter_code_is_kept_and_named(web):
    signed_in_member(web)
    web.post("/firm/offers/new", offer_form(
        practice_areas=["land"], help_kinds=["advice"], jurisdictions=["GT"],
        **{"languages-other": "Spanish, kekchí"},
    ))
    offer = db.session.scalar(select(Offer))

    page = web.get(f"/firm/offers/{offer.id}/edit").get_data(as_text=True)

    assert offer.languages == ["es", "kek"]
    assert '<input type="checkbox" name="languages" value="kek" checked> Kekchí' in page


def test_an_item_not_understood_is_refused_by_name_with_a_suggestion_and_everything_is_kept(web):
    signed_in_member(web)

    response = web.post("/firm/offers/new", offer_form(
        practice_areas=["environment"], jurisdictions=["HN"],
        **{"practice_areas-other": "difamación, fundign"},
        **{"languages-other": "español, klingonese-ish"},
        **{"help_kinds-other": "fundign"},
    ))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert str(escape('"fundign" is not a kind of help the platform knows: did you mean Funding for a local '
                      'lawyer?')) in page
    assert str(escape('"klingonese-ish" is not a language the platform knows')) in page
    assert str(escape('"fundign" is not a practice area the platform knows')) in page
    assert ">difamación, fundign</textarea>" in page
    assert ">español, klingonese-ish</textarea>" in page
    assert '<input checked id="practice_areas-0" name="practice_areas" type="checkbox" value="defamation">' in page
    assert '<input type="checkbox" name="jurisdictions" value="HN" checked> Honduras' in page
    assert 'value="Defensa de personas defensoras"' in page
    assert db.session.scalar(select(Offer)) is None


def test_an_unknown_place_is_refused_naming_it(web):
    signed_in_member(web)

    page = web.post("/firm/offers/new", offer_form(
        practice_areas=["defamation"], help_kinds=["advice"], languages=["es"],
        **{"jurisdictions-other": "Hondura, Atlantis"},
    )).get_data(as_text=True)

    assert str(escape('"Atlantis" is not a country or region the platform knows')) in page
    assert str(escape('"Hondura" is not')) not in page
    assert ">Hondura, Atlantis</textarea>" in page
    assert db.session.scalar(select(Offer)) is None


def test_a_value_outside_the_vocabulary_posted_as_a_tick_is_refused(web):
    signed_in_member(web)

    page = web.post("/firm/offers/new", offer_form(
        practice_areas=["defamation"], help_kinds=["advice"], languages=["es"], jurisdictions=["HN", "Narnia"],
    )).get_data(as_text=True)

    assert str(escape("'Narnia' is not a valid choice for this field.")) in page
    assert db.session.scalar(select(Offer)) is None


def test_editing_maps_free_text_onto_an_existing_offer(web):
    member = signed_in_member(web)
    offer = factories.offer(member.firm, jurisdictions=["HN"], languages=["es"])
    db.session.commit()

    web.post(f"/firm/offers/{offer.id}/edit", offer_form(
        title=offer.title, practice_areas=offer.practice_areas, help_kinds=offer.help_kinds,
        jurisdictions=["HN"], languages=["es"], **{"jurisdictions-other": "Guatemala"},
        **{"languages-other": "quechua"},
    ))

    db.session.refresh(offer)
    assert offer.jurisdictions == ["HN", "GT"]
    assert offer.languages == ["es", "qu"]
