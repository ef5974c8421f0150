"""The kind of a client or a party as people write it: organization, company, empresa, société,
individual, pessoa física... read the same by the upload and the command line, and said back."""

import io

import pytest
from sqlalchemy import select

from matcher.conflicts.engine.kinds import ORGANISATION, PERSON, kind_of, readings
from matcher.extensions import db
from matcher.models import ClientEntry
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"


@pytest.mark.parametrize("word", [
    "organisation", "Organization", "ORGANISATION", "company", "Corporation", "entity", "Legal entity",
    "legal_entity", "empresa", "Sociedad", "Compañía", "compania", "société", "Entreprise", "personne morale",
    "pessoa jurídica", "sociedade", "",
])
def test_words_for_an_organisation(word):
    assert kind_of(word) == ORGANISATION


@pytest.mark.parametrize("word", [
    "person", "Person", "individual", "Natural person", "natural-person", "persona", "persona física",
    "personne", "Personne physique", "pessoa", "Pessoa Física", "particulier",
])
def test_words_for_a_person(word):
    assert kind_of(word) == PERSON


@pytest.mark.parametrize("word", ["robot", "org chart", "organisations!?x", "persons unknown"])
def test_other_words_are_neither(word):
    assert kind_of(word) is None


def test_the_readings_leave_out_the_kinds_own_names_and_count_the_rest():
    found = readings(["company", "Company", "organisation", "", "individual", "person", "Empresa"])

    assert found == {ORGANISATION: {"company": 2, "empresa": 1}, PERSON: {"individual": 1}}


def _upload(web, text: str, encoding: str = "utf-8"):
    return web.post("/firm/clients/upload", {"file": (io.BytesIO(text.encode(encoding)), "clients.csv")},
                    content_type="multipart/form-data", follow_redirects=True)


def test_an_upload_accepts_the_words_people_write_and_says_how_it_read_them(web):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)

    page = _upload(web, HEADER + "C1,Minera Andina S.A.,,Company,HN,,\n"
                                 "C2,Andina Holdings,,company,GB,,\n"
                                 "C3,Ana Pérez,,Persona física,HN,,\n"
                                 "C4,Acme,,organisation,GB,,\n").get_data(as_text=True)

    kinds = {entry.external_id: entry.kind for entry in db.session.scalars(select(ClientEntry))}
    assert kinds == {"C1": ORGANISATION, "C2": ORGANISATION, "C3": PERSON, "C4": ORGANISATION}
    assert "Read as organisations: company (2)." in page
    assert "Read as people: persona física (1)." in page


def test_a_kind_that_is_neither_refuses_the_file_naming_the_line_and_the_word(web):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)

    page = _upload(web, HEADER + "C1,Minera Andina S.A.,,company,HN,,\nC2,Rex,,dog,HN,,\n").get_data(as_text=True)

    assert "line 3: kind &#39;dog&#39; is neither an organisation nor a person" in page
    assert db.session.scalar(select(ClientEntry.id)) is None


def test_the_command_line_reads_a_utf16_semicolon_party_file_with_these_words_and_says_so(app, tmp_path):
    clients = tmp_path / "clients.csv"
    clients.write_text(HEADER + "C1,Minera Andina S.A.,,Organization,CL,,\n", encoding="utf-8")
    parties = tmp_path / "parties.csv"
    parties.write_text("id;name;aliases;kind;country\np1;MINERA ANDNA SA;;Empresa;CL\n", encoding="utf-16")

    result = app.test_cli_runner().invoke(args=["conflicts", "screen", str(clients), str(parties)])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("p1,C1,conflict,")
    assert f"{clients}: Read as organisations: organization (1)." in result.stderr
    assert f"{parties}: Read as organisations: empresa (1)." in result.stderr


def test_the_command_line_refuses_a_party_of_no_known_kind(app, tmp_path):
    clients = tmp_path / "clients.csv"
    clients.write_text(HEADER + "C1,Minera Andina S.A.,,,CL,,\n", encoding="utf-8")
    parties = tmp_path / "parties.csv"
    parties.write_text("id,name,aliases,kind,country\np1,Minera Andina,,mineral,CL\n", encoding="utf-8")

    result = app.test_cli_runner().invoke(args=["conflicts", "screen", str(clients), str(parties)])

    assert result.exit_code == 1
    assert "line 2: kind 'mineral' is neither an organisation nor a person" in result.output
