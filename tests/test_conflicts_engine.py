"""The conflict engine: normalisation, index keys, scoring and related entities.

A hit keeps what it rests on as data; the tests that read its reason word it as a coordinator
in English would read it (``conflicts.reasons``), which takes the app for its language."""

import pytest

from matcher.conflicts import reasons
from matcher.conflicts.engine import (
    COMMON_KEY_LIMIT,
    RARE_LIMIT,
    RULES,
    ClientName,
    Evidence,
    MemoryIndex,
    Party,
    Relation,
    Relations,
    asked_keys,
    index_keys,
    is_whole_key,
    key_limit,
    lookup_keys,
    name_key,
    normalise,
    party_keys,
    rare_word_keys,
    screen,
    screen_lists,
)
from matcher.conflicts.engine.keys import KEYS_VERSION, SLOT_KEY_LIMIT
from matcher.conflicts.engine.persons import is_person
from matcher.conflicts.engine.score import compare


@pytest.fixture
def worded(app):
    """A hit's reason in English, as the coordinator's pages and the command line give it."""
    def words(hit):
        with app.test_request_context():
            return reasons.say(hit.data())
    return words


@pytest.mark.parametrize(
    "one, other",
    [
        ("Minera Andina S.A.", "MINERA ANDINA SA"),
        ("Hidroeléctrica Río Blanco", "hidroelectrica rio blanco"),
        ("Société Générale", "SOCIETE GENERALE"),
        ("Inversiones Los Pinares, S.A.", "Inversiones  Los-Pinares S.A"),
        ("Ｔｏｙｏｔａ", "toyota"),
        ("O'Brien & Sons Ltd.", "OBrien & Sons Ltd"),
    ],
)
def test_spellings_of_one_name_share_a_key(one, other):
    assert name_key(one) == name_key(other)


def test_different_names_keep_different_keys():
    assert name_key("Andes Copper") != name_key("Andes Gold")


def test_a_party_equal_to_a_client_is_a_conflict_with_its_reason(worded):
    party = Party(id="p1", name="MINERA ANDINA, S.A.")
    client = ClientName(client_id="C7", name="Minera Andina S.A.", client_name="Minera Andina S.A.")
    [hit] = screen([party], [client])
    assert (hit.party_id, hit.client_id, hit.band, hit.score) == ("p1", "C7", "conflict", 1.0)
    assert "equals the client name after normalisation" in worded(hit)


def test_a_party_alias_matching_a_client_alias_is_found_once(worded):
    party = Party(id="p1", name="Grupo Pinares", aliases=("Los Pinares Group",))
    names = [
        ClientName("N1", "Inversiones Los Pinares", "Inversiones Los Pinares"),
        ClientName("N1", "Los Pinares Group", "Inversiones Los Pinares", is_alias=True),
    ]
    [hit] = screen([party], names)
    assert hit.party_name == "Los Pinares Group"
    assert "client alias 'Los Pinares Group'" in worded(hit)


def test_unrelated_clients_are_not_hits():
    assert screen([Party(id="p1", name="Andes Copper")], [ClientName("C1", "Andes Gold", "Andes Gold")]) == []


def test_party_keys_cover_every_name_and_alias():
    parties = [Party(id="1", name="A.B.C. Ltd", aliases=("Alpha",)), Party(id="2", name="  ")]
    assert party_keys(parties) == asked_keys("A.B.C. Ltd") | asked_keys("Alpha")
    assert {"n:abc", "n:alpha"} <= party_keys(parties)


def _client(client_id, name, *aliases, lei="", parent=""):
    """Every indexed name of one client entry, as the index hands them to ``screen``."""
    return [ClientName(client_id, alias, name, is_alias=position > 0, lei=lei, parent=parent)
            for position, alias in enumerate((name, *aliases))]


