"""The kinds of defender a defender says she is, which decide the funds open to her.

Said when registering; changed here, since a defender may come to be another kind too (a
community leader who becomes a trade unionist), or registered before she could say several.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from ..core import audit
from ..web.fields import defender_kinds_field
from .blueprint import bp


class KindsForm(FlaskForm):
    kinds = defender_kinds_field(_l("You are"), _l("Tick every one that applies: a fund for any of them is open "
                                                   "to you."))


@bp.route("/kinds", methods=["GET", "POST"])
def kinds():
    profile = current_user.defender
    form = KindsForm(data={"kinds": profile.kinds})
    if form.validate_on_submit():
        profile.kinds = form.kinds.data
        audit.record(current_user, "defender.kinds", profile)
        flash(_("Saved: funds for any of these kinds of defender are open to you."))
        return redirect(url_for("defender.dashboard"))
    return render_template("defender/kinds.html", form=form)
