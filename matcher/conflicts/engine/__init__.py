"""Conflict-of-interest screening: adverse-party names against firms' client names.

Plain Python, no Flask and no database session. ``normalise`` reduces a name,
``keys`` files it in an index, ``score`` compares two names, ``relations`` walks
corporate families, ``positions`` finds parties under what a firm declared
it does not act against (a sector, a company, a kind of matter), and ``screen``
turns candidates into hits, each with the rule it rests on (``RULES``) and a
reason made from it. The caller looks candidates up
by ``party_keys`` in its index (the database, or ``MemoryIndex``) and calls ``screen``.
"""

from .index import MemoryIndex
from .keys import (
    COMMON_KEY_LIMIT,
    KEYS_VERSION,
    asked_keys,
    core_keys,
    identifier_key,
    index_keys,
    is_whole_key,
    key_limit,
    lookup_keys,
    word_keys,
)
from .normalise import NormalName, name_key, normalise
from .positions import Position, positional_hits
from .records import RULES, ClientName, Evidence, Hit, Party, Relation
from .relations import Relations
from .score import RARE_LIMIT
from .screen import party_keys, rare_word_keys, screen, screen_lists

__all__ = [
    "COMMON_KEY_LIMIT",
    "KEYS_VERSION",
    "RARE_LIMIT",
    "RULES",
    "asked_keys",
    "ClientName",
    "Evidence",
    "Hit",
    "MemoryIndex",
    "NormalName",
    "Party",
    "Position",
    "Relation",
    "Relations",
    "core_keys",
    "identifier_key",
    "index_keys",
    "is_whole_key",
    "key_limit",
    "lookup_keys",
    "name_key",
    "normalise",
    "party_keys",
    "positional_hits",
    "rare_word_keys",
    "screen",
    "screen_lists",
    "word_keys",
]
