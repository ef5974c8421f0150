"""The digest of the matters waiting for a firm's answer, a mail a day at most.

Each proposal has its own message; a firm that gets several, or reads mail once a day, is
sent besides a list of what still waits for it: how many, how long each has waited and how
long is left to answer, with a link to its dashboard. As every mail, it holds no case detail:
a matter is named by the number the firm's dashboard shows, nothing else of it.
"""

from datetime import datetime, timedelta
from itertools import groupby

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from ..core.mail import firm_emails, notify
from ..extensions import db
from ..models import LawFirm, Match
from ..models._types import utcnow
from ..web.languages import duration

EVERY = timedelta(hours=24)  # a firm is sent one digest a day at most
# A matter just proposed has its own message: a digest waits until one has waited this long.
WAITED = timedelta(hours=1)


def send_due(now: datetime | None = None) -> int:
    """Write the digest of every firm with a matter waiting long enough and no digest in the last
    ``EVERY``; returns how many were written. Safe to run as often as wanted: each firm's row is
    locked and stamped with its digest, so two runs at once never both write one."""
    now = now or utcnow()
    waiting = db.session.scalars(
        select(Match).where(Match.state == "proposed", Match.firm_id.is_not(None))
        .order_by(Match.firm_id, Match.proposed_at, Match.id)).all()
    written = 0
    for firm_id, matches in groupby(waiting, key=lambda match: match.firm_id):
        matches = list(matches)
        if now - matches[0].proposed_at < WAITED:
            continue
        firm = db.session.get(LawFirm, firm_id, with_for_update=True, populate_existing=True)
        if firm.digest_sent_at is not None and now - firm.digest_sent_at < EVERY:
            continue
        firm.digest_sent_at = now
        subject = lazy_ngettext("%(num)d matter waits for your firm's answer",
                                "%(num)d matters wait for your firm's answer", len(matches))
        notify(firm_emails(firm_id), subject, "firm.dashboard", action=_l("Answer them on your dashboard"),
               lines=lambda matches=matches: [_line(match, now) for match in matches])
        written += 1
    return written


def _line(match: Match, now: datetime) -> str:
    """One matter as the digest lists it: its number, how long it has waited, how long is left."""
    waited = duration(now - match.proposed_at)
    if match.answer_by is None:
        return _("Matter #%(id)s: waiting for %(waited)s", id=match.id, waited=waited)
    if match.answer_by <= now:
        return _("Matter #%(id)s: waiting for %(waited)s; the time to answer has passed", id=match.id, waited=waited)
    return _("Matter #%(id)s: waiting for %(waited)s; %(left)s left to answer", id=match.id, waited=waited,
             left=duration(match.answer_by - now))
