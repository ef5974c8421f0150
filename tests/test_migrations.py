"""The migrations build the schema the models describe, from an empty database."""

import os
import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    Table,
    create_engine,
    inspect,
    text,
)

from matcher import create_app
from matcher.core import crypto
from matcher.extensions import db
from matcher.models.sealed import place


@pytest.fixture
def empty_database_url(tmp_path):
    """A database with no tables: a new SQLite file, or a new PostgreSQL schema."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    schema = f"mig_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def migration_app(empty_database_url, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    app.instance_path = str(tmp_path)
    with app.app_context():
        yield app
        db.engine.dispose()


def test_migrations_have_a_single_head(migration_app):
    scripts = ScriptDirectory.from_config(migration_app.extensions["migrate"].migrate.get_config())
    assert len(scripts.get_heads()) == 1


def test_upgrade_from_empty_matches_the_models(migration_app):
    upgrade()
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []
    assert "need" in inspect(db.engine).get_table_names()


def test_downgrade_to_empty_removes_every_table(migration_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_the_migrated_schema_checks_values_as_the_models_do(migration_app):
    """CHECK constraints are not compared by autogenerate: every allowed list of values the models
    check (a hit's rules, bands; an entry's kinds) must be what the migrations built, or a value the
    app writes is refused in production while the tests, built from the models, accept it."""
    upgrade()
    built = _check_constraints(inspect(db.engine))
    modelled = {(table.name, constraint.name): str(constraint.sqltext) for table in db.metadata.sorted_tables
                for constraint in table.constraints if isinstance(constraint, CheckConstraint)}
    for (table, name), text_ in modelled.items():
        values = set(re.findall(r"'([^']*)'", text_))
        assert values <= set(re.findall(r"'([^']*)'", built.get((table, name), ""))), (table, name)


def _check_constraints(inspector) -> dict[tuple[str, str], str]:
    return {(table, check["name"]): check["sqltext"] for table in inspector.get_table_names()
            for check in inspector.get_check_constraints(table)}


def test_a_defenders_one_kind_becomes_her_list_of_kinds_and_comes_back_on_downgrade(migration_app):
    upgrade(revision="d7f9b1c3e5a8")
    with db.engine.begin() as connection:
        for ident, kind in ((1, "woman"), (2, "individual")):
            connection.execute(text(
                "INSERT INTO user_account (id, role, display_name, is_disabled, created_at, recovery_codes, "
                "sessions_valid_after) VALUES (:id, 'defender', 'x', false, :now, '[]', 0)"),
                {"id": ident, "now": datetime(2026, 12, 1, tzinfo=UTC)})
            connection.execute(text(
                "INSERT INTO defender_profile (id, user_id, pseudonym, kind, country, languages, contact, verified, "
                "created_at) VALUES (:id, :id, 'x', :kind, 'HN', '[]', '', false, :now)"),
                {"id": ident, "kind": kind, "now": datetime(2026, 12, 1, tzinfo=UTC)})
    upgrade(revision="e8a0c2d4f6b9")
    with db.engine.connect() as connection:
        kinds = text("SELECT id, kinds FROM defender_profile ORDER BY id").columns(id=Integer, kinds=JSON)
        assert connection.execute(kinds).all() == [(1, ["woman"]), (2, ["individual"])]
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE defender_profile SET kinds = '[\"indigenous\", \"woman\"]' WHERE id = 1"))
    downgrade(revision="d7f9b1c3e5a8")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT id, kind FROM defender_profile ORDER BY id")).all() == [
            (1, "indigenous"), (2, "individual")]


BEFORE_OUTCOMES = "e8a0c2d4f6b9"  # the revision before a closed matter's outcome came from a list


def test_upgrading_keeps_whole_hours_and_makes_a_free_text_outcome_the_note_of_other(migration_app):
    upgrade(revision=BEFORE_OUTCOMES)
    with db.engine.begin() as connection:
        closed = _old_match(connection, "completed", 40, "The suit was dismissed.")
        still_open = _old_match(connection, "active", None, "")

    upgrade()

    with db.engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(text(
            'SELECT id, hours, outcome, outcome_note, helped, granted_for FROM "match"'))}
    assert (Decimal(str(rows[closed].hours)), rows[closed].outcome) == (Decimal(40), "other")
    assert crypto.open_sealed(rows[closed].outcome_note, place("match", "outcome_note", closed)) == (
        "The suit was dismissed.")
    assert (rows[still_open].hours, rows[still_open].outcome, rows[still_open].helped) == (None, None, None)
    assert crypto.open_sealed(rows[still_open].outcome_note, place("match", "outcome_note", still_open)) == ""


def test_downgrading_writes_an_outcome_back_as_free_text_with_whole_hours(migration_app):
    upgrade(revision=BEFORE_OUTCOMES)
    with db.engine.begin() as connection:
        closed = _old_match(connection, "completed", 40, "")
    upgrade()
    with db.engine.begin() as connection:
        connection.execute(text('UPDATE "match" SET hours = 37.5, outcome = \'acquitted\', outcome_note = :note'),
                           {"note": crypto.seal("On appeal.", place("match", "outcome_note", closed))})

    downgrade(revision=BEFORE_OUTCOMES)

    with db.engine.connect() as connection:
        row = connection.execute(text('SELECT hours, outcome FROM "match"')).one()
    assert row.hours == 38
    assert crypto.open_sealed(row.outcome, place("match", "outcome", closed)) == "acquitted: On appeal."


def _old_match(connection, state: str, hours: int | None, outcome: str) -> int:
    """A fund's match as the revision before stored it, for a need of a defender of its own."""
    user = _row(connection, "user_account", role="defender")
    profile = _row(connection, "defender_profile", user_id=user, kinds=["individual"])
    need = _row(connection, "need", defender_id=profile, state="matched", threat="slapp", urgency="standard",
                handling="quiet", created_by_id=user)
    fund = _row(connection, "legal_aid_fund")
    match = _row(connection, "match", need_id=need, fund_id=fund, state=state, hours=hours, proposed_by_id=user,
                 outcome="")
    connection.execute(text('UPDATE "match" SET outcome = :sealed WHERE id = :id'),
                       {"sealed": crypto.seal(outcome, place("match", "outcome", match)), "id": match})
    return match


def _row(connection, table_name: str, **values) -> int:
    """A row of ``table_name`` with ``values`` and a stand-in for every other column it requires."""
    table = Table(table_name, MetaData(), autoload_with=connection)
    for column in table.columns:
        if column.name not in values and not (column.nullable or column.primary_key or column.server_default):
            values[column.name] = _stand_in(column.type)
    return connection.execute(table.insert().values(values)).inserted_primary_key[0]


def _stand_in(column_type):
    for kind, value in ((Boolean, False), (DateTime, datetime.now(UTC)), (Date, date.today()), (JSON, []),
                        (Integer, 0), (Float, 0.0), (Numeric, 0)):
        if isinstance(column_type, kind):
            return value
    return "x"
