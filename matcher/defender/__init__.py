"""The defender's pages: their own needs, nothing else."""

from flask import Blueprint

from ..access import guard

bp = Blueprint("defender", __name__, url_prefix="/defender")
guard(bp, ("defender",))

from . import privacy, views  # noqa: E402,F401  (the modules register their routes on bp)
