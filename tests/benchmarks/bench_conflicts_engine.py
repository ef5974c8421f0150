"""The conflict engine on its own: accuracy on generated and public names, speed at 1,000,000.

Accuracy (a) perturbs names from a generated list that shares many common words
("Mining", "Bank", "Trading") and counts, per perturbation, the share found in
either band (recall) and in the ``conflict`` band; hard negatives are look-alike
names of other companies ("Andes Copper" for "Andes Gold"). (b) does the same on
the public data in ../shared/data/conflicts (see its README). (c) times one need of
20 names against 1,000,000 client names in an in-memory index built from the
engine's keys, which is the lookup the database does, against scoring every pair
with rapidfuzz's ``cdist`` on pre-normalised names, measured in the same run.
"""

import csv
import random
import statistics
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from matcher.conflicts.engine import (
    ClientName,
    MemoryIndex,
    Party,
    Relations,
    index_keys,
    is_whole_key,
    key_limit,
    normalise,
    party_keys,
)

from . import people
from .stats import summary, table, timed

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "conflicts"
SEED = 20240611

SYLLABLES = ("an", "dor", "vel", "tra", "mon", "qui", "sar", "len", "bra", "cor", "tel", "nov", "mar",
             "ris", "pol", "gan", "ber", "sol", "ka", "zen", "lo", "ri", "ta", "mi", "no", "vo", "ge",
             "lu", "fa", "de", "ur", "pe", "sil", "ton", "cha", "mer")
PLACES = ("Andes", "Pacific", "Atlas", "Aurora", "Condor", "Orinoco", "Patagonia", "Sierra", "Delta",
          "Horizon", "Meridian", "Austral", "Boreal", "Cobalt", "Jaguar", "Quetzal", "Amazonas", "Titan",
          "Vertex", "Zenith", "Caribe", "Altiplano", "Llanos", "Magdalena", "Tapajos", "Volta", "Niger")
COMMON = ("Mining", "Bank", "Trading", "Group", "Energy", "Holdings", "International", "Resources",
          "Capital", "Industries", "Oil", "Gas", "Gold", "Copper", "Petroleum", "Construction", "Agro",
          "Logistics", "Security", "Investments", "Global", "National", "Minera", "Banco", "Grupo",
          "Inversiones", "Servicios", "Palm Oil", "Timber", "Hydro", "Cement", "Shipping")
FORMS = ("S.A.", "Ltd", "Limited", "GmbH", "AG", "LLC", "PJSC", "SpA", "S.p.A.", "Sociedad Anónima",
         "Aktiengesellschaft", "Inc.", "Corp.", "PLC", "S.A.S.", "B.V.", "Bhd", "PCL", "OOO", "S.R.L.",
         "Pty Ltd", "S.A. de C.V.", "Ltda.", "", "", "")
FIRST = ("Juan", "María", "José", "Ana", "Carlos", "Lucía", "Pedro", "Sofía", "Luis", "Elena", "Miguel",
         "Olga", "Ivan", "Natalia", "Sergei", "John", "Mary", "James", "Patricia", "Robert", "Jennifer",
         "Ahmed", "Fatima", "Kwame", "Amina", "Rahul", "Priya", "Chen", "Wei", "Thabo", "Zanele")
LAST = ("García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez",
        "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Ivanov", "Smirnov",
        "Kuznetsov", "Popov", "Smith", "Johnson", "Williams", "Brown", "Mensah", "Okafor", "Nkosi",
        "Sharma", "Patel", "Wang", "Li", "Zhang", "Haddad", "Mansour", "Quispe", "Mamani", "Huanca")
CYRILLIC = dict(zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцы", strict=True))
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ü", "n": "ñ", "c": "ç"}


def main() -> None:
    rng = random.Random(SEED)
    synthetic_accuracy(rng)
    people_accuracy()
    public_accuracy()
    speed(rng)


# -- generated names ---------------------------------------------------------------------------


def coined(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3)))).capitalize()


