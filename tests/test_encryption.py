"""Sensitive text is sealed in the database, readable by the app, and re-sealable under a new key."""

from cryptography.fernet import Fernet
from sqlalchemy import text

from matcher import crypto
from matcher.extensions import db
from matcher.models import Need
from tests import factories
from tests.conftest import TEST_ENCRYPTION_KEYS


def _stored(column: str, need_id: int) -> str:
    return db.session.execute(text(f"SELECT {column} FROM need WHERE id = :id"), {"id": need_id}).scalar_one()


def test_a_needs_description_is_not_in_the_database_in_clear(app):
    need = factories.need(factories.defender(), summary="Sued after the Rio Verde protest",
                          details="Hearing in Tegucigalpa")
    for column, secret in (("summary", "Rio Verde"), ("details", "Tegucigalpa")):
        stored = _stored(column, need.id)
        assert stored.startswith(crypto.PREFIX)
        assert secret not in stored
    db.session.expire_all()
    assert db.session.get(Need, need.id).summary == "Sued after the Rio Verde protest"


def test_a_contact_handle_is_sealed_too(app):
    factories.defender()
    db.session.commit()
    stored = db.session.execute(text("SELECT contact FROM defender_profile")).scalar_one()
    assert "rosa-secure" not in stored


def test_values_written_before_encryption_are_still_read(app):
    need = factories.need(factories.defender())
    db.session.execute(text("UPDATE need SET summary = 'plain old text' WHERE id = :id"), {"id": need.id})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Need, need.id).summary == "plain old text"


def test_rotation_reseals_everything_under_the_new_key(app, tmp_path):
    need = factories.need(factories.defender(), summary="Sued after the Rio Verde protest")
    new_key = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEYS"] = f"{new_key},{TEST_ENCRYPTION_KEYS}"
    crypto.init_app(app)

    result = app.test_cli_runner().invoke(args=["keys", "rotate"])

    assert result.exit_code == 0, result.output
    assert "need: 1 row(s) re-sealed" in result.output
    app.config["ENCRYPTION_KEYS"] = new_key  # the old key is gone: everything must open without it
    crypto.init_app(app)
    db.session.expire_all()
    assert db.session.get(Need, need.id).summary == "Sued after the Rio Verde protest"


def test_a_new_key_can_be_generated_from_the_command_line(app):
    result = app.test_cli_runner().invoke(args=["keys", "generate"])
    Fernet(result.output.strip().encode())


def test_an_interrupted_rotation_resumes_after_the_last_committed_row(app):
    import json
    from pathlib import Path

    import pytest

    first = factories.need(factories.defender(), summary="first")
    second = factories.need(factories.defender(), summary="second")
    new_key = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEYS"] = f"{new_key},{TEST_ENCRYPTION_KEYS}"
    crypto.init_app(app)
    progress = Path(app.instance_path) / "key-rotation.json"
    progress.write_text(json.dumps({"need": first.id}))  # as if stopped after the first row

    app.test_cli_runner().invoke(args=["keys", "rotate"])

    assert not progress.exists()
    app.config["ENCRYPTION_KEYS"] = new_key
    crypto.init_app(app)
    db.session.expire_all()
    assert db.session.get(Need, second.id).summary == "second"
    with pytest.raises(RuntimeError, match="cannot be decrypted"):
        db.session.get(Need, first.id).summary  # noqa: B018 - skipped, as the progress said


def test_adverse_party_names_and_their_copies_on_hits_are_sealed(app):
    factories.firm(clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="submitted")
    stored_names = db.session.execute(text("SELECT name, aliases FROM adverse_party")).one()
    stored_hit = db.session.execute(text("SELECT party_name FROM conflict_hit")).scalar_one()
    for stored in (*stored_names, stored_hit):
        assert stored.startswith(crypto.PREFIX) and "Minera" not in stored


def test_a_remembered_decision_is_keyed_on_a_digest_not_the_name(app):
    from matcher.screening import decision_key

    key = decision_key("Minera Andina S.A.")
    assert "minera" not in key and len(key) == 64
    assert key == decision_key("MINERA ANDINA SA")
