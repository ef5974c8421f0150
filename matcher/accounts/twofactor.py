"""Two-factor authentication with time-based one-time codes (TOTP, RFC 6238) and recovery codes.

Codes come from any authenticator app. A code is accepted once (its time step is
remembered) and a step either side of now is allowed for clock drift. Recovery
codes are random, shown once, stored only as SHA-256 digests (they carry 50 bits
of entropy, so a slow hash adds nothing) and each works once.
"""

import hashlib
import hmac
import secrets
import time

import pyotp

ISSUER = "Pro bono matcher"
RECOVERY_CODES = 10


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def accepted_step(secret: str, code: str, last_step: int | None, now: float | None = None) -> int | None:
    """The time step ``code`` belongs to, if it is valid and newer than ``last_step``."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = int(now // totp.interval)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code) and (last_step is None or step > last_step):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Codes to show the user once, like ``k7qm-2xwd``."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return ["-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(2))
            for _ in range(RECOVERY_CODES)]


def digest(code: str) -> str:
    return hashlib.sha256("".join(code.lower().split()).encode()).hexdigest()


def use_recovery_code(stored: list[str], code: str) -> list[str] | None:
    """The remaining digests once ``code`` is spent, or None if it is not one of them."""
    wanted = digest(code)
    if not any(hmac.compare_digest(wanted, kept) for kept in stored):
        return None
    return [kept for kept in stored if kept != wanted]
