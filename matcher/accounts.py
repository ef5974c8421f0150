"""Passwords, and the login manager's loading of users from the session.

A session names the user *and* a token derived from their password hash, so
changing the password ends every other session at once.
"""

import contextlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .extensions import db
from .models import User

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user: User | None, password: str) -> bool:
    """Verify, and upgrade the stored hash when argon2's parameters have moved on.

    An unknown or password-less account still costs one verification, so the
    answer's timing does not tell whether an address has an account.
    """
    if user is None or not user.password_hash:
        _verify_dummy(password)
        return False
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True


_DUMMY_HASH = _hasher.hash("a password nobody has")


def _verify_dummy(password: str) -> None:
    with contextlib.suppress(VerificationError):
        _hasher.verify(_DUMMY_HASH, password)


def init_login(login_manager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see this page."
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str):
        user_id, _, token = session_id.partition(":")
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        if user is None or not hmac.compare_digest(token, user.session_token):
            return None
        return user
