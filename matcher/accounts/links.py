"""Links that act for whoever holds them: invitations, password resets, confirmations, enrolments.

One scheme for all of them: a link carries its data sealed under the platform's
encryption key, so nobody who sees the link (a mail server, a browser history)
can read the address, the firm or the registration in it; it names what it is
for, so a reset link is no invitation; and it expires after the configured time.
"""

from flask import current_app

from ..core import crypto

# What each kind of link is for, and the setting that says how long it works.
MAX_AGE_SETTINGS = {
    "invitation": "INVITATION_MAX_AGE",
    "password-reset": "PASSWORD_RESET_MAX_AGE",
    "registration": "REGISTRATION_MAX_AGE",
    "enrolment": "ENROLMENT_MAX_AGE",
    "known-browser": "KNOWN_BROWSER_MAX_AGE",
}


def make(purpose: str, **data) -> str:
    """A token for a link that does ``purpose`` with ``data``."""
    if purpose not in MAX_AGE_SETTINGS:
        raise ValueError(f"no such link: {purpose}")
    return crypto.seal_token({"for": purpose, **data})


def read(purpose: str, token: str) -> dict | None:
    """The data of a ``purpose`` link, or None if it was forged, altered, is for something else or too old."""
    data = crypto.open_token(token, current_app.config[MAX_AGE_SETTINGS[purpose]])
    if data is None or data.pop("for", None) != purpose:
        return None
    return data
