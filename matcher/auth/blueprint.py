"""The auth blueprint: accounts: signing in and out, two factors, registration, invitations, passwords.

It holds what every page of the audience shares (the blueprint and its guard), so the
view modules import it and never each other.
"""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/account")
