"""What every report shares: the period it covers, as its address asks (two days, which are no
secret; the last year when none is given; a day that is not one, or a start after the end, is
refused), and its counts blurred below ``FEWER_THAN``, so that no defender can be picked out."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import abort, request
from flask_babel import gettext as _

DEFAULT_DAYS = 365
FEWER_THAN = 5


@dataclass(frozen=True)
class Period:
    since: date
    until: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time.min, UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.until, time.max, UTC)


def period_asked() -> Period:
    """The period of ``since`` and ``until`` in the address, or 400 for one that is not a period."""
    try:
        since, until = (date.fromisoformat(request.args[name]) if request.args.get(name) else None
                        for name in ("since", "until"))
    except ValueError:
        abort(400)
    until = until or datetime.now(UTC).date()
    since = since or until - timedelta(days=DEFAULT_DAYS)
    if since > until:
        abort(400)
    return Period(since, until)


def blurred(count: int) -> str:
    """A count as a report shows it: "fewer than 5" below the threshold."""
    return _("fewer than %(count)s", count=FEWER_THAN) if count < FEWER_THAN else str(count)
