"""Free text in English, Spanish, French and Portuguese understood as the engine's codes."""

import pytest

from matcher.matching import vocab
from matcher.matching.engine import places, taxonomy, terms
from matcher.matching.engine.mapping import THRESHOLD


@pytest.mark.parametrize("text", [
    "difamación", "SLAPP suit", "defamation claim", "diffamation", "difamação", "Defamtion", "libel",
    "procédure-bâillon", "DIFAMACION",
])
def test_defamation_is_understood_however_it_is_written(text):
    found = taxonomy.practice_areas.map(text)
    assert found.code == "defamation"
    assert found.confidence >= THRESHOLD


@pytest.mark.parametrize(("text", "code"), [
    ("criminal defense", "criminal_defence"), ("derecho penal", "criminal_defence"),
    ("droit pénal", "criminal_defence"), ("defesa criminal", "criminal_defence"),
    ("arbitrary detention", "detention"), ("detención arbitraria", "detention"),
    ("garde à vue", "detention"), ("prisão preventiva", "detention"),
    ("right to protest", "assembly"), ("libertad de reunión", "assembly"), ("manifestation", "assembly"),
    ("manifestação", "assembly"),
    ("land rights", "land"), ("derecho a la tierra", "land"), ("foncier", "land"), ("grilagem", "land"),
    ("FPIC", "indigenous"), ("consulta previa", "indigenous"), ("peuples autochtones", "indigenous"),
    ("consentimento livre, prévio e informado", "indigenous"),
    ("trade union", "labour"), ("derecho laboral", "labour"), ("droit du travail", "labour"),
    ("trabalhista", "labour"),
    ("environmental law", "environment"), ("medio ambiente", "environment"), ("environnement", "environment"),
    ("meio ambiente", "environment"),
    ("foreign agent law", "ngo_law"), ("financiamiento extranjero", "ngo_law"),
    ("financement étranger", "ngo_law"), ("liberdade de associação", "ngo_law"),
    ("digital rights", "digital"), ("derechos digitales", "digital"), ("vie privée", "digital"),
    ("proteção de dados", "digital"),
    ("asylum", "asylum"), ("reubicación", "asylum"), ("réfugié", "asylum"), ("realocação", "asylum"),
    ("litigation against companies", "corporate_accountability"),
    ("empresas y derechos humanos", "corporate_accountability"),
    ("devoir de vigilance", "corporate_accountability"), ("responsabilidade empresarial", "corporate_accountability"),
])
def test_practice_areas_are_understood_in_four_languages(text, code):
    assert taxonomy.practice_areas.map(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("SLAPP suit", "slapp"), ("demanda por difamación", "slapp"), ("poursuite-bâillon", "slapp"),
    ("processo por difamação", "slapp"),
    ("criminal charges", "criminal_charge"), ("denuncia penal", "criminal_charge"),
    ("inculpation", "criminal_charge"), ("criminalização", "criminal_charge"),
    ("arrest", "arrest"), ("detención", "arrest"), ("arrestation", "arrest"), ("prisão", "arrest"),
    ("gag order", "injunction"), ("medida cautelar", "injunction"), ("injonction", "injunction"),
    ("eviction", "land"), ("desalojo", "land"), ("conflit foncier", "land"), ("despejo", "land"),
])
def test_threats_are_understood_in_four_languages(text, code):
    assert taxonomy.threats.map(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("legal representation", "representation"), ("representación legal", "representation"),
    ("représentation en justice", "representation"), ("representação judicial", "representation"),
    ("legal advice", "advice"), ("asesoría jurídica", "advice"), ("conseil juridique", "advice"),
    ("assessoria", "advice"),
    ("trial monitoring", "trial_observation"), ("observación de juicio", "trial_observation"),
    ("observation de procès", "trial_observation"), ("observação de julgamento", "trial_observation"),
    ("legal fees", "local_lawyer_funding"), ("honorarios", "local_lawyer_funding"),
    ("financement d'un avocat local", "local_lawyer_funding"), ("honorários", "local_lawyer_funding"),
    ("bail", "bail"), ("fianza", "bail"), ("liberté sous caution", "bail"), ("fiança", "bail"),
    ("urgent appeal", "international_appeal"), ("petición a la CIDH", "international_appeal"),
    ("rapporteur spécial", "international_appeal"), ("apelo internacional", "international_appeal"),
])
def test_kinds_of_help_are_understood_in_four_languages(text, code):
    assert taxonomy.help_kinds.map(text).code == code