def _only_hit(party_name, *clients, aliases=(), relations=None, kind="organisation"):
    names = [name for client in clients for name in client]
    hits = MemoryIndex(names).screen([Party("p", party_name, aliases=aliases, kind=kind)], relations)
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    "one, other",
    [
        ("ПАО Газпром", "Gazprom PJSC"),
        ("Société Générale S.A.", "Societe Generale"),
        ("Siemens Aktiengesellschaft", "SIEMENS AG"),
        ("Volkswagen GmbH & Co. KG", "Volkswagen"),
        ("Malayan Banking Berhad", "Malayan Banking Bhd"),
        ("PTT Public Company Limited", "PTT PCL"),
        ("ENI S.p.A.", "Eni SpA"),
        ("Exxon Mobil Corporation", "Exxon Mobil"),
        ("OOO Ромашка", "Romashka LLC"),
    ],
)
def test_legal_forms_in_many_languages_are_set_aside(one, other):
    assert normalise(one).core == normalise(other).core


def test_a_legal_form_is_kept_as_a_feature_of_the_name():
    name = normalise("Minera Andina S.A.")
    assert (name.core, name.forms) == (("minera", "andina"), ("sa",))


def test_a_legal_form_word_inside_a_name_stays():
    assert normalise("Bank AG Berlin").core == ("bank", "ag", "berlin")


def test_names_in_other_scripts_are_transliterated():
    assert normalise("Газпром").core == ("gazprom",)
    assert normalise("Βιοχάλκο Α.Ε.").core == ("viochalko",)
    assert normalise("中国石油").core == ("zhong", "guo", "shi", "you")


@pytest.mark.parametrize(
    "party, client, band, words",
    [
        ("ПАО Газпром", "Gazprom PJSC", "conflict", "equals the client name after normalisation"),
        ("Societe Generale", "Société Générale S.A.", "conflict", "equals the client name after normalisation"),
        ("ExxonMobil", "Exxon Mobil Corporation", "conflict", "joined/split words"),
        ("Minera Andna S.A.", "Minera Andina S.A.", "conflict", "typo: 'andna' vs 'andina'"),
        ("Minera Andian", "Minera Andina", "conflict", "typo: 'andian' vs 'andina'"),
        ("Andina Minera", "Minera Andina", "conflict", "word order"),
        ("Minera Andina Ltd", "Minera Andina S.A.", "conflict", "legal form differs: LTD vs SA"),
        ("IBM", "International Business Machines Corp", "review", "acronym: 'IBM' is the initials"),
        ("Minera Andina del Sur", "Minera Andina", "review", "extra words: 'sur'"),
        ("Andes Gild", "Andes Gold", "review", "typo: 'gild' vs 'gold'"),
        ("PDVSA", "Petróleos de Venezuela S.A.", "review", "'PDVSA' is the initials of 'petroleos de venezuela sa'"),
        ("Lundin Holdings", "Lundin Mining Corporation", "review",
         "both names have 'lundin', and their other words are generic: 'holdings' vs 'mining'"),
    ],
)
def test_names_are_scored_with_a_band_and_a_readable_reason(party, client, band, words, worded):
    hit = _only_hit(party, _client("C1", client))
    assert hit.band == band
    assert words in worded(hit)
    assert 0 < hit.score <= 1


def test_aliases_carry_names_no_spelling_rule_can_find(worded):
    pemex = _client("C1", "Petróleos Mexicanos", "PEMEX")
    assert "client alias 'PEMEX'" in worded(_only_hit("PEMEX", pemex))
    petrochina = _client("C2", "PetroChina Company Limited", "中国石油天然气股份有限公司")
    hit = _only_hit("中国石油天然气股份有限公司", petrochina)
    assert (hit.client_id, hit.band) == ("C2", "conflict")
    aramco = _client("C3", "Saudi Arabian Oil Company", "أرامكو السعودية")
    hit = _only_hit("Saudi Aramco", aramco, aliases=("أرامكو السعودية",))
    assert (hit.client_id, hit.band, hit.party_name) == ("C3", "conflict", "أرامكو السعودية")


