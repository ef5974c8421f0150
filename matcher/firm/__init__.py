"""A firm member's pages: their firm's offers, client list and proposed matters."""

from flask import Blueprint

from ..access import guard

bp = Blueprint("firm", __name__, url_prefix="/firm")
guard(bp, ("firm",))

from . import clients, offers, team, views  # noqa: E402,F401  (the modules register their routes on bp)
