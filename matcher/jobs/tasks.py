"""The jobs: each takes plain arguments, can run twice without harm, and raises to be retried."""

from ..conflicts import clientlists, registryimport
from ..core import mail
from ..extensions import db
from ..models import LawFirm
from ..needs import digests, workflow
from .runner import task


@task
def deliver_mail() -> None:
    """Send the messages that are due (``core.mail``)."""
    mail.deliver_due()


@task(timeout=900)  # a list of a million names and the re-screen of every open need
def import_client_list(import_id: int) -> None:
    """Swap a firm's client list for an uploaded one and re-screen (``conflicts.clientlists``)."""
    clientlists.run_import(import_id)


@task(timeout=1800)  # every open need against every firm
def import_relations(import_id: int) -> None:
    """Swap the relations registry for an uploaded one and re-screen (``conflicts.registryimport``)."""
    registryimport.run_import(import_id)


@task(timeout=900)
def rescreen_firm(firm_id: int) -> None:
    """Screen the open needs against a firm again (it was verified) and end what is no longer clear."""
    firm = db.session.get(LawFirm, firm_id, with_for_update=True)
    if firm is not None:
        workflow.rescreen_firm(None, firm)
        db.session.commit()


@task
def sweep_answer_windows() -> None:
    """Remind and lapse what answer windows have passed and ask the next firms (``workflow``), then
    write the firms' digests that are due (``needs.digests``); queued for each window's end, and
    what ``flask emergencies sweep`` does from cron."""
    workflow.sweep_answer_windows()
    digests.send_due()
    db.session.commit()