# One pair of names per rule of ``compare``: the rule a hit rests on is data, not words to read back.
COMPARE_RULES = [
    ("MINERA ANDINA, S.A.", "Minera Andina S.A.", "equal"),
    ("Andina Minera Ltd", "Minera Andina S.A.", "equal"),
    ("ExxonMobil", "Exxon Mobil Corporation", "joined"),
    ("Minera Andna S.A.", "Minera Andina S.A.", "typo"),
    ("Minera Andina del Sur", "Minera Andina", "extra_words"),
    ("PacificS.A.", "Pacific Ltd", "similar"),
    ("IBM", "International Business Machines Corp", "acronym"),
    ("Lundin Holdings", "Lundin Mining Corporation", "shared_word"),
]


@pytest.mark.parametrize("party, client, rule", COMPARE_RULES)
def test_a_hit_carries_the_rule_it_rests_on(party, client, rule):
    hit = _only_hit(party, _client("C1", client))
    assert (hit.rule, hit.evidence.rule, hit.evidence.name, hit.relation) == (rule, rule, party, None)


def test_every_rule_of_the_vocabulary_is_one_a_hit_can_rest_on():
    # "positional": a firm's declared sector, not a pair of names (tests/test_positional_conflicts.py).
    assert {rule for _, _, rule in COMPARE_RULES} | {"identifier", "related", "positional", "person"} == set(RULES)


def test_a_hit_on_a_client_alias_keeps_the_alias_apart_from_its_rule():
    hit = _only_hit("PEMEX", _client("C1", "Petróleos Mexicanos", "PEMEX"))
    assert hit.evidence == Evidence("equal", (), "PEMEX", client_alias="PEMEX")
    assert hit.rule == "equal"


def test_an_equal_lei_is_a_conflict_whatever_the_names(worded):
    client = _client("C1", "Siemens AG", lei="W38RGI023J3WT1HWRP32")
    hits = MemoryIndex(client).screen([Party("p", "Siemens Beteiligungen", lei="w38rgi023j3wt1hwrp32")])
    assert [(h.band, worded(h)) for h in hits] == [("conflict", "identifier equal: LEI W38RGI023J3WT1HWRP32")]
    assert (hits[0].rule, hits[0].evidence.detail) == ("identifier", (("lei", "W38RGI023J3WT1HWRP32"),))


@pytest.mark.parametrize(
    "party, client",
    [("Andes Copper", "Andes Gold"), ("BT", "BP"), ("Apple", "Apple Bank for Savings"),
     ("Banco Santander", "Banco Sabadell"), ("Minera Andina", "Minera Austral")],
)
def test_look_alike_companies_are_no_hit(party, client):
    assert MemoryIndex(_client("C1", client)).screen([Party("p", party)]) == []


def test_short_and_common_names_are_found_when_equal():
    clients = _client("C1", "BP p.l.c.") + _client("C2", "Apple Inc.") + _client("C3", "Bank")
    hits = MemoryIndex(clients).screen([Party("1", "BP"), Party("2", "APPLE"), Party("3", "Bank Ltd")])
    assert {(h.party_id, h.client_id, h.band) for h in hits} == {
        ("1", "C1", "conflict"), ("2", "C2", "conflict"), ("3", "C3", "conflict")}


def test_common_words_bring_no_candidates_but_whole_names_always_do():
    common = [ClientName(str(i), f"Bank of Place{i}", f"Bank of Place{i}") for i in range(30)]
    index = MemoryIndex(common + _client("X", "Bank"), limit=10)
    keys = party_keys([Party("p", "Bank")])
    asked = lookup_keys(keys, lambda key: len(index.postings.get(key, ())), 10)
    assert "n:bank" in asked and "d:bank" not in asked
    assert not any(is_whole_key(key) for key in keys - asked)
    assert [c.client_id for c in index.candidates(keys)] == ["X"]