def company(rng: random.Random) -> str:
    head = [coined(rng)] if rng.random() < 0.7 else [rng.choice(PLACES), coined(rng)]
    words = head + rng.sample(COMMON, rng.choice((1, 1, 2)))
    if rng.random() < 0.3:
        words.insert(0, words.pop())
    return " ".join(words + [rng.choice(FORMS)]).strip()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"


def name(rng: random.Random) -> str:
    return company(rng) if rng.random() < 0.8 else person(rng)


def to_cyrillic(text: str) -> str:
    return "".join(CYRILLIC.get(ch, ch) for ch in text.lower())


def _words(text: str) -> tuple[list[str], str]:
    """A generated name's words and its legal form (the words after the core)."""
    for form in sorted(FORMS, key=len, reverse=True):
        if form and text.endswith(" " + form):
            return text[: -len(form) - 1].split(), form
    return text.split(), ""


def typo(rng, text):
    words, form = _words(text)
    candidates = [i for i, w in enumerate(words) if len(w) >= 4]
    i = rng.choice(candidates or [0])
    w, at = words[i], rng.randrange(1, max(2, len(words[i]) - 1))
    edit = rng.choice(("sub", "del", "ins", "swap"))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if edit == "sub":
        w = w[:at] + letter + w[at + 1:]
    elif edit == "del":
        w = w[:at] + w[at + 1:]
    elif edit == "ins":
        w = w[:at] + letter + w[at:]
    elif at + 1 < len(w):
        w = w[:at] + w[at + 1] + w[at] + w[at + 2:]
    words[i] = w
    return " ".join(words + [form]).strip()


def legal_form(rng, text):
    words, form = _words(text)
    return " ".join(words + [rng.choice([f for f in FORMS if f and f != form])])


def accents(rng, text):
    return "".join(ACCENTS.get(ch, ch) if rng.random() < 0.5 else ch for ch in text)


def case(rng, text):
    return text.upper() if rng.random() < 0.5 else text.lower()


def word_order(rng, text):
    words, form = _words(text)
    return " ".join(words[1:] + words[:1] + [form]).strip() if len(words) > 1 else text


def joined(rng, text):
    words, form = _words(text)
    if len(words) < 2:
        return text
    i = rng.randrange(len(words) - 1)
    return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:] + [form]).strip()


PERTURBATIONS = {"typo": typo, "legal form": legal_form, "accents": accents, "case": case,
                 "word order": word_order, "joined words": joined}


# -- the kinds of miss of issue 13 -------------------------------------------------------------
# Each makes a client name of its own (added to the list) and the party that writes it another
# way, or, for a shared rare word, takes a listed client. Their tables are how people write
# these names, kept here apart from the engine's own tables.

# A word, where it stands ("front" or after the distinctive word), and how it is abbreviated.
ABBREVIATED = (("International", "", ("Intl", "Int'l", "Intl.")), ("National", "", ("Natl.", "Nat'l")),
               ("Manufacturing", "", ("Mfg.", "Mfg")), ("Development", "", ("Dev.",)),
               ("Holdings", "", ("Hldgs", "Hldgs.")), ("Industries", "", ("Ind.", "Inds.")),
               ("Industrias", "", ("Ind.",)), ("Inversiones", "front", ("Inv.",)),
               ("General", "", ("Gral.",)), ("Brothers", "", ("Bros", "Bros.")),
               ("Associates", "", ("Assoc.",)), ("Services", "", ("Svcs", "Svcs.")),
               ("Management", "", ("Mgmt", "Mgmt.")), ("Sociedad", "front", ("Soc.",)),
               ("Société", "front", ("Soc.",)), ("Compañía", "front", ("Cía.", "Cia.")),
               ("Companhia", "front", ("Cia.",)), ("Compagnie", "front", ("Cie",)),
               ("Corporation", "", ("Corp",)), ("Construction", "", ("Constr.",)))
