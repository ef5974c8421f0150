"""A firm's team: inviting colleagues, revoking an invitation, removing a member who left.

An invitation is a row; its emailed link (``links``) names the row, so the firm sees
what is pending, a revoked invitation stops working at once, and a used one cannot
be used again. The answer to inviting an address that already has an account is the
same as to any other (its owner is told by mail), so the form reveals nobody.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core import audit
from ..core.mail import notify
from ..core.refusals import Refused
from ..extensions import db
from ..models import Invitation, LawFirm, User
from ..models._types import utcnow
from . import links, people, sessions


class TeamRefused(Refused):
    """A change to a team the rules do not allow, explained for the member who tried."""


def invite(actor: User, firm: LawFirm, email: str) -> None:
    """Invite ``email`` to ``firm``'s team by mail, or tell the address's owner it is taken."""
    audit.record(actor, "firm.invite", firm, note=email)
    if people.email_taken(email):
        notify([email], _l("%(firm)s tried to invite you, but your address already has an account", firm=firm.name),
               "auth.login", action=_l("Your account stays as it is; sign in to use it"))
        return
    invitation = Invitation(firm_id=firm.id, email=email, invited_by_id=actor.id)
    db.session.add(invitation)
    db.session.flush()
    notify([email], _l("%(inviter)s invites you to join %(firm)s on the platform", inviter=actor.display_name,
                       firm=firm.name),
           "auth.join", action=_l("Choose a password to join"), token=links.make("invitation", id=invitation.id))


def pending(firm: LawFirm) -> list[Invitation]:
    """The firm's invitations not yet used, revoked or expired, newest first."""
    return db.session.scalars(
        select(Invitation).options(selectinload(Invitation.invited_by))
        .where(Invitation.firm_id == firm.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
               Invitation.created_at >= _oldest_pending())
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()


def open_invitation(token: str) -> Invitation | None:
    """The invitation a link names, while it may still be used."""
    data = links.read("invitation", token)
    invitation = db.session.get(Invitation, data["id"]) if data else None
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return None
    return invitation if invitation.created_at >= _oldest_pending() else None


def accept(invitation: Invitation, *, password_hash: str, display_name: str) -> User:
    """The invited colleague's account, a member of the firm that invited them."""
    firm = db.session.get(LawFirm, invitation.firm_id)
    user = people.create_firm_member(firm, email=invitation.email, password_hash=password_hash,
                                     display_name=display_name)
    invitation.accepted_at = utcnow()
    audit.record(user, "firm.join", firm)
    return user


def revoke(actor: User, invitation: Invitation) -> None:
    _check_may_manage(actor, invitation.firm_id)
    if invitation.accepted_at or invitation.revoked_at:
        raise TeamRefused(_("This invitation was used or revoked already."))
    invitation.revoked_at = utcnow()
    audit.record(actor, "firm.revoke_invitation", actor.firm, note=invitation.email)


def remove_member(actor: User, member: User) -> None:
    """Detach a colleague who left: they see nothing of the firm any more, and are signed out."""
    _check_may_manage(actor, member.firm_id)
    if member.id == actor.id:
        raise TeamRefused(_("You cannot remove yourself: ask a colleague."))
    firm = actor.firm
    member.firm_id = None
    sessions.end_everywhere(member)
    audit.record(actor, "firm.remove_member", firm, note=member.display_name)
    notify([member.email], _l("You were removed from %(firm)s's team on the platform", firm=firm.name), "auth.login")


def _check_may_manage(actor: User, firm_id: int | None) -> None:
    if actor.firm_id is None or actor.firm_id != firm_id:
        raise TeamRefused(_("You are not allowed to do that."))
    if not actor.firm.verified:
        raise TeamRefused(_("Your firm is not verified yet: its team is managed once it is."))


def _oldest_pending():
    return utcnow() - timedelta(seconds=current_app.config["INVITATION_MAX_AGE"])
