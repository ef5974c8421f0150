"""A reason as data: what it says and its particulars, never its words.

The engine decides why a candidate ranks where it does; the reader's language
decides how that is said. So a reason is a code ("practice_some") with the codes
and numbers it speaks of (the areas practised, the days left), and the web layer
words it for each reader (``matching.reasons``). A match keeps its reasons as data
too (``data``), so a coordinator in Lima and a partner in Paris read the same reason
each in their own language.

A reason is a plain tuple, ``(code, ((name, value), ...))``, with a set of codes as a
sorted tuple: a ranking makes thousands of reasons, and plain tuples of plain values
are what the garbage collector stops tracking once it has seen them.
"""

from datetime import date
from functools import lru_cache

Reason = tuple[str, tuple[tuple[str, object], ...]]


def reason(code: str, **values) -> Reason:
    return code, tuple([(name, _sorted(value) if isinstance(value, frozenset) else value)
                        for name, value in values.items()])


def data(given: Reason) -> dict:
    """The reason as JSON can hold it: tuples as lists, days as ISO dates."""
    code, values = given
    return {"code": code, "values": {name: _plain(value) for name, value in values}}


@lru_cache(maxsize=8192)
def _sorted(codes: frozenset[str]) -> tuple[str, ...]:
    """Profiles share a few sets of codes: each is sorted once."""
    return tuple(sorted(codes))


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
