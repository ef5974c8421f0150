"""Relations beyond ownership: joint-venture partners, financiers and contractors of a client.

They are related one link away, each hit says which way the party is tied to the client
and along which registry line, and a person must always look at one (the review band)."""

import pytest

from matcher.conflicts import reasons, registry
from matcher.conflicts.engine import ClientName, MemoryIndex, Party, Relation, Relations, party_keys
from matcher.conflicts.engine.relations import CONTRACTOR, FINANCIER, JOINT_VENTURE, KINDS, OWNERSHIP, ROLES

CLIENT = "Minera Andina S.A."


def _hits(party_name, relations, *clients):
    names = [ClientName(f"C{n}", name, name) for n, name in enumerate(clients or (CLIENT,), 1)]
    return MemoryIndex(names).screen([Party("p", party_name)], Relations(relations))


def _only(party_name, relations, *clients):
    [hit] = _hits(party_name, relations, *clients)
    return hit


@pytest.mark.parametrize(("party", "link", "role"), [
    ("Andes Security Services", ("Andes Security Services", CLIENT, CONTRACTOR), "contractor"),
    ("Andes Security Services", (CLIENT, "Andes Security Services", CONTRACTOR), "engages_contractor"),
    ("Banco del Sur", (CLIENT, "Banco del Sur", FINANCIER), "financier"),
    ("Banco del Sur", ("Banco del Sur", CLIENT, FINANCIER), "financed"),
    ("Pacific Copper Ltd", ("Pacific Copper Ltd", CLIENT, JOINT_VENTURE), "joint_venture"),
    ("Pacific Copper Ltd", (CLIENT, "Pacific Copper Ltd", JOINT_VENTURE), "joint_venture"),
])
def test_a_partner_financier_or_contractor_of_a_client_is_a_related_entity_to_review(party, link, role):
    hit = _only(party, [link])

    assert (hit.rule, hit.band, hit.client_id) == ("related", "review", "C1")
    assert hit.relation == Relation(role, link[:2])  # the registry's line, child first
    assert (hit.evidence.rule, hit.score) == ("equal", 1.0)  # the names are equal: only the tie is in doubt


def test_ownership_keeps_its_band_where_the_same_two_are_also_tied_by_a_loan():
    links = [("Minera Andina Perú", CLIENT, FINANCIER), ("Minera Andina Perú", CLIENT)]
    hit = _only("Minera Andina Perú", links)
    assert (hit.band, hit.relation.role) == ("conflict", "subsidiary")


@pytest.mark.parametrize("kind", [JOINT_VENTURE, FINANCIER, CONTRACTOR])
def test_the_other_kinds_reach_one_link_only(kind):
    chain = [("Guardia Privada SRL", "Andes Security Services", kind), ("Andes Security Services", CLIENT, kind)]
    assert _hits("Guardia Privada SRL", chain) == []


def test_no_other_kind_is_walked_through_ownership_nor_ownership_through_them():
    through_parent = [("Andes Security Services", "Grupo Andes Holdings", CONTRACTOR), (CLIENT, "Grupo Andes Holdings")]
    through_contractor = [("Andes Security Services", CLIENT, CONTRACTOR),
                          ("Andes Security Peru", "Andes Security Services")]
    assert _hits("Andes Security Services", through_parent) == []
    assert _hits("Andes Security Peru", through_contractor) == []


def test_ownership_is_still_walked_several_links_and_both_ways():
    chain = [("Andina Transportes", "Andina Logistica"), ("Andina Logistica", CLIENT)]
    hit = _only("Andina Transportes", chain)
    assert (hit.band, hit.relation) == ("conflict", Relation("subsidiary", ("Andina Transportes", "Andina Logistica",
                                                                            CLIENT)))
    assert _only("Minera Andina", chain, "Andina Transportes").relation.role == "parent"


def test_the_names_of_every_kind_of_relative_are_asked_of_the_index():
    links = [("Andes Security Services", "Cobre Sur", CONTRACTOR), ("Cobre Sur", "Banco del Sur", FINANCIER)]
    keys = party_keys([Party("p", "Cobre Sur")], Relations(links))
    assert keys >= party_keys([Party("a", "Andes Security Services"), Party("b", "Banco del Sur")])


