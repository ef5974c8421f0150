"""Generated people for the conflict benchmark: names from several cultures written with the errors
people make (issue 13, "People").

A person is one or two given names and one or two surnames, some with particles ("van der Berg",
"da Silva", "bin Rashid"). Each case writes a listed person another way: a typo in a given name,
in a surname or in both, a given name shortened ("Bob" for "Robert") or spelt as another
transliteration ("Sergey" for "Sergei"), a given name cut to its initial, the parts swapped
("García López, Juan"), a part left out, accents and particles dropped. Hard negatives are other
people of the same common surname, the same given name with another surname, and a given name of
the other gender ("Juana" for "Juan"). The tables are the benchmark's own, kept apart from the
engine's.
"""

import random
import unicodedata

from rapidfuzz import fuzz, process, utils

GIVEN = (
    # Spanish, Portuguese
    "Juan", "José", "Francisco", "Antonio", "Manuel", "Pedro", "Luis", "Jorge", "Alejandro", "Guillermo",
    "Enrique", "Ignacio", "Rafael", "Joaquín", "Ricardo", "Fernando", "Roberto", "Eduardo", "Gabriel",
    "María", "Ana", "Lucía", "Carmen", "Isabel", "Dolores", "Concepción", "Guadalupe", "Teresa", "Rosario",
    "João", "Tiago", "Gonçalo", "Conceição", "Graça", "Luíza",
    # English, French
    "John", "William", "Robert", "Richard", "Elizabeth", "Margaret", "Katherine", "Thomas", "Michael",
    "Patricia", "Jennifer", "Christopher", "Jean", "Pierre", "François", "Jacques", "Nathalie", "Isabelle",
    "Guillaume", "Philippe", "Frédéric", "Hélène",
    # Russian, Ukrainian
    "Sergei", "Aleksandr", "Dmitri", "Yuri", "Mikhail", "Nikolai", "Vladimir", "Ekaterina", "Natalia",
    "Olga", "Tatiana", "Andrei", "Alexei",
    # Arabic, African, Asian
    "Mohammed", "Ahmed", "Hussein", "Abdullah", "Fatima", "Aisha", "Youssef", "Omar", "Kwame", "Amina",
    "Chinedu", "Thabo", "Zanele", "Oluwaseun", "Nkechi", "Rahul", "Priya", "Anil", "Sunita", "Wei", "Chen",
    "Hiroshi", "Yuki", "Nguyen",
)
SURNAMES = (
    "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez",
    "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Quispe", "Mamani", "Huanca", "Villanueva",
    "Echeverría", "Iturbide", "Zúñiga", "Bustamante", "Santos", "Oliveira", "Pereira", "Carvalho",
    "Gonçalves", "Magalhães", "Nascimento", "de la Cruz", "de los Santos", "da Silva", "dos Santos",
    "Smith", "Johnson", "Williams", "Brown", "O'Connor", "Fitzgerald", "Thompson", "Dubois", "Lefèvre",
    "Moreau", "Fontaine", "Rousseau", "Beaumont", "van der Berg", "van Dijk", "de Vries",
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Sokolov", "Mikhailov", "Novikov", "Fedorov",
    "Shevchenko", "Kovalenko", "Bondarenko",
    "Haddad", "Mansour", "al-Hassan", "bin Rashid", "Abdelrahman", "El-Masri", "Khalil", "Nasser",
    "Mensah", "Okafor", "Nkosi", "Adeyemi", "Mutasa", "Kamau", "Diallo", "Traoré", "Sharma", "Patel",
    "Gupta", "Chatterjee", "Wang", "Zhang", "Liu", "Tanaka", "Watanabe", "Tran",
)
# How people shorten or respell given names (a name may have several).
SHORT_FORMS = {
    "José": ("Pepe",), "Francisco": ("Paco", "Pancho", "Fran"), "Antonio": ("Toño", "Tony"),
    "Manuel": ("Manolo",), "Alejandro": ("Alex",), "Guillermo": ("Memo",), "Enrique": ("Quique",),
    "Ignacio": ("Nacho",), "Rafael": ("Rafa",), "Roberto": ("Beto",), "Eduardo": ("Lalo",),
    "Dolores": ("Lola",), "Concepción": ("Concha",), "Guadalupe": ("Lupe",), "Teresa": ("Tere",),
    "Rosario": ("Charo",), "William": ("Bill", "Will"), "Robert": ("Bob", "Rob"), "Richard": ("Dick", "Rick"),
    "Elizabeth": ("Liz", "Beth"), "Margaret": ("Peggy", "Maggie"), "Katherine": ("Kate", "Kathy"),
    "Thomas": ("Tom",), "Michael": ("Mike",), "Patricia": ("Pat",), "Jennifer": ("Jenny",),
    "Christopher": ("Chris",), "Aleksandr": ("Sasha", "Alexander"), "Mikhail": ("Misha",),
    "Nikolai": ("Kolya",), "Vladimir": ("Volodya",), "Ekaterina": ("Katya",),
    "Sergei": ("Sergey",), "Dmitri": ("Dmitry",), "Yuri": ("Iouri", "Yury"), "Andrei": ("Andrey",),
    "Alexei": ("Alexey", "Aleksei"), "Natalia": ("Natalya",), "Tatiana": ("Tatyana",),
    "Mohammed": ("Muhammad", "Mohamed"), "Ahmed": ("Ahmad",), "Hussein": ("Husain",),
    "Youssef": ("Yusuf", "Joseph"), "Aisha": ("Aicha",), "Abdullah": ("Abdallah",),
    "Jacques": ("Jacky",), "Guillaume": ("Guy",), "Frédéric": ("Fred",), "Philippe": ("Phil",),
}
# A given name of the other gender, one letter or so away: another person.
OTHER_GENDER = {"Juan": "Juana", "Antonio": "Antonia", "Luis": "Luisa", "Francisco": "Francisca",
                "Manuel": "Manuela", "Gabriel": "Gabriela", "Ignacio": "Ignacia", "Alejandro": "Alejandra",
                "Ricardo": "Ricarda", "Fernando": "Fernanda", "Roberto": "Roberta", "Alexei": "Alexa",
                "Jean": "Jeanne", "Aleksandr": "Aleksandra", "Natalia": "Natalio", "Michael": "Michaela"}
