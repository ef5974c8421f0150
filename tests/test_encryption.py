"""Sensitive text is sealed in the database for its place, readable there by the app and nowhere
else, and re-sealable under a new key."""

import base64
import importlib.util
import os
from datetime import date
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from cryptography.fernet import Fernet
from sqlalchemy import select, text, update
from sqlalchemy.exc import StatementError

from matcher.conflicts import screening
from matcher.core import crypto
from matcher.extensions import db
from matcher.models import AdverseParty, ConflictHit, Need, User
from matcher.needs import workflow
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


def test_people_are_not_named_in_the_database_in_clear(app):
    factories.defender(email="rosa.lopez@example.org", display_name="Rosa López")
    factories.firm()
    db.session.commit()
    stored = [str(value) for query in (
        "SELECT email, email_key, display_name FROM user_account", "SELECT pseudonym, contact FROM defender_profile",
        "SELECT contact_name, contact_email, contact_phone FROM law_firm") for row in db.session.execute(text(query))
        for value in row]
    for secret in ("rosa", "López", "Pro Bono Partner", "firm.example", "555"):
        assert not any(secret in value for value in stored), secret


def test_an_address_is_found_by_its_digest_in_any_case(app):
    account = factories.defender(email="Rosa.Lopez@Example.org")
    db.session.commit()
    assert db.session.scalar(select(User).where(User.with_email(" rosa.lopez@example.ORG "))) == account
    assert db.session.scalar(select(User).where(User.with_email(""))) is None
    account.email = None  # erased: no digest is left to find it by
    db.session.flush()
    assert account.email_key is None


def _write_stored(column: str, need_id: int, stored: str) -> None:
    """Write ``stored`` straight into the database, as someone with SQL access and no key could."""
    db.session.execute(text(f"UPDATE need SET {column} = :v WHERE id = :id"), {"v": stored, "id": need_id})
    db.session.commit()
    db.session.expire_all()


def test_a_tampered_value_is_refused_not_read(app):
    need = factories.need(factories.defender(), summary="Sued after the Rio Verde protest")
    stored = _stored("summary", need.id)
    _write_stored("summary", need.id, stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:])
    with pytest.raises(RuntimeError, match="cannot be decrypted"):
        db.session.get(Need, need.id).summary  # noqa: B018


def test_a_value_copied_into_another_row_is_refused(app):
    rosa = factories.need(factories.defender(), summary="Rosa's case: hearing on the 4th in Tegucigalpa")
    other = factories.need(factories.defender(email="other@example.org"), summary="Another case")
    rosa_id, other_id = rosa.id, other.id
    _write_stored("summary", other_id, _stored("summary", rosa_id))
    with pytest.raises(crypto.SealBroken, match=f"need.summary#{other_id}"):
        db.session.get(Need, other_id)
    db.session.rollback()
    assert db.session.get(Need, rosa_id).summary.startswith("Rosa's case")


def test_a_value_copied_into_another_column_is_refused(app):
    need = factories.need(factories.defender(), summary="Shown to firms", details="Kept from them")
    _write_stored("summary", need.id, _stored("details", need.id))
    with pytest.raises(crypto.SealBroken):
        db.session.get(Need, need.id).summary  # noqa: B018


def test_plain_text_written_into_a_sealed_column_is_refused(app):
    need = factories.need(factories.defender())
    _write_stored("summary", need.id, "plain text from someone with SQL access")
    with pytest.raises(crypto.SealBroken):
        db.session.get(Need, need.id).summary  # noqa: B018


def test_a_sealed_column_cannot_be_written_around_the_orm(app):
    need = factories.need(factories.defender())
    with pytest.raises(StatementError, match="written through the ORM"):
        db.session.execute(update(Need).where(Need.id == need.id).values(summary="unbound"))


