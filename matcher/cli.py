"""Command-line operations, thin wrappers over the same services the pages use."""

import click
import pyotp
from flask import current_app

from . import demo, privacy
from .conflicts_cli import conflicts_group
from .extensions import db
from .keys_cli import keys_group
from .matching_cli import matching


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


@click.command("demo-code")
def demo_code() -> None:
    """Print the current second-factor code of the demo accounts (demo data only)."""
    click.echo(pyotp.TOTP(demo.TOTP_KEY).now())


def register_commands(app) -> None:
    app.cli.add_command(demo_code)
    app.cli.add_command(retention)
    app.cli.add_command(seed_demo)
    app.cli.add_command(matching)
    app.cli.add_command(conflicts_group)
    app.cli.add_command(keys_group)


@click.command("seed-demo")
def seed_demo() -> None:
    """Create the demo accounts and data, once; running it again changes nothing."""
    accounts = demo.seed()
    click.echo(f"Demo accounts (password for all: {demo.PASSWORD}):")
    for role, email in accounts:
        click.echo(f"  {role:<26} {email}")
    click.echo(f"Firm members, the coordinator and the admin also give a code from an authenticator app with\n"
               f"the key {demo.TOTP_KEY}, or the one `flask --app wsgi demo-code` prints.")
    if current_app.config.get("MAIL_SERVER"):
        click.echo(f"Outgoing mail goes to {current_app.config['MAIL_SERVER']}.")
    else:
        click.echo(f"Outgoing mail is written to {current_app.config['MAIL_OUTBOX']} (one .eml file a message).")
