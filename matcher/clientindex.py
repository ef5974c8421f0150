"""The conflict index in the database: writing a firm's clients under the engine's keys, and
finding the candidates of a screen.

Client lists are confidences, so the database holds no name in a readable form:
entries' names and aliases are sealed (``crypto``), and each key of the engine
("n:andina minera", "d:minera") is filed as its keyed 64-bit digest
(``crypto.index_digest``), never as text. A screen digests its parties' keys the
same way, so finding candidates still costs one indexed lookup per key, and only
the candidates found are opened (1.5 µs a name).

Three tables (``matcher/models/firms.py``) hold it:

- ``client_name_key`` (firm_id, key, client_id, is_alias): one row per key of a client's
  name, aliases and LEI (about 20 a name). Its primary key starts with the firm, so an
  import deletes and counts its own rows as one range; the index (key, firm_id,
  client_id) answers a screen from the index alone.
- ``client_key_count`` (key, names, peak): how many clients over all firms carry a
  key, now and at most ever. An import subtracts the firm's old counts and adds its
  new ones, so a screen learns which weak keys are too common to ask for
  (``conflicts.lookup_keys``) with one primary-key lookup per key, where a
  ``COUNT ... GROUP BY`` would read every posting of "d:mining" on each screen.
  One more row, the digest of ``CHECK_KEY``, tells that the index was written under
  the current ``INDEX_KEY``: were the secret changed, every lookup would miss, so
  while client entries exist without that row a screen refuses to run
  (``IndexKeyChanged``) until ``flask keys reindex``.

A screen judges a weak key by its ``peak``, so a key once too common is never asked
for again, and an import files no more than ``COMMON_KEY_LIMIT`` of its own clients
under a weak key: past that the key's peak is over the limit, so those rows could
never be read. Two thirds of a generated list's key rows are such rows ("d:minin",
"d:bank"); leaving them out makes the import three times lighter. Whole-name and
identifier keys are always filed. The limit a screen uses may be lowered at will;
raising it above the one imports used needs the lists imported again. Since an
import takes a firm's old counts from its filed rows, ``names`` is exact for every
key a screen may ask for, and for the others only known to be past the limit.
- ``client_entry.parent_entry_id``: the parent's row, resolved at import, so a hit's
  family (the engine reports hits through a client's parent and children) is fetched
  by indexed ids.

Writing happens in the caller's transaction, so the old list stays until the caller
commits and a failure leaves nothing half-imported. The rows go through the session's
own driver connection: COPY on PostgreSQL, ``executemany`` on SQLite, which is ten times
the speed of ORM objects and keeps a 100,000-row list with its two million key rows
well under 500 MB, since the key rows are generated and written a chunk at a time.

Retrieval is three small queries whatever the number of firms: counts of the keys,
entries filed under the keys worth asking, and their parents and children.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from typing import Protocol

from sqlalchemy import delete, func, select, text

from . import conflicts, crypto
from .conflicts.keys import WHOLE_PREFIXES
from .conflicts.relations import MAX_DEPTH
from .extensions import db
from .models import ClientEntry, ClientKeyCount, ClientNameKey, LawFirm

# Entries whose key rows are generated and written together (about 20 rows an entry).
CHUNK = 20000
_ENTRY_COLUMNS = ("id", "firm_id", "external_id", "name", "aliases", "kind", "country",
                  "parent_external_id", "lei", "parent_entry_id")
_KEY_COLUMNS = ("firm_id", "key", "client_id", "is_alias")
# What the index's check row is the digest of (see the module's docstring).
CHECK_KEY = "check:index written under this secret"
# PostgreSQL's advisory lock that imports take in turn (any number no other code uses).
IMPORT_LOCK = 0x6B657973


class IndexKeyChanged(RuntimeError):
    """The index was written under another ``INDEX_KEY`` (or not yet written): it would
    find nothing, and a screen that finds nothing would clear every firm."""

    def __init__(self):
        super().__init__("the client-list index is missing or was written under another INDEX_KEY; "
                         "run `flask keys reindex` before screening or importing")


class Row(Protocol):
    """One validated line of a client list (``clientlists.ClientRow``)."""

    external_id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    parent_external_id: str
    lei: str


# The engine's keys without its cache: an import meets each name once, and 65,536 cached
# key sets of a big list would hold some 150 MB for nothing.
_uncached_keys = conflicts.index_keys.__wrapped__


def entry_keys(row: Row) -> dict[str, bool]:
    """Each key of the name, the aliases and the LEI, filed once: as the name's (False)
    when the name has it, as an alias's (True) otherwise."""
    keys = dict.fromkeys(_uncached_keys(row.name), False)
    for alias in row.aliases:
        for key in _uncached_keys(alias):
            keys.setdefault(key, True)
    if row.lei:
        keys.setdefault(conflicts.identifier_key(row.lei), False)
    return keys


