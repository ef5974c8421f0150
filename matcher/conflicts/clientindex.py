"""The conflict index in the database: writing a firm's clients under the engine's keys, and
finding the candidates of a screen.

Client lists are confidences, so the database holds no name in a readable form:
entries' names and aliases are sealed (``crypto``), and each key of the engine
("n:andina minera", "d:minera") is filed as its keyed 64-bit digest
(``crypto.index_digest``), never as text. A screen digests its parties' keys the
same way, so finding candidates still costs one indexed lookup per key, and only
the candidates found are opened (1.5 µs a name).

Two tables (``matcher/models/firms.py``) hold it:

- ``client_name_key`` (firm_id, key, client_id, is_alias): one row per key of a client's
  name, aliases and LEI (about 33 a name). Its primary key starts with the firm, so an
  import deletes its own rows as one range; the index (key, firm_id, client_id)
  answers a screen from the index alone.
- ``client_entry.parent_entry_id``: the parent's row, resolved at import, so a hit's
  family (the engine reports hits through a client's parent and children) is fetched
  by indexed ids.
- ``client_entry.screen_names``: the entry's names with their normal forms
  (``engine.NormalName.stored``), sealed in one value, made when the list is filed: a screen
  opens one value a candidate and normalises none, where opening the name and aliases and
  normalising them again was half of its time.

A weak key held by more than ``COMMON_KEY_LIMIT`` clients (a slot key: fewer, ``engine.key_limit``) is
too common to ask for (``engine.lookup_keys``). The rows tell: a screen reads each weak key's postings in
the lookup index no further than the one past the limit (``_common``), so "d:holdings",
held by thousands, costs what a rare key does, and nothing but the rows has to be kept
right. An import files the word keys of a word for at most ``filing.FILED_PER_KEY`` (the limit and
one) of its own clients, enough to show them past the limit: most of a generated list's key
rows would be such rows ("d:mining", "d:bank"), and leaving them out makes the import three
times lighter. The keys of a name as a whole (slot, typo, initials, a person's) are filed for
every client: on a generated list of 100,000, a hundred and fifty of their two million go past
the limit, and counting each to cap them held more memory than all the rows it left out.
Whole-name and identifier keys are always filed and always asked. The limit a screen uses
may be lowered at will; raising it needs the lists filed again.

One more row, under firm 0 (no firm has that id), holds the digest of ``CHECK_KEY``: it
tells that the index was written under the current ``INDEX_KEY`` and with the engine's
current keys (``engine.KEYS_VERSION``). Were the secret or the keys changed, lookups would
miss, so while client entries exist without that row a screen refuses to run
(``IndexKeyChanged``) until ``flask keys reindex``. Its client id is the index's edition, a
random number every import writes anew: a process keeps which weak keys it found common
while the edition it read them under stands (``_Learnt``), since asking was a third of a
screen, and a key still taken for common after a list dropped it would hide its candidates.

Writing happens in the caller's transaction, so the old list stays until the caller
commits and a failure leaves nothing half-imported. The rows go through the session's
own driver connection: COPY on PostgreSQL, ``executemany`` on SQLite, which is ten times
the speed of ORM objects and keeps a 100,000-row list with its 3.3 million key rows
under 500 MB, since entries and their key rows are made and written a chunk at a time.
What a chunk's rows are made of (normal forms, keys, digests) is computed by ``filing``, for a
big list in a second process while this one seals and writes the chunk before.

Retrieval is four small queries whatever the number of firms: the check row, the weak
keys too common to ask (those the process has not learnt yet), the entries filed under the
others (with the keys that found each, so the engine scores a party's name only against its
own candidates), and their parents and children. They go to the driver as plain statements
(``_rows``), which costs half of what the ORM's statements and rows did.
"""

import json
import queue
import secrets
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from itertools import islice
from operator import attrgetter
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Text, delete, func, select, text, type_coerce

from ..core import bulk, crypto
from ..extensions import db
from ..models import ClientEntry, ClientNameKey, LawFirm
from ..models.sealed import place
from . import engine, filing
from .engine.relations import MAX_DEPTH

