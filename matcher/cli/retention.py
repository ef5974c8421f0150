"""Keeping finished matters only as long as needed: ``flask retention purge``, run daily."""

import click
from flask import current_app

from ..accounts import privacy
from ..extensions import db


@click.group("retention")
def retention() -> None:
    """Keeping finished matters only as long as needed."""


@retention.command("purge")
@click.option("--days", type=int, default=None, help="Override RETENTION_DAYS for this run.")
def purge(days: int | None) -> None:
    """Erase the texts and party names of needs finished longer ago than the retention period."""
    days = current_app.config["RETENTION_DAYS"] if days is None else days
    count = privacy.purge_finished(days)
    db.session.commit()
    click.echo(f"{count} finished need(s) older than {days} days erased.")
