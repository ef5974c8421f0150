"""The admin blueprint: only admins pass its guard (coordinators keep their own pages)."""

from flask import Blueprint

from ..web.access import guard

bp = Blueprint("admin", __name__, url_prefix="/admin")
guard(bp, ("admin",))
