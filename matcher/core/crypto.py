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

Every value is sealed for a *place*, the words that say where it is kept
(``models.sealed`` makes them from table, column and row), as GCM's associated
data: a value copied to another row or column does not open there, so whoever
can write to the database but holds no key cannot move a defender's contact
into a record a firm reads. Plain text and the two older forms (GCM without a
place, Fernet) are refused; ``open_unplaced`` reads them once, for the
migration that sealed them in place. Links sent by mail (``seal_token``) are
Fernet tokens, which carry their own time for expiry.

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

PREFIX = "gcm2:"  # sealed for a place
UNPLACED_PREFIX = "gcm1:"  # older: sealed without one
FERNET_PREFIX = "enc1:"  # older still
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
    return keyed_digester(index_secret())


def index_secret() -> bytes:
    """The secret the index's digests are keyed with: handed to a process that files a list for
    the app (``conflicts.filing``) and has no app of its own."""
    return _keyring().index_secret


def keyed_digester(secret: bytes) -> Callable[[str], int]:
    """``index_digest`` under ``secret``."""
    keyed = hashlib.blake2b(key=secret, digest_size=8)

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


def seal(plain: str, place: str) -> str:
    """``plain`` sealed for ``place`` under the newest key: prefix, key fingerprint, then
    nonce and ciphertext."""
    return _seal(_keyring(), plain, place)


def sealer() -> Callable[[str, str], str]:
    """``seal`` with the app's keys looked up once, for the hundred thousand entries of an import."""
    return partial(_seal, _keyring())


def _seal(keyring: Keyring, plain: str, place: str) -> str:
    key_id, cipher = keyring.newest
    nonce = os.urandom(_NONCE)
    sealed = base64.b64encode(nonce + cipher.encrypt(nonce, plain.encode(), place.encode())).decode()
    return PREFIX + key_id + sealed


def open_sealed(stored: str, place: str) -> str:
    """The plain text of a value sealed for ``place``; anything else is refused."""
    return _open(_keyring(), stored, place)


def opener() -> Callable[[str, str], str]:
    """``open_sealed`` with the app's keys looked up once: a screen opens a thousand names,
    and finding the app's keys costs half of opening one."""
    return partial(_open, _keyring())


class SealBroken(RuntimeError):
    """A stored value does not open for its place: tampered with, moved, or under a lost key."""


def _open(keyring: Keyring, stored: str, place: str) -> str:
    if stored.startswith(PREFIX):
        plain = _open_gcm(keyring, stored[len(PREFIX):], place.encode())
        if plain is not None:
            return plain
    raise SealBroken(f"the value in {place} cannot be decrypted with the configured keys for that place")


def _open_gcm(keyring: Keyring, body: str, associated: bytes | None) -> str | None:
    cipher = keyring.by_id.get(body[:_KEY_ID])
    if cipher is None:
        return None
    try:
        raw = base64.b64decode(body[_KEY_ID:])
        return cipher.decrypt(raw[:_NONCE], raw[_NONCE:], associated).decode()
    except (InvalidTag, ValueError):
        return None


def open_unplaced(stored: str) -> str:
    """A value stored before values were sealed for their place: GCM without associated
    data, Fernet, or plain text from before sealing. Only the migration that seals them
    in place reads these."""
    keyring = _keyring()
    if stored.startswith(UNPLACED_PREFIX):
        plain = _open_gcm(keyring, stored[len(UNPLACED_PREFIX):], None)
        if plain is None:
            raise SealBroken("a value cannot be decrypted with the configured keys")
        return plain
    if stored.startswith(FERNET_PREFIX):
        try:
            return keyring.fernet.decrypt(stored[len(FERNET_PREFIX):].encode()).decode()
        except InvalidToken as exc:
            raise SealBroken("a value cannot be decrypted with the configured keys") from exc
    return stored


def seal_token(data: dict) -> str:
    """A URL-safe token that hides ``data`` from anyone who sees the link, and expires."""
    return _keyring().fernet.encrypt(json.dumps(data).encode()).decode()


def open_token(token: str, max_age: int) -> dict | None:
    """The data sealed in ``token``, or None if it was forged, altered or is too old."""
    try:
        return json.loads(_keyring().fernet.decrypt(token.encode(), ttl=max_age))
    except (InvalidToken, ValueError):
        return None
