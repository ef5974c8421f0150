"""An admin's work on other people's accounts: disable, enable, change a staff role, reset a lost
second factor. Each ends the account's sessions where it should, is audited, and tells the owner
by mail when it is something they must know about."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..core import audit
from ..core.mail import notify
from ..core.refusals import Refused
from ..models import User
from . import sessions

STAFF_ROLES = ("coordinator", "admin")
# Each role (``models.accounts.ROLES``) as one person and as a group of them, for the pages to show.
ROLE_WORDS = {"defender": _l("defender"), "firm": _l("firm member"), "coordinator": _l("coordinator"),
              "admin": _l("admin")}
ROLE_GROUPS = {"defender": _l("defenders"), "firm": _l("firm members"), "coordinator": _l("coordinators"),
               "admin": _l("admins")}


class AccountRefused(Refused):
    """An admin action the rules do not allow, explained for the admin."""


def disable(actor: User, user: User) -> None:
    """Stop ``user`` signing in, and end every session they have."""
    _not_oneself(actor, user)
    if user.is_disabled:
        raise AccountRefused(_("This account is disabled already."))
    user.is_disabled = True
    sessions.end_everywhere(user)
    audit.record(actor, "admin.disable", user)


def enable(actor: User, user: User) -> None:
    if not user.is_disabled:
        raise AccountRefused(_("This account is not disabled."))
    if user.password_hash is None and user.email is None:
        raise AccountRefused(_("This account was erased at its owner's request: it cannot come back."))
    user.is_disabled = False
    audit.record(actor, "admin.enable", user)


def change_role(actor: User, user: User, role: str) -> None:
    """Move a staff account between coordinator and admin; other roles are other worlds."""
    _not_oneself(actor, user)
    if user.role not in STAFF_ROLES or role not in STAFF_ROLES:
        raise AccountRefused(_("Only coordinators and admins change roles, and only between the two."))
    if role == user.role:
        raise AccountRefused(_("This account is %(role)s already.", role=role))
    before, user.role = user.role, role
    sessions.end_everywhere(user)
    audit.record(actor, "admin.role", user, from_state=before, to_state=role)
    notify([user.email], _l("Your role on the platform is now %(role)s", role=role), "auth.login")


def reset_second_factor(actor: User, user: User) -> None:
    """Forget a lost second factor, after the owner's identity was checked another way: their
    sessions end, and an account that must have one sets up a new one at its next sign-in."""
    _not_oneself(actor, user)
    if not user.totp_secret:
        raise AccountRefused(_("This account has no second factor to reset."))
    user.totp_secret, user.totp_last_step, user.recovery_codes = None, None, []
    sessions.end_everywhere(user)
    audit.record(actor, "admin.reset_second_factor", user)
    notify([user.email], _l("Your second factor was reset by an admin"), "auth.login",
           action=_l("Sign in to set up a new one; if you did not ask for this, tell the vetting organisation"))


def _not_oneself(actor: User, user: User) -> None:
    if actor.id == user.id:
        raise AccountRefused(_("Ask another admin: nobody changes their own account here."))
