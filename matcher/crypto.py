"""Encryption at rest for sensitive text, with keys that never live in the database.

Values are sealed with Fernet (AES-128-CBC with HMAC-SHA256, from the
``cryptography`` package) under a list of keys: the first seals, every key
opens, so a new key can be put first and old rows re-sealed at leisure
(``flask keys rotate``). Keys come from ``ENCRYPTION_KEYS`` (comma-separated,
newest first) or, in the embedded setup, from a file generated in ``instance/``.

Stored values carry a prefix so that rows written before a column was
encrypted are still read (as plain text) and sealed on the next rotation.
"""

import json
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

PREFIX = "enc1:"
KEY_FILE = "encryption_keys"
_EXTENSION = "matcher.keyring"


def init_app(app) -> None:
    """Give the app its keyring; each app has its own, so apps side by side never mix keys."""
    keys = app.config["ENCRYPTION_KEYS"]
    if isinstance(keys, str):
        keys = keys.split(",")
    app.extensions[_EXTENSION] = MultiFernet([Fernet(key.strip().encode()) for key in keys if key.strip()])


def _keyring() -> MultiFernet:
    return current_app.extensions[_EXTENSION]


def instance_keys(instance_path: str) -> list[str]:
    """The embedded setup's keys, generated (readable by the owner only) on first run."""
    path = Path(instance_path) / KEY_FILE
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(Fernet.generate_key().decode() + "\n")
    return [line for line in path.read_text().splitlines() if line.strip()]


def seal(plain: str) -> str:
    return PREFIX + _keyring().encrypt(plain.encode()).decode()


def open_sealed(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption: read as it is, sealed by the next rotation
    try:
        return _keyring().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise RuntimeError("a value cannot be decrypted with the configured keys") from exc


def reseal(stored: str) -> str:
    """The same value sealed under the newest key (plain legacy values included)."""
    if not stored.startswith(PREFIX):
        return seal(stored)
    return PREFIX + _keyring().rotate(stored[len(PREFIX):].encode()).decode()


def seal_token(data: dict) -> str:
    """A URL-safe token that hides ``data`` from anyone who sees the link, and expires."""
    return _keyring().encrypt(json.dumps(data).encode()).decode()


def open_token(token: str, max_age: int) -> dict | None:
    """The data sealed in ``token``, or None if it was forged, altered or is too old."""
    try:
        return json.loads(_keyring().decrypt(token.encode(), ttl=max_age))
    except (InvalidToken, ValueError):
        return None


class EncryptedText(TypeDecorator):
    """A text column stored sealed; the application reads and writes plain ``str``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else seal(value)

    def process_result_value(self, value, dialect):
        return None if value is None else open_sealed(value)


class EncryptedJSON(TypeDecorator):
    """A JSON value (a list of aliases, say) stored sealed as text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else seal(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(open_sealed(value))
