"""Former clients: a client list says who was a client and until when, and the firm says how long
a former client still counts; past that, a hit on one is information, not a conflict."""

from datetime import timedelta

from matcher.conflicts.clientlists import parse_client_csv
from matcher.core.csvfiles import FileRefused
from matcher.extensions import db
from matcher.models import ConflictCheck, ConflictHit, LawFirm
from matcher.models._types import utcnow
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei,relationship,ended\n"


def _firm_with_former_client(ended: str) -> LawFirm:
    return factories.firm(name="Bufete Minero", clients=f"C1,Minera Andina S.A.,,organisation,HN,,,former,{ended}\n")


def _check(need, firm) -> ConflictCheck:
    return db.session.query(ConflictCheck).filter_by(need_id=need.id, firm_id=firm.id).one()


def _days_ago(days: int) -> str:
    return (utcnow().date() - timedelta(days=days)).isoformat()


def test_the_list_reads_a_former_client_and_the_day_it_ended_in_any_of_four_languages():
    rows = parse_client_csv((HEADER + "C1,Minera Andina,,,,,,antiguo,2021-06-30\nC2,Banco Sur,,,,,,Ancien,\n"
                             "C3,Hidro Norte,,,,,,,\n").encode())
    assert [(row.relationship, row.ended) for row in rows] == [
        ("former", "2021-06-30"), ("former", ""), ("current", "")]


def test_a_relationship_or_an_end_day_not_understood_refuses_its_line():
    try:
        parse_client_csv((HEADER + "C1,Minera Andina,,,,,,sometimes,\nC2,Banco Sur,,,,,,former,30/06/2021\n").encode())
    except FileRefused as refused:
        errors = refused.errors
    assert errors == ["line 2: relationship 'sometimes' is neither current nor former",
                      "line 3: ended '30/06/2021' is not a day written YYYY-MM-DD"]


def test_a_former_client_within_the_look_back_is_still_a_conflict(app):
    firm = _firm_with_former_client(_days_ago(365))
    need = factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="verified")
    assert _check(need, firm).result == "conflict"


def test_a_former_client_past_the_look_back_is_information_and_keeps_nobody_away(web):
    firm = _firm_with_former_client(_days_ago(4 * 365))
    need = factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="verified")

    (hit,) = db.session.query(ConflictHit).all()
    assert (hit.band, _check(need, firm).result) == ("information", "clear")
    web.login(factories.coordinator())
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    assert "information: a former client, past the firm&#39;s look-back" in page
    assert "Nothing to decide" in page
    assert f"/needs/{need.id}/hits/{hit.id}" not in web.get("/coordinator/reviews").get_data(as_text=True)


def test_the_firm_sets_its_look_back_and_the_open_needs_are_screened_again(web):
    firm = _firm_with_former_client(_days_ago(4 * 365))
    need = factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="verified")
    member = factories.firm_member(of=firm)
    db.session.commit()
    web.login(member)

    response = web.post("/firm/clients/look-back", {"years": "10"}, follow_redirects=True)

    assert "Former clients now count for 10 years" in response.get_data(as_text=True)
    assert db.session.get(LawFirm, firm.id).former_client_years == 10
    assert _check(need, firm).result == "conflict"


def test_a_look_back_out_of_range_is_refused_and_nothing_changes(web):
    firm = _firm_with_former_client("")
    member = factories.firm_member(of=firm)
    db.session.commit()
    web.login(member)

    response = web.post("/firm/clients/look-back", {"years": "99"}, follow_redirects=True)

    assert "Give a number of years, from 0 to 30." in response.get_data(as_text=True)
    assert db.session.get(LawFirm, firm.id).former_client_years == 3


def test_a_former_client_with_no_end_day_still_counts(app):
    firm = _firm_with_former_client("")
    need = factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="verified")
    assert _check(need, firm).result == "conflict"
