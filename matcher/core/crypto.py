"""Encryption at rest for sensitive text, with keys that never live in the database.

Values are sealed with AES-128-GCM (authenticated encryption from the
``cryptography`` package) under a list of keys: the first seals, every key
opens, so a new key can be put first and old rows re-sealed at leisure
(``flask keys rotate``). Keys come from ``ENCRYPTION_KEYS`` (comma-separated,
newest first, each a Fernet key as ``flask keys generate`` prints) or, in the
embedded setup, from a file generated in ``instance/``. Each sealing key is
derived from its configured key with HKDF and named in the stored value by a
short fingerprint, so opening a value costs one decryption whatever the number
of keys. GCM opens a value in about 1.5 µs where Fernet takes 10: screening
opens the client names of every candidate, a thousand of them for one need.

Stored values carry a prefix, so rows written before a column was encrypted are
still read (as plain text), and so are values sealed with Fernet (``enc1:``)
before this format; the next rotation seals both anew. Links sent by mail
(``seal_token``) stay Fernet tokens, which carry their own time for expiry.

``index_digest`` is the other half: a keyed digest that lets the client-list
index and remembered decisions find names again without holding them.
"""

import base64
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

PREFIX = "gcm1:"
FERNET_PREFIX = "enc1:"
KEY_FILE = "encryption_keys"
_EXTENSION = "matcher.keyring"
_NONCE = 12
_KEY_ID = 6  # characters of a key's fingerprint in each value


@dataclass(frozen=True)
class Keyring:
    """The app's keys: Fernet for expiring tokens and older values, GCM for sealing."""

    fernet: MultiFernet
    newest: tuple[str, AESGCM]  # (fingerprint, cipher) of the key that seals
    by_id: dict[str, AESGCM]  # every key that opens, by fingerprint
    index_secret: bytes


def init_app(app) -> None:
    """Give the app its keyring; each app has its own, so apps side by side never mix keys."""
    keys = app.config["ENCRYPTION_KEYS"]
    if isinstance(keys, str):
        keys = keys.split(",")
    keys = [key.strip() for key in keys if key.strip()]
    sealing = []
    for key in keys:
        derived = HKDF(algorithm=hashes.SHA256(), length=16, salt=None,
                       info=b"matcher sealed columns").derive(base64.urlsafe_b64decode(key))
        sealing.append((hashlib.sha256(derived).hexdigest()[:_KEY_ID], AESGCM(derived)))
    index_secret = hashlib.blake2b(str(app.config["INDEX_KEY"]).encode(), digest_size=32,
                                   person=b"matcher-index").digest()
    app.extensions[_EXTENSION] = Keyring(MultiFernet([Fernet(key.encode()) for key in keys]),
                                         sealing[0], dict(sealing), index_secret)


def _keyring() -> Keyring:
    return current_app.extensions[_EXTENSION]


def index_digest(value: str) -> int:
    """A keyed 64-bit digest of ``value``, as a signed integer for a BIGINT column.

    The key derives from ``INDEX_KEY``, so the index holds no name a reader of the
    database could look up. Two values that collide (about once in 2^64) only bring
    one more candidate to score, never hide one."""
    return index_digester()(value)


def index_digester() -> Callable[[str], int]:
    """``index_digest`` with the app's key looked up once, for the million keys of an import."""
    keyed = hashlib.blake2b(key=_keyring().index_secret, digest_size=8)

    def digest(value: str) -> int:
        state = keyed.copy()  # a third cheaper than keying a new hash for each value
        state.update(value.encode())
        return int.from_bytes(state.digest(), "big", signed=True)
    return digest


def index_digest_hex(value: str) -> str:
    """A keyed 256-bit digest of ``value`` in hex, where a collision must never happen."""
    return _digest(value, 32).hex()


def _digest(value: str, size: int) -> bytes:
    return hashlib.blake2b(value.encode(), key=_keyring().index_secret, digest_size=size).digest()


def instance_keys(instance_path: str) -> list[str]:
    """The embedded setup's keys, generated (readable by the owner only) on first run."""
    path = Path(instance_path) / KEY_FILE
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(Fernet.generate_key().decode() + "\n")
    return [line for line in path.read_text().splitlines() if line.strip()]


def seal(plain: str) -> str:
    """``plain`` sealed under the newest key: prefix, key fingerprint, then nonce and ciphertext."""
    key_id, cipher = _keyring().newest
    nonce = os.urandom(_NONCE)
    sealed = base64.b64encode(nonce + cipher.encrypt(nonce, plain.encode(), None)).decode()
    return PREFIX + key_id + sealed


def open_sealed(stored: str) -> str:
    """The plain text of a stored value: sealed (either way) or, from before sealing, plain."""
    return _open(_keyring(), stored)


def opener() -> Callable[[str], str]:
    """``open_sealed`` with the app's keys looked up once: a screen opens a thousand names,
    and finding the app's keys costs half of opening one."""
    return partial(_open, _keyring())


def _open(keyring: Keyring, stored: str) -> str:
    if stored.startswith(PREFIX):
        key_id, raw = stored[len(PREFIX):len(PREFIX) + _KEY_ID], stored[len(PREFIX) + _KEY_ID:]
        cipher = keyring.by_id.get(key_id)
        try:
            raw_bytes = base64.b64decode(raw)
            if cipher is not None:
                return cipher.decrypt(raw_bytes[:_NONCE], raw_bytes[_NONCE:], None).decode()
        except (InvalidTag, ValueError):
            pass
        raise RuntimeError("a value cannot be decrypted with the configured keys")
    if stored.startswith(FERNET_PREFIX):
        try:
            return keyring.fernet.decrypt(stored[len(FERNET_PREFIX):].encode()).decode()
        except InvalidToken as exc:
            raise RuntimeError("a value cannot be decrypted with the configured keys") from exc
    return stored  # written before encryption: read as it is, sealed by the next rotation


def seal_json(value) -> str:
    """``value`` as JSON, sealed: what ``EncryptedJSON`` stores, for writers that bypass the ORM."""
    return seal(json.dumps(value, ensure_ascii=False))


def seal_token(data: dict) -> str:
    """A URL-safe token that hides ``data`` from anyone who sees the link, and expires."""
    return _keyring().fernet.encrypt(json.dumps(data).encode()).decode()


def open_token(token: str, max_age: int) -> dict | None:
    """The data sealed in ``token``, or None if it was forged, altered or is too old."""
    try:
        return json.loads(_keyring().fernet.decrypt(token.encode(), ttl=max_age))
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
        return None if value is None else seal_json(value)

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(open_sealed(value))
