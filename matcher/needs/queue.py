"""The order in which coordinators work on needs: the most urgent, nearest deadline first."""

from sqlalchemy import case

from ..models import Need
from ..models.needs import URGENCIES

# Emergency before urgent before standard, in the order the vocabulary lists them.
_URGENCY_RANK = case({urgency: rank for rank, urgency in enumerate(URGENCIES)}, value=Need.urgency,
                     else_=len(URGENCIES))

# Needs with a deadline before those without, then the earliest deadline, then the longest waiting.
MOST_URGENT_FIRST = (_URGENCY_RANK, Need.deadline.is_(None), Need.deadline, Need.submitted_at, Need.id)
