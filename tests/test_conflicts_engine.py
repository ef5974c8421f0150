"""The conflict engine's first form: equal after normalisation is a conflict, with a reason."""

import pytest

from matcher.conflicts import ClientName, Party, name_key, party_keys, screen


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


def test_a_party_equal_to_a_client_is_a_conflict_with_its_reason():
    party = Party(id="p1", name="MINERA ANDINA, S.A.")
    client = ClientName(client_id="C7", name="Minera Andina S.A.", client_name="Minera Andina S.A.")
    [hit] = screen([party], [client])
    assert (hit.party_id, hit.client_id, hit.band, hit.score) == ("p1", "C7", "conflict", 1.0)
    assert "equals the client name after normalisation" in hit.reason


def test_a_party_alias_matching_a_client_alias_is_found_once():
    party = Party(id="p1", name="Grupo Pinares", aliases=("Los Pinares Group",))
    names = [
        ClientName("N1", "Inversiones Los Pinares", "Inversiones Los Pinares"),
        ClientName("N1", "Los Pinares Group", "Inversiones Los Pinares", is_alias=True),
    ]
    [hit] = screen([party], names)
    assert hit.party_name == "Los Pinares Group"
    assert "client alias 'Los Pinares Group'" in hit.reason


def test_unrelated_clients_are_not_hits():
    assert screen([Party(id="p1", name="Andes Copper")], [ClientName("C1", "Andes Gold", "Andes Gold")]) == []


def test_party_keys_cover_every_name_and_alias():
    parties = [Party(id="1", name="A.B.C. Ltd", aliases=("Alpha",)), Party(id="2", name="  ")]
    assert party_keys(parties) == {"abc ltd", "alpha"}
