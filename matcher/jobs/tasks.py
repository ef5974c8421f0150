"""The jobs: each takes plain arguments, can run twice without harm, and raises to be retried."""

from ..conflicts import clientlists
from ..core import mail
from .runner import task


@task
def deliver_mail() -> None:
    """Send the messages that are due (``core.mail``)."""
    mail.deliver_due()


@task(timeout=1800)  # a list of a million names and the re-screen of every open need
def import_client_list(import_id: int) -> None:
    """Swap a firm's client list for an uploaded one and re-screen (``conflicts.clientlists``)."""
    clientlists.run_import(import_id)
