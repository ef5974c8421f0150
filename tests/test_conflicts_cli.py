"""The command-line contract: `flask conflicts screen CLIENTS.csv PARTIES.csv [--relations R.csv]`."""

import csv
import io

from matcher.extensions import db
from matcher.models import ClientEntry


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _files(tmp_path):
    clients = _write(tmp_path, "clients.csv",
                     "id,name,aliases,kind,country,parent_id,lei\n"
                     "C1,Minera Andina S.A.,Andina Mining,organisation,CL,,\n"
                     "C2,Petróleos Mexicanos,PEMEX,organisation,MX,,\n"
                     "C3,Gazprom PJSC,,organisation,RU,,\n"
                     "C4,Andes Gold Ltd,,organisation,PE,,\n")
    parties = _write(tmp_path, "parties.csv",
                     "id,name,aliases,kind,country\n"
                     "p1,MINERA ANDNA SA,,organisation,CL\n"
                     "p2,Pemex Logística,PEMEX,organisation,MX\n"
                     "p3,Gazprom Germania GmbH,,organisation,DE\n"
                     "p4,Andes Copper,,organisation,PE\n")
    relations = _write(tmp_path, "relations.csv",
                       "child,parent\nGazprom Germania GmbH,Gazprom Export\nGazprom Export,ПАО Газпром\n")
    return clients, parties, relations


def test_screen_writes_one_csv_row_per_hit_with_band_score_and_reason(app, tmp_path):
    clients, parties, relations = _files(tmp_path)
    result = app.test_cli_runner().invoke(args=["conflicts", "screen", clients, parties, "--relations", relations])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert result.output.startswith("party_id,client_id,band,score,reason\n")
    assert {(r["party_id"], r["client_id"], r["band"]) for r in rows} == {
        ("p1", "C1", "conflict"), ("p2", "C2", "conflict"), ("p3", "C3", "conflict")}
    by_party = {r["party_id"]: r for r in rows}
    assert "typo: 'andna' vs 'andina'" in by_party["p1"]["reason"]
    assert "client alias 'PEMEX'" in by_party["p2"]["reason"]
    assert by_party["p3"]["reason"].startswith(
        "related entity: Gazprom Germania GmbH is a subsidiary of Gazprom PJSC "
        "(path Gazprom Germania GmbH -> Gazprom Export -> ПАО Газпром)")
    assert float(by_party["p1"]["score"]) > 0.9


def test_screen_without_relations_leaves_a_shared_word_to_review(app, tmp_path):
    clients, parties, _ = _files(tmp_path)
    result = app.test_cli_runner().invoke(args=["conflicts", "screen", clients, parties])
    assert result.exit_code == 0, result.output
    rows = {r["party_id"]: r for r in csv.DictReader(io.StringIO(result.output))}
    assert set(rows) == {"p1", "p2", "p3"}
    assert (rows["p3"]["band"], rows["p3"]["client_id"]) == ("review", "C3")
    assert "extra words: 'germania'" in rows["p3"]["reason"]


def test_screen_does_not_touch_the_database(app, tmp_path):
    clients, parties, _ = _files(tmp_path)
    app.test_cli_runner().invoke(args=["conflicts", "screen", clients, parties])
    assert db.session.query(ClientEntry).count() == 0


def test_a_missing_file_is_a_clear_error(app, tmp_path):
    _, parties, _ = _files(tmp_path)
    result = app.test_cli_runner().invoke(args=["conflicts", "screen", str(tmp_path / "nope.csv"), parties])
    assert result.exit_code != 0
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_a_bad_client_list_is_refused_with_line_numbers(app, tmp_path):
    _, parties, _ = _files(tmp_path)
    clients = _write(tmp_path, "bad.csv", "id,name\nC1,Acme\nC1,\n")
    result = app.test_cli_runner().invoke(args=["conflicts", "screen", clients, parties])
    assert result.exit_code == 1
    assert "line 3: id 'C1' already used on line 2" in result.output
    assert "line 3: name is empty" in result.output


def test_a_parties_file_without_its_columns_is_refused(app, tmp_path):
    clients, _, _ = _files(tmp_path)
    parties = _write(tmp_path, "parties.csv", "who,what\nx,y\n")
    result = app.test_cli_runner().invoke(args=["conflicts", "screen", clients, parties])
    assert result.exit_code == 1
    assert "parties.csv: line 1: the header must name the columns id, name, aliases, kind, country" in result.output
    good_parties = _files(tmp_path)[1]
    relations = _write(tmp_path, "family.csv", "child,parent\nAcme,\n")
    result = app.test_cli_runner().invoke(
        args=["conflicts", "screen", clients, good_parties, "--relations", relations])
    assert result.exit_code == 1
    assert "family.csv: line 2: parent is empty" in result.output


def test_screen_reads_people_as_people_when_both_files_say_so(app, tmp_path):
    """A listed person and a party who is one are compared as people's names, as on the platform:
    an initial for the given name is a hit for a coordinator to look at."""
    clients = _write(tmp_path, "clients.csv", "id,name,aliases,kind\nP1,Juan Dorvelan Quispe,,person\n")
    parties = _write(tmp_path, "parties.csv", "id,name,aliases,kind\np1,J. Dorvelan Quispe,,person\n")
    result = app.test_cli_runner().invoke(args=["conflicts", "screen", clients, parties])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["party_id"], r["client_id"], r["band"]) for r in rows] == [("p1", "P1", "review")]
    assert "person's name written another way: 'j' for 'juan' (an initial)" in rows[0]["reason"]
