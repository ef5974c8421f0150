"""Creating the people who use the platform: one function per kind of account.

Registration, an invitation, a coordinator's intake and the demo all create
accounts through here, so an account of a kind is made the same way whoever
makes it. Each function adds the account to the session and flushes it (so it
has an id); the caller writes the audit event and the mail its occasion calls for.
"""

from sqlalchemy import exists, select

from ..extensions import db
from ..models import DefenderProfile, LawFirm, User
from ..models._types import utcnow


def email_taken(email: str) -> bool:
    """Whether an account already uses ``email`` (in any case)."""
    return bool(db.session.scalar(select(exists().where(User.with_email(email)))))


def create_defender(*, email: str | None, password_hash: str | None, pseudonym: str, kinds: list[str],
                    country: str, languages: list[str], contact: str, verified: bool = False) -> User:
    """A defender's account and profile. With no password, the defender is offline: a coordinator acts for them."""
    user = User(email=email, password_hash=password_hash, role="defender", display_name=pseudonym)
    user.defender = DefenderProfile(pseudonym=pseudonym, kinds=kinds, country=country, languages=languages,
                                    contact=contact, verified=verified, verified_at=utcnow() if verified else None)
    return _added(user)


def create_firm(*, email: str, password_hash: str, display_name: str, firm_name: str, country: str,
                contact_name: str, contact_email: str, contact_phone: str = "", verified: bool = False) -> User:
    """A law firm with its first member, who registered it."""
    firm = LawFirm(name=firm_name, country=country, contact_name=contact_name, contact_email=contact_email,
                   contact_phone=contact_phone, verified=verified, verified_at=utcnow() if verified else None)
    return create_firm_member(firm, email=email, password_hash=password_hash, display_name=display_name)


def create_firm_member(firm: LawFirm, *, email: str, password_hash: str, display_name: str) -> User:
    """A member of ``firm``'s team."""
    return _added(User(email=email, password_hash=password_hash, role="firm", display_name=display_name, firm=firm))


def create_staff(role: str, *, email: str, password_hash: str | None, display_name: str) -> User:
    """A coordinator or an admin of the vetting organisation; with no password, it waits for its
    owner to enrol (``flask accounts create``)."""
    if role not in ("coordinator", "admin"):
        raise ValueError(f"not a staff role: {role}")
    return _added(User(email=email, password_hash=password_hash, role=role, display_name=display_name))


def _added(user: User) -> User:
    db.session.add(user)
    db.session.flush()
    return user
