"""The coordinator blueprint: the vetting organisation's pages: people, needs, screening, matching and funds.

It holds what every page of the audience shares (the blueprint and its guard), so the
view modules import it and never each other.
"""

from flask import Blueprint

from ..web.access import guard

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
guard(bp, ("coordinator", "admin"))
