"""Command-line operations, one module per command group, thin over the functions the pages call."""

from .accounts import accounts_group
from .conflicts import conflicts_group
from .demo import demo_code, demo_group, seed_demo
from .emergencies import emergencies
from .jobs import mail_group, worker
from .keys import keys_group
from .matching import matching
from .retention import retention


def register_commands(app) -> None:
    for command in (accounts_group, demo_code, demo_group, seed_demo, retention, matching, conflicts_group, keys_group,
                    worker, mail_group, emergencies):
        app.cli.add_command(command)
