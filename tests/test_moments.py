"""Moments in time read back the same on SQLite and PostgreSQL: aware, in UTC."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError

from matcher.extensions import db
from matcher.models import User
from tests import factories


def test_a_stored_moment_reads_back_aware_and_in_utc(app):
    user = factories.coordinator()
    user.created_at = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=-6)))  # Tegucigalpa
    db.session.commit()
    db.session.expire_all()
    again = db.session.get(User, user.id)
    assert again.created_at == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
    assert again.created_at.utcoffset() == timedelta(0)


def test_a_moment_without_a_zone_is_refused(app):
    user = factories.coordinator()
    user.created_at = datetime(2026, 12, 1, 9, 30)
    with pytest.raises(StatementError, match="naive datetime"):
        db.session.commit()
    db.session.rollback()
