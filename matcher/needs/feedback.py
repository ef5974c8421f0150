"""The defender's private word on whether the help helped.

Only the defender whose need it is may say it, once the match is completed; only they and the
coordinators read it. The firm's pages never show it, its audit event is not one of a match's
moves (so no firm's history lists it) and holds no note, and what was said stays on the match,
the note sealed.
"""

from flask_babel import gettext as _

from ..core import audit
from ..core.refusals import FieldsRefused, Refused
from ..models import Match, User
from . import outcomes


def say_whether_it_helped(actor: User, match: Match, verdict: str, note: str) -> None:
    """Record (or change) what ``actor``, the need's defender, says of the help ``match`` gave."""
    if actor.defender is None or match.need.defender_id != actor.defender.id:
        raise Refused(_("You are not allowed to do that."))
    if match.state != "completed":
        raise Refused(_("You can say whether the help helped once it is completed."))
    problems = {}
    if verdict not in outcomes.VERDICTS:
        problems["helped"] = _("Choose one of the answers.")
    if len(note) > outcomes.MAX_NOTE:
        problems["note"] = _("Keep the note under %(max)s characters.", max=f"{outcomes.MAX_NOTE:,}")
    if problems:
        raise FieldsRefused(problems)
    match.helped, match.helped_note = verdict, note.strip()
    audit.record(actor, "match.feedback", match, need=match.need)
