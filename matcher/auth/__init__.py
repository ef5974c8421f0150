"""Accounts: signing in and out, two factors, registration, invitations, passwords."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/account")

from . import registration, second_factor, views  # noqa: E402,F401  (the modules register their routes on bp)