SPELLED_HEADS = ("Petróleos", "Yacimientos", "Empresa", "Banco", "Corporación", "Aguas", "Ferrocarriles",
                 "Industrias", "Compañía", "Minera", "Electricidade", "Société", "National", "Comisión",
                 "Instituto", "Caja", "Fábrica", "Telecomunicaciones")
PARTICLES = ("de", "del", "de la", "do", "da", "des", "du", "of", "of the", "y", "e", "et", "and")
SPELLED_FORMS = (("S.A.", "SA"), ("Sociedad Anónima", "SA"), ("S.A.S.", "SAS"), ("", ""), ("", ""))
ACCENTED_FRONT = ("Compañía", "Cía.", "", "")
ACCENTED_END = ("S.A.A.", "S.A.C.", "Sociedad Anónima", "Sociedade Anônima", "Société Anonyme", "Ltée",
                "S.A.", "")
# Russian forms with the English abbreviation a firm writes for each.
RUSSIAN_FORMS = (("ПАО", "PJSC"), ("АО", "JSC"), ("ООО", "LLC"), ("ОАО", "OJSC"), ("ЗАО", "CJSC"))
RUSSIAN_SYLLABLES = ("лу", "кой", "газ", "пром", "нов", "тат", "сур", "гут", "рос", "баш", "сиб", "тран",
                     "вол", "ми", "ра", "ко", "ден", "кам", "ски", "тюм", "нор", "иль", "бел", "ар")
# Words the English name of a Russian company translates.
RUSSIAN_PLACES = (("Западная Сибирь", "West Siberia"), ("Восток", "East"), ("Северная", "North"),
                  ("Южная", "South"), ("Сибирь", "Siberia"), ("Центральная", "Central"))
