"""API tokens: made by a firm's member, shown once, kept only as a digest, revoked on the firm's page.

A token is long and random, so a plain SHA-256 digest is enough to find it again and tells
nothing of it; it is compared by that digest in the database, never read back. It acts as the
member who made it, so it stops working when that member leaves the firm or is deactivated,
as well as when revoked.
"""

import hashlib
import secrets

from flask_babel import gettext as _

from ..core import audit
from ..core.refusals import Refused
from ..extensions import db
from ..models import ApiToken, LawFirm, User
from ..models._types import utcnow

SCHEME = "mk_"  # so a token pasted where it should not be is recognisable, and scanners can find it
PREFIX_SHOWN = 10  # the first letters, enough to tell a firm's tokens apart on its page
NAME_MAX = 100


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def fingerprint(secret: str) -> str:
    """A short name for a token as given, to count its requests by: never the token itself."""
    return _digest(secret)[:16]


def make_token(actor: User, firm: LawFirm, name: str) -> tuple[ApiToken, str]:
    """A new token for ``firm`` acting as ``actor``, and its secret, which is never stored."""
    if actor.firm_id != firm.id:
        raise Refused(_("You are not allowed to do that."))
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise Refused(_("Name the token (at most %(most)s characters), so you know later what uses it.",
                        most=NAME_MAX))
    secret = SCHEME + secrets.token_urlsafe(32)
    token = ApiToken(firm_id=firm.id, user_id=actor.id, name=name, prefix=secret[:PREFIX_SHOWN],
                     digest=_digest(secret))
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "firm.token_create", token, note=token.prefix)
    return token, secret


def revoke_token(actor: User, token: ApiToken) -> None:
    if actor.firm_id != token.firm_id:
        raise Refused(_("You are not allowed to do that."))
    if token.revoked_at is not None:
        raise Refused(_("This token was already revoked."))
    token.revoked_at, token.revoked_by_id = utcnow(), actor.id
    audit.record(actor, "firm.token_revoke", token, note=token.prefix)


def token_for(secret: str) -> ApiToken | None:
    """The live token ``secret`` is, or None: unknown, revoked, or its member no longer the firm's."""
    if not secret.startswith(SCHEME):
        return None
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.digest == _digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    member = token.user
    if not member.is_active or member.role != "firm" or member.firm_id != token.firm_id:
        return None
    token.last_used_at = utcnow()
    return token
