"""Adverse parties that come back across open needs, for coordinators only (``conflicts.engine.litigants``).

Counts only, and small ones blurred (``FEWER_THAN``): a company in two needs from one country
must not point at the two defenders. Firms never see this page: the blueprint admits staff only.
"""

from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import select

from ..conflicts.engine.litigants import Appearance, repeat_parties
from ..extensions import db
from ..models import AdverseParty, Need
from ..needs.states import QUEUE_NEED_STATES
from .blueprint import bp

FEWER_THAN = 5


def blurred(count: int) -> str:
    """A count as a report shows it: "fewer than 5" below the threshold, so nobody can be picked out."""
    return _("fewer than %(count)s", count=FEWER_THAN) if count < FEWER_THAN else str(count)


@bp.route("/repeat-parties")
def repeat_parties_page():
    rows = db.session.execute(select(AdverseParty, Need.country).join(Need, Need.id == AdverseParty.need_id)
                              .where(Need.state.in_(QUEUE_NEED_STATES))).all()
    parties = repeat_parties(Appearance(party.need_id, country, (party.name, *party.aliases))
                             for party, country in rows)
    return render_template("coordinator/repeat_parties.html", parties=parties, blurred=blurred,
                           threshold=FEWER_THAN)
