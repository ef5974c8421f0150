"""What filing a client list computes from its names, in a process of its own for a big list.

Filing an entry is mostly Python's work on its names: normalising them, making their keys and
digesting each key (two thirds of a 100,000-row import), where writing the rows is mostly the
database's. A process has one core's worth of Python, so for a big list the names are filed by
a second process (``Filing``), a chunk ahead of the one that seals and writes: on two cores the
import takes the time of the longer half rather than of both. A small list, or a machine of one
core, is filed in the caller's process, where starting a process would cost more than it saves.

The second process is started fresh (spawned, not forked), so it holds no database connection,
no thread and none of the caller's memory; it is given the index's secret, and is handed the
names of a chunk and gives back, for each entry, its names with their normal forms (what the
entry stores as ``screen_names``), and its key rows as arrays. Its memory is one interpreter with
the engine (about 70 MB, much of it libraries the caller maps too) and a chunk's rows. Like every
spawned process it imports the caller's main module again: the app's commands (``flask``, a job
worker, gunicorn) have small ones, and a script of one's own must keep its work under
``if __name__ == "__main__"``.
"""

import json
import multiprocessing
import os
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import repeat
from typing import NamedTuple

from ..core import crypto
from . import engine

# How many of a firm's clients are filed under one word's keys: one past the limit, so the
# rows show a screen that the key is too common to ask for (``clientindex``).
FILED_PER_KEY = engine.COMMON_KEY_LIMIT + 1
# The engine's normalisation without its cache: an import meets each name once, and the
# cache would hold 65,536 of a big list's names for nothing.
_normalise = engine.normalise.__wrapped__
# Entries from which a list is filed in a second process: below it, starting the process (about
# a second) costs about what it saves.
APART_FROM = 20_000


class Names(NamedTuple):
    """What an entry is filed by: its id, its name and aliases (the name first), LEI and kind."""

    entry_id: int
    names: tuple[str, ...]
    lei: str
    kind: str


class Filed(NamedTuple):
    """A chunk filed: each entry's ``screen_names`` (JSON, in the chunk's order), and its key rows
    as three arrays of one length: key digests, entry ids, and whether the key is only an
    alias's (bytes of 0 and 1). They come in the chunk's order: the database sorts them as it
    writes them (``bulk``), faster than this process would, which has the most to do."""

    screen_names: list[str]
    digests: array
    entry_ids: array
    is_alias: bytes

    def key_rows(self, firm_id: int) -> Iterator[tuple[int, int, int, bool]]:
        """(firm id, digest, entry id, is_alias) of each key row, made one at a time."""
        for digest, entry_id, alias in zip(self.digests, self.entry_ids, self.is_alias, strict=True):
            yield firm_id, digest, entry_id, alias == 1


class Filer:
    """Files the entries of one firm's list, a chunk at a time, in order: each key of an entry's
    name, aliases and LEI once (as the name's when the name has it, as an alias's otherwise),
    the keys of the name as a whole always, a word's keys while fewer than ``FILED_PER_KEY``
    entries were filed under them.

    Its loops run millions of times for a big list, so it works by words as well as keys: a
    word's digests are made once, and since an entry with a word carries every key of that
    word, once more than ``FILED_PER_KEY`` entries had "holdings", all its keys are full and
    the word is passed over whole (most of a list's word keys come from such words)."""

    def __init__(self, secret: bytes):
        self.digest = crypto.keyed_digester(secret)
        self.uses: dict[str, int] = {}
        self.word_digests: dict[str, tuple[int, ...]] = {}

    def file(self, chunk: Sequence[Names]) -> Filed:
        screen_names, digests, entry_ids, is_alias = [], array("q"), array("q"), bytearray()
        for entry in chunk:
            normals = [_normalise(name) for name in entry.names]
            screen_names.append(json.dumps([[name, *normal.stored()] for name, normal in zip(
                entry.names, normals, strict=True)], ensure_ascii=False))
            keys = self.keys(normals, entry.lei, entry.kind)
            digests.extend(keys)
            is_alias.extend(keys.values())
            entry_ids.extend(repeat(entry.entry_id, len(keys)))
        return Filed(screen_names, digests, entry_ids, bytes(is_alias))

    def keys(self, names: list[engine.NormalName], lei: str, kind: str) -> dict[int, bool]:
        """The digest of each key an entry (its names normalised, the main one first, and its kind)
        is filed under, with whether it is only an alias's."""
        digest, uses, word_digests, most = self.digest, self.uses, self.word_digests, FILED_PER_KEY
        keys: dict[int, bool] = {}
        words_seen: set[str] = set()
        for position, normal in enumerate(names):
            core = normal.core
            is_alias = position > 0
            for key in engine.core_keys(normal, kind) if core else ():
                keys.setdefault(digest(key), is_alias)
            for word in core:
                if word in words_seen:
                    continue
                words_seen.add(word)
                count = uses[word] = uses.get(word, 0) + 1
                if count <= most:
                    digests = word_digests.get(word)
                    if digests is None:
                        digests = word_digests[word] = tuple(map(digest, engine.word_keys(word)))
                    for key_digest in digests:
                        keys.setdefault(key_digest, is_alias)
        if lei:
            keys.setdefault(digest(engine.identifier_key(lei)), False)
        return keys


class Filing:
    """Files chunks of several firms' lists, in a second process when there are many entries.

    ``filed(firm_id, chunks)`` gives back each chunk with what was filed of it, in order, while
    the next is being filed. Leaving the block stops the process, also on an error."""

    def __init__(self, secret: bytes, entries: int):
        self.secret = secret
        self.apart = entries >= APART_FROM and _cores() > 1
        self._pool: ProcessPoolExecutor | None = None
        self._filers: dict[int, Filer] = {}

    def __enter__(self) -> "Filing":
        if self.apart:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start, initargs=(self.secret,))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def filed(self, firm_id: int, chunks: Iterable[list[Names]]) -> Iterator[tuple[list[Names], Filed]]:
        if self._pool is None:
            filer = _filer(self._filers, self.secret, firm_id)
            yield from ((chunk, filer.file(chunk)) for chunk in chunks)
            return
        pending: deque[tuple[list[Names], Future]] = deque()
        for chunk in chunks:
            pending.append((chunk, self._pool.submit(_file_apart, firm_id, chunk)))
            if len(pending) > 1:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def _filer(filers: dict[int, Filer], secret: bytes, firm_id: int) -> Filer:
    """The firm's filer: each firm's word counts are its own, and firms come one after another,
    so the one before is done with."""
    if firm_id not in filers:
        filers.clear()
        filers[firm_id] = Filer(secret)
    return filers[firm_id]


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# The filing process's state: its secret and its firm's filer.
_apart: dict = {}


def _start(secret: bytes) -> None:
    _apart.update(secret=secret, filers={})


def _file_apart(firm_id: int, chunk: list[Names]) -> Filed:
    return _filer(_apart["filers"], _apart["secret"], firm_id).file(chunk)
