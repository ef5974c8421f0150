"""Client-list uploads that are huge, binary, in odd encodings, with formula cells or broken quoting."""

import io

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import ClientEntry
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"



@pytest.fixture
def member(app, web):
    account = factories.firm_member()
    db.session.commit()
    web.login(account)
    return account


def _upload(web, data: bytes, name: str = "clients.csv"):
    return web.post("/firm/clients/upload", {"file": (io.BytesIO(data), name)},
                    content_type="multipart/form-data", follow_redirects=True)


def _stored() -> int:
    return db.session.scalar(select(func.count()).select_from(ClientEntry))


def test_a_file_larger_than_the_limit_is_refused_without_being_read(app, web, member):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = _upload(web, (HEADER + "C1,Acme Ltd,,,,,\n" * 200).encode())
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)
    assert _stored() == 0


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text"),
    ((HEADER + "C1,Société Générale,,,,,\n").encode("latin-1"), "not UTF-8 text"),
    ((HEADER + 'C1,"Acme Ltd,,,,,\nC2,Beta,,,,,\n').encode(), "line"),
])
def test_binary_odd_encoding_or_broken_quoting_is_refused_with_a_reason(web, member, data, message):
    page = _upload(web, data).get_data(as_text=True)
    assert message in page
    assert _stored() == 0


def test_a_utf16_export_from_a_spreadsheet_is_read(web, member):
    _upload(web, (HEADER.replace(",", "\t") + "C1\tСбербанк\t\t\t\t\t\n").encode("utf-16"))
    assert db.session.scalar(select(ClientEntry.name)) == "Сбербанк"


def test_formula_cells_are_stored_as_text_and_shown_escaped(web, member):
    _upload(web, (HEADER + 'C1,"=HYPERLINK(""http://evil.example"",""x"")",<b>bold</b>,,,,\n').encode())
    assert db.session.scalar(select(ClientEntry.name)) == '=HYPERLINK("http://evil.example","x")'
    page = web.get("/firm/clients").get_data(as_text=True)
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
