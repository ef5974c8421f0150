"""``flask emergencies sweep``: answer windows passed on time, from cron, wherever jobs may be lost."""

import click

from ..extensions import db
from ..needs import digests, workflow


@click.group("emergencies")
def emergencies() -> None:
    """The answer windows of urgent needs."""


@emergencies.command("sweep")
def sweep() -> None:
    """Remind the firms whose answer window passed, lapse the proposals still silent after the grace,
    ask or suggest the next firms, and write the firms' digests that are due. Run it every few
    minutes: it does nothing twice."""
    swept = workflow.sweep_answer_windows()
    written = digests.send_due()
    db.session.commit()
    click.echo(f"{swept.reminded} firm(s) reminded, {swept.lapsed} proposal(s) lapsed, "
               f"{swept.proposed} proposed to the next firm, {swept.suggested} suggested; {written} digest(s) written.")