def test_a_common_pair_of_words_with_one_initial_brings_no_candidates_but_a_typo_still_does():
    """Thirty "T... Logistics Minera" share a slot key, past its limit though under a word key's."""
    others = [f"{first}{n:03d}x Logistics Minera" for n, first in enumerate("t" * 30 + "abcdefghijklmnopqrsuvwxyz" * 4)]
    index = MemoryIndex([name for n, other in enumerate(others) for name in _client(f"C{n}", other)]
                        + _client("X", "Tarri Logistics Minera"))
    keys = party_keys([Party("p", "Tari Logistics Minera")])
    slot = "s:t|logistics minera"
    assert slot in keys and key_limit(slot) == SLOT_KEY_LIMIT < COMMON_KEY_LIMIT == key_limit("d:tari")
    assert SLOT_KEY_LIMIT < len(index.postings[slot]) < COMMON_KEY_LIMIT
    assert [c.client_id for c in index.candidates(keys)] == ["X"]


def test_every_single_typo_shares_a_key():
    for typo in ("Santandr", "Santaner", "Snatander", "Xantander", "Santannder", "Santandex"):
        assert index_keys("Santander") & index_keys(typo), typo


def test_a_typo_meets_its_name_through_the_other_words_not_through_the_typo_alone():
    """A deletion shared ("coreton", "noemer") brings a candidate only with the other words alike."""
    typo_keys = {key for key in index_keys("Copper Corpeton PCL") & index_keys("Copper Cordeton S.p.A.")
                 if key.startswith("e:")}
    assert typo_keys == {"e:coreton|cop"}
    assert index_keys("Nodemer Group PJSC") & index_keys("Nopemer Gold S.R.L.") == set()
    assert index_keys("Group Nodemer") & index_keys("Nopemer Group")  # in either word order


def test_screening_several_lists_at_once_keeps_each_lists_hits_apart():
    lists = {1: _client("C1", "Minera Andina S.A."),
             2: _client("C1", "Andes Gold Ltd") + _client("C2", "Minera Andyna")}
    hits = screen_lists([Party("p", "Minera Andina")], lists)
    assert {key: [(h.client_id, h.band) for h in found] for key, found in hits.items()} == {
        1: [("C1", "conflict")], 2: [("C2", "conflict")]}
    assert hits[2] == screen([Party("p", "Minera Andina")], lists[2])


def test_a_subsidiary_in_the_registry_is_a_related_entity_with_its_path(worded):
    relations = Relations([("Gazprom Germania GmbH", "Gazprom Export LLC"), ("Gazprom Export LLC", "Gazprom")])
    hit = _only_hit("Gazprom Germania GmbH", _client("C1", "PJSC Gazprom"), relations=relations)
    assert hit.band == "conflict"
    assert worded(hit).startswith(
        "related entity: Gazprom Germania GmbH is a subsidiary of PJSC Gazprom "
        "(path Gazprom Germania GmbH -> Gazprom Export LLC -> Gazprom)")
    assert (hit.rule, hit.evidence.rule, hit.evidence.name) == ("related", "equal", "Gazprom")
    assert hit.relation == Relation("subsidiary", ("Gazprom Germania GmbH", "Gazprom Export LLC", "Gazprom"))


def test_a_parent_in_the_registry_is_a_related_entity(worded):
    relations = Relations([("Minera Andina S.A.", "Grupo Andes Holdings")])
    hit = _only_hit("Grupo Andes Holdings", _client("C1", "Minera Andina"), relations=relations)
    assert ("Grupo Andes Holdings is a parent of Minera Andina "
            "(path Minera Andina S.A. -> Grupo Andes Holdings)") in worded(hit)
    assert (hit.rule, hit.relation.role, hit.relation.in_firm_list) == ("related", "parent", False)


