"""`flask keys`: make a new encryption key and re-seal every sensitive value under it; make
every digest again after ``INDEX_KEY`` changed."""

import json
from pathlib import Path

import click
from cryptography.fernet import Fernet
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from ..conflicts import clientindex
from ..extensions import db
from ..models import User
from ..models.accounts import email_key
from ..models.sealed import sealed_columns

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
