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


@pytest.mark.parametrize(("text", "code"), [
    ("medical care", "medical_care"), ("atención médica", "medical_care"), ("soins médicaux", "medical_care"),
    ("assistência médica", "medical_care"), ("medical bills", "medical_care"), ("gastos médicos", "medical_care"),
    ("relocation", "relocation"), ("reubicación temporal", "relocation"), ("relocalisation", "relocation"),
    ("realocação temporária", "relocation"), ("emergency relocation costs", "relocation"),
    ("prison visits", "prison_visits"), ("visitas a la cárcel", "prison_visits"),
    ("visites en prison", "prison_visits"), ("visitas à prisão", "prison_visits"),
    ("security measures", "security"), ("medidas de protección", "security"), ("mesures de sécurité", "security"),
    ("medidas de segurança", "security"),
    ("psychosocial support", "psychosocial"), ("apoyo psicosocial", "psychosocial"),
    ("soutien psychologique", "psychosocial"), ("saúde mental", "psychosocial"),
    ("family support", "family_support"), ("apoyo a familiares", "family_support"),
    ("soutien aux familles", "family_support"), ("apoio à família", "family_support"),
    ("digital security", "digital_security"), ("seguridad digital", "digital_security"),
    ("sécurité numérique", "digital_security"), ("cibersegurança", "digital_security"),
    ("digital security training", "digital_security"),
    ("legal fees", "local_lawyer_funding"), ("gastos legales", "local_lawyer_funding"),
    ("frais d'avocat", "local_lawyer_funding"), ("honorários advocatícios", "local_lawyer_funding"),
    ("bail bonds", "bail"), ("fianzas", "bail"), ("observation judiciaire", "trial_observation"),
    ("observação de julgamentos", "trial_observation"),
])
def test_what_emergency_grants_cover_is_understood_in_four_languages(text, code):
    assert taxonomy.help_kinds.map(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("women human rights defenders", "woman"), ("WHRDs", "woman"), ("defensoras", "woman"),
    ("defensoras de derechos humanos", "woman"), ("femmes défenseures des droits humains", "woman"),
    ("défenseuses", "woman"), ("mulheres defensoras de direitos humanos", "woman"),
    ("environmental defenders", "environmental"), ("land defenders", "environmental"),
    ("environmental and land defenders", "environmental"), ("defensoras ambientales", "environmental"),
    ("defensores del territorio", "environmental"), ("défenseurs de l'environnement", "environmental"),
    ("défenseures des terres", "environmental"), ("defensores ambientais", "environmental"),
    ("defensora da terra", "environmental"),
    ("indigenous peoples", "indigenous"), ("indigenous leaders", "indigenous"), ("indígenas", "indigenous"),
    ("líderes indígenas", "indigenous"), ("lideresas indígenas", "indigenous"), ("pueblos indígenas", "indigenous"),
    ("autochtones", "indigenous"), ("peuples autochtones", "indigenous"), ("dirigeantes autochtones", "indigenous"),
    ("povos indígenas", "indigenous"), ("lideranças indígenas", "indigenous"),
    ("indigenous human rights defenders", "indigenous"),
    ("community leaders", "community_leader"), ("líderes sociales", "community_leader"),
    ("lideresa comunitaria", "community_leader"), ("leaders communautaires", "community_leader"),
    ("lideranças comunitárias", "community_leader"),
    ("journalists", "journalist"), ("periodistas", "journalist"), ("comunicadoras", "journalist"),
    ("journalistes", "journalist"), ("jornalistas", "journalist"),
    ("trade unionists", "trade_unionist"), ("sindicalistas", "trade_unionist"),
    ("dirigentes sindicales", "trade_unionist"),
    ("syndicalistes", "trade_unionist"), ("dirigeante syndicale", "trade_unionist"),
    ("lideranças sindicais", "trade_unionist"),
    ("lawyers", "lawyer"), ("human rights lawyers", "lawyer"), ("abogadas", "lawyer"), ("avocates", "lawyer"),
    ("advogados de direitos humanos", "lawyer"),
    ("LGBTI+ defenders", "lgbti"), ("LGBTIQ+", "lgbti"), ("personas defensoras LGBTI", "lgbti"),
    ("défenseures LGBTI", "lgbti"), ("pessoas trans", "lgbti"),
    ("students", "student"), ("estudiantes", "student"), ("líderes estudiantiles", "student"),
    ("étudiantes", "student"), ("estudantes", "student"),
    ("human rights defenders", "individual"), ("defensoras y defensores de derechos humanos", "individual"),
    ("personas defensoras", "individual"), ("activistas", "individual"),
])
def test_the_kinds_of_defender_grants_aim_at_are_understood_in_four_languages_plurals_and_genders(text, code):
    assert taxonomy.defender_kinds.map(text).code == code


@pytest.mark.parametrize("text", ["indigenous women defenders", "mujeres indígenas", "femmes autochtones",
                                  "women environmental defenders"])
def test_a_text_naming_two_kinds_of_defender_is_not_guessed(text):
    found = taxonomy.defender_kinds.map(text)
    assert not found.mapped
    assert found.suggestion is not None


@pytest.mark.parametrize("text", ["youth activists", "human rights defenders in prison"])
def test_a_word_the_vocabulary_lacks_beside_a_defender_is_not_taken_for_any_defender(text):
    """A fund for youth activists read as open to every defender would take them all."""
    assert not taxonomy.defender_kinds.map(text).mapped


def test_a_word_means_what_it_means_in_its_own_vocabulary():
    assert taxonomy.defender_kinds.map("abogada").code == "lawyer"
    assert taxonomy.practice_areas.map("criminal lawyer").code == "criminal_defence"  # "lawyer" says nothing here
    assert taxonomy.defender_kinds.map("LGBTI human rights defenders").code == "lgbti"  # nor "human rights" here


@pytest.mark.parametrize("vocabulary", ["threats", "practice_areas", "help_kinds", "defender_kinds", "urgencies"])
def test_every_synonym_in_every_language_is_understood_as_its_own_code(vocabulary):
    entries = getattr(terms, vocabulary.upper())
    understood = getattr(taxonomy, vocabulary)
    wrong = [(code, synonym, understood.map(synonym).code) for code, entry in entries.items()
             for language in ("en", "es", "fr", "pt") for synonym in entry[language]
             if understood.map(synonym).code != code]
    assert wrong == []


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
