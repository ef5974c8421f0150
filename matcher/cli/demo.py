"""The demo: ``flask seed-demo`` creates its accounts and data, ``flask demo-code`` their second factor,
``flask demo scale`` a generated world of thousands of needs and firms around them."""

import sys

import click
import pyotp
from flask import current_app

from .. import demo
from ..demo import world
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
    _refuse_where_served_for_real("seed-demo")
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


def _refuse_where_served_for_real(command: str) -> None:
    if current_app.config["BASE_URL"].startswith("https://"):
        raise click.ClickException(f"the demo's accounts have a published password: {command} runs only on a local "
                                   "demo, not where BASE_URL is https. Create staff with `flask accounts create`.")


@click.group("demo")
def demo_group() -> None:
    """Demo data beyond the first look."""


@demo_group.command("scale")
@click.option("--needs", default=10_000, show_default=True, help="Needs, in every state, with adverse parties.")
@click.option("--firms", default=1_000, show_default=True, help="Law firms, each with one to three members.")
@click.option("--offers", default=10_000, show_default=True, help="Offers of capacity, spread over the firms.")
@click.option("--funds", default=500, show_default=True, help="Legal-aid funds.")
@click.option("--clients", default=1_000_000, show_default=True, help="Client names, shared out among the firms.")
@click.option("--seed", "seed_value", default=2026, show_default=True, help="The same seed makes the same world.")
@click.option("--replace", is_flag=True, help="Empty a database that already holds data, and fill it again.")
def scale(needs: int, firms: int, offers: int, funds: int, clients: int, seed_value: int, replace: bool) -> None:
    """Fill an empty database with a generated world at scale, around the demo's accounts.

    Every generated account has the demo's password and authenticator key: firm members
    sign in as firm<id>.member0@scale.example, defenders as defender<n>@scale.example."""
    _refuse_where_served_for_real("demo scale")
    if world.holds_data():
        if not replace:
            raise click.ClickException("the database already holds data; pass --replace to empty it and "
                                       "generate the world in its place.")
        world.empty_every_table()
    built = world.World(world.Sizes(needs=needs, firms=firms, offers=offers, funds=funds, clients=clients), seed_value)
    for phase in built.phases():
        with click.progressbar(length=phase.total, label=phase.label.ljust(44), file=sys.stderr,
                               show_pos=True) as bar:
            for done in phase.run():
                bar.update(done)
    db.session.commit()
    click.echo(f"Made {needs:,} needs, {firms:,} firms, {offers:,} offers, {funds:,} funds and {clients:,} client "
               f"names (seed {seed_value}). Password for every account: {demo.PASSWORD}; authenticator key "
               f"{demo.TOTP_KEY}. Firm members: firm<id>.member0@scale.example; defenders: "
               "defender<n>@scale.example; staff: as in seed-demo.")
