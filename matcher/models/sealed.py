"""Sealed columns: sensitive text stored encrypted, each value bound to its table, column and row.

The application reads and writes plain ``str`` (or JSON values); the database holds
what ``core.crypto`` seals. A value is sealed for its *place* (``need.summary#42``),
so that a value copied into another row or column does not open there.

Neither half of a column type knows which row it serves, so the row comes from
elsewhere on each side:

- reading, the SELECT itself says it: the column is read as ``'need.summary#' || id
  || '|' || summary`` (``column_expression``), whether the ORM loads an object or a
  query asks for the column alone;
- writing, the ORM's flush events hand each changed value to the column with its
  place. A new row has no id until its INSERT, so the INSERT writes a placeholder
  and the values sealed for the new id follow in an UPDATE within the same flush.

Writing a plain ``str`` to a sealed column any other way (a bulk ``update()``, say)
is refused rather than stored in the clear or unbound; bulk writers that bypass the
ORM (``core.bulk``, ``conflicts.clientindex``) write what ``stored`` makes, sealed for
the row whose id they took beforehand.
"""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Text, event, inspect, literal, type_coerce, update
from sqlalchemy.orm import Mapper
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import TypeDecorator

from ..core import crypto
from ..extensions import db

_PLACEHOLDER = crypto.PREFIX + "new-row"  # never opens: an INSERT's values follow under its id
_ROW = "|"  # separates the place from the stored value in what a SELECT returns


def place(table: str, column: str, row_id: int | str) -> str:
    """Where a value is kept, as it is sealed for and checked against."""
    return f"{table}.{column}#{row_id}"


def is_sealed(column) -> bool:
    """Whether ``column`` holds sealed values."""
    return isinstance(column.type, _Sealed)


def stored(column, table: str, value, row_id: int) -> str:
    """``value`` as ``column`` of row ``row_id`` of ``table`` stores it, for writers that bypass the ORM."""
    return crypto.seal(column.type.dumps(value), place(table, column.name, row_id))


@dataclass(frozen=True)
class _ForPlace:
    """A plain value on its way to a sealed column, with the place it goes to (None: the
    row has no id yet)."""

    value: Any
    place: str | None


class _Sealed(TypeDecorator):
    """What both sealed column types share: a text column, read with its place."""

    impl = Text
    cache_ok = True

    def dumps(self, value) -> str:
        raise NotImplementedError

    def loads(self, text: str):
        raise NotImplementedError

    def column_expression(self, column):
        """The stored value prefixed with its place, from the row the SELECT reads."""
        base = next(iter(column.base_columns))
        where = literal(place(base.table.name, base.name, ""), Text) + type_coerce(column.table.c.id, Text)
        return type_coerce(where + literal(_ROW, Text) + type_coerce(column, Text), self)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, _ForPlace):
            raise TypeError("a sealed column is written through the ORM, which seals each value for its row")
        return _PLACEHOLDER if value.place is None else crypto.seal(self.dumps(value.value), value.place)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        where, _, stored = value.partition(_ROW)
        return self.loads(crypto.open_sealed(stored, where))


class EncryptedText(_Sealed):
    """A text column stored sealed; the application reads and writes plain ``str``."""

    cache_ok = True

    def dumps(self, value: str) -> str:
        return value

    def loads(self, text: str) -> str:
        return text


class EncryptedJSON(_Sealed):
    """A JSON value (a list of aliases, say) stored sealed as text."""

    cache_ok = True

    def dumps(self, value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def loads(self, text: str):
        return json.loads(text)


@cache
def sealed_columns(mapper: Mapper) -> tuple[tuple[str, Any], ...]:
    """The mapper's sealed columns, as (attribute name, column) pairs."""
    return tuple((prop.key, column) for prop in mapper.column_attrs for column in prop.columns
                 if is_sealed(column))


def python_default(column):
    """The value the column's Python default gives a new row (the INSERT will not see it)."""
    default = column.default
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg


@event.listens_for(db.Model, "before_insert", propagate=True)
def _hold_new_values(mapper, connection, target) -> None:
    state = inspect(target)
    for key, column in sealed_columns(mapper):
        value = state.dict.get(key)
        if value is None:
            value = python_default(column)
        state.dict[key] = None if value is None else _ForPlace(value, None)  # no validator sees it


@event.listens_for(db.Model, "after_insert", propagate=True)
def _seal_new_values(mapper, connection, target) -> None:
    values, state = {}, inspect(target)
    for key, column in sealed_columns(mapper):
        held = state.dict.get(key)
        if held is not None:
            values[column.name] = _ForPlace(held.value, place(column.table.name, column.name, target.id))
            set_committed_value(target, key, held.value)
    if values:
        table = mapper.local_table
        connection.execute(update(table).where(table.c.id == target.id).values(values))


@event.listens_for(db.Model, "before_update", propagate=True)
def _seal_changed_values(mapper, connection, target) -> None:
    state = inspect(target)
    for key, column in sealed_columns(mapper):
        value = state.dict.get(key)
        if value is not None and key in state.committed_state:  # changed, or flagged by a rotation
            state.dict[key] = _ForPlace(value, place(column.table.name, column.name, target.id))


@event.listens_for(db.Model, "after_update", propagate=True)
def _show_plain_values(mapper, connection, target) -> None:
    state = inspect(target)
    for key, _column in sealed_columns(mapper):
        value = state.dict.get(key)
        if isinstance(value, _ForPlace):
            set_committed_value(target, key, value.value)
