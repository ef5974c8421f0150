"""The conflict index in the database: atomic swaps, key counts, and the same hits as the engine in memory."""

from collections import Counter

import pytest
from sqlalchemy import delete, func, select, text, update

from matcher.conflicts import clientindex, clientlists, engine, filing, screening
from matcher.core import crypto
from matcher.extensions import db
from matcher.models import ClientEntry, ClientImport, ClientNameKey, ConflictHit, LawFirm, User
from tests import factories

pytestmark = pytest.mark.usefixtures("app")

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"

# Typos, legal forms, word order, joined words, aliases in another script, a family, an LEI.
FIRM_A = """A-1,Minera Andina S.A.,MASA|Минера Андина,organisation,HN,,
A-2,Andina Exploraciones Ltd,,organisation,HN,A-1,
A-3,Banco del Sur,,organisation,AR,,
A-4,ExxonMobil Corporation,,organisation,US,,
A-5,Gazprom PJSC,Газпром,organisation,RU,,
A-6,Palmas del Norte GmbH,,organisation,DE,A-5,529900T8BM49AURSDO55
"""
FIRM_B = """B-1,Andina Minera Ltd,,organisation,GB,,
B-2,Juan García López,,person,HN,,
B-3,International Business Machines,IBM,organisation,US,,
B-4,Sur Agro Trading,,organisation,AR,,
"""
PARTIES = ("Minera Andyna SA", "Exxon Mobil", "ООО Газпром", "Juan Garcia Lopez", "IBM",
           "Banco Del Sur S.A.", "Palmas del Norte AG", "Nobody Related Holdings", "Andina Exploraciones")


def client_rows(body: str) -> list[clientlists.ClientRow]:
    return clientlists.parse_client_csv((HEADER + body).encode())


def entry_keys(row: clientlists.ClientRow) -> set[str]:
    """Every key of an entry, each once: its name's, its aliases' and its LEI's."""
    keys = set(engine.index_keys(row.name)).union(*map(engine.index_keys, row.aliases))
    if row.lei:
        keys.add(engine.identifier_key(row.lei))
    return keys


def stored_counts() -> dict[int, int]:
    """How many rows each key has, the index's check row aside (keys are digests: see
    ``expected_counts``)."""
    return dict(db.session.execute(
        select(ClientNameKey.key, func.count()).where(ClientNameKey.firm_id != clientindex.CHECK_FIRM)
        .group_by(ClientNameKey.key)).all())


def expected_counts(*bodies: str) -> Counter:
    """How many clients hold each key (every key of these small lists is filed)."""
    counts: Counter = Counter()
    for body in bodies:
        for row in client_rows(body):
            counts.update(crypto.index_digest(key) for key in entry_keys(row))
    return counts


def key_rows(firm: LawFirm) -> int:
    return db.session.scalar(select(func.count()).select_from(ClientNameKey).where(ClientNameKey.firm_id == firm.id))


def test_a_list_is_stored_with_each_key_once_per_client_and_counted():
    firm = factories.firm(clients=FIRM_A)

    entries = db.session.scalars(select(ClientEntry).where(ClientEntry.firm_id == firm.id)).all()
    assert sorted(entry.external_id for entry in entries) == ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"]
    assert key_rows(firm) == sum(len(entry_keys(row)) for row in client_rows(FIRM_A))
    assert stored_counts() == expected_counts(FIRM_A)
    alias_of = dict(db.session.execute(select(ClientNameKey.key, ClientNameKey.is_alias)).all())
    assert alias_of[crypto.index_digest("n:andina minera")] is False
    assert alias_of[crypto.index_digest("n:masa")] is True  # only the alias "MASA" has it
    assert alias_of[crypto.index_digest("n:gazprom")] is False  # the name and the alias have it
    by_id = {entry.external_id: entry for entry in entries}
    assert by_id["A-2"].parent_entry_id == by_id["A-1"].id
    assert by_id["A-5"].aliases == ["Газпром"]