# Surnames that usually come in pairs (paternal and maternal).
DOUBLE = frozenset(SURNAMES[:33])


def plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def person(rng: random.Random) -> tuple[list[str], list[str]]:
    """(given names, surnames) of one generated person."""
    given = [rng.choice(GIVEN)]
    if rng.random() < 0.3:
        given.append(rng.choice([g for g in GIVEN if g != given[0]]))
    surnames = [rng.choice(SURNAMES)]
    if surnames[0] in DOUBLE and rng.random() < 0.6:
        surnames.append(rng.choice([s for s in SURNAMES[:33] if s != surnames[0]]))
    return given, surnames


def written(given: list[str], surnames: list[str]) -> str:
    return " ".join(given + surnames)


def _typo(rng: random.Random, word: str) -> str:
    """One edit inside a word (not its first letter): a letter changed, missing, added or swapped."""
    parts = word.split()
    i = max(range(len(parts)), key=lambda k: len(parts[k]))
    w = parts[i]
    if len(w) < 3:
        return word
    at = rng.randrange(1, len(w) - 1)
    letter = rng.choice("abcdefghijklmnoprstuvy")
    edit = rng.choice(("sub", "del", "ins", "swap"))
    if edit == "sub":
        w = w[:at] + (letter if letter != w[at] else "x") + w[at + 1:]
    elif edit == "del":
        w = w[:at] + w[at + 1:]
    elif edit == "ins":
        w = w[:at] + letter + w[at:]
    else:
        w = w[:at] + w[at + 1] + w[at] + w[at + 2:] if w[at] != w[at + 1] else w[:at] + w[at + 1:]
    parts[i] = w
    return " ".join(parts)


def typo_given(rng, given, surnames):
    i = rng.randrange(len(given))
    return written(given[:i] + [_typo(rng, given[i])] + given[i + 1:], surnames)