# Entries whose key rows are generated and written together (about 33 rows an entry).
CHUNK = 10000
_ENTRY_COLUMNS = ("id", "firm_id", "external_id", "name", "aliases", "kind", "country",
                  "parent_external_id", "lei", "parent_entry_id", "relationship", "ended_on", "screen_names")
_KEY_COLUMNS = ("firm_id", "key", "client_id", "is_alias")
# What the index's check row is the digest of, and the firm it is filed under (see the
# module's docstring).
CHECK_KEY = f"check:index written under this secret, keys {engine.KEYS_VERSION}"
CHECK_FIRM = 0


class IndexKeyChanged(RuntimeError):
    """The index was written under another ``INDEX_KEY``, or with older keys, or not yet
    written: it would find nothing, or miss what the engine's keys now find, and a screen that
    finds nothing would clear every firm."""

    def __init__(self):
        super().__init__("the client-list index is missing, or was written under another INDEX_KEY or with "
                         "older keys; run `flask keys reindex` before screening or importing")


class Row(Protocol):
    """One validated line of a client list (``clientlists.ClientRow``)."""

    external_id: str
    name: str
    aliases: tuple[str, ...]
    lei: str
    kind: str
    country: str
    parent_external_id: str
    relationship: str
    ended: str


def replace(firm_id: int, rows: Sequence[Row]) -> None:
    """Swap the firm's entries and keys for ``rows``, in the caller's transaction."""
    session = db.session
    _edition()  # refuses to add to an index written under another secret
    writer = bulk.writer()
    session.execute(delete(ClientNameKey).where(ClientNameKey.firm_id == firm_id))
    session.execute(delete(ClientEntry).where(ClientEntry.firm_id == firm_id))
    ids = writer.new_ids("client_entry", len(rows))
    id_of = {row.external_id: entry_id for row, entry_id in zip(rows, ids, strict=True)}
    row_of = dict(zip(ids, rows, strict=True))
    seal = crypto.sealer()

    def stored(entry: filing.Names, names: str) -> tuple:
        entry_id, row = entry.entry_id, row_of[entry.entry_id]
        return (entry_id, firm_id, row.external_id, seal(row.name, place("client_entry", "name", entry_id)),
                seal(json.dumps(list(row.aliases), ensure_ascii=False), place("client_entry", "aliases", entry_id)),
                row.kind, row.country, row.parent_external_id, row.lei, None, row.relationship, row.ended or None,
                seal(names, place("client_entry", "screen_names", entry_id)))

    with filing.Filing(crypto.index_secret(), len(rows)) as filer:
        _file(writer, filer, firm_id, (filing.Names(entry_id, (row.name, *row.aliases), row.lei, row.kind)
                                       for entry_id, row in zip(ids, rows, strict=True)),
              partial(writer.write, "client_entry", _ENTRY_COLUMNS), stored)
    # Written once every entry is: a child may come before its parent in the file, a chunk earlier.
    writer.update("client_entry", "parent_entry_id", [
        (id_of[row.parent_external_id], id_of[row.external_id]) for row in rows if row.parent_external_id in id_of])


def reindex() -> int:
    """File every firm's clients again from their sealed entries, under the current secret:
    after ``INDEX_KEY`` changed (or the engine's keys did), their names normalised again.
    Returns how many entries."""
    writer, total, opened, seal = bulk.writer(), 0, _entry_opener(), crypto.sealer()
    db.session.execute(delete(ClientNameKey))
    count = db.session.scalar(select(func.count()).select_from(ClientEntry))
    with filing.Filing(crypto.index_secret(), count) as filer:
        for firm_id in db.session.scalars(select(LawFirm.id).order_by(LawFirm.id)).all():
            entries = [filing.Names(entry.id, opened(entry), entry.lei, entry.kind) for entry in db.session.execute(
                select(ClientEntry.id, type_coerce(ClientEntry.name, Text).label("name"),
                       type_coerce(ClientEntry.aliases, Text).label("aliases"), ClientEntry.lei, ClientEntry.kind)
                .where(ClientEntry.firm_id == firm_id))]
            _file(writer, filer, firm_id, entries, partial(writer.update, "client_entry", "screen_names"),
                  lambda entry, names: (seal(names, place("client_entry", "screen_names", entry.entry_id)),
                                        entry.entry_id))
            total += len(entries)
    return total


