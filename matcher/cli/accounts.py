"""Staff accounts: ``flask accounts create`` makes a coordinator or an admin without any password.

The command prints a one-time link, valid for ``ENROLMENT_MAX_AGE``, where the person
chooses a password and enrols a second factor; nobody else ever knows either. This is
how an operator creates the first admin on a fresh installation.
"""

import click
from email_validator import EmailNotValidError, validate_email

from ..accounts import links, people
from ..core import audit
from ..core.mail import absolute_url
from ..extensions import db


@click.group("accounts")
def accounts_group() -> None:
    """Accounts of the vetting organisation's staff."""


@accounts_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["coordinator", "admin"]), required=True, help="What the account may do.")
@click.option("--name", default="", help="How the platform names the person (the address by default).")
def create(email: str, role: str, name: str) -> None:
    """Create a staff account for EMAIL and print the link where its owner enrols."""
    try:
        email = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise click.ClickException(f"{email} is not an email address: {exc}") from exc
    if people.email_taken(email):
        raise click.ClickException(f"{email} already has an account")
    user = people.create_staff(role, email=email, password_hash=None, display_name=name.strip() or email)
    audit.record(None, "user.create", user, note=role)
    db.session.commit()
    click.echo(f"{role.title()} account created for {email}.")
    click.echo("Give this link to its owner only; it works once, to choose a password and enrol a second factor:")
    click.echo(absolute_url("auth.enrol", token=links.make("enrolment", id=user.id)))
