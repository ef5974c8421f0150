"""The admin's pages: the accounts of everybody on the platform."""

from . import views  # noqa: F401  (importing a view module registers its routes)
from .blueprint import bp

__all__ = ["bp"]