def test_two_names_alone_are_ownership_and_every_kind_has_roles():
    assert _only("Andina Transportes", [("Andina Transportes", CLIENT)]).relation.role == "subsidiary"
    assert set(ROLES) == set(KINDS) and KINDS[0] == OWNERSHIP


@pytest.fixture
def worded(app):
    """A hit's reason as a coordinator reading in ``language`` reads it."""
    def words(hit, language="en"):
        with app.app_context(), app.test_request_context(headers={"Accept-Language": language}):
            return reasons.say(hit.data())
    return words


EQUAL = "'Minera Andina S.A.' equals the client name after normalisation"


@pytest.mark.parametrize(("party", "link", "sentence"), [
    ("Andes Security Services", ("Andes Security Services", CLIENT, CONTRACTOR),
     "Andes Security Services is a contractor of Minera Andina S.A. "
     "(path Andes Security Services -> Minera Andina S.A.)"),
    ("Andes Security Services", (CLIENT, "Andes Security Services", CONTRACTOR),
     "Andes Security Services engages Minera Andina S.A. as a contractor "
     "(path Minera Andina S.A. -> Andes Security Services)"),
    ("Banco del Sur", (CLIENT, "Banco del Sur", FINANCIER),
     "Banco del Sur finances Minera Andina S.A. (path Minera Andina S.A. -> Banco del Sur)"),
    ("Banco del Sur", ("Banco del Sur", CLIENT, FINANCIER),
     "Banco del Sur is financed by Minera Andina S.A. (path Banco del Sur -> Minera Andina S.A.)"),
    ("Pacific Copper Ltd", (CLIENT, "Pacific Copper Ltd", JOINT_VENTURE),
     "Pacific Copper Ltd is a joint-venture partner of Minera Andina S.A. "
     "(path Minera Andina S.A. -> Pacific Copper Ltd)"),
])
def test_each_tie_reads_as_what_the_party_is_of_the_client_with_its_path(worded, party, link, sentence):
    assert worded(_only(party, [link])) == f"related entity: {sentence}; {EQUAL}"


@pytest.mark.parametrize(("language", "sentence"), [
    ("es", "entidad relacionada: Andes Security Services es contratista de Minera Andina S.A. (cadena "),
    ("fr", "entité liée : Andes Security Services est prestataire de Minera Andina S.A. (chaîne "),
    ("pt", "entidade relacionada: Andes Security Services é contratada por Minera Andina S.A. (cadeia "),
])
def test_a_tie_is_worded_in_the_readers_language(worded, language, sentence):
    hit = _only("Andes Security Services", [("Andes Security Services", CLIENT, CONTRACTOR)])
    assert worded(hit, language).startswith(sentence)


def test_every_role_a_relation_gives_has_its_words():
    assert {role for roles in ROLES.values() for role in roles} == set(reasons._LINKS)


@pytest.mark.parametrize(("word", "kind"), [
    ("", OWNERSHIP), ("Owned by", OWNERSHIP), ("Société mère", OWNERSHIP), ("SUBSIDIÁRIA", OWNERSHIP),
    ("JV", JOINT_VENTURE), ("Joint-Venture Partner", JOINT_VENTURE), ("Empresa conjunta", JOINT_VENTURE),
    ("co-entreprise", JOINT_VENTURE), ("Consórcio", JOINT_VENTURE),
    ("Lender", FINANCIER), ("Bailleur de fonds", FINANCIER), ("Prêteur", FINANCIER), ("financiador", FINANCIER),
    ("Security contractor", CONTRACTOR), ("CONTRATISTA", CONTRACTOR), ("Sous-traitant", CONTRACTOR),
    ("Empreiteira", CONTRACTOR), ("contratada", CONTRACTOR),
    ("cousin", None), ("partner", None),
])
def test_a_relation_is_read_from_its_word_in_four_languages_whatever_its_case_and_accents(word, kind):
    assert registry.relation_kind(word) == kind


def test_no_word_names_two_kinds():
    words = [word for kind_words in registry._WORDS.values() for word in kind_words]
    assert len(words) == len(set(words)) and set(registry._WORDS) == set(KINDS)
