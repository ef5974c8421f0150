"""Inviting colleagues to the firm's team.

An invitation is a sealed link (``accounts.links``, opened by ``auth.join``): whoever opens it within its
lifetime sets a password and joins the firm that sent it.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..accounts import links, people
from ..core import audit
from ..core.mail import notify
from .blueprint import bp
from .forms import InvitationForm


@bp.route("/invite", methods=["GET", "POST"])
def invite():
    form = InvitationForm()
    firm = current_user.firm
    if form.validate_on_submit():
        email = form.email.data
        if people.email_taken(email):
            form.email.errors.append(
                "An account with this email exists already; one email can belong to one account only."
            )
        else:
            notify([email], "You are invited to join your firm's team", "auth.join",
                   token=links.make("invitation", firm=firm.id, email=email))
            audit.record(current_user, "firm.invite", firm, note=email)
            flash(f"Invitation sent to {email}.")
            return redirect(url_for("firm.dashboard"))
    return render_template("firm/invite.html", form=form, firm=firm)