def replace(firm_id: int, rows: Sequence[Row]) -> None:
    """Swap the firm's entries and keys for ``rows``, in the caller's transaction."""
    session = db.session
    _check_secret()
    writer = _writer()
    writer.lock_imports()
    _uncount(firm_id)
    session.execute(delete(ClientNameKey).where(ClientNameKey.firm_id == firm_id))
    session.execute(delete(ClientEntry).where(ClientEntry.firm_id == firm_id))
    ids = writer.new_ids(len(rows))
    id_of = {row.external_id: entry_id for row, entry_id in zip(rows, ids, strict=True)}
    writer.write("client_entry", _ENTRY_COLUMNS, (
        (id_of[row.external_id], firm_id, row.external_id, crypto.seal(row.name),
         crypto.seal_json(list(row.aliases)), row.kind, row.country, row.parent_external_id, row.lei,
         id_of.get(row.parent_external_id))
        for row in rows))
    _file_keys(writer, firm_id, ((id_of[row.external_id], row) for row in rows))


def reindex() -> int:
    """File every firm's clients again from their sealed entries, under the current secret:
    after ``INDEX_KEY`` changed (or the engine's keys did). Returns how many entries."""
    writer, total = _writer(), 0
    writer.lock_imports()
    db.session.execute(delete(ClientNameKey))
    db.session.execute(delete(ClientKeyCount))
    for firm_id in db.session.scalars(select(LawFirm.id).order_by(LawFirm.id)).all():
        entries = [(entry.id, _Stored(entry.external_id, entry.name, tuple(entry.aliases), entry.lei))
                   for entry in db.session.execute(_entries().where(ClientEntry.firm_id == firm_id))]
        _file_keys(writer, firm_id, entries)
        total += len(entries)
    return total


@dataclass(frozen=True)
class _Stored:
    """What the keys of a stored entry are made of."""

    external_id: str
    name: str
    aliases: tuple[str, ...]
    lei: str


def _file_keys(writer, firm_id: int, entries: Iterable[tuple[int, Row]]) -> None:
    """Write the key rows of ``entries`` (entry id, row) a chunk at a time, and add the
    firm's new weak keys to the key counts."""
    # This loop runs some 25 times an entry, millions of times for a big list: it keeps
    # to plain dicts and locals. Word keys recur across names, so a bounded cache of
    # digests saves most of their cost.
    index_digest = lru_cache(maxsize=1 << 17)(crypto.index_digester())
    limit, whole = conflicts.COMMON_KEY_LIMIT, WHOLE_PREFIXES
    counts: dict[int, int] = {}
    iterator = iter(entries)
    while chunk_entries := list(islice(iterator, CHUNK)):
        chunk = []
        for client_id, row in chunk_entries:
            for key, is_alias in entry_keys(row).items():
                digest = index_digest(key)
                if key.startswith(whole):
                    chunk.append((firm_id, digest, client_id, is_alias))
                    continue
                count = counts[digest] = counts.get(digest, 0) + 1
                if count <= limit:
                    chunk.append((firm_id, digest, client_id, is_alias))
        # In primary-key order, so pages fill one after another; the sort is stable, so
        # one key's clients stay in id order.
        chunk.sort(key=itemgetter(1))
        writer.write("client_name_key", _KEY_COLUMNS, chunk)
    writer.add_counts(sorted(counts.items()))
    _mark_secret()