def test_a_sealed_column_reads_alone_as_in_its_object(app):
    need = factories.need(factories.defender(), summary="Sued after the Rio Verde protest", details="")
    party = need.parties[0]
    party.aliases = ["MASA", "Minera Andina"]
    need.details = "Changed after the first save"
    db.session.commit()
    assert db.session.execute(select(Need.summary, Need.details).where(Need.id == need.id)).one() == (
        "Sued after the Rio Verde protest", "Changed after the first save")
    assert db.session.scalar(select(AdverseParty.aliases).where(AdverseParty.id == party.id)) == [
        "MASA", "Minera Andina"]


def test_the_migration_seals_older_values_for_their_place(app):
    """Plain text, values sealed without a place and values sealed with Fernet, as the
    revision before left them, are sealed where they are and read as before."""
    migration = _migration("seal_values_for_their_place")
    needs = [factories.need(factories.defender(email=f"d{n}@example.org")) for n in range(3)]
    key_id, cipher = crypto._keyring().newest
    nonce = os.urandom(12)
    older = {
        needs[0].id: "plain old text",
        needs[1].id: crypto.UNPLACED_PREFIX + key_id + base64.b64encode(
            nonce + cipher.encrypt(nonce, b"sealed without a place", None)).decode(),
        needs[2].id: crypto.FERNET_PREFIX + Fernet(TEST_ENCRYPTION_KEYS.split(",")[0].encode()).encrypt(
            b"sealed with Fernet").decode(),
    }
    for need_id, stored in older.items():
        _write_stored("summary", need_id, stored)

    with db.engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
        migration.upgrade()

    db.session.expire_all()
    assert [db.session.get(Need, need.id).summary for need in needs] == [
        "plain old text", "sealed without a place", "sealed with Fernet"]
    assert all(_stored("summary", need.id).startswith(crypto.PREFIX) for need in needs)


def _migration(name: str):
    [path] = Path(__file__).parent.parent.joinpath("migrations", "versions").glob(f"*_{name}.py")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    from matcher.conflicts.screening import decision_key

    key = decision_key("Minera Andina S.A.")
    assert "minera" not in key and len(key) == 64
    assert key == decision_key("MINERA ANDINA SA")


def test_a_coordinators_decision_note_is_sealed_on_the_hit_and_the_remembered_decision(app):
    factories.firm(clients="C1,Minera Andina,,organisation,HN,,\n")
    factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="submitted")
    hit = db.session.scalars(select(ConflictHit)).first()
    workflow.decide_hit(factories.coordinator(), hit, "waived", "The partner on the file agreed by phone.",
                        screening.Agreement("Ana Ruiz, partner", date(2026, 11, 30)))
    db.session.commit()
    stored = [db.session.execute(text("SELECT decision_note FROM conflict_hit")).scalar_one(),
              *db.session.execute(text("SELECT note, agreed_by FROM conflict_decision")).one()]
    for value in stored:
        assert value.startswith(crypto.PREFIX) and "partner" not in value and "Ruiz" not in value


def test_keys_check_opens_every_sealed_value_and_finds_every_address(app):
    factories.need(factories.defender(), summary="Sued after the Rio Verde protest")
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["keys", "check"])

    assert result.exit_code == 0, result.output
    assert "every address is filed under INDEX_KEY" in result.output


def test_keys_check_names_the_column_whose_values_do_not_open(app):
    first = factories.need(factories.defender(), summary="first")
    second = factories.need(factories.defender(), summary="second")
    db.session.execute(text("UPDATE need SET summary = (SELECT summary FROM need WHERE id = :a) WHERE id = :b"),
                       {"a": first.id, "b": second.id})
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["keys", "check"])

    assert result.exit_code == 1 and "need.summary: 1 of 2 value(s)" in result.output


def test_keys_check_refuses_a_database_filed_under_another_index_key(app):
    factories.defender()
    db.session.commit()
    app.config["INDEX_KEY"] = "another index key"
    crypto.init_app(app)

    result = app.test_cli_runner().invoke(args=["keys", "check"])

    assert result.exit_code == 1 and "1 address(es) are not filed under this INDEX_KEY" in result.output