def _file(writer, filer: filing.Filing, firm_id: int, entries: Iterable[filing.Names],
          write_entries: Callable[[list], None], entry_row: Callable[[filing.Names, str], tuple]) -> None:
    """File the entries a chunk at a time (``filing``), and write each chunk's entry rows
    (``entry_row`` of the entry and its ``screen_names``, written by ``write_entries``) and key
    rows: a chunk's rows are all that is held at once."""
    iterator = iter(entries)
    with (_WriteBehind if writer.behind else _WriteNow)() as out:
        for chunk, filed in filer.filed(firm_id, iter(lambda: list(islice(iterator, CHUNK)), [])):
            out.put(write_entries, [entry_row(entry, names)
                                    for entry, names in zip(chunk, filed.screen_names, strict=True)])
            # In the order of the primary key and the lookup index, so that their pages fill one
            # after another; one key's entries in id order.
            out.put(partial(writer.write, "client_name_key", _KEY_COLUMNS, order_by="key, client_id"),
                    filed.key_rows(firm_id))
    _mark_secret()


class _WriteBehind:
    """Writes chunks of rows on a thread of its own while the caller makes the next.

    Making keys is Python's work and writing them into PostgreSQL mostly its server's,
    which goes on in another process: side by side, a big import takes a quarter less
    time. (SQLite's writes hold the interpreter's lock for most of their work, so the
    two would only take turns: ``_WriteNow`` serves it.) Each chunk comes with what writes
    it, and chunks are written in the order they came. The caller must not use the
    connection meanwhile; leaving the block waits for the last chunk and raises the
    writer's error."""

    def __init__(self):
        self._chunks: queue.Queue = queue.Queue(maxsize=2)  # bounds the rows held at once
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, daemon=True)

    def __enter__(self) -> "_WriteBehind":
        self._thread.start()
        return self

    def put(self, write: Callable[[list], None], rows: list[tuple]) -> None:
        if self._error is not None:
            raise self._error
        self._chunks.put((write, rows))

    def __exit__(self, kind, error, trace) -> None:
        self._chunks.put(None)
        self._thread.join()
        if self._error is not None and error is None:
            raise self._error

    def _write(self) -> None:
        try:
            while (chunk := self._chunks.get()) is not None:
                write, rows = chunk
                write(rows)
        except BaseException as error:  # handed to the caller's thread, which raises it
            self._error = error
            while self._chunks.get() is not None:  # so that ``put`` never waits for nobody
                pass


class _WriteNow:
    """``_WriteBehind``'s stand-in that writes each chunk as it comes."""

    def __enter__(self) -> "_WriteNow":
        return self

    @staticmethod
    def put(write: Callable[[list], None], rows: list[tuple]) -> None:
        write(rows)

    def __exit__(self, *exc) -> None:
        pass


def _mark_secret() -> None:
    """Write the check row with a new edition (see the module's docstring), in the import's
    transaction: a rolled-back import leaves the edition as it was. Editions are drawn at
    random from the column's two billion values, so one a process saw in a transaction that was
    then rolled back does not come again (a counter would)."""
    values = {"firm": CHECK_FIRM, "key": crypto.index_digest(CHECK_KEY), "edition": secrets.randbelow(2**31 - 1) + 1}
    moved = db.session.execute(text("UPDATE client_name_key SET client_id = :edition "
                                    "WHERE firm_id = :firm AND key = :key"), values)
    if not moved.rowcount:
        db.session.execute(text("INSERT INTO client_name_key (firm_id, key, client_id, is_alias) "
                                "VALUES (:firm, :key, :edition, false)"), values)


