"""A firm member's pages: their firm's offers, client list and proposed matters."""

from . import api_tokens, clients, offers, positions, report, team, views  # noqa: F401  (importing a view module registers its routes)
from .blueprint import bp

__all__ = ["bp"]