def test_the_index_stays_right_across_replacements_and_firms():
    first = factories.firm(clients=FIRM_A)
    second = factories.firm(clients=FIRM_B)
    assert stored_counts() == expected_counts(FIRM_A, FIRM_B)

    smaller = "A-1,Minera Andina S.A.,,organisation,HN,,\nA-9,Nueva Cliente SpA,,organisation,CL,,\n"
    clientlists.replace_client_list(None, first, client_rows(smaller))
    assert stored_counts() == expected_counts(smaller, FIRM_B)

    clientlists.replace_client_list(None, second, client_rows(smaller.replace("A-", "B-")))
    clientlists.replace_client_list(None, first, client_rows(FIRM_A))
    assert stored_counts() == expected_counts(FIRM_A, smaller)
    assert key_rows(first) == sum(len(entry_keys(row)) for row in client_rows(FIRM_A))


def test_a_weak_key_is_filed_once_past_the_limit_and_then_never_asked():
    limit = engine.COMMON_KEY_LIMIT
    body = "".join(f"C-{n},Zorblat {word} Ltd,,,,,\n" for n, word in enumerate(
        f"{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}{chr(97 + n // 676)}qu" for n in range(limit + 5)))
    firm = factories.firm(clients=body)

    weak = crypto.index_digest("d:zorbla")
    filed = db.session.scalar(select(func.count()).select_from(ClientNameKey).where(ClientNameKey.key == weak))
    assert filed == limit + 1
    assert clientindex.candidates({"d:zorbla"}, [firm.id]) == {}
    assert [name.client_id for name in clientindex.candidates({"d:zorbla", "d:aaaqu"}, [firm.id])[firm.id]] == ["C-0"]
    whole_keys = {crypto.index_digest(key) for row in client_rows(body) for key in entry_keys(row)
                  if key.startswith("n:")}
    whole = db.session.scalar(select(func.count()).select_from(ClientNameKey).where(ClientNameKey.key.in_(whole_keys)))
    assert whole == 2 * (limit + 5)  # whole-name keys are always filed


def test_a_slot_key_is_too_common_to_ask_under_its_own_lower_limit():
    body = "".join(f"C-{n},{first}{n:03d}x Logistics Minera,,,,,\n"
                   for n, first in enumerate("t" * 30 + "abcdefghijklmnopqrsuvwxyz" * 4))
    firm = factories.firm(clients=body + "X,Tarri Logistics Minera,,,,,\n")
    keys = engine.party_keys([engine.Party("p", "Tari Logistics Minera")])

    common = clientindex.common_keys(keys)
    assert "s:t|logistics minera" in common and "d:tari" not in common
    assert [name.client_id for name in clientindex.candidates(keys, [firm.id])[firm.id]] == ["X"]


def test_a_failed_import_leaves_the_old_list_its_keys_and_counts(monkeypatch):
    firm = factories.firm(clients=FIRM_A)
    member = factories.firm_member(of=firm)
    db.session.commit()
    before = (key_rows(firm), stored_counts())

    def fail(_firm):
        raise RuntimeError("the re-screening broke")

    monkeypatch.setattr(screening, "screen_firm", fail)  # after the swap and the index are written
    record = clientlists.start_import(firm, member, client_rows(FIRM_B))
    db.session.commit()  # the import's job runs once this commits

    db.session.expire_all()
    assert db.session.get(ClientImport, record.id).state == "failed"
    names = db.session.scalars(select(ClientEntry.name).where(ClientEntry.firm_id == firm.id)).all()
    assert "Minera Andina S.A." in names and "Andina Minera Ltd" not in names
    assert (key_rows(firm), stored_counts()) == before


def test_an_import_replaces_the_list_and_records_it_done():
    firm = factories.firm(clients=FIRM_A)
    member = factories.firm_member(of=firm)

    record = clientlists.start_import(firm, member, client_rows(FIRM_B))
    db.session.commit()  # the import's job runs once this commits

    db.session.expire_all()
    record = db.session.get(ClientImport, record.id)
    assert (record.state, record.rows, record.needs_screened) == ("done", 4, 0)
    assert record.finished_at is not None
    names = db.session.scalars(select(ClientEntry.name).where(ClientEntry.firm_id == firm.id)).all()
    assert sorted(names) == ["Andina Minera Ltd", "International Business Machines", "Juan García López",
                             "Sur Agro Trading"]
    assert stored_counts() == expected_counts(FIRM_B)


