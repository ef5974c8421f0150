"""Inviting colleagues to the firm's team.

An invitation is a sealed link (``accounts.links``, opened by ``auth.join``) naming
the firm and who invited: whoever opens it within its lifetime sets a password and
joins the firm that sent it.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from ..accounts import links, people
from ..core import audit
from ..core.mail import notify
from ..extensions import limiter
from .blueprint import bp
from .forms import InvitationForm


@bp.route("/invite", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["INVITE_LIMIT"], key_func=lambda: f"invite:{current_user.id}",
               methods=["POST"])
def invite():
    """The answer is the same whether or not the address has an account, so the form cannot be
    used to find out who is on the platform; the owner of an existing account is told by mail."""
    form = InvitationForm()
    firm = current_user.firm
    if form.validate_on_submit():
        email = form.email.data
        if people.email_taken(email):
            notify([email], f"{firm.name} tried to invite you, but your address already has an account",
                   "auth.login", action="Your account stays as it is; sign in to use it")
        else:
            notify([email], f"{current_user.display_name} invites you to join {firm.name} on the platform",
                   "auth.join", action="Choose a password to join",
                   token=links.make("invitation", firm=firm.id, email=email, by=current_user.id))
        audit.record(current_user, "firm.invite", firm, note=email)
        flash(f"Invitation sent to {email}.")
        return redirect(url_for("firm.dashboard"))
    return render_template("firm/invite.html", form=form, firm=firm)
