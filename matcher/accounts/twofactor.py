"""Two-factor authentication with time-based one-time codes (TOTP, RFC 6238) and recovery codes.

Codes come from any authenticator app. A code is accepted once (its time step is
remembered) and a step either side of now is allowed for clock drift. Recovery
codes carry 120 random bits each, are shown once, are stored only under a salted
slow hash (argon2id at OWASP's minimum cost, so ten of them are checked in a
blink), and each works once. The set-up page shows the key as a QR code drawn here,
as SVG, so no image is fetched from anywhere.
"""

import base64
import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from markupsafe import Markup

ISSUER = "Pro bono matcher"
RECOVERY_CODES = 10


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_code(uri: str) -> Markup:
    """The set-up address as an inline SVG QR code (no style attribute, so the CSP holds)."""
    return Markup(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


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


_RECOVERY_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def new_recovery_codes() -> list[str]:
    """Codes to show the user once, like ``k7qm-2xwd-…``: 120 random bits each, in groups of four."""
    codes = (base64.b32encode(secrets.token_bytes(15)).decode().lower() for _ in range(RECOVERY_CODES))
    return ["-".join(code[i:i + 4] for i in range(0, len(code), 4)) for code in codes]


def digest(code: str) -> str:
    """What is stored of a recovery code: a salted slow hash of it."""
    return _RECOVERY_HASHER.hash(_normal(code))


def use_recovery_code(stored: list[str], code: str) -> list[str] | None:
    """The remaining digests once ``code`` is spent, or None if it is not one of them."""
    for kept in stored:
        if _is_code_of(kept, code):
            return [other for other in stored if other is not kept]
    return None


def _normal(code: str) -> str:
    """A code as typed, without spaces, dashes or capitals."""
    return "".join(code.lower().split()).replace("-", "")


def _is_code_of(kept: str, code: str) -> bool:
    if not kept.startswith("$argon2"):
        # Codes made before recovery codes were hashed slowly: a SHA-256 of the code as typed,
        # still honoured so their owners are not locked out; setting up again replaces them.
        return hmac.compare_digest(kept, hashlib.sha256("".join(code.lower().split()).encode()).hexdigest())
    try:
        return _RECOVERY_HASHER.verify(kept, _normal(code))
    except (VerificationError, InvalidHashError):
        return False
