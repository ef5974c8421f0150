"""The vetting organisation's pages: people, needs, screening, matching and funds."""

from . import audit_log, emergencies, funds, intake, litigants, matches, needs, relations, reports, review, views  # noqa: F401  (importing a view module registers its routes)
from .blueprint import bp

__all__ = ["bp"]