def memory_hits(body: str, parties: list[engine.Party]) -> set[tuple]:
    names = []
    for row in client_rows(body):
        for position, name in enumerate((row.name, *row.aliases)):
            names.append(engine.ClientName(row.external_id, name, row.name, position > 0, row.lei,
                                              row.parent_external_id))
    return {(h.party_id, h.client_id, h.band, h.score, str(h.data()))
            for h in engine.MemoryIndex(names).screen(parties)}


@pytest.mark.parametrize("lei", ["", "529900T8BM49AURSDO55"])
def test_the_database_index_finds_the_same_hits_as_the_engine_in_memory(lei):
    firms = {body: factories.firm(clients=body) for body in (FIRM_A, FIRM_B)}
    parties = [engine.Party(str(n), name, lei=lei if n == 6 else "") for n, name in enumerate(PARTIES)]

    found = screening._hits_by_firm(parties, [firm.id for firm in firms.values()])

    for body, firm in firms.items():
        in_db = {(h.party_id, h.client_id, h.band, h.score, str(h.data())) for h in found.get(firm.id, [])}
        assert in_db == memory_hits(body, parties)
    firm_a = {(h.party_name, h.client_id) for h in found[firms[FIRM_A].id]}
    assert {("Minera Andyna SA", "A-1"), ("Exxon Mobil", "A-4"), ("ООО Газпром", "A-5"),
            ("Banco Del Sur S.A.", "A-3"), ("Andina Exploraciones", "A-2")} <= firm_a
    assert ("Minera Andyna SA", "A-2") in firm_a  # A-2 is a subsidiary of A-1 in the firm's list
    assert {("Juan Garcia Lopez", "B-2"), ("IBM", "B-3")} <= {
        (h.party_name, h.client_id) for h in found[firms[FIRM_B].id]}


def test_one_firms_screen_sees_only_its_own_clients():
    first = factories.firm(clients=FIRM_A)
    factories.firm(clients=FIRM_B)

    found = screening._hits_by_firm([engine.Party("1", "Andina Minera")], [first.id])

    assert set(found) == {first.id}
    assert {hit.client_id for hit in found[first.id]} == {"A-1", "A-2"}


def test_a_rare_word_is_rare_over_every_firms_list():
    """A word is rare by how many clients of all firms carry it, as the engine counts in memory."""
    firm = factories.firm(clients="L-1,Lundin Mining Corporation,,organisation,CA,,\n")
    party = [engine.Party("1", "Lundin Holdings")]
    [hit] = screening._hits_by_firm(party, [firm.id])[firm.id]
    assert (hit.client_id, hit.rule) == ("L-1", "shared_word")

    factories.firm(clients="".join(f"X-{i},Lundin Place{i},,organisation,SE,,\n" for i in range(engine.RARE_LIMIT)))

    assert screening._hits_by_firm(party, [firm.id])[firm.id] == []


def test_a_need_is_screened_through_the_index_and_stored_per_firm():
    clean = factories.firm(clients=FIRM_B.replace("Andina Minera Ltd", "Otra Cosa Ltd"))
    conflicted = factories.firm(clients=FIRM_A)
    need = factories.need(factories.defender(), parties=("Minera Andina Ltda.",), state="submitted")
    db.session.commit()

    assert screening.cleared_firm_ids(need) >= {clean.id}
    assert conflicted.id not in screening.cleared_firm_ids(need)


def test_a_stored_hit_keeps_the_rule_it_rests_on():
    factories.firm(clients=FIRM_A)
    factories.need(factories.defender(), parties=("Minera Andina Ltda.", "Banco del Sur Norte"), state="submitted")
    db.session.commit()

    stored = {(hit.client_external_id, hit.rule) for hit in db.session.scalars(select(ConflictHit))}
    assert stored == {("A-1", "equal"), ("A-2", "related"), ("A-3", "extra_words")}


