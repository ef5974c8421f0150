"""`flask keys`: make a new encryption key and re-seal every sensitive value under it; make
every digest again after ``INDEX_KEY`` changed; check that a database and the keys belong together."""

import json
from pathlib import Path

import click
from cryptography.fernet import Fernet
from flask import current_app
from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm.attributes import flag_modified

from ..conflicts import clientindex
from ..core import crypto
from ..extensions import db
from ..models import User
from ..models.accounts import email_key
from ..models.sealed import place, sealed_columns

PROGRESS_FILE = "key-rotation.json"
BATCH = 500


@click.group("keys")
def keys_group() -> None:
    """Encryption keys for sensitive text at rest."""


@keys_group.command("generate")
def generate() -> None:
    """Print a new key: put it first in ENCRYPTION_KEYS, keep the old ones after it, then rotate."""
    click.echo(Fernet.generate_key().decode())


@keys_group.command("rotate")
def rotate() -> None:
    """Re-seal every encrypted value under the newest key, batch by batch.

    Progress is kept in the instance folder after each committed batch, so an
    interrupted rotation picks up where it stopped when run again.
    """
    progress_path = Path(current_app.instance_path) / PROGRESS_FILE
    progress = json.loads(progress_path.read_text()) if progress_path.exists() else {}
    for model, columns in encrypted_columns():
        done = _rotate_model(model, columns, progress.get(model.__tablename__, 0), progress, progress_path)
        click.echo(f"{model.__tablename__}: {done} row(s) re-sealed")
    progress_path.unlink(missing_ok=True)
    click.echo("Every value is sealed under the newest key: older keys can now be removed.")


@keys_group.command("reindex")
def reindex() -> None:
    """Make every digest again under the current INDEX_KEY: addresses and the client-list index."""
    accounts = db.session.scalars(select(User).where(User.email_key.is_not(None))).all()
    for account in accounts:
        account.email_key = email_key(account.email)
    entries = clientindex.reindex()
    db.session.commit()
    click.echo(f"{len(accounts)} address(es) and {entries} client entries filed again.")


@keys_group.command("check")
def check() -> None:
    """Open every sealed value, and find every account by its address.

    A backup is only as good as the keys kept apart from it: this proves that the database
    (a restored one, say) opens under ENCRYPTION_KEYS and is filed under INDEX_KEY. It changes
    nothing, and exits with status 1 saying what does not open.
    """
    opened, broken = 0, []
    for column in _sealed_table_columns():
        count, failed = _open_column(column)
        opened += count
        if failed:
            broken.append(f"{column.table.name}.{column.name}: {failed} of {count} value(s)")
    if broken:
        raise click.ClickException("these do not open under ENCRYPTION_KEYS: " + "; ".join(broken))
    misfiled = _misfiled_addresses()
    if misfiled:
        raise click.ClickException(f"{misfiled} address(es) are not filed under this INDEX_KEY")
    click.echo(f"{opened} sealed value(s) open under ENCRYPTION_KEYS, and every address is filed under INDEX_KEY.")


def _sealed_table_columns():
    for mapper in db.Model.registry.mappers:
        for _key, column in sealed_columns(mapper):
            yield column


def _open_column(column) -> tuple[int, int]:
    """How many stored values of ``column`` there are, and how many of them do not open."""
    open_sealed, table = crypto.opener(), column.table
    stored = select(table.c.id, type_coerce(column, Text)).where(column.is_not(None))
    count = failed = 0
    for row_id, value in db.session.execute(stored.execution_options(yield_per=BATCH)):
        count += 1
        try:
            open_sealed(value, place(table.name, column.name, row_id))
        except crypto.SealBroken:
            failed += 1
    return count, failed


def _misfiled_addresses() -> int:
    accounts = db.session.execute(select(User.email, User.email_key).where(User.email_key.is_not(None))
                                  .execution_options(yield_per=BATCH))
    return sum(1 for email, key in accounts if email_key(email) != key)


def encrypted_columns():
    """Each model with the names of its encrypted columns."""
    for mapper in db.Model.registry.mappers:
        columns = [key for key, _column in sealed_columns(mapper)]
        if columns:
            yield mapper.class_, columns


def _rotate_model(model, columns, after_id: int, progress: dict, progress_path: Path) -> int:
    done = 0
    while True:
        rows = db.session.scalars(
            select(model).where(model.id > after_id).order_by(model.id).limit(BATCH)
        ).all()
        if not rows:
            return done
        for row in rows:
            for column in columns:
                flag_modified(row, column)
        db.session.commit()
        after_id = rows[-1].id
        done += len(rows)
        progress[model.__tablename__] = after_id
        progress_path.write_text(json.dumps(progress))