def typo_surname(rng, given, surnames):
    i = rng.randrange(len(surnames))
    return written(given, surnames[:i] + [_typo(rng, surnames[i])] + surnames[i + 1:])


def typo_both(rng, given, surnames):
    return written([_typo(rng, given[0])] + given[1:], [_typo(rng, surnames[0])] + surnames[1:])


def short_form(rng, given, surnames):
    """A given name shortened or respelt ("Bob", "Sergey"); None when it has no such form."""
    forms = [(i, f) for i, g in enumerate(given) for f in SHORT_FORMS.get(g, ())]
    if not forms:
        return None
    i, form = rng.choice(forms)
    return written(given[:i] + [form] + given[i + 1:], surnames)


def initial(rng, given, surnames):
    """The first given name cut to its initial, or every given name."""
    dot = rng.choice((".", ""))
    cut = len(given) if rng.random() < 0.5 else 1
    return written([g[0] + dot for g in given[:cut]] + given[cut:], surnames)


def swapped(rng, given, surnames):
    if rng.random() < 0.5:
        return f"{' '.join(surnames)}, {' '.join(given)}"
    return " ".join(surnames + given)


def part_missing(rng, given, surnames):
    """A second given name or surname left out, or (for a double surname) the given name."""
    choices = []
    if len(given) > 1:
        choices.append(written(given[:1], surnames))
    if len(surnames) > 1:
        choices += [written(given, surnames[:1]), written([], surnames)]
    if not choices:
        return None
    return rng.choice(choices)


def bare(rng, given, surnames):
    """Accents and particles left out, hyphens spaced ("Berg", "Silva", "El Masri")."""
    particles = {"de", "la", "los", "da", "dos", "van", "der", "bin", "al"}
    words = [w for s in surnames for w in s.replace("-", " ").split() if w.lower() not in particles]
    return plain(written(given, words))


ERRORS = {"typo in a given name": typo_given, "typo in a surname": typo_surname,
          "typos in both parts": typo_both, "given name shortened or respelt": short_form,
          "given name as an initial": initial, "parts swapped": swapped, "a part missing": part_missing,
          "accents and particles left out": bare}


def other_given(rng, given, surnames):
    return written([rng.choice([g for g in GIVEN if g not in given and g not in SHORT_FORMS.get(given[0], ())])],
                   surnames)


def other_surname(rng, given, surnames):
    return written(given, [rng.choice([s for s in SURNAMES if s not in surnames])])


def other_gender(rng, given, surnames):
    return written([OTHER_GENDER[given[0]]] + given[1:], surnames) if given[0] in OTHER_GENDER else None


NEGATIVES = {"same surnames, another given name": other_given, "same given name, another surname": other_surname,
             "given name of the other gender (Juan/Juana)": other_gender}


def cases(rng: random.Random, people: list[tuple[list[str], list[str]]], per_kind: int):
    """(kind, party name, index of the listed person or None) for every kind of error and negative."""
    listed = {plain(written(*p)).lower() for p in people}
    made = []
    for kinds, positive in ((ERRORS, True), (NEGATIVES, False)):
        for kind, make in kinds.items():
            count = 0
            while count < per_kind:
                i = rng.randrange(len(people))
                text = make(rng, *people[i])
                if text is None or plain(text).lower() == plain(written(*people[i])).lower():
                    continue
                if not positive and plain(text).lower() in listed:
                    continue
                made.append((kind, text, i if positive else None))
                count += 1
    return made


def baseline_hits(parties: list[str], clients: list[str], review: int, conflict: int):
    """rapidfuzz's token_sort_ratio of every pair (lower case, punctuation and accents off): for each
    party, (client position, band) of every pair at ``review`` or more, in the conflict band from
    ``conflict``."""
    prepared = [utils.default_process(plain(c)) for c in clients]
    scores = process.cdist([utils.default_process(plain(p)) for p in parties], prepared,
                           scorer=fuzz.token_sort_ratio, score_cutoff=review, workers=-1)
    return [[(int(j), "conflict" if row[j] >= conflict else "review") for j in row.nonzero()[0]]
            for row in scores]