def test_the_database_holds_no_client_name_in_a_readable_form():
    factories.firm(clients=FIRM_A)
    factories.need(factories.defender(), parties=("Minera Andina S.A.",), state="submitted")
    db.session.commit()

    stored = [str(value) for table, columns in (("client_entry", "name, aliases"),
                                                ("client_name_key", "key"),
                                                ("conflict_hit", "client_name, reason"))
              for row in db.session.execute(text(f"SELECT {columns} FROM {table}")) for value in row]
    assert stored
    for secret in ("Minera", "minera", "andina", "Газпром", "gazprom", "exxon"):
        assert not any(secret in value for value in stored), secret



def test_a_client_name_moved_to_another_entry_is_refused_not_screened():
    """Someone who can write to the database swaps a client's sealed names (as screening reads
    them) onto another entry, to make a screen miss it: the screen stops rather than clears
    against it."""
    firm = factories.firm(clients=FIRM_A)
    first, second = db.session.scalars(select(ClientEntry.id).order_by(ClientEntry.id).limit(2)).all()
    stored = db.session.execute(text("SELECT screen_names FROM client_entry WHERE id = :id"), {"id": first}).scalar()
    db.session.execute(text("UPDATE client_entry SET screen_names = :v WHERE id = :id"), {"v": stored, "id": second})

    with pytest.raises(crypto.SealBroken, match=f"client_entry.screen_names#{second}"):
        screening._hits_by_firm([engine.Party("1", "Andina Exploraciones")], [firm.id])


def test_screening_reads_the_forms_filed_with_the_list_not_the_names_again():
    """The names' normal forms are made once, when the list is filed, and kept sealed with the
    entry: a screen finds the client through them without normalising it again."""
    firm = factories.firm(clients=FIRM_A)
    normalise = engine.normalise
    normalise.cache_clear()
    hits = screening._hits_by_firm([engine.Party("1", "Minera Andina")], [firm.id])[firm.id]

    assert {hit.client_name for hit in hits} == {"Minera Andina S.A.", "Andina Exploraciones Ltd"}  # and its child
    assert normalise.cache_info().currsize == 1  # the party's name alone

def test_a_changed_index_key_stops_screening_until_the_lists_are_filed_again(app):
    firm = factories.firm(clients=FIRM_A)
    coordinator = factories.coordinator(email="ana@ngo.example")
    db.session.commit()
    app.config["INDEX_KEY"] = "another index key, as after a careless redeploy"
    crypto.init_app(app)
    party = [engine.Party("1", "Minera Andina")]

    with pytest.raises(clientindex.IndexKeyChanged, match="flask keys reindex"):
        screening._hits_by_firm(party, [firm.id])
    with pytest.raises(clientindex.IndexKeyChanged):
        clientlists.replace_client_list(None, firm, client_rows(FIRM_B))
    db.session.rollback()

    result = app.test_cli_runner().invoke(args=["keys", "reindex"])

    assert result.exit_code == 0, result.output
    assert "6 client entries filed again" in result.output
    assert db.session.scalar(select(User).where(User.with_email("ana@ngo.example"))) == coordinator
    assert {hit.client_id for hit in screening._hits_by_firm(party, [firm.id])[firm.id]} == {"A-1", "A-2"}
    assert stored_counts() == expected_counts(FIRM_A)


def test_an_index_filed_with_older_keys_stops_screening_until_the_lists_are_filed_again(app):
    """As after an upgrade of the engine's keys: the lists were filed under the keys of before."""
    firm = factories.firm(clients=FIRM_A)
    db.session.execute(update(ClientNameKey).where(ClientNameKey.firm_id == clientindex.CHECK_FIRM)
                       .values(key=crypto.index_digest("check:index written under this secret")))
    party = [engine.Party("1", "Minera Andina")]

    with pytest.raises(clientindex.IndexKeyChanged, match="older keys"):
        screening._hits_by_firm(party, [firm.id])

    assert app.test_cli_runner().invoke(args=["keys", "reindex"]).exit_code == 0
    assert {hit.client_id for hit in screening._hits_by_firm(party, [firm.id])[firm.id]} == {"A-1", "A-2"}


