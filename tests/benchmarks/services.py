"""The services a benchmark runs against where they answer: PostgreSQL and Redis."""

import os

from sqlalchemy import create_engine

POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001  (any failure to connect means: skip PostgreSQL)
        return False


def redis_reachable() -> bool:
    try:
        from redis import Redis

        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:  # noqa: BLE001  (any failure to connect means: skip)
        return False