@pytest.mark.parametrize("text", ["claim", "legal help", "maritime law", "tax law", "", "xyzzy"])
def test_text_with_no_meaning_for_the_taxonomy_is_reported_unmapped(text):
    found = taxonomy.practice_areas.map(text)
    assert not found.mapped
    assert found.code is None


def test_text_fitting_two_areas_equally_is_not_guessed():
    found = taxonomy.practice_areas.map("criminal defamation")
    assert not found.mapped
    assert found.suggestion in {"criminal_defence", "defamation"}


def test_a_phrase_inside_a_longer_text_is_found_with_less_confidence():
    found = taxonomy.practice_areas.map("defamation lawsuit by a mining company")
    assert found.code == "defamation"
    assert THRESHOLD <= found.confidence < 1.0


def test_a_need_naming_no_area_gets_the_one_its_threat_calls_for():
    assert taxonomy.areas_for("slapp", []) == {"defamation"}
    assert taxonomy.areas_for("slapp", ["labour"]) == {"labour"}
    assert taxonomy.areas_for("other", []) == frozenset()


def test_the_forms_labels_come_from_the_same_vocabulary():
    labels = {code: entry["label"] for code, entry in terms.PRACTICE_AREAS.items()}
    assert labels == vocab.PRACTICE_AREAS
    assert set(vocab.THREAT_PRACTICE_AREA) <= set(vocab.THREATS)
    assert set(vocab.THREAT_PRACTICE_AREA.values()) <= set(vocab.PRACTICE_AREAS)
    for vocabulary in (terms.THREATS, terms.PRACTICE_AREAS, terms.HELP_KINDS, terms.DEFENDER_KINDS, terms.URGENCIES):
        assert all(set(entry) == {"label", "en", "es", "fr", "pt"} for entry in vocabulary.values())


@pytest.mark.parametrize(("text", "code"), [
    ("Honduras", "HN"), ("HN", "HN"), ("hnd", "HN"), ("Hondurs", "HN"),
    ("Germany", "DE"), ("Alemania", "DE"), ("Allemagne", "DE"), ("Alemanha", "DE"), ("DEU", "DE"),
    ("Ivory Coast", None), ("Côte d'Ivoire", "CI"), ("Costa de Marfil", "CI"), ("Costa do Marfim", "CI"),
    ("Brazil", "BR"), ("Brasil", "BR"), ("Brésil", "BR"),
    ("Estados Unidos", "US"), ("États-Unis", "US"), ("United States", "US"),
    ("Narnia", None),
])
def test_countries_are_understood_by_name_in_four_languages_or_by_code(text, code):
    assert places.country(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("Spanish", "es"), ("español", "es"), ("espagnol", "es"), ("espanhol", "es"), ("es", "es"), ("spa", "es"),
    ("French", "fr"), ("francés", "fr"), ("français", "fr"), ("fre", "fr"), ("fra", "fr"),
    ("Portuguese", "pt"), ("portugués", "pt"), ("português", "pt"), ("por", "pt"),
    ("English", "en"), ("inglés", "en"), ("anglais", "en"), ("inglês", "en"),
    ("Quechua", "qu"), ("Miskito", "miq"), ("Blorbish", None),
])
def test_languages_are_understood_by_name_in_four_languages_or_by_code(text, code):
    assert places.language(text).code == code


@pytest.mark.parametrize(("text", "inside", "outside"), [
    ("Latin America", {"HN", "BR", "MX", "CU"}, {"ES", "US"}),
    ("América Latina", {"HN", "AR"}, {"PT"}),
    ("Amérique latine", {"GT"}, {"FR"}),
    ("East Africa", {"KE", "UG", "TZ"}, {"NG", "EG"}),
    ("Afrique de l'Ouest", {"SN", "NG", "CI"}, {"KE"}),
    ("África Oriental", {"ET"}, {"GH"}),
    ("Europe", {"FR", "PL", "GB"}, {"TR"}),
    ("Central America", {"HN", "GT", "NI"}, {"CO"}),
    ("worldwide", {"HN", "KE", "PH", "FR"}, set()),
    ("mundial", {"HN"}, set()),
    ("global", {"NZ"}, set()),
])
def test_regions_expand_to_their_countries(text, inside, outside):
    region = places.place(text)
    assert region.mapped and places.is_region(region.code)
    countries = places.countries_in(region.code)
    assert inside <= countries
    assert not outside & countries


def test_a_coverage_list_mixes_countries_and_regions():
    codes = [places.place(text).code for text in ("Spain", "East Africa")]
    assert places.expand(codes) >= {"ES", "KE", "UG"}
    assert "FR" not in places.expand(codes)


def test_currencies_are_iso_codes():
    assert places.currency("usd") == "USD"
    assert places.currency("dollars") is None