def _edition() -> tuple[int, ...]:
    """The index's edition, from its check row; refuse to use an index that lacks the row of
    the current secret while client entries exist: it was written under another secret, or
    emptied by a migration, and would find nothing. (Two first imports side by side may each
    write a row: the edition is then all of them.)"""
    edition = tuple(sorted(client_id for client_id, in _rows(
        "SELECT client_id FROM client_name_key WHERE firm_id = ? AND key = ?",
        (CHECK_FIRM, crypto.index_digest(CHECK_KEY)))))
    if not edition and _rows("SELECT EXISTS (SELECT 1 FROM client_entry)", ())[0][0]:
        raise IndexKeyChanged()
    return edition


class _Learnt:
    """Which weak keys this process found common, under the edition of the index it read them
    in. Whether a key is common changes only when a list is filed, which writes a new edition,
    so the answers hold across requests and jobs until then: a web process meets the same
    words need after need, and a run that screens every open need meets them thousands of
    times. A transaction sees its own import's edition, and the others the one before: each
    reads the answers of the edition it sees."""

    MAX = 200_000  # answers kept (about 30 MB); past it, they are learnt again

    def __init__(self):
        self.edition: tuple[int, ...] = ()
        self.common: dict[tuple[int, int], bool] = {}

    def under(self, edition: tuple[int, ...]) -> dict[tuple[int, int], bool]:
        """The answers learnt under ``edition``, to read and add to (none for an empty index)."""
        if edition != self.edition or len(self.common) > self.MAX:
            self.edition, self.common = edition, {}
        return self.common if edition else {}


_learnt = _Learnt()


def _common(limits: dict[int, int], edition: tuple[int, ...]) -> set[int]:
    """Those of the digests of ``limits`` filed for more than their limit of clients over all
    firms: asked of the index for those not learnt yet under ``edition``."""
    known = _learnt.under(edition)
    unknown = {digest: limit for digest, limit in limits.items() if (digest, limit) not in known}
    found = _ask_common(unknown)
    known.update(((digest, limit), digest in found) for digest, limit in unknown.items())
    return {digest for digest, limit in limits.items() if known[(digest, limit)]}


def _ask_common(limits: dict[int, int]) -> set[int]:
    """Each digest of ``limits`` is sought in the lookup index and read no further than its row
    after its limit: one statement, a part for each limit."""
    if not limits:
        return set()
    by_limit: dict[int, set[int]] = {}
    for digest, limit in limits.items():
        by_limit.setdefault(limit, set()).add(digest)
    part = (f"SELECT asked.key FROM {_each('key')} WHERE EXISTS (SELECT 1 FROM client_name_key AS filed "
            "WHERE filed.key = asked.key LIMIT 1 OFFSET ?)")
    return {key for key, in _rows(" UNION ALL ".join([part] * len(by_limit)),
                                  [value for limit, digests in sorted(by_limit.items())
                                   for value in (_values(digests), limit)])}


def search(firm_id: int, words: str, limit: int = 200) -> list[int]:
    """Ids of the firm's entries filed under any key of ``words``, those sharing most keys
    first: the firm's own search of its list, through the index, since names are sealed."""
    digests = {crypto.index_digest(key) for key in engine.asked_keys(words)}
    if not digests:
        return []
    shared = func.count().label("shared")
    rows = db.session.execute(
        select(ClientNameKey.client_id, shared)
        .where(ClientNameKey.firm_id == firm_id, ClientNameKey.key.in_(digests))
        .group_by(ClientNameKey.client_id).order_by(shared.desc(), ClientNameKey.client_id).limit(limit))
    return [client_id for client_id, _ in rows]


class Found(NamedTuple):
    """What the index found for a screen: the candidates by firm (``candidates``), and which of
    the parties' rare-word keys the index holds for more than ``engine.RARE_LIMIT`` names (what
    ``engine.screen`` is told as ``common``)."""

    by_firm: dict[int, list[engine.ClientName]]
    common: set[str]


