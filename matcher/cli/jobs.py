"""``flask worker`` runs background jobs from Redis; ``flask mail deliver`` sends what is pending, and
``flask mail digest`` writes the firms' digests of the matters waiting for them."""

import click
from flask import current_app

from ..core import mail
from ..extensions import db
from ..jobs import runner
from ..needs import digests


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (scripts and tests).")
def worker(burst: bool) -> None:
    """Run background jobs (client-list imports, mail) from the Redis queue; start as many as needed.

    Each job runs in this process (RQ's SimpleWorker), so a job sees the app's configuration and
    database as the web processes do; a worker killed mid-job leaves its transaction rolled
    back, and RQ runs the job again on a worker once the dead one's heartbeat has expired."""
    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: without Redis, jobs run inside the web process.")
    from rq import SimpleWorker

    queue = runner.current_runner().queue
    runner.enqueue("deliver_mail")  # whatever was left pending when the workers last stopped
    db.session.commit()
    SimpleWorker([queue], connection=queue.connection).work(burst=burst, with_scheduler=True)


@click.group("mail")
def mail_group() -> None:
    """Outgoing mail."""


@mail_group.command("deliver")
def deliver() -> None:
    """Send every pending message that is due now, and say how many are still waiting."""
    try:
        sent = mail.deliver_due()
    except mail.NotDelivered as waiting:
        raise click.ClickException(str(waiting)) from None
    click.echo(f"{sent} message(s) sent; none waiting.")


@mail_group.command("digest")
def digest() -> None:
    """Write each firm's digest of the matters waiting for its answer, one a day at most."""
    written = digests.send_due()
    db.session.commit()
    click.echo(f"{written} digest(s) written.")
