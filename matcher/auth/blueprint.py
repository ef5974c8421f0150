"""The auth blueprint: signing in and out, two factors, registration, invitations, passwords.

Its pages are open to everybody (they are how one signs in), so it has no guard;
``safe_next`` is the one rule for where a page may send a browser after sign-in.
"""

from flask import Blueprint, request

from ..web.access import local_target

bp = Blueprint("auth", __name__, url_prefix="/account")


def safe_next() -> str | None:
    """The ``next`` address of the request, if it stays on this site."""
    return local_target(request.args.get("next", ""))
