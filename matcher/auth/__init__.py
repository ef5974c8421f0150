"""Accounts: signing in and out, two factors, registration, invitations, passwords."""

from . import registration, second_factor, settings, views  # noqa: F401  (importing a view module registers its routes)
from .blueprint import bp

__all__ = ["bp"]
