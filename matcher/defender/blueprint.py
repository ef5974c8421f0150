"""The defender blueprint: the defender's pages: their own needs, nothing else.

It holds what every page of the audience shares (the blueprint and its guard), so the
view modules import it and never each other.
"""

from flask import Blueprint

from ..web.access import guard

bp = Blueprint("defender", __name__, url_prefix="/defender")
guard(bp, ("defender",))