def find(keys: Iterable[str], firm_ids: Iterable[int], rare: Iterable[str] = (),
         limit: int = engine.COMMON_KEY_LIMIT) -> Found:
    """The candidates of ``keys`` in the firms' lists, and which of ``rare`` (``engine.rare_word_keys``)
    are too common to be rare. A key asked of every firm comes back with every name filed under
    it, so counting its rows tells its rarity with no statement of its own."""
    keys, firm_ids, rare = set(keys), list(firm_ids), set(rare)
    if not keys or not firm_ids:
        return Found({}, common_keys(rare, engine.RARE_LIMIT))
    index_digest = crypto.index_digester()
    digest_of = {key: index_digest(key) for key in keys | rare}
    edition = _edition()
    too_common = common_keys(keys, limit, digest_of, edition)
    key_of = {digest_of[key]: key for key in keys - too_common}
    rows = _rows(*key_lookup(key_of, firm_ids))
    counted = rare.intersection(key_of.values()) if len(firm_ids) > 1 else set()
    held = Counter(digest for digest, _ in rows) if counted else Counter()
    common = (rare & too_common) | {key for key in counted if held[digest_of[key]] > engine.RARE_LIMIT}
    common |= common_keys(rare - too_common - counted, engine.RARE_LIMIT, digest_of, edition)
    return Found(_candidates(rows, key_of, firm_ids), common)


def candidates(keys: Iterable[str], firm_ids: Iterable[int],
               limit: int = engine.COMMON_KEY_LIMIT) -> dict[int, list[engine.ClientName]]:
    """The names of the firms' clients filed under ``keys`` (weak keys ever held by more
    than ``limit`` clients left out), each with the keys that found it, and their parents and
    children in the same list, by firm."""
    return find(keys, firm_ids, limit=limit).by_firm


def _candidates(rows: list[tuple[int, int]], key_of: dict[int, str], firm_ids: list[int]
                ) -> dict[int, list[engine.ClientName]]:
    """The entries of the (key, entry id) ``rows`` in the firms' lists, with their families."""
    found_by: dict[int, set[str]] = {}
    for digest, entry_id in rows:
        found_by.setdefault(entry_id, set()).add(key_of[digest])
    # The ids first, then their rows: given the lookup as a subquery, PostgreSQL misjudges
    # its size and hash-joins a scan of every entry. A screen of a need asks every firm,
    # where filtering the rows here is cheaper than one seek per firm and key.
    wanted = set(firm_ids)
    entries = {entry.id: entry for entry in _entries("id", found_by) if entry.firm_id in wanted}
    frontier = set(entries)
    for _ in range(MAX_DEPTH if frontier else 0):
        # Children by their ids alone, which the parent index answers by itself: asked for
        # whole rows, SQLite reads its statistics (most entries have no parent) as "each
        # lookup brings a million rows" and scans the table instead, a hundred milliseconds.
        parents = {entries[i].parent_entry_id for i in frontier} - {None}
        children = {child for child, in _rows(
            f"SELECT id FROM client_entry WHERE parent_entry_id {_in()}", (_values(frontier),))}
        relatives = (parents | children) - entries.keys()
        if not relatives:
            break
        rows = _entries("id", relatives)
        entries.update((entry.id, entry) for entry in rows)
        frontier = {entry.id for entry in rows}
    return _names_by_firm(entries.values(), found_by)


def common_keys(keys: Collection[str], limit: int = engine.COMMON_KEY_LIMIT,
                digest_of: dict[str, int] | None = None, edition: tuple[int, ...] | None = None) -> set[str]:
    """The weak keys of ``keys`` filed for more than ``limit`` clients over all firms (a slot key:
    ``engine.key_limit``): too common to ask for candidates (``COMMON_KEY_LIMIT``), or for their words to be rare
    (``engine.RARE_LIMIT``, ``engine.screen``). ``digest_of`` and ``edition`` are the caller's
    where it has them (``find``)."""
    if digest_of is None:
        index_digest = crypto.index_digester()
        digest_of = {key: index_digest(key) for key in keys}
    edition = _edition() if edition is None else edition
    weak = [key for key in keys if not engine.is_whole_key(key)]
    common = _common({digest_of[key]: engine.key_limit(key, limit) for key in weak}, edition)
    return {key for key in weak if digest_of[key] in common}


