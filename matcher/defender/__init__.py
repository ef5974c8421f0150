"""The defender's pages: their own needs, nothing else."""

from . import kinds, privacy, views  # noqa: F401  (importing a view module registers its routes)
from .blueprint import bp

__all__ = ["bp"]
