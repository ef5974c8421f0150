"""The corporate relations registry replaced from a coordinator's upload, as a job (``imports``).

Replacing the registry screens every open need against every firm again, in the same
transaction: minutes at the platform's size, too long for a request."""

from ..extensions import db
from ..models import RegistryImport, User
from ..needs import workflow
from . import imports
from .registry import Parsed


def running_import() -> RegistryImport | None:
    """The registry's import still under way, if any."""
    return imports.running(RegistryImport)


def start_import(actor: User, parsed: Parsed) -> RegistryImport:
    """Record the replacement of the registry by ``parsed`` and queue its job once committed."""
    return imports.start(RegistryImport(started_by_id=actor.id),
                         {"pairs": parsed.pairs, "repeated": parsed.repeated}, len(parsed.pairs), "import_relations")


def run_import(import_id: int) -> None:
    """The job: swap the registry in and screen every open need again (``imports.run``)."""
    imports.run(RegistryImport, import_id, _swap_in)


def _swap_in(record: RegistryImport, payload: dict, progress: imports.Progress) -> int:
    actor = db.session.get(User, record.started_by_id) if record.started_by_id else None
    parsed = Parsed(payload["pairs"], payload["repeated"])
    return workflow.replace_registry(actor, parsed, progress).needs_screened
