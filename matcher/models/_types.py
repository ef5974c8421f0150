"""Column helpers shared by the models."""

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the models use."""
    return datetime.now(UTC)


def one_of(column: str, values, name: str) -> CheckConstraint:
    """A CHECK constraint that keeps a string column inside its vocabulary."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)


class UTCDateTime(TypeDecorator):
    """A moment in time, written and read as an aware datetime in UTC on every database.

    PostgreSQL keeps the zone; SQLite hands back naive datetimes. Without this type a
    value read back compares, sorts and formats differently depending on the database,
    so every column that holds a moment uses it and no caller has to guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored: say which zone it is in")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
