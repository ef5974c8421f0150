"""The demo: ``flask seed-demo`` creates its accounts and data, ``flask demo-code`` their second factor."""

import click
import pyotp
from flask import current_app

from .. import demo
from ..extensions import db


@click.command("demo-code")
def demo_code() -> None:
    """Print the current second-factor code of the demo accounts (demo data only)."""
    click.echo(pyotp.TOTP(demo.TOTP_KEY).now())


@click.command("seed-demo")
def seed_demo() -> None:
    """Create the demo accounts and data, once; running it again changes nothing.

    Its password and authenticator key are published, so it refuses to run where the
    platform is served over https, which is to say for real."""
    if current_app.config["BASE_URL"].startswith("https://"):
        raise click.ClickException("the demo's accounts have a published password: seed-demo runs only on a local "
                                   "demo, not where BASE_URL is https. Create staff with `flask accounts create`.")
    accounts = demo.seed()
    db.session.commit()
    click.echo(f"Demo accounts (password for all: {demo.PASSWORD}):")
    for role, email in accounts:
        click.echo(f"  {role:<26} {email}")
    click.echo(f"Firm members, the coordinator and the admin also give a code from an authenticator app with\n"
               f"the key {demo.TOTP_KEY}, or the one `flask --app wsgi demo-code` prints.")
    if current_app.config.get("MAIL_SERVER"):
        click.echo(f"Outgoing mail goes to {current_app.config['MAIL_SERVER']}.")
    else:
        click.echo(f"Outgoing mail is written to {current_app.config['MAIL_OUTBOX']} (one .eml file a message).")