def test_entries_without_an_index_are_refused_rather_than_cleared():
    """As after the migration that turned keys into digests: entries are there, the index is not."""
    firm = factories.firm(clients=FIRM_A)
    db.session.execute(delete(ClientNameKey))

    with pytest.raises(clientindex.IndexKeyChanged):
        screening._hits_by_firm([engine.Party("1", "Minera Andina")], [firm.id])


def test_the_firms_search_finds_its_entries_through_the_index():
    firm = factories.firm(clients=FIRM_A)
    factories.firm(clients=FIRM_B)
    by_id = {entry.id: entry.external_id for entry in db.session.scalars(select(ClientEntry))}

    assert [by_id[i] for i in clientindex.search(firm.id, "Minera Andyna")][:1] == ["A-1"]
    assert [by_id[i] for i in clientindex.search(firm.id, "Andina")] == ["A-1", "A-2"]
    assert [by_id[i] for i in clientindex.search(firm.id, "газпром")] == ["A-5"]
    assert clientindex.search(firm.id, "International Business Machines") == []  # another firm's client
    assert clientindex.search(firm.id, "  ") == []


class _Recorder:
    """Keeps what it is given to write, or fails on its second chunk."""

    def __init__(self, fail: bool = False):
        self.rows, self.fail = [], fail

    def write(self, rows):
        if self.fail and self.rows:
            raise RuntimeError("the database went away")
        self.rows.extend(rows)


def test_rows_written_behind_arrive_all_and_in_order():
    entries, keys = _Recorder(), _Recorder()
    with clientindex._WriteBehind() as out:
        for n in range(10):
            out.put(entries.write, [(n,)])
            out.put(keys.write, [(n,), (n + 100,)])
    assert entries.rows == [(n,) for n in range(10)]
    assert keys.rows == [row for n in range(10) for row in ((n,), (n + 100,))]


def test_a_failure_writing_behind_fails_the_import_instead_of_hanging_it():
    # Raised by a later put or on leaving the block, whichever comes first.
    failing = _Recorder(fail=True)
    with pytest.raises(RuntimeError, match="went away"), clientindex._WriteBehind() as out:
        for n in range(10):
            out.put(failing.write, [(n,)])


def stored_index(firm: LawFirm) -> tuple[list, list]:
    """The firm's key rows and its entries' stored forms (opened), by external id."""
    keys = db.session.execute(select(ClientNameKey.key, ClientEntry.external_id, ClientNameKey.is_alias)
                              .join(ClientEntry, ClientEntry.id == ClientNameKey.client_id)
                              .where(ClientNameKey.firm_id == firm.id)).all()
    forms = [(entry.external_id, entry.screen_names)
             for entry in db.session.scalars(select(ClientEntry).where(ClientEntry.firm_id == firm.id))]
    return sorted(keys), sorted(forms)


def test_a_big_list_filed_in_a_second_process_is_filed_as_in_this_one(monkeypatch):
    """A list filed by the second process has the same keys and stored forms as one filed here,
    the per-word limit counted across its chunks as here."""
    body = FIRM_A + FIRM_B.replace("B-", "C-") + "".join(
        f"H-{n},Holdings Number {n} Trading,,organisation,GB,,\n" for n in range(150))
    monkeypatch.setattr(clientindex, "CHUNK", 40)
    monkeypatch.setattr(filing, "APART_FROM", 10**9)
    here = factories.firm(clients=body)
    monkeypatch.setattr(filing, "APART_FROM", 1)
    started = []
    monkeypatch.setattr(filing, "_cores", lambda: started.append(True) or 2)
    apart = factories.firm(clients=body)

    assert started
    assert stored_index(apart) == stored_index(here)
    holdings = crypto.index_digest("d:holdings")
    assert sum(key == holdings for key, _, _ in stored_index(apart)[0]) == filing.FILED_PER_KEY


