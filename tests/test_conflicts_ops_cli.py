"""A coordinator's screening operations from the command line: import a list, import relations, re-screen."""

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, ClientEntry, ConflictCheck, CorporateRelation
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _invoke(app, *args):
    return app.test_cli_runner().invoke(args=["conflicts", *args])


def _result(need, firm) -> str:
    db.session.expire_all()
    return db.session.scalar(select(ConflictCheck.result).where(ConflictCheck.need_id == need.id,
                                                                ConflictCheck.firm_id == firm.id))


def _clients(firm) -> list[tuple[str, str]]:
    return [(e.external_id, e.name) for e in db.session.scalars(
        select(ClientEntry).where(ClientEntry.firm_id == firm.id).order_by(ClientEntry.external_id))]


def test_import_clients_replaces_the_list_and_rescreens_open_needs(app, tmp_path):
    firm = factories.firm(name="Bufete Minero", clients="OLD,Old Client Ltd,,organisation,HN,,\n")
    need = factories.need(factories.defender(), state="verified")
    assert _result(need, firm) == "clear"
    path = _write(tmp_path, "clients.csv", HEADER + "C1,Minera Andina S.A.,,organisation,HN,,\n"
                                                    "C2,Banco Reservado S.A.,,organisation,HN,,\n")

    result = _invoke(app, "import-clients", str(firm.id), path)

    assert result.exit_code == 0, result.output
    assert result.stdout == "Bufete Minero: 2 clients imported; 1 open needs screened again.\n"
    assert _clients(firm) == [("C1", "Minera Andina S.A."), ("C2", "Banco Reservado S.A.")]
    assert _result(need, firm) == "conflict"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "clients.replace"))
    assert (event.actor_id, event.subject_id) == (None, firm.id)


def test_import_clients_refuses_a_bad_file_with_line_numbers_and_keeps_the_list(app, tmp_path):
    firm = factories.firm(clients="OLD,Old Client Ltd,,organisation,HN,,\n")
    db.session.commit()
    path = _write(tmp_path, "clients.csv", HEADER + "C1,Minera Andina S.A.,,organisation,XX,,\nC1,,,,,,\n")

    result = _invoke(app, "import-clients", str(firm.id), path)

    assert result.exit_code == 1
    assert "line 2: country 'XX' is not an ISO 3166 code" in result.stderr
    assert "line 3: id 'C1' already used on line 2" in result.stderr
    assert "line 3: name is empty" in result.stderr
    assert result.stdout == ""
    assert _clients(firm) == [("OLD", "Old Client Ltd")]


def test_import_clients_for_an_unknown_firm_fails(app, tmp_path):
    path = _write(tmp_path, "clients.csv", HEADER + "C1,Minera Andina S.A.,,organisation,HN,,\n")
    result = _invoke(app, "import-clients", "999", path)
    assert result.exit_code == 1
    assert "no firm has the id 999" in result.stderr
    assert db.session.scalars(select(ClientEntry)).all() == []


def test_import_relations_replaces_the_registry_and_rescreens(app, tmp_path):
    firm = factories.firm(clients="C1,Gazprom PJSC,,organisation,RU,,\n")
    need = factories.need(factories.defender(), parties=("Nord Transit AG",), state="verified")
    assert _result(need, firm) == "clear"
    path = _write(tmp_path, "relations.csv", "child;parent\nNord Transit AG;Gazprom Export\n"
                                             "Gazprom Export;ПАО Газпром\nGAZPROM EXPORT;Gazprom PJSC\n")

    result = _invoke(app, "import-relations", path)

    assert result.exit_code == 0, result.output
    assert result.stdout == "2 relations imported (1 repeated lines counted once); 1 open needs screened again.\n"
    assert db.session.scalar(select(CorporateRelation.parent_name).where(
        CorporateRelation.child_name == "Nord Transit AG")) == "Gazprom Export"
    assert _result(need, firm) == "conflict"


def test_import_relations_refuses_a_bad_file_and_keeps_the_registry(app, tmp_path):
    good = _write(tmp_path, "good.csv", "child,parent\nNord Transit AG,Gazprom Export\n")
    assert _invoke(app, "import-relations", good).exit_code == 0
    bad = _write(tmp_path, "bad.csv", "child,parent\nSome Child Ltd,\nSame Co,SAME CO.\n")

    result = _invoke(app, "import-relations", bad)

    assert result.exit_code == 1
    assert "line 2: parent is empty" in result.stderr
    assert "line 3: child and parent are the same entity" in result.stderr
    db.session.expire_all()
    assert db.session.scalars(select(CorporateRelation.child_name)).all() == ["Nord Transit AG"]


def test_rescreen_screens_every_open_need_against_every_firm(app):
    firm = factories.firm(clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    factories.firm()
    owner = factories.defender()
    need = factories.need(owner, parties=("Empresa Limpia",), state="verified")
    factories.need(owner, state="submitted")
    factories.need(owner, state="draft")
    need.parties[0].name = "Minera Andina SA"
    db.session.commit()
    assert _result(need, firm) == "clear"

    result = _invoke(app, "rescreen")

    assert result.exit_code == 0, result.output
    assert result.stdout == "2 open needs screened against 2 firms.\n"
    assert _result(need, firm) == "conflict"
