"""Conflict-of-interest screening: adverse-party names against a firm's client names.

Plain Python, no Flask and no database session: the caller looks candidates up in
the index by the keys this module makes, and this module decides which candidates
are hits and says why.
"""

from .normalise import name_key
from .screen import ClientName, Hit, Party, party_keys, screen

__all__ = ["ClientName", "Hit", "Party", "name_key", "party_keys", "screen"]