def test_a_party_matching_a_client_relates_to_its_family_in_the_firm_list(worded):
    clients = (_client("P", "Grupo Andes") + _client("C", "Minera Andina", parent="P")
               + _client("G", "Andina Transportes", parent="C"))
    hits = {h.client_id: h for h in MemoryIndex(clients).screen([Party("p", "Minera Andina SA")])}
    assert set(hits) == {"P", "C", "G"}
    assert "Minera Andina SA is a subsidiary of Grupo Andes (path Minera Andina -> Grupo Andes" in worded(hits["P"])
    assert ("Minera Andina SA is a parent of Andina Transportes "
            "(path Andina Transportes -> Minera Andina") in worded(hits["G"])
    assert (hits["C"].rule, hits["P"].rule, hits["G"].rule) == ("equal", "related", "related")
    assert hits["P"].relation == Relation("subsidiary", ("Minera Andina", "Grupo Andes"), in_firm_list=True)
    assert hits["G"].relation == Relation("parent", ("Andina Transportes", "Minera Andina"), in_firm_list=True)
    assert hits["P"].evidence == hits["G"].evidence == hits["C"].evidence


def test_a_related_hit_in_the_firm_list_keeps_the_rule_of_the_hit_it_comes_from(worded):
    clients = _client("P", "Grupo Andes") + _client("C", "Siemens AG", lei="W38RGI023J3WT1HWRP32", parent="P")
    party = Party("p", "Beteiligungen", lei="W38RGI023J3WT1HWRP32")
    hits = {h.client_id: h for h in MemoryIndex(clients).screen([party])}
    assert (hits["C"].rule, hits["P"].rule, hits["P"].evidence.rule) == ("identifier", "related", "identifier")
    assert worded(hits["P"]).endswith("(path Siemens AG -> Grupo Andes, in the firm's list); "
                                     "identifier equal: LEI W38RGI023J3WT1HWRP32")


def test_one_hit_per_party_and_client_keeps_the_strongest_reason():
    client = _client("C1", "Minera Andina S.A.", "Minera Andna")
    [hit] = MemoryIndex(client).screen([Party("p", "Minera Andina", aliases=("Minera Andna",))])
    assert (hit.band, hit.score) == ("conflict", 1.0)


# The kinds of miss of issue 13 ("What the engine missed").


@pytest.mark.parametrize(
    "short, full",
    [
        ("Natl. Bank of Cuba", "National Bank of Cuba"),
        ("Nat'l Bank of Cuba", "National Bank of Cuba"),
        ("Andes Intl Mfg. Hldgs", "Andes International Manufacturing Holdings"),
        ("Int'l Dev. Corp of Africa", "International Development Corporation of Africa"),
        ("Acme Ind.", "Acme Industries"),
        ("Banco de Crédito e Inv.", "Banco de Crédito e Inversiones"),
        ("Cía. Gral. de Minas", "Compañía General de Minas"),
        ("Soc. Minera Cerro Verde", "Sociedad Minera Cerro Verde"),
        ("Dorvel Bros", "Dorvel Brothers"),
        ("Smith & Assoc.", "Smith Associates"),
        ("Andes Svcs Mgmt", "Andes Services Management"),
        ("Michelin et Cie", "Compagnie Michelin"),
        ("Sodimac Ltda Chile", "Sodimac Limitada Chile"),
    ],
)
def test_an_abbreviated_word_reads_as_the_whole_word(short, full):
    assert normalise(short).core == normalise(full).core
    assert {key for key in index_keys(short) if key.startswith("n:")} == \
        {key for key in index_keys(full) if key.startswith("n:")}
    hit = _only_hit(short, _client("C1", full))
    assert (hit.band, hit.rule) == ("conflict", "equal")


@pytest.mark.parametrize(
    "short, full, band",
    [
        ("Acme Ind.", "Acme Industrias", "conflict"),
        ("Vale Cia. Mineira", "Vale Companhia Mineira", "conflict"),
        ("Soc. Générale de Surveillance", "Société Générale de Surveillance", "review"),
    ],
)
def test_an_abbreviation_is_a_hit_on_its_word_in_another_language(short, full, band):
    assert _only_hit(short, _client("C1", full)).band == band


