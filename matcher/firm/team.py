"""The firm's team: its members and pending invitations, inviting a colleague, revoking an
invitation and removing a member who left (``accounts.invitations`` holds the rules)."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import invitations
from ..extensions import limiter
from ..models import Invitation, User
from ..web.attempts import attempt
from .blueprint import bp, own_record_or_404
from .forms import InvitationForm


@bp.route("/team")
def team():
    firm = current_user.firm
    return render_template("firm/team.html", firm=firm, members=firm.members, pending=invitations.pending(firm))


@bp.route("/invite", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["INVITE_LIMIT"], key_func=lambda: f"invite:{current_user.id}",
               methods=["POST"])
def invite():
    """The answer is the same whether or not the address has an account."""
    form = InvitationForm()
    if form.validate_on_submit():
        invitations.invite(current_user, current_user.firm, form.email.data)
        flash(_("Invitation sent to %(email)s.", email=form.email.data))
        return redirect(url_for("firm.team"))
    return render_template("firm/invite.html", form=form, firm=current_user.firm)


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["POST"])
def revoke_invitation(invitation_id: int):
    invitation = own_record_or_404(Invitation, invitation_id)
    attempt(lambda: invitations.revoke(current_user, invitation),
             _("The invitation is revoked: its link no longer works."))
    return redirect(url_for("firm.team"))


@bp.route("/members/<int:user_id>/remove", methods=["POST"])
def remove_member(user_id: int):
    member = own_record_or_404(User, user_id)
    attempt(lambda: invitations.remove_member(current_user, member),
             _("%(name)s is removed from the team and signed out.", name=member.display_name))
    return redirect(url_for("firm.team"))