# The usual English rendering of Russian letters (BGN/PCGN, simplified).
ROMAN = dict(zip("абвгдежзийклмнопрстуфхцчшщъыьэюя",
                 ("a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                  "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"), strict=True))


def plain(text: str) -> str:
    """``text`` without its accents, as a keyboard without them writes it."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def abbreviated(rng: random.Random) -> tuple[str, str]:
    """A name with a word people abbreviate, and the same name with the abbreviation (either side)."""
    word, where, short = rng.choice(ABBREVIATED)
    head, tail = coined(rng), rng.choice(COMMON)
    form = rng.choice(FORMS)
    full = f"{word} {head} {tail} {form}" if where else f"{head} {word} {tail} {form}"
    abbreviation = full.replace(word, rng.choice(short), 1)
    pair = (full.strip(), abbreviation.strip())
    return pair if rng.random() < 0.5 else pair[::-1]


def initials(rng: random.Random) -> tuple[str, str]:
    """A name written out ("Petróleos de Venezuela S.A.") and its initials (PDVSA), with or
    without the particles' and the legal form's letters, three letters at least."""
    while True:
        words = [rng.choice(SPELLED_HEADS), rng.choice(PARTICLES), rng.choice(PLACES + (coined(rng),))]
        if rng.random() < 0.4:
            words.append(rng.choice(PLACES + (coined(rng),)))
        form, form_letters = rng.choice(SPELLED_FORMS)
        with_particles = rng.random() < 0.5
        letters = "".join(w[0] for part in words for w in part.split() if with_particles or part not in PARTICLES)
        letters = plain(letters + (form_letters if rng.random() < 0.6 else "")).upper()
        if len(letters) >= 3:
            return f"{' '.join(words)} {form}".strip(), ".".join(letters) + "." if rng.random() < 0.2 else letters


def accented_forms(rng: random.Random) -> tuple[str, str]:
    """A name whose legal-form words carry accents, and the same name typed without them (either
    side), its closing form sometimes left out."""
    front, end = rng.choice(ACCENTED_FRONT), rng.choice(ACCENTED_END)
    if not front and plain(end) == end:
        front = "Compañía"
    accented = " ".join(w for w in (front, rng.choice(COMMON), coined(rng), end) if w)
    bare = plain(accented)
    if end and rng.random() < 0.5:
        bare = bare[: -len(plain(end))].strip()
    return (accented, bare) if rng.random() < 0.5 else (bare, accented)


def cyrillic_form(rng: random.Random) -> tuple[str, str]:
    """A Russian company name in Cyrillic with its form in front and the name in quotes
    (ПАО «Газпром»), and its English name (Gazprom PJSC), either side."""
    russian, english = rng.choice(RUSSIAN_FORMS)
    word = "".join(rng.choice(RUSSIAN_SYLLABLES) for _ in range(rng.choice((2, 3))))
    roman = "".join(ROMAN[ch] for ch in word).capitalize()
    cyrillic = word.capitalize()
    if rng.random() < 0.4:
        place, translated = rng.choice(RUSSIAN_PLACES)
        cyrillic, roman = f"{cyrillic}-{place}", f"{roman} {translated}"
    opening, closing = rng.choice((("«", "»"), ('"', '"')))
    pair = (f"{russian} {opening}{cyrillic}{closing}", f"{roman} {english}")
    return pair if rng.random() < 0.5 else pair[::-1]


MADE = {"abbreviated words": abbreviated, "initials (PDVSA)": initials, "accents in legal forms": accented_forms,
        "Cyrillic with legal form": cyrillic_form}


def shared_rare_word(rng: random.Random, text: str) -> str | None:
    """The client's distinctive word with other generic words around it ("Lundin Mining
    Corporation" for "Lundin Holdings"); None for a name with no generic word to change."""
    words, form = _words(text)
    generic = [i for i, w in enumerate(words) if w in COMMON]
    if not generic or len(generic) == len(words):
        return None
    others = [w for w in words if w not in COMMON]
    fresh = rng.sample([w for w in COMMON if w not in words and " " not in w], rng.choice((1, 2)))
    return " ".join(others + fresh + [rng.choice(FORMS)]).strip()


def synthetic_accuracy(rng: random.Random, clients_count: int = 20000, per_kind: int = 400) -> None:
    names = list(dict.fromkeys(name(rng) for _ in range(clients_count)))
    cores = {normalise(n).sorted_core for n in names}
    clients = [ClientName(f"C{i}", n, n) for i, n in enumerate(names)]
    scripted = rng.sample(range(len(names)), per_kind)
    clients += [ClientName(f"C{i}", to_cyrillic(names[i]), names[i], is_alias=True) for i in scripted]
    # The kinds of miss draw from a generator of their own, so the other cases stay as they were.
    misses = random.Random(SEED + 13)
    made = []
    for kind, make in MADE.items():
        for _ in range(per_kind):
            client, party = make(misses)
            made.append((kind, Party(kind, party), f"M{len(made)}"))
            clients.append(ClientName(f"M{len(made) - 1}", client, client))
    index = MemoryIndex(clients)
    cases: list[tuple[str, Party, str | None]] = []
    for kind, perturb in PERTURBATIONS.items():
        for i in rng.sample(range(len(names)), per_kind):
            cases.append((kind, Party(kind, perturb(rng, names[i])), f"C{i}"))
    for i in scripted:
        cases.append(("other script (alias)", Party("s", "ООО " + to_cyrillic(_words(names[i])[0][0]) + " "
                                                   + " ".join(map(to_cyrillic, _words(names[i])[0][1:]))), f"C{i}"))
    relations = Relations()
    for i in rng.sample(range(len(names)), per_kind):
        child, middle = company(rng), company(rng)
        if rng.random() < 0.5:
            relations.add(child, names[i])
        else:
            relations.add(child, middle)
            relations.add(middle, names[i])
        cases.append(("subsidiary (relations)", Party("r", child), f"C{i}"))
    negatives = 0
    while negatives < per_kind * 3:
        words, form = _words(rng.choice(names))
        swap = rng.randrange(len(words))
        pool = COMMON if words[swap] in COMMON else (PLACES if words[swap] in PLACES else None)
        words[swap] = rng.choice(pool) if pool else coined(rng)
        negative = " ".join(words + [form]).strip()
        if normalise(negative).sorted_core not in cores:
            swapped = "a generic word swapped" if words[swap] in COMMON else "a distinctive word swapped"
            cases.append((f"hard negative: {swapped}", Party("n", negative), None))
            negatives += 1
    cases += made
    shared = 0
    while shared < per_kind:
        i = misses.randrange(len(names))
        party = shared_rare_word(misses, names[i])
        if party is not None and normalise(party).sorted_core not in cores:
            cases.append(("shared rare word, other words generic", Party("w", party), f"C{i}"))
            shared += 1
    rows = _accuracy_rows(index, cases, relations)
    print("### Accuracy on generated names\n")
    print(f"{len(names):,} client names ({len(scripted)} with a Cyrillic alias), {per_kind} cases per kind, "
          f"{negatives} hard negatives (one word of a client name swapped for another: a generic word, "
          f"which leaves the two sharing the client's distinctive word, or a distinctive one).\n")
    print(table(["case", "parties", "found (either band)", "in conflict band", "other clients hit",
                 "review hits per party"], rows) + "\n", flush=True)


def _accuracy_rows(index, cases, relations) -> list[list]:
    found, conflict, others, reviews, count = Counter(), Counter(), Counter(), Counter(), Counter()
    true_conflicts = all_conflicts = 0
    for kind, party, expected in cases:
        hits = index.screen([party], relations)
        count[kind] += 1
        mine = [h for h in hits if h.client_id == expected]
        found[kind] += bool(mine)
        conflict[kind] += any(h.band == "conflict" for h in mine)
        others[kind] += sum(h.client_id != expected for h in hits)
        reviews[kind] += sum(h.band == "review" for h in hits if h.client_id != expected)
        all_conflicts += sum(h.band == "conflict" for h in hits)
        true_conflicts += sum(h.band == "conflict" and h.client_id == expected for h in hits)
    rows = []
    negatives = [k for k in count if k.startswith("hard negative")]
    positives = [k for k in count if k not in negatives]
    for kind in positives:
        rows.append([kind, count[kind], f"{found[kind] / count[kind]:.3f}",
                     f"{conflict[kind] / count[kind]:.3f}", others[kind], f"{reviews[kind] / count[kind]:.3f}"])
    for kind in ("hard negative", *sorted(negatives)):
        kinds = negatives if kind == "hard negative" else [kind]
        parties, hit, review = (sum(counter[k] for k in kinds) for counter in (count, others, reviews))
        rows.append([kind if kind != "hard negative" else "**hard negative (all)**", parties, "-", "-",
                     f"{hit} ({hit / parties:.3f}/party)", f"{review / parties:.3f}"])
    total = sum(count[k] for k in positives)
    rows.append(["**all positives**", total, f"**{sum(found[k] for k in positives) / total:.3f}**",
                 f"{sum(conflict[k] for k in positives) / total:.3f}", sum(others[k] for k in positives), ""])
    rows.append(["**conflict-band hits that are true**", all_conflicts,
                 f"**{true_conflicts / max(1, all_conflicts):.3f}**", "", "", ""])
    return rows


# -- generated people --------------------------------------------------------------------------

# The baseline's cutoffs (token_sort_ratio, 0..100): a hit from the first, in the conflict band from the second.
BASELINE_REVIEW, BASELINE_CONFLICT = 80, 90


def people_accuracy(clients_count: int = 20000, persons_count: int = 8000, per_kind: int = 300) -> None:
    """People written with errors (``people``), screened against a list of generated people and
    companies, by the engine and by rapidfuzz's token_sort_ratio of every pair. The engine screens
    each party twice: given as a person, and given as an organisation, what taking the
    adverse-party form's default kind at its word would cost (the screen takes only "person" at
    its word, ``screening._kind_said``)."""
    rng = random.Random(SEED + 17)
    persons = list({people.written(*p): p for p in (people.person(rng) for _ in range(persons_count))}.values())
    companies = list(dict.fromkeys(company(rng) for _ in range(clients_count - len(persons))))
    names = [people.written(*p) for p in persons] + companies
    kinds = ["person"] * len(persons) + ["organisation"] * len(companies)
    index = MemoryIndex([ClientName(f"C{i}", n, n, kind=kinds[i]) for i, n in enumerate(names)])
    cases = people.cases(rng, persons, per_kind)
    engine = [[(int(h.client_id[1:]), h.band) for h in index.screen([Party("p", text, kind="person")])]
              for _, text, _ in cases]
    # The adverse-party form's default kind.
    as_organisation = [[(int(h.client_id[1:]), h.band) for h in index.screen([Party("p", text, kind="organisation")])]
                       for _, text, _ in cases]
    baseline = people.baseline_hits([text for _, text, _ in cases], names, BASELINE_REVIEW, BASELINE_CONFLICT)
    candidates = [len(index.candidates(party_keys([Party("p", text, kind="person")]))) for _, text, _ in cases]
    print("### Accuracy on generated people\n")
    print(f"{len(persons):,} people and {len(companies):,} companies listed as clients, {per_kind} parties per "
          f"kind of error (each a listed person written another way) and per kind of negative (not listed). "
          f"Baseline: rapidfuzz token_sort_ratio of every pair (lower case, accents and punctuation off), a hit "
          f"at {BASELINE_REVIEW} or more, conflict band at {BASELINE_CONFLICT} or more. Candidates per party "
          f"(engine): median {statistics.median(candidates):.0f}, max {max(candidates)}.\n")
    rows = []
    for method, found in (("engine", engine), ("engine, each party given as an organisation", as_organisation),
                          ("baseline", baseline)):
        rows += _people_rows(method, cases, found)
    print(table(["method", "case", "parties", "found (either band)", "in conflict band", "false hits per party",
                 "false conflict-band hits per party"], rows) + "\n", flush=True)


def _people_rows(method: str, cases, found) -> list[list]:
    count, hit, conflict, false, false_conflict = Counter(), Counter(), Counter(), Counter(), Counter()
    true_conflicts = all_conflicts = 0
    for (kind, _, expected), hits in zip(cases, found, strict=True):
        count[kind] += 1
        mine = [band for position, band in hits if position == expected]
        hit[kind] += bool(mine)
        conflict[kind] += "conflict" in mine
        false[kind] += sum(position != expected for position, _ in hits)
        false_conflict[kind] += sum(position != expected and band == "conflict" for position, band in hits)
        all_conflicts += sum(band == "conflict" for _, band in hits)
        true_conflicts += sum(band == "conflict" and position == expected for position, band in hits)
    rows = []
    for kind in count:
        positive = kind in people.ERRORS
        rows.append([method, kind, count[kind], f"{hit[kind] / count[kind]:.3f}" if positive else "-",
                     f"{conflict[kind] / count[kind]:.3f}" if positive else "-",
                     f"{false[kind] / count[kind]:.3f}", f"{false_conflict[kind] / count[kind]:.3f}"])
    positives = [k for k in count if k in people.ERRORS]
    total = sum(count[k] for k in positives)
    rows.append([method, "**all errors**", total, f"**{sum(hit[k] for k in positives) / total:.3f}**",
                 f"{sum(conflict[k] for k in positives) / total:.3f}",
                 f"{sum(false.values()) / sum(count.values()):.3f}",
                 f"{sum(false_conflict.values()) / sum(count.values()):.3f}"])
    rows.append([method, "**conflict-band hits that are true**", all_conflicts,
                 f"**{true_conflicts / max(1, all_conflicts):.3f}**", "", "", ""])
    return rows


# -- public data -------------------------------------------------------------------------------


def public_accuracy() -> None:
    print("### Accuracy on public data\n")
    if not DATA.is_dir():
        print(f"Skipped: {DATA} is absent (it sits beside the repository on the project's machines).\n")
        return
    _nomenklatura()
    _ofac()


def _nomenklatura() -> None:
    groups: dict[str, Counter] = defaultdict(Counter)
    with open(DATA / "nomenklatura_name_bench_cases.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # The kind is known on both sides, as a firm's list and a need's parties say it.
            kind = "person" if row["schema"] == "Person" else "organisation"
            hits = MemoryIndex([ClientName("c", row["name2"], row["name2"], kind=kind)]).screen(
                [Party("p", row["name1"], kind=kind)])
            bands = {h.band for h in hits}
            one, other = set(normalise(row["name1"]).core), set(normalise(row["name2"]).core)
            related = row["schema"] in ("Company", "Organization", "LegalEntity") and row["is_match"] == "false" and (
                one <= other or other <= one or bool(one & other))
            label = ("match" if row["is_match"] == "true" else
                     "non-match, related organisations (shared words)" if related else "non-match")
            group = groups[f"{row['schema']}: {label}"]
            group["pairs"] += 1
            group["hit"] += bool(hits)
            group["conflict"] += "conflict" in bands
    rows = [[name, g["pairs"], f"{g['hit'] / g['pairs']:.3f}", f"{g['conflict'] / g['pairs']:.3f}"]
            for name, g in sorted(groups.items())]
    print("nomenklatura name_bench pairs (name1 screened against name2); for a match, 'hit' is recall, "
          "for a non-match it is the false-alarm rate:\n")
    print(table(["pairs", "count", "hit (either band)", "conflict band"], rows) + "\n", flush=True)


def _ofac() -> None:
    primary, kind = {}, {}
    with open(DATA / "ofac_sdn_2021.csv", encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if len(row) > 2 and row[2].strip() in ("-0-", "individual"):
                primary[row[0]] = row[1]
                kind[row[0]] = "organisation" if row[2].strip() == "-0-" else "person"
    aliases = defaultdict(list)
    with open(DATA / "ofac_alt_2021.csv", encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[0] in primary:
                aliases[row[0]].append(row[3])
    ids = sorted(primary)
    rng = random.Random(SEED)
    rng.shuffle(ids)
    listed, outside = ids[: len(ids) // 2], ids[len(ids) // 2:]
    index = MemoryIndex([ClientName(i, primary[i], primary[i], kind=kind[i]) for i in listed])
    rows = []
    for who in ("organisation", "person"):
        found = conflict = total = 0
        for i in listed:
            if kind[i] != who:
                continue
            for alias in aliases[i]:
                hits = [h for h in index.screen([Party("p", alias, kind=who)]) if h.client_id == i]
                total += 1
                found += bool(hits)
                conflict += any(h.band == "conflict" for h in hits)
        negatives = [i for i in outside if kind[i] == who]
        screened = [index.screen([Party("p", primary[i], kind=who)]) for i in negatives]
        alarms = Counter(h.band for hits in screened for h in hits)
        flagged = sum(map(bool, screened))
        rows.append([who, total, f"{found / max(1, total):.3f}", f"{conflict / max(1, total):.3f}",
                     len(negatives), f"{flagged / max(1, len(negatives)):.3f}",
                     f"{alarms['conflict']} / {alarms['review']}"])
    print(f"OFAC SDN 2021: {len(listed):,} primary names listed as clients (no aliases); each of their "
          f"a.k.a. names screened (many are translations, which only a client's own aliases can "
          f"find); the other {len(outside):,} entries' primary names are the negatives:\n")
    print(table(["kind", "a.k.a. names", "found (either band)", "in conflict band", "negatives",
                 "negatives flagged", "false hits conflict / review"], rows) + "\n", flush=True)


# -- speed -------------------------------------------------------------------------------------


def speed(rng: random.Random, size: int = 1_000_000, needs: int = 40, baseline_needs: int = 3) -> None:
    names = [name(rng) for _ in range(size)]
    start = time.perf_counter()
    index = MemoryIndex(ClientName(str(i), n, n) for i, n in enumerate(names))
    build = time.perf_counter() - start
    keys_per_name = [len(index_keys(n)) for n in rng.sample(names, 20000)]
    postings = sorted((len(p) for p in index.postings.values()), reverse=True)
    too_common = sum(len(held) > key_limit(key, index.limit) for key, held in index.postings.items()
                     if not is_whole_key(key))
    need_sets = [_need(rng, names) for _ in range(needs)]
    candidates = [len(index.candidates(party_keys(need))) for need in need_sets]
    samples = [timed(lambda need=need: index.screen(need), 1)[0] for need in need_sets]
    hits = [len(index.screen(need)) for need in need_sets]
    start = time.perf_counter()
    normalised = [normalise(n).sorted_core for n in names]
    prepare = time.perf_counter() - start
    baseline = [timed(lambda need=need: process.cdist(
        [normalise(p.name).sorted_core for p in need], normalised, scorer=fuzz.ratio,
        score_cutoff=86, workers=-1), 1)[0] for need in need_sets[:baseline_needs]]
    p50, p95 = summary(samples)
    b50, b95 = summary(baseline)
    print("### Speed: one need of 20 names against 1,000,000 client names, in memory\n")
    print(table(["method", "needs timed", "p50 ms", "p95 ms"], [
        ["index keys (engine) + rapidfuzz on candidates", len(samples), f"{p50:.1f}", f"{p95:.1f}"],
        ["baseline: rapidfuzz cdist of all pairs (2 workers)", len(baseline), f"{b50:.0f}", f"{b95:.0f}"],
        ["**ratio baseline / engine (p50)**", "", f"**{b50 / p50:.0f}x**", ""],
    ]) + "\n")
    print(table(["index", "value"], [
        ["client names", f"{size:,}"],
        ["index build (normalise + keys + postings)", f"{build:.1f} s ({build / size * 1e6:.0f} µs/name)"],
        ["baseline pre-normalisation", f"{prepare:.1f} s"],
        ["keys per name: mean / p95 / max", f"{statistics.mean(keys_per_name):.1f} / "
         f"{sorted(keys_per_name)[int(0.95 * len(keys_per_name))]} / {max(keys_per_name)}"],
        ["distinct keys", f"{len(postings):,}"],
        ["key rows (what ClientNameKey would hold)", f"{sum(postings):,}"],
        ["largest posting lists", ", ".join(f"{n:,}" for n in postings[:5])],
        ["weak keys too common to ask", f"{too_common:,} (limit {index.limit}, a slot key's "
         f"{key_limit('s:', index.limit)})"],
        ["candidates per need: median / max", f"{statistics.median(candidates):.0f} / {max(candidates)}"],
        ["hits per need: median / max", f"{statistics.median(hits):.0f} / {max(hits)}"],
    ]) + "\n", flush=True)


def _need(rng: random.Random, names: list[str]) -> list[Party]:
    """20 names: a third listed clients, a third perturbed clients, a third unknown."""
    parties = []
    for i in range(20):
        listed = rng.choice(names)
        text = (listed if i % 3 == 0 else
                rng.choice(list(PERTURBATIONS.values()))(rng, listed) if i % 3 == 1 else name(rng))
        parties.append(Party(str(i), text))
    return parties