def test_a_name_of_one_word_is_not_read_as_an_abbreviation():
    assert normalise("CIA").core == ("cia",)
    assert normalise("Ind").core == ("ind",)


@pytest.mark.parametrize(
    "initials, name, words",
    [
        ("PDVSA", "Petróleos de Venezuela S.A.", "petroleos de venezuela sa"),
        ("P.D.V.S.A.", "Petroleos de Venezuela SA", "petroleos de venezuela sa"),
        ("YPF", "Yacimientos Petrolíferos Fiscales S.A.", "yacimientos petroliferos fiscales"),
        ("CFE", "Comisión Federal de Electricidad", "comision federal electricidad"),
        ("CANTV", "Compañía Anónima Nacional Teléfonos de Venezuela", "compania anonima nacional telefonos venezuela"),
        ("BOA", "Bank of America", "bank of america"),
        ("CSN", "Companhia Siderúrgica Nacional", "companhia siderurgica nacional"),
    ],
)
def test_initials_with_or_without_particles_and_legal_form_are_a_review_hit(initials, name, words):
    assert asked_keys(initials) & index_keys(name) and asked_keys(name) & index_keys(initials)
    hit = _only_hit(initials, _client("C1", name))
    assert (hit.band, hit.rule) == ("review", "acronym")
    assert hit.evidence.detail == (("initials", initials.replace(".", "")), ("words", words))
    assert _only_hit(name, _client("C1", initials)).rule == "acronym"


def test_names_with_the_same_initials_do_not_meet_through_them():
    assert not asked_keys("Petróleos de Venezuela S.A.") & index_keys("Pinturas de Valencia S.A.")


def test_two_letters_are_no_ones_initials():
    assert MemoryIndex(_client("C1", "Petróleos de Venezuela")).screen([Party("p", "PV")]) == []


@pytest.mark.parametrize(
    "accented, plain",
    [
        ("Compañía Minera Antamina S.A.A.", "Compania Minera Antamina S.A.A."),
        ("Compañía Minera Antamina", "Compania Minera Antamina"),
        ("Cía. Minera Antamina", "Cia. Minera Antamina"),
        ("Vale Sociedade Anônima", "Vale Sociedade Anonima"),
        ("Dorvel Société par actions simplifiée", "Dorvel Societe par actions simplifiee"),
        ("Dorvel Ltée", "Dorvel Ltee"),
    ],
)
def test_legal_forms_are_the_same_with_and_without_accents(accented, plain):
    one, other = normalise(accented), normalise(plain)
    assert (one.core, one.kinds) == (other.core, other.kinds)
    assert one.forms


def test_a_name_with_and_without_its_accented_form_is_a_conflict():
    hit = _only_hit("Compania Minera Antamina", _client("C1", "Compañía Minera Antamina S.A.A."))
    assert (hit.band, hit.rule) == ("conflict", "equal")
    assert normalise("Compañía Minera Antamina S.A.A.").core == ("minera", "antamina")


def test_a_rare_word_with_generic_words_around_it_is_a_review_hit():
    hit = _only_hit("Lundin Holdings", _client("C1", "Lundin Mining Corporation"))
    assert (hit.band, hit.rule) == ("review", "shared_word")
    assert hit.evidence.detail == (("word", "lundin"), ("party", "holdings"), ("client", "mining"))


@pytest.mark.parametrize(
    "party, client",
    [("Lundin Holdings", "Adolf Lundin"), ("Andina Holdings", "Andina Mining"), ("Lundin Holdings", "Lundin Lodge")],
)
def test_a_shared_word_is_no_hit_when_other_words_are_not_generic_or_it_is_a_generic_one(party, client):
    assert MemoryIndex(_client("C1", client)).screen([Party("p", party)]) == []


