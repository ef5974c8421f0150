"""Writing the audit trail. Every state change records one event through here."""

from ..extensions import db
from ..models import AuditEvent

# Reading a need's text is audited like a change; those reads are not part of the need's story.
READ_NEED = "need.read"


def record_read(actor, need, note: str = ""):
    """Write that ``actor`` read ``need``'s text (``note`` says which part)."""
    return record(actor, READ_NEED, need, need=need, note=note)


# The corporate relations registry is replaced whole: the trail speaks of it as one record.
REGISTRY = ("corporate_relation", 0)


def record(actor, action: str, subject, *, need=None, from_state="", to_state="", note=""):
    """Add an audit event for ``subject`` (a row, or a ``(table, id)`` pair such as ``REGISTRY``)
    to the session; the request commits it."""
    subject_type, subject_id = subject if isinstance(subject, tuple) else (type(subject).__tablename__, subject.id)
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        need_id=need.id if need is not None else None,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )
    db.session.add(event)
    return event
