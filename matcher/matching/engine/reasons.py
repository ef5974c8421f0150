"""A reason as data: what it says and its particulars, never its words.

The engine decides why a candidate ranks where it does; the reader's language
decides how that is said. So a reason is a code ("practice_partial") with the
codes and numbers it speaks of (the areas practised, the days left), and the web
layer words it for each reader (``matching.reasons``). A match keeps its reasons
as data too, so a coordinator in Lima and a partner in Paris read the same reason
each in their own language.

Particulars are kept as a tuple of (name, value) pairs: a ranking makes thousands
of reasons, and tuples of plain values are what the collector leaves alone.
"""

from datetime import date
from typing import NamedTuple


class Reason(NamedTuple):
    code: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, **values) -> "Reason":
        return cls(code, tuple(values.items()))

    def data(self) -> dict:
        """The reason as JSON can hold it: sets of codes as sorted lists, days as ISO dates."""
        return {"code": self.code, "values": {name: _plain(value) for name, value in self.values}}


def _plain(value):
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
