"""The firm's API tokens: made by a member for the firm's own systems, shown once, revoked here."""

from flask import make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts import api_tokens as tokens
from ..core.refusals import Refused
from ..extensions import db
from ..models import ApiToken
from ..web.attempts import attempt
from .blueprint import bp, own_record_or_404
from .forms import ApiTokenForm


def _page(form: ApiTokenForm, made: tuple[ApiToken, str] | None = None):
    """The tokens, newest first; a token just made is shown whole this once, so the page is not kept."""
    listed = db.session.scalars(select(ApiToken).where(ApiToken.firm_id == current_user.firm_id)
                                .order_by(ApiToken.id.desc())).all()
    response = make_response(render_template("firm/api_tokens.html", form=form, tokens=listed, made=made,
                                             firm=current_user.firm))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/api-tokens", methods=["GET", "POST"])
def api_tokens():
    form = ApiTokenForm()
    if form.validate_on_submit():
        try:
            made = tokens.make_token(current_user, current_user.firm, form.name.data)
        except Refused as refused:
            form.name.errors.append(str(refused))
        else:
            return _page(ApiTokenForm(formdata=None), made)
    return _page(form)


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_api_token(token_id: int):
    token = own_record_or_404(ApiToken, token_id)
    attempt(lambda: tokens.revoke_token(current_user, token),
            _("The token “%(name)s” is revoked: requests with it are refused from now on.", name=token.name))
    return redirect(url_for("firm.api_tokens"))