def key_lookup(digests: Collection[int], firm_ids: Sequence[int]) -> tuple[str, tuple]:
    """The statement (and its parameters) that finds (key, client id) of the clients filed under
    ``digests``, of all firms, or of the one firm of a re-screen (which seeks (firm, key) in the
    primary key)."""
    found = f"SELECT key, client_id FROM client_name_key WHERE key {_in()}"
    if len(firm_ids) == 1:
        return found + " AND firm_id = ?", (_values(digests), firm_ids[0])
    return found, (_values(digests),)


class _Entry(NamedTuple):
    """What a screen reads of an entry: its names with their forms still sealed (``_names_by_firm``)."""

    id: int
    firm_id: int
    external_id: str
    screen_names: str
    kind: str
    lei: str
    parent_external_id: str
    parent_entry_id: int | None


def _entries(column: str, values: Collection[int]) -> list[_Entry]:
    """The entries whose ``column`` is one of ``values``."""
    if not values:
        return []
    return list(map(_Entry._make, _rows(f"SELECT {', '.join(_Entry._fields)} FROM client_entry WHERE {column} {_in()}",
                                        (_values(values),))))


def _names_by_firm(entries: Iterable[_Entry], found_by: dict[int, set[str]]) -> dict[int, list[engine.ClientName]]:
    """The engine's view of the entries (names and their forms opened), by firm, in id order."""
    open_sealed = crypto.opener()
    by_firm: dict[int, list[engine.ClientName]] = {}
    for entry in sorted(entries, key=attrgetter("id")):
        names = json.loads(open_sealed(entry.screen_names, place("client_entry", "screen_names", entry.id)))
        keys = frozenset(found_by.get(entry.id, ()))
        client_name = names[0][0]
        by_firm.setdefault(entry.firm_id, []).extend(engine.ClientName(
            client_id=entry.external_id, name=name, client_name=client_name, is_alias=position > 0, lei=entry.lei,
            parent=entry.parent_external_id, kind=entry.kind, stored=(core, rest), found_by=keys)
            for position, (name, core, rest) in enumerate(names))
    return by_firm


def _entry_opener() -> Callable[[Any], tuple[str, ...]]:
    """Opens the name and aliases of a stored entry, the name first (``filing.Names.names``), with
    the app's keys looked up once for all the entries of a reindex."""
    open_sealed = crypto.opener()

    def opened(entry) -> tuple[str, ...]:
        return (open_sealed(entry.name, place("client_entry", "name", entry.id)),
                *json.loads(open_sealed(entry.aliases, place("client_entry", "aliases", entry.id))))
    return opened


def _rows(sql: str, parameters: Sequence, many: bool = False) -> list[tuple]:
    """``sql`` run on the session's driver connection, in its transaction, ``?`` standing for each
    parameter: a screen's few statements cost less than the ORM's work around them (half of it)."""
    connection = db.session.connection().connection.driver_connection
    if bulk.on_postgres():
        sql = sql.replace("?", "%s")
    if many:
        connection.cursor().executemany(sql, parameters)
        return []
    return connection.execute(sql, parameters).fetchall()


def _in() -> str:
    """``IN`` a list of ids sent as one parameter (``_values``): a need asks for hundreds of keys and
    a thousand ids, which as as many parameters cost more to compile and send than the lookups."""
    return "= ANY(CAST(? AS bigint[]))" if bulk.on_postgres() else "IN (SELECT value FROM json_each(?))"


def _each(column: str) -> str:
    """The list of ids sent as one parameter (``_values``), as a table ``asked`` of one ``column``."""
    if bulk.on_postgres():
        return f"unnest(CAST(? AS bigint[])) AS asked({column})"
    return f"(SELECT value AS {column} FROM json_each(?)) AS asked"


def _values(values: Collection[int]) -> str:
    """Ids as one parameter: the text of an array on PostgreSQL (which the statement casts: the
    driver's own conversion of a list is Python's work, a tenth of a screen's retrieval), JSON on
    SQLite."""
    listed = ",".join(map(str, sorted(values)))
    return f"{{{listed}}}" if bulk.on_postgres() else f"[{listed}]"