def _uncount(firm_id: int) -> None:
    """Take the firm's filed rows off the key counts, before they are deleted. The database
    groups and subtracts them itself: a big list has a million weak keys, which would
    cost seconds and a hundred megabytes to carry through Python. Whole-name keys have
    no count row, so the join passes them by."""
    db.session.execute(text(
        "UPDATE client_key_count SET names = client_key_count.names - old.names "
        "FROM (SELECT key, count(*) AS names FROM client_name_key WHERE firm_id = :firm GROUP BY key) AS old "
        "WHERE client_key_count.key = old.key"), {"firm": firm_id})


def _mark_secret() -> None:
    db.session.execute(text("INSERT INTO client_key_count (key, names, peak) VALUES (:key, 1, 1) "
                            "ON CONFLICT (key) DO NOTHING"), {"key": crypto.index_digest(CHECK_KEY)})


def _check_secret(counts: dict[int, int] | None = None) -> None:
    """Refuse to use an index that lacks the check row of the current secret while client
    entries exist: it was written under another secret, or emptied by a migration, and
    would find nothing. ``counts`` is a lookup's answer, which asked for the check row
    too, or None to ask for it here."""
    check = crypto.index_digest(CHECK_KEY)
    if counts is None:
        counts = {check: 1} if db.session.get(ClientKeyCount, check) else {}
    if check not in counts and db.session.scalar(select(ClientEntry.id).limit(1)) is not None:
        raise IndexKeyChanged()


def search(firm_id: int, words: str, limit: int = 200) -> list[int]:
    """Ids of the firm's entries filed under any key of ``words``, those sharing most keys
    first: the firm's own search of its list, through the index, since names are sealed."""
    digests = {crypto.index_digest(key) for key in conflicts.index_keys(words)}
    if not digests:
        return []
    shared = func.count().label("shared")
    rows = db.session.execute(
        select(ClientNameKey.client_id, shared)
        .where(ClientNameKey.firm_id == firm_id, ClientNameKey.key.in_(digests))
        .group_by(ClientNameKey.client_id).order_by(shared.desc(), ClientNameKey.client_id).limit(limit))
    return [client_id for client_id, _ in rows]


def candidates(keys: Iterable[str], firm_ids: Iterable[int],
               limit: int = conflicts.COMMON_KEY_LIMIT) -> dict[int, list[conflicts.ClientName]]:
    """The names of the firms' clients filed under ``keys`` (weak keys ever held by more
    than ``limit`` clients left out), with their parents and children in the same list, by firm."""
    keys, firm_ids = set(keys), list(firm_ids)
    if not keys or not firm_ids:
        return {}
    index_digest = crypto.index_digester()
    digest_of = {key: index_digest(key) for key in keys}
    weak = {digest_of[key] for key in keys if not conflicts.is_whole_key(key)}
    counts = dict(db.session.execute(
        select(ClientKeyCount.key, ClientKeyCount.peak).where(
            ClientKeyCount.key.in_(weak | {crypto.index_digest(CHECK_KEY)}), ClientKeyCount.names > 0)).all())
    _check_secret(counts)
    # Whole keys have no count: always asked. A weak key is asked while it is held, by few.
    asked = {digest_of[key] for key in conflicts.lookup_keys(keys, lambda key: counts.get(digest_of[key], 0), limit)
             if conflicts.is_whole_key(key) or counts.get(digest_of[key])}
    found = select(ClientNameKey.client_id).where(ClientNameKey.key.in_(asked))
    if len(firm_ids) == 1:  # one firm's re-screen: seek (firm, key) in the primary key
        found = found.where(ClientNameKey.firm_id == firm_ids[0])
    # The ids first, then their rows: given the lookup as a subquery, PostgreSQL misjudges
    # its size and hash-joins a scan of every entry. A screen of a need asks every firm,
    # where filtering the rows here is cheaper than one seek per firm and key.
    ids = set(db.session.scalars(found))
    wanted = set(firm_ids)
    entries = {row.id: row for row in db.session.execute(_entries().where(ClientEntry.id.in_(ids)))
               if row.firm_id in wanted} if ids else {}
    frontier = set(entries)
    for _ in range(MAX_DEPTH):
        # Two queries, each on its own index: joined by OR, both databases scan the whole table.
        parents = {entries[i].parent_entry_id for i in frontier} - entries.keys() - {None}
        relatives = list(db.session.execute(_entries().where(ClientEntry.id.in_(parents)))) if parents else []
        relatives += [row for row in db.session.execute(_entries().where(ClientEntry.parent_entry_id.in_(frontier)))
                      if row.id not in entries and row.id not in parents]
        if not relatives:
            break
        entries.update((row.id, row) for row in relatives)
        frontier = {row.id for row in relatives}
    by_firm: dict[int, list[conflicts.ClientName]] = {}
    for entry_id in sorted(entries):
        entry = entries[entry_id]
        names = by_firm.setdefault(entry.firm_id, [])
        for position, name in enumerate((entry.name, *entry.aliases)):
            names.append(conflicts.ClientName(
                client_id=entry.external_id, name=name, client_name=entry.name, is_alias=position > 0,
                lei=entry.lei, parent=entry.parent_external_id))
    return by_firm