def test_the_second_process_stops_when_the_import_fails(monkeypatch):
    monkeypatch.setattr(filing, "APART_FROM", 1)
    monkeypatch.setattr(filing, "_cores", lambda: 2)
    chunks = [[filing.Names(n, (f"Name {n}",), "", "organisation")] for n in range(6)]
    with pytest.raises(RuntimeError, match="the database went away"), filing.Filing(b"s" * 32, 6) as filer:
        for _chunk, filed in filer.filed(1, chunks):
            assert filed.screen_names
            raise RuntimeError("the database went away")
    with pytest.raises(RuntimeError, match="after shutdown"):
        next(filer.filed(1, chunks))


def test_which_weak_keys_are_common_is_learnt_once_and_again_when_a_list_is_filed(monkeypatch):
    """A process asks which weak keys are too common once under the index's edition. Filing a
    list writes a new edition, so a key the new list no longer makes common is asked for again,
    and its candidates are found: "zorbla", held by more than the limit, is not asked until the
    list that held it is replaced by one with a single Zorbla."""
    firm = factories.firm(clients="".join(f"Z-{n},Zorbla Trading {n} SA,,organisation,HN,,\n"
                                          for n in range(filing.FILED_PER_KEY)))
    parties = [engine.Party("1", "Zorbla Gold")]
    asked, rows = [], clientindex._rows

    def counted(statement, *args, **kwargs):
        if "OFFSET" in statement:
            asked.append(statement)
        return rows(statement, *args, **kwargs)

    monkeypatch.setattr(clientindex, "_rows", counted)
    first = screening._hits_by_firm(parties, [firm.id])
    asked_first = len(asked)  # for candidates, and for rare words
    again = screening._hits_by_firm(parties, [firm.id])
    assert first == again == {}
    assert asked_first and len(asked) == asked_first

    clientlists.replace_client_list(None, firm, client_rows("Z-1,Zorbla Mining Ltd,,organisation,HN,,\n"))
    hits = screening._hits_by_firm(parties, [firm.id])

    assert [(hit.client_id, hit.rule) for hit in hits[firm.id]] == [("Z-1", "shared_word")]
    assert len(asked) > asked_first


def test_an_import_rolled_back_leaves_the_edition_it_found():
    """A new edition is written in the import's own transaction: undone with it, so what a
    process learnt under the edition that stands still holds."""
    factories.firm(clients="A-1,Minera Andina S.A.,,organisation,HN,,\n")
    db.session.commit()
    before = clientindex._edition()
    clientlists.replace_client_list(None, factories.firm(), client_rows("B-1,Banco del Sur,,organisation,AR,,\n"))
    assert clientindex._edition() != before
    db.session.rollback()
    assert clientindex._edition() == before


@pytest.mark.parametrize("one_firm", [False, True])
def test_a_screen_tells_which_rare_words_are_common_as_asking_the_index_does(one_firm):
    """Screening every firm counts a word's rarity from the rows its key already brought; one
    firm's screen, whose rows are that firm's alone, asks the index. Both say what ``common_keys``
    says: "dorvelan", held by more than ``RARE_LIMIT`` names over the two firms, is common;
    "quetzalmar", held by one, is not."""
    held = engine.RARE_LIMIT + 2
    trades = ["Mining", "Gold", "Bank", "Oil", "Gas", "Palm", "Agro"]
    first = factories.firm(clients="".join(f"D-{n},Dorvelan {trade} Ltd,,organisation,HN,,\n"
                                           for n, trade in enumerate(trades)))
    others = "".join(f"E-{n},Dorvelan Trading {n} SA,,organisation,HN,,\n" for n in range(held - len(trades)))
    second = factories.firm(clients=others + "E-99,Quetzalmar Holdings,,organisation,HN,,\n")
    parties = [engine.Party("1", "Dorvelan Quetzalmar Copper")]
    rare = engine.rare_word_keys(parties)
    firm_ids = [second.id] if one_firm else [first.id, second.id]

    found = clientindex.find(engine.party_keys(parties), firm_ids, rare)

    assert found.common == clientindex.common_keys(rare, engine.RARE_LIMIT) == {"d:dorvelan"}
