"""Adverse parties that come back across open needs, for coordinators only (``conflicts.engine.litigants``).

Counts only, and small ones blurred (``web.reporting``): a company in two needs from one country
must not point at the two defenders. Firms never see this page: the blueprint admits staff only.
"""

from flask import render_template
from sqlalchemy import select

from ..conflicts.engine.litigants import Appearance, repeat_parties
from ..extensions import db
from ..models import AdverseParty, Need
from ..needs.states import QUEUE_NEED_STATES
from ..web.reporting import FEWER_THAN, blurred
from .blueprint import bp


@bp.route("/repeat-parties")
def repeat_parties_page():
    rows = db.session.execute(select(AdverseParty, Need.country).join(Need, Need.id == AdverseParty.need_id)
                              .where(Need.state.in_(QUEUE_NEED_STATES))).all()
    parties = repeat_parties(Appearance(party.need_id, country, (party.name, *party.aliases))
                             for party, country in rows)
    return render_template("coordinator/repeat_parties.html", parties=parties, blurred=blurred,
                           threshold=FEWER_THAN)