def _entries():
    return select(ClientEntry.id, ClientEntry.firm_id, ClientEntry.external_id, ClientEntry.name,
                  ClientEntry.aliases, ClientEntry.lei, ClientEntry.parent_external_id,
                  ClientEntry.parent_entry_id)


def _writer() -> "_PostgresWriter | _SQLiteWriter":
    connection = db.session.connection()
    raw = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        return _PostgresWriter(raw)
    return _SQLiteWriter(raw)


class _PostgresWriter:
    """COPY through the session's psycopg connection, inside its transaction."""

    def __init__(self, raw):
        self.raw = raw

    def new_ids(self, count: int) -> list[int]:
        with self.raw.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence('client_entry', 'id')) "
                           "FROM generate_series(1, %s)", (count,))
            return [row[0] for row in cursor]

    def write(self, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        with self.raw.cursor() as cursor, cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def lock_imports(self) -> None:
        """One import at a time over all firms, until the transaction ends: imports change
        the same count rows, and two that locked them in different orders would deadlock.
        Screens read on, unblocked."""
        with self.raw.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (IMPORT_LOCK,))

    def add_counts(self, changes: list[tuple[int, int]]) -> None:
        """Stage the new counts with COPY, then add them in one statement."""
        if not changes:
            return
        with self.raw.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS client_key_change "
                           "(key bigint, names integer) ON COMMIT DROP")
            cursor.execute("TRUNCATE client_key_change")
            with cursor.copy("COPY client_key_change (key, names) FROM STDIN") as copy:
                for change in changes:
                    copy.write_row(change)
            cursor.execute("INSERT INTO client_key_count (key, names, peak) SELECT key, names, names "
                           "FROM client_key_change ON CONFLICT (key) DO UPDATE SET "
                           "names = client_key_count.names + excluded.names, "
                           "peak = greatest(client_key_count.peak, client_key_count.names + excluded.names)")


class _SQLiteWriter:
    """``executemany`` on the session's sqlite3 connection, inside its transaction
    (SQLite has one writer, so the ids after the highest are this import's)."""

    def __init__(self, raw):
        self.raw = raw
        raw.execute("PRAGMA cache_size = -65536")

    def lock_imports(self) -> None:
        """Nothing to do: SQLite lets one transaction write at a time."""

    def new_ids(self, count: int) -> list[int]:
        highest = db.session.scalar(text("SELECT coalesce(max(id), 0) FROM client_entry"))
        return list(range(highest + 1, highest + 1 + count))

    def write(self, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        marks = ", ".join("?" for _ in columns)
        cursor = self.raw.cursor()
        for batch in _batches(rows, CHUNK * 5):
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)

    def add_counts(self, changes: list[tuple[int, int]]) -> None:
        self.raw.cursor().executemany(
            "INSERT INTO client_key_count (key, names, peak) VALUES (?1, ?2, ?2) ON CONFLICT (key) "
            "DO UPDATE SET names = names + excluded.names, peak = max(peak, names + excluded.names)", changes)


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
