"""The firm blueprint: a firm member's pages: their firm's offers, client list and proposed matters.

It holds what every page of the audience shares (the blueprint and its guard), so the
view modules import it and never each other.
"""

from flask import Blueprint

from ..web.access import guard

bp = Blueprint("firm", __name__, url_prefix="/firm")
guard(bp, ("firm",))