def test_a_word_the_index_holds_for_many_names_is_not_rare():
    client = _client("C1", "Lundin Mining Corporation")
    party = [Party("p", "Lundin Holdings")]
    assert rare_word_keys(party) == {"d:lundin"}
    assert screen(party, client, common={"d:lundin"}) == []
    few = [ClientName(str(i), f"Lundin Place{i}", f"Lundin Place{i}") for i in range(RARE_LIMIT - 1)]
    assert [hit.client_id for hit in MemoryIndex(few + client).screen(party)] == ["C1"]
    many = few + [ClientName("X", "Lundin Lodge", "Lundin Lodge")]
    assert MemoryIndex(many + client).common({"d:lundin"}) == {"d:lundin"}
    assert MemoryIndex(many + client).screen(party) == []


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ('ПАО "Газпром"', "Gazprom PJSC"),
        ("ООО «Лукойл-Западная Сибирь»", "Lukoil West Siberia LLC"),
        ("ЗАО «Ромашка»", "Romashka CJSC"),
        ("ОАО «Северсталь»", "Severstal OJSC"),
        ("АО «Тинькофф Банк»", "Tinkoff Bank JSC"),
        ("ИП Иванов", "Ivanov"),
    ],
)
def test_cyrillic_names_lose_their_form_in_front_and_meet_their_english_name(cyrillic, latin):
    assert normalise(cyrillic).core == normalise(latin).core
    for party, client in ((cyrillic, latin), (latin, cyrillic)):
        hit = _only_hit(party, _client("C1", client))
        assert (hit.band, hit.rule) == ("conflict", "equal")


def test_russian_words_are_translated_only_in_cyrillic():
    assert normalise("Severn Trent").core == ("severn", "trent")
    assert normalise("Северная Звезда").core == ("north", "zvezda")


# -- person names (issue 13, "People") -----------------------------------------------------------

PERSON_BANDS = [
    # The same up to spelling: order, particles, one typo in a long word, a transliteration.
    ("García López, Juan", "Juan García López", "conflict", "equal"),
    ("Jan Dijk", "Jan van Dijk", "conflict", "equal"),
    ("Sergey Ivanov", "Sergei Ivanov", "conflict", "person"),
    ("Juan Garcya López", "Juan García López", "conflict", "person"),
    ("Juan García Lopes", "Juan García López", "review", "person"),  # a typo in a short word
    # A rare surname with another form of the given name is one person.
    ("Muhammad Dorvelan", "Mohammed Dorvelan", "conflict", "person"),
    ("Bob Dorvelan", "Robert Dorvelan", "conflict", "person"),
    # Under a common surname, or with an initial, a part missing or two typos, a person must look.
    ("Bob Smith", "Robert Smith", "review", "person"),
    ("Pepe Smith", "José Smith", "review", "person"),
    ("J. García López", "Juan García López", "review", "person"),
    ("J. M. García", "José María García", "review", "person"),
    ("García López", "Juan García López", "review", "person"),
    ("Juan García", "Juan García López", "review", "person"),
    ("Jaun Garcya", "Juan García", "review", "person"),
    ("Narender Modi", "Narendra Modi", "review", "person"),
    # "Juana" is another person than "Juan", or a typo: a coordinator decides, never the conflict band.
    ("Juana García", "Juan García", "review", "person"),
    ("Francisca Dorvelan", "Francisco Dorvelan", "review", "person"),
    # A rare surname alone is evidence; a common one is not.
    ("Dorvelan", "Juan Dorvelan", "review", "person"),
]


def _person_verdict(party, client, common=("garcia", "smith", "lopez", "juan", "jose", "modi")):
    return compare(normalise(party), normalise(client), frozenset(common), person=True)


@pytest.mark.parametrize("party, client, band, rule", PERSON_BANDS)
def test_a_person_written_another_way_is_a_hit_in_the_band_the_evidence_allows(party, client, band, rule):
    verdict = _person_verdict(party, client)
    assert (verdict.band, verdict.rule) == (band, rule)


