"""A firm member uploads the firm's client list and reads it; nobody else sees it."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matcher.conflicts.engine import index_keys
from matcher.core.crypto import index_digest
from matcher.extensions import db
from matcher.jobs.runner import current_runner
from matcher.models import ClientEntry, ClientImport, ClientNameKey, ConflictCheck
from matcher.models._types import utcnow
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"


def upload(web, data: bytes | None, filename: str = "clients.csv", **kwargs):
    form = {} if data is None else {"file": (io.BytesIO(data), filename)}
    return web.post("/firm/clients/upload", form, content_type="multipart/form-data", **kwargs)


def entries(firm) -> list[tuple[str, str]]:
    query = select(ClientEntry.external_id, ClientEntry.name).where(ClientEntry.firm_id == firm.id)
    return sorted(db.session.execute(query).tuples())



@pytest.fixture
def firm():
    return factories.firm(clients="OLD-1,Old Client Ltd,,organisation,GB,,\n")


@pytest.fixture
def member(firm):
    return factories.firm_member(of=firm)


def test_an_upload_replaces_the_list_indexes_it_and_screens_open_needs(web, firm, member):
    need = factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="submitted")
    assert db.session.scalar(select(ConflictCheck.result).where(ConflictCheck.firm_id == firm.id)) == "clear"
    web.login(member)

    csv = HEADER + "C-1,Minera Andina S.A.,MASA|Andina Mining,organisation,HN,,\nC-2,Banco del Sur,,,,,\n"
    response = upload(web, csv.encode(), follow_redirects=True)

    assert "The client list now holds 2 entries" in response.get_data(as_text=True)
    assert entries(firm) == [("C-1", "Minera Andina S.A."), ("C-2", "Banco del Sur")]
    keys = db.session.scalar(select(func.count()).select_from(ClientNameKey).where(ClientNameKey.firm_id == firm.id))
    name_keys = index_keys("Minera Andina S.A.") | index_keys("MASA") | index_keys("Andina Mining")
    assert keys == len(name_keys) + len(index_keys("Banco del Sur"))  # each key of a client filed once
    check = db.session.scalar(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                          ConflictCheck.firm_id == firm.id))
    assert check.result == "conflict"


def test_a_bad_file_is_refused_whole_with_line_numbers_and_the_old_list_stays(web, firm, member):
    db.session.commit()
    web.login(member)

    csv = HEADER + "C-1,Minera Andina S.A.,,,,,\nC-1,Duplicate Ltd,,,,,\nC-3,,,,,,\n"
    response = upload(web, csv.encode())

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "line 3: id &#39;C-1&#39; already used on line 2" in page
    assert "line 4: name is empty" in page
    assert "nothing was changed" in page
    assert entries(firm) == [("OLD-1", "Old Client Ltd")]
    keys = db.session.scalars(select(ClientNameKey.key).where(ClientNameKey.firm_id == firm.id)).all()
    assert set(keys) == {index_digest(key) for key in index_keys("Old Client Ltd")}


def test_a_utf8_file_with_bom_and_semicolons_is_accepted(web, firm, member):
    db.session.commit()
    web.login(member)

    csv = "id;name;aliases\nC-9;Compañía Minera Ñandú;CMN|Ñandú Mining\n"
    upload(web, b"\xef\xbb\xbf" + csv.encode())

    entry = db.session.scalar(select(ClientEntry).where(ClientEntry.firm_id == firm.id))
    assert (entry.external_id, entry.name, entry.aliases) == ("C-9", "Compañía Minera Ñandú", ["CMN", "Ñandú Mining"])


def test_a_parent_id_that_names_no_row_refuses_its_line_along_with_the_others(web, firm, member):
    db.session.commit()
    web.login(member)

    csv = HEADER + "C-1,Minera Andina S.A.,,,,,\nC-2,Minera Andina Exploraciones,,,,C-9,\nC-3,,,,,C-1,\n"
    page = upload(web, csv.encode()).get_data(as_text=True)

    assert "line 3: parent_id &#39;C-9&#39; names no row of the file" in page
    assert "line 4: name is empty" in page
    assert entries(firm) == [("OLD-1", "Old Client Ltd")]


@pytest.mark.parametrize(("data", "message"), [(None, "Choose a CSV file to upload."), (b"", "The file is empty.")])
def test_an_upload_without_content_is_a_form_error(web, firm, member, data, message):
    db.session.commit()
    web.login(member)

    page = upload(web, data).get_data(as_text=True)

    assert message in page
    assert entries(firm) == [("OLD-1", "Old Client Ltd")]


def test_the_upload_page_shows_the_header_to_copy(web, member):
    db.session.commit()
    web.login(member)

    assert "id,name,aliases,kind,country,parent_id,lei" in web.get("/firm/clients/upload").get_data(as_text=True)


def test_the_list_is_paginated_fifty_a_page(web):
    rows = "".join(f"C-{n:03},Client {n:03},,,,,\n" for n in range(120))
    member = factories.firm_member(of=factories.firm(clients=rows))
    db.session.commit()
    web.login(member)

    first = web.get("/firm/clients").get_data(as_text=True)
    last = web.get("/firm/clients?page=3").get_data(as_text=True)

    assert "120 entries" in first
    assert "Client 000" in first and "Client 049" in first and "Client 050" not in first
    assert "Client 100" in last and "Client 119" in last and "Client 099" not in last
    assert "Page 1 of 3" in web.get("/firm/clients?page=abc").get_data(as_text=True)
    assert web.get("/firm/clients?page=99").status_code == 404


def test_the_list_is_searched_by_name(web):
    member = factories.firm_member(of=factories.firm(clients="C-1,Minera Andina S.A.,,,,,\nC-2,Banco del Sur,,,,,\n"))
    db.session.commit()
    web.login(member)

    page = web.post("/firm/clients", {"q": "andina"}).get_data(as_text=True)

    assert "Minera Andina S.A." in page
    assert "Banco del Sur" not in page
    # names are sealed: the search goes through the index, so a typo or another order finds them too
    assert "Minera Andina S.A." in web.post("/firm/clients", {"q": "Andyna Minera"}).get_data(as_text=True)
    by_id = web.post("/firm/clients", {"q": "C-2"}).get_data(as_text=True)
    assert "Banco del Sur" in by_id and "Minera Andina" not in by_id
    assert "No entry matches" in web.post("/firm/clients", {"q": "Zzyzx"}).get_data(as_text=True)


def test_nobody_outside_the_firm_sees_its_client_list(web, member):
    factories.firm(clients="X-1,Secret Client of Another Firm,,,,,\n")
    coordinator = factories.coordinator()
    defender = factories.defender()
    db.session.commit()

    web.login(member)
    page = web.post("/firm/clients", {"q": "Secret"}).get_data(as_text=True)
    assert "Secret Client of Another Firm" not in page
    assert "Old Client Ltd" not in page
    assert "Secret Client of Another Firm" not in web.get("/firm/clients").get_data(as_text=True)
    web.logout()
    for outsider in (coordinator, defender):
        web.login(outsider)
        response = web.get("/firm/clients")
        assert response.status_code == 403
        assert "Old Client Ltd" not in response.get_data(as_text=True)
        web.logout()


def test_an_upload_without_the_csrf_token_is_refused_and_changes_nothing(web, firm, member):
    db.session.commit()
    web.login(member)

    response = upload(web, (HEADER + "C-1,New Client,,,,,\n").encode(), csrf=False)

    assert response.status_code == 400
    assert entries(firm) == [("OLD-1", "Old Client Ltd")]


def test_an_upload_shows_its_import_page_and_the_import_is_recorded(web, firm, member):
    db.session.commit()
    web.login(member)

    response = upload(web, (HEADER + "C-1,New Client Ltd,,,,,\n").encode())

    record = db.session.scalar(select(ClientImport).where(ClientImport.firm_id == firm.id))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/firm/clients/imports/{record.id}")
    page = web.get(f"/firm/clients/imports/{record.id}")
    assert "Refresh" not in page.headers  # done: nothing left to wait for
    assert "The client list now holds 1 entry;" in page.get_data(as_text=True)
    assert (record.state, record.rows, record.started_by_id) == ("done", 1, member.id)


def test_an_import_under_way_has_a_page_that_reloads_itself(web, firm, member):
    record = ClientImport(firm_id=firm.id, started_by_id=member.id, state="importing", rows=100000)
    db.session.add(record)
    db.session.commit()
    web.login(member)

    response = web.get(f"/firm/clients/imports/{record.id}")

    page = response.get_data(as_text=True)
    assert response.headers["Refresh"] == "2"
    assert "Importing 100,000 entries" in page
    assert "<script" not in page.split("</head>")[1]


def test_an_upload_while_another_is_under_way_is_refused_and_changes_nothing(web, firm, member):
    record = ClientImport(firm_id=firm.id, started_by_id=member.id, state="importing", rows=10)
    db.session.add(record)
    db.session.commit()
    web.login(member)

    response = upload(web, (HEADER + "C-1,New Client Ltd,,,,,\n").encode(), follow_redirects=True)

    assert "still being imported" in response.get_data(as_text=True)
    assert entries(firm) == [("OLD-1", "Old Client Ltd")]
    assert db.session.scalar(select(func.count()).select_from(ClientImport)) == 1


def test_an_import_that_never_finished_is_shown_as_stopped_and_blocks_nothing(web, firm, member):
    record = ClientImport(firm_id=firm.id, started_by_id=member.id, state="importing", rows=10,
                          created_at=utcnow() - timedelta(hours=2))
    db.session.add(record)
    db.session.commit()
    web.login(member)

    response = web.get(f"/firm/clients/imports/{record.id}")

    assert "Refresh" not in response.headers
    assert "the previous list remains in place" in response.get_data(as_text=True)
    upload(web, (HEADER + "C-1,New Client Ltd,,,,,\n").encode())
    assert entries(firm) == [("C-1", "New Client Ltd")]


def test_another_firms_import_is_not_found(web, firm, member):
    other = factories.firm(clients="X-1,Secret Client,,,,,\n")
    record = ClientImport(firm_id=other.id, state="done", rows=7654, needs_screened=3)
    db.session.add(record)
    db.session.commit()
    web.login(member)

    response = web.get(f"/firm/clients/imports/{record.id}")

    assert response.status_code == 404
    assert "7,654" not in response.get_data(as_text=True)
    assert web.get("/firm/clients/imports/999999").status_code == 404


def test_only_firm_members_see_an_import(web, firm):
    record = ClientImport(firm_id=firm.id, state="done", rows=7654)
    coordinator = factories.coordinator()
    db.session.add(record)
    db.session.commit()
    web.login(coordinator)

    response = web.get(f"/firm/clients/imports/{record.id}")

    assert response.status_code == 403
    assert "7,654" not in response.get_data(as_text=True)


@pytest.mark.parametrize("app_overrides", [{"JOBS_INLINE": False}])
def test_an_upload_is_imported_in_a_thread_after_the_answer(app, web, firm, member):
    need = factories.need(factories.defender(), parties=("Banco del Sur",), state="submitted")
    db.session.commit()
    web.login(member)

    response = upload(web, (HEADER + "C-1,Banco del Sur S.A.,,,,,\nC-2,Minera Andina,,,,,\n").encode())

    record_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert current_runner().wait_until_idle(timeout=60)
    db.session.expire_all()
    page = web.get(f"/firm/clients/imports/{record_id}").get_data(as_text=True)
    assert "The client list now holds 2 entries; 1 open matter was screened against it again" in page
    assert entries(firm) == [("C-1", "Banco del Sur S.A."), ("C-2", "Minera Andina")]
    check = db.session.scalar(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                          ConflictCheck.firm_id == firm.id))
    assert check.result == "conflict"
