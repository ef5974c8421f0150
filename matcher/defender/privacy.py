"""A defender's own data: download a copy, or delete the account."""

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired

from ..accounts import privacy, sessions
from ..accounts.passwords import check_password
from ..core import audit
from .blueprint import bp


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired()])
    understood = BooleanField(
        _l("I understand that my needs are withdrawn and what I wrote is erased for good."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


@bp.route("/data")
def data():
    return render_template("defender/data.html", form=DeleteAccountForm())


@bp.route("/data/download")
def download():
    user = current_user._get_current_object()
    audit.record(user, "defender.export", user.defender)
    body = json.dumps(privacy.export(user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"'})


@bp.route("/data/delete", methods=["POST"])
def delete_account():
    user = current_user._get_current_object()
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if check_password(user, form.password.data):
            privacy.erase_defender(user, user)
            sessions.end()
            flash(_("Your account is deleted and what you wrote is erased."))
            return redirect(url_for("home.index"))
        form.password.errors.append(_("This is not your password."))
    return render_template("defender/data.html", form=form), 200