@pytest.mark.parametrize("party, client", [
    ("Pedro García", "Juan García"),  # a common surname and another given name
    ("Juan Pérez", "Juan García"),  # the same given name and another surname
    ("Smith", "John Smith"),  # a common surname alone
    ("Juan García Pérez", "Juan García López"),  # a part each that the other lacks
    ("Olga Dorvelan", "Juan Dorvelan"),  # even a rare surname, with another given name
])
def test_people_who_share_a_part_only_are_no_hit(party, client):
    assert _person_verdict(party, client) is None


def test_a_person_hit_says_how_each_part_differs():
    verdict = _person_verdict("J. Garcya Lopez", "Juan García López")
    assert dict(verdict.detail)["differences"] == (("typo", "garcya", "garcia"), ("initial", "j", "juan"))


def test_person_rules_apply_when_the_kinds_say_people_or_the_names_look_like_people():
    robert = [ClientName("C1", "Robert Smith", "Robert Smith", kind="person")]
    unknown = [ClientName("C1", "Robert Smith", "Robert Smith")]
    company = [ClientName("C1", "Robert Smith", "Robert Smith", kind="organisation")]
    assert [h.rule for h in MemoryIndex(robert).screen([Party("p", "Bob Smith", kind="person")])] == ["person"]
    assert [h.rule for h in MemoryIndex(unknown).screen([Party("p", "Bob Smith", kind="person")])] == ["person"]
    assert MemoryIndex(company).screen([Party("p", "Bob Smith", kind="person")]) == []
    assert MemoryIndex(robert).screen([Party("p", "Bob Smith")]) == []


def test_a_person_with_a_legal_form_is_read_as_a_company():
    assert not is_person("person", normalise("Juan Garcia SA"))
    assert is_person("person", normalise("Juan Garcia")) and is_person("", normalise("Juan Garcia"))
    assert not is_person("", normalise("Garcia Mining")) and not is_person("organisation", normalise("Juan Garcia"))


def test_the_parts_of_a_persons_name_are_asked_of_the_index_for_how_rare_they_are():
    assert rare_word_keys([Party("p", "Ahmed bin Li", kind="person")]) == {"d:ahmed", "d:li"}
    assert rare_word_keys([Party("p", "Li Holdings")]) == set()


@pytest.mark.parametrize("one, other", [
    ("Bob Smith", "Robert Smith"), ("Pepe Dorvelan", "José Dorvelan"), ("Juan García", "Juan García López"),
    ("J. M. García", "José María García"), ("Jaun Garcya", "Juan García"), ("A. Gupta", "Anil Gupta"),
])
def test_a_person_written_another_way_shares_a_key_with_the_listed_one(one, other):
    assert index_keys(one) & asked_keys(other)
    assert KEYS_VERSION >= 3


def test_a_person_hit_is_worded_with_each_difference(worded):
    hit = _only_hit("J. Garcya Lopez", [ClientName("C1", "Juan García López", "Juan García López", kind="person")],
                    kind="person")
    said = worded(hit)
    assert "'garcya' for 'garcia' (typo)" in said and "'j' for 'juan' (an initial)" in said


@pytest.mark.parametrize("name", ["Grupo México S.A.B. de C.V.", "Petróleos de Venezuela S.A.", "ООО Газпром нефть",
                                  "Kabushiki Kaisha Toyota", "J. M. García", "Natl. Mfg. Hldgs"])
def test_a_stored_name_reads_back_as_the_name_normalised(name):
    """Lists keep each name's normal form (``NormalName.stored``); a candidate read from it is
    the name normalised now, its core readable alone."""
    normal = normalise(name)
    candidate = ClientName("C-1", name, name, stored=normal.stored())
    assert candidate.core == normal.core
    assert candidate.normal == normal
