"""Writing many rows at once through the session's own driver connection.

The ORM costs a few hundred microseconds a row; a client list of 100,000 rows or a
generated world of millions would take minutes that way. These writers go under it,
inside the session's transaction: COPY on PostgreSQL, ``executemany`` on SQLite.
Rows come with their ids already taken (``new_ids``), so that sealed values can be
sealed for their rows before they are written (``models.sealed.stored``) and rows
of other tables can point at them.

``write_rows`` takes a model and plain values, as the ORM would, and writes them as
stored: sealed columns sealed, omitted columns given their Python default, values
adapted to what the driver stores. ``writer().write`` takes rows already as stored.
"""

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import islice

from sqlalchemy import JSON, text

from ..extensions import db
from ..models.sealed import is_sealed, python_default, stored

# Rows handed to the driver at once.
BATCH = 100_000


def on_postgres() -> bool:
    """Whether the session's database is PostgreSQL (SQLite otherwise): the few statements
    that differ between the two ask here."""
    return db.session.connection().dialect.name == "postgresql"


def writer() -> "PostgresWriter | SQLiteWriter":
    """The writer for the session's database, on its connection and in its transaction."""
    raw = db.session.connection().connection.driver_connection
    return PostgresWriter(raw) if on_postgres() else SQLiteWriter(raw)


def new_ids(table: str, count: int) -> list[int]:
    """``count`` ids for new rows of ``table``, taken as an INSERT would take them."""
    return writer().new_ids(table, count)


def id_block(table: str, count: int) -> range:
    """``count`` consecutive ids for new rows of ``table``, taken at once: for a generator
    that alone writes to the database (``new_ids`` takes them one by one, safe beside others)."""
    if count == 0:
        return range(0)
    if not on_postgres():
        first = new_ids(table, 1)[0]
        return range(first, first + count)
    last = db.session.scalar(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                                  "nextval(pg_get_serial_sequence(:t, 'id')) + :n - 1)"), {"t": table, "n": count})
    return range(last - count + 1, last + 1)


def write_rows(model, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write ``rows`` (plain values in the order of ``columns``, ``id`` among them) into
    ``model``'s table as the ORM would store them."""
    table = model.__table__
    omitted = [column for column in table.columns if column.name not in columns]
    names = [*columns, *(column.name for column in omitted)]
    defaults = tuple(python_default(column) for column in omitted)
    out = writer()
    adapters = [_adapter(table.columns[name], table.name, out) for name in names]
    at_id = list(columns).index("id")
    out.write(table.name, names, (
        tuple(adapt(value, row[at_id]) for adapt, value in zip(adapters, (*row, *defaults), strict=True))
        for row in rows))


def _adapter(column, table: str, out) -> Callable:
    """What turns one plain value of ``column`` into what the driver writes."""
    if is_sealed(column):
        return lambda value, row_id: None if value is None else stored(column, table, value, row_id)
    if isinstance(column.type, JSON):
        return lambda value, _row_id: None if value is None else json.dumps(value, ensure_ascii=False)
    return out.adapt


class PostgresWriter:
    """COPY through the session's psycopg connection, inside its transaction."""

    behind = True  # a thread may write while the caller makes the next rows (``clientindex``)

    def __init__(self, raw):
        self.raw = raw

    def new_ids(self, table: str, count: int) -> list[int]:
        with self.raw.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           (table, count))
            return [row[0] for row in cursor]

    @staticmethod
    def adapt(value, _row_id):
        """psycopg writes Python's dates, moments, numbers and booleans as they are."""
        return value

    def update(self, table: str, column: str, rows: Sequence[tuple]) -> None:
        """Set ``column`` of each row given as (value, id)."""
        with self.raw.cursor() as cursor:
            cursor.executemany(f'UPDATE "{table}" SET {column} = %s WHERE id = %s', rows)

    def write(self, table: str, columns: Sequence[str], rows: Iterable[tuple], order_by: str = "") -> None:
        """COPY ``rows`` in; with ``order_by``, through a staging table, so that they reach the table
        and its indexes sorted, sorted by the server."""
        target = f"{_STAGED}{table}" if order_by else table
        with self.raw.cursor() as cursor:
            if order_by:
                cursor.execute(f'CREATE TEMP TABLE IF NOT EXISTS "{target}" (LIKE "{table}") ON COMMIT DROP')
            with cursor.copy(f'COPY "{target}" ({", ".join(columns)}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            if order_by:
                _move_sorted(cursor, target, table, columns, order_by)
                cursor.execute(f'TRUNCATE "{target}"')


class SQLiteWriter:
    """``executemany`` on the session's sqlite3 connection, inside its transaction
    (SQLite has one writer, so the ids after the highest are the caller's)."""

    behind = False  # SQLite's writes hold the interpreter's lock: a thread would only take turns

    def __init__(self, raw):
        self.raw = raw
        raw.execute("PRAGMA cache_size = -65536")

    def new_ids(self, table: str, count: int) -> list[int]:
        highest = db.session.scalar(text(f'SELECT coalesce(max(id), 0) FROM "{table}"'))
        return list(range(highest + 1, highest + 1 + count))

    @staticmethod
    def adapt(value, _row_id):
        """Moments as SQLAlchemy stores them on SQLite (naive UTC text), dates as ISO text."""
        return _sqlite_value(value) if isinstance(value, date) else value

    def update(self, table: str, column: str, rows: Sequence[tuple]) -> None:
        """Set ``column`` of each row given as (value, id)."""
        self.raw.cursor().executemany(f'UPDATE "{table}" SET {column} = ? WHERE id = ?', rows)

    def write(self, table: str, columns: Sequence[str], rows: Iterable[tuple], order_by: str = "") -> None:
        """Insert ``rows``; with ``order_by``, through a temporary staging table, so that they reach
        the table and its indexes sorted, sorted by SQLite."""
        target = f"{_STAGED}{table}" if order_by else table
        marks = ", ".join("?" for _ in columns)
        cursor = self.raw.cursor()
        if order_by:
            cursor.execute(f'CREATE TEMP TABLE IF NOT EXISTS "{target}" AS SELECT * FROM "{table}" WHERE 0')
        for batch in batches(rows, BATCH):
            cursor.executemany(f'INSERT INTO "{target}" ({", ".join(columns)}) VALUES ({marks})', batch)
        if order_by:
            _move_sorted(cursor, target, table, columns, order_by)
            cursor.execute(f'DELETE FROM "{target}"')


# The staging tables of sorted writes: temporary, of the session's connection alone.
_STAGED = "staged_"


def _move_sorted(cursor, staged: str, table: str, columns: Sequence[str], order_by: str) -> None:
    """Rows of a staging table into ``table`` in ``order_by`` order: inserted in the order of its
    indexes, their pages fill one after another, where rows in any order touch pages all over them
    (a third of the time of a big write into a table with two indexes)."""
    listed = ", ".join(columns)
    cursor.execute(f'INSERT INTO "{table}" ({listed}) SELECT {listed} FROM "{staged}" ORDER BY {order_by}')


@lru_cache(maxsize=4096)  # a generated world writes the same few moments millions of times
def _sqlite_value(value: date) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return value.isoformat()


def batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
