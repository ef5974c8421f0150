"""Name normalisation: the form that two spellings of one name share.

The tables come from OpenSanctions' ``rigour`` (MIT): its Rust core casefolds and
tokenises a name ("S.A." is "sa", "O'Brien" is "obrien", full-width letters are
plain), transliterates any script to ASCII ("Газпром" is "gazprom", Han and Arabic
through ICU), and recognises several hundred legal forms from ISO 20275 and
OCCRP's list, in their own scripts ("ООО", "株式会社", "Aktiengesellschaft" is
"ag"). It was chosen over ``fingerprints`` (same authors, MIT) because rigour is
the maintained successor that carries the legal-form data now, runs about three
times faster per name (Rust, ~3 µs against ~9 µs), and gives the common English
transliteration ("romashka", where fingerprints gives "romaska"). Both need
``normality`` and PyICU; rigour's import costs ~0.15 s once per process.

A legal form is set aside, not thrown away: "Minera Andina S.A." and "Minera
Andina Ltd" share their core ("andina minera") and keep their forms ("sa",
"ltd") so a reason can say that they differ. Forms are only taken from the
start or the end of a name, where they stand in practice, so "As Good As New
Ltd" keeps its "as". ``SUPPLEMENT`` adds the few forms rigour lacks, and ``READ_AS`` the
spellings rigour does not know of forms it does: without their accents ("Compania" is
"Compañía", which rigour knows only with its tilde) and the variants of a form ("S.A.A." is an
S.A.). A name is read the same with and without its accents, legal forms included.

The core's words are then read in compare form (``words.SAME_WORD``): "Natl." and "National",
"Hldgs" and "Holdings" are one word, so both spellings reach the same key. The name's words
as written, particles and forms with them, are kept for its initials (``initialisms``), so
"PDVSA" can be found for "Petróleos de Venezuela S.A.".
"""

import json
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rigour.names import extract_org_types
from rigour.text.normalize import Normalize, normalize
from rigour.text.stopwords import is_stopword
from rigour.text.translit import ascii_text

from .words import PARTICLES, SPELLINGS, compare_word, russian_word

# Legal forms missing from rigour's table (checked against rigour 2.6.1), with the
# compare form each stands for.
SUPPLEMENT = {
    "corporation": "corp",
    "corp": "corp",
    "company": "co",
    "co": "co",
    "kabushiki kaisha": "kk",
    "kk": "kk",
    "pcl": "pcl",
    "public company": "pcl",
    "societe anonyme": "sa",
    "s a": "sa",
    "sp z o o": "spzoo",
    "a s": "as",
    "sab de cv": "sab de cv",
    "tbk": "tbk",
}
# Forms rigour knows only with their accents: their plain spelling is read as the form.
ACCENTED = ("compañía", "cía", "compañía anónima", "sociedade anônima", "sociedade anónima",
            "sociedade por ações", "société par actions simplifiée", "société à responsabilité limitée",
            "société en nom collectif", "société en commandite simple", "società per azioni",
            "società a responsabilità limitata", "spółka akcyjna", "spółka z ograniczoną odpowiedzialnością")
# Spellings of forms rigour lacks, each read as a form rigour knows: the other languages'
# "company" words (as "compañía" is), Peru's open and closed S.A., Quebec's "Ltée".
READ_AS = {
    "companhia": "compañía", "compagnie": "compañía", "cie": "cía", "saa": "sa", "sac": "sa", "s a a": "sa",
    "s a c": "sa", "sociedad anonima abierta": "sa", "sociedad anonima cerrada": "sa", "ltee": "ltd",
}

_FLAGS = Normalize.CASEFOLD | Normalize.NFKC | Normalize.NAME


@dataclass(frozen=True)
class NormalName:
    """A name reduced for comparison.

    ``tokens`` is every word in ASCII, legal forms included; ``core`` is what
    identifies the entity (no legal forms, no stop words such as "of", "de"), its words in
    compare form ("national" for "Natl."); ``forms`` are the legal forms set aside, in
    compare form ("sa", "ag"), and ``kinds`` the same in rigour's generic form ("jsc",
    "llc"), so "PAO" and "PJSC" count as one kind of company while "S.A." and "Ltd" do not.
    ``words`` is the core with its particles, and ``front`` and ``back`` the forms' words
    as written before and after it: what the name's initials are taken from.
    """

    tokens: tuple[str, ...]
    core: tuple[str, ...]
    forms: tuple[str, ...]
    kinds: tuple[str, ...]
    words: tuple[str, ...] = ()
    front: tuple[str, ...] = ()
    back: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def stored(self) -> tuple[str, str]:
        """The name as its list keeps it (``from_stored``): its core's words, and its other fields
        as JSON. A client's names are normalised once, when the list is filed, so a screen reads
        them instead of normalising a thousand candidates again; and it reads the core alone for
        most of them, all the prefilter needs (``ClientName.core``), since building every field
        of every candidate was a third of a screen. Words hold no spaces (they are split on them)."""
        return " ".join(self.core), json.dumps([self.tokens, self.forms, self.kinds, self.words, self.front, self.back],
                                               ensure_ascii=False)

    @classmethod
    def from_stored(cls, core: str, rest: str) -> "NormalName":
        tokens, forms, kinds, words, front, back = map(tuple, json.loads(rest))
        return cls(tokens, tuple(core.split()), forms, kinds, words, front, back)

    @cached_property
    def sorted_core(self) -> str:
        """Kept once made: a party's name is compared with hundreds of candidates, each comparison
        asks for it again, and making it anew each time was a tenth of the engine's work."""
        return sorted_core(self.core)

    @cached_property
    def joined(self) -> str:
        return joined(self.core)

    @cached_property
    def initialisms(self) -> dict[str, str]:
        """The initials a name of two words or more may go by, each with the words they are taken
        from: of the core's words, or of all its words, particles included ("PDV" of "Petróleos de
        Venezuela"), each alone and with the letters of its legal forms ("PDVSA", and "CANTV" of
        "Compañía Anónima Nacional Teléfonos de Venezuela"). Three letters at least: two
        would be shared by too many names."""
        if len(self.core) < 2:
            return {}
        found = {}
        for words in (self.core, self.words):
            letters = "".join(word[0] for word in words)
            found.setdefault(letters, " ".join(words))
            found.setdefault(_form_letters(self.front) + letters + _form_letters(self.back),
                             " ".join(self.front + words + self.back))
        return {letters: words for letters, words in found.items() if len(letters) >= 3}


def sorted_core(core: tuple[str, ...]) -> str:
    """A core in word order independent form: "andina minera"."""
    return " ".join(sorted(core))


def joined(core: tuple[str, ...]) -> str:
    """A core with its words run together, so "Exxon Mobil" meets "ExxonMobil"."""
    return "".join(core)


def _form_letters(words: tuple[str, ...]) -> str:
    """What legal forms give a name's initials: a short form all its letters ("SA" of "S.A."), a
    long word its first ("A" of "Anónima"), a particle nothing ("S.A. de C.V." is "SACV")."""
    return "".join(word if len(word) <= 3 else word[0] for word in words if word not in PARTICLES)


def name_key(name: str) -> str:
    """Fold case, script, accents and punctuation so "Minera S.A." and "MINERA SA" agree."""
    return normalise(name).text


@lru_cache(maxsize=65536)
def normalise(name: str) -> NormalName:
    """Reduce ``name`` to its ASCII words, its core and its legal forms."""
    folded = normalize(name, _FLAGS) or ""
    tokens = tuple(_ascii(folded).split())
    native, native_forms = _strip_forms(folded)
    spaced = " ".join(_ascii(native).split())
    # Most names are ASCII already: their forms are off, and a second look finds nothing more.
    ascii_words, ascii_forms = (native, ()) if spaced == native else _strip_forms(spaced)
    if not folded.isascii():
        # Some forms are known only with their accents ("oü"), some only without; and a short
        # form taken off first ("cv" of "S.A. dé C.V.") can hide a longer one. The reading
        # that leaves fewer words wins.
        plain_words, plain_forms = _strip_forms(" ".join(tokens))
        if len(plain_words.split()) < len(ascii_words.split()):
            native_forms, ascii_words, ascii_forms = (), plain_words, plain_forms
    written = ascii_words.split()
    front, back = _around(tokens, written)
    words = _compare_words(written)
    core = tuple(word for word in words if not _is_particle(word)) or words
    forms = native_forms + ascii_forms
    return NormalName(tokens=tokens, core=core, forms=tuple(form for form, _ in forms),
                      kinds=tuple(kind for _, kind in forms), words=words, front=front, back=back)


@lru_cache(maxsize=65536)
def _is_particle(word: str) -> bool:
    """Cached: words recur across names, and rigour's look-up costs more than the cache's."""
    return word in PARTICLES or is_stopword(word)


def _compare_words(written: list[str]) -> tuple[str, ...]:
    """The words in compare form ("national" for "natl"), where there are two or more that are
    not particles: a name of one word ("CIA", "Ind") is a name, not an abbreviation."""
    if SPELLINGS.keys().isdisjoint(written) or sum(not _is_particle(word) for word in written) < 2:
        return tuple(written)
    return tuple(map(compare_word, written))


def _around(tokens: tuple[str, ...], middle: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words before and after ``middle`` in ``tokens``: the legal forms taken off either end."""
    if tokens[: len(middle)] == tuple(middle):
        return (), tokens[len(middle):]
    for start in range(1, len(tokens) - len(middle) + 1):
        if list(tokens[start:start + len(middle)]) == middle:
            return tokens[:start], tokens[start + len(middle):]
    return (), ()


def _ascii(text: str) -> str:
    """``ascii_text`` of ``text``, without its cost where the answer is plain: ASCII stays
    as it is, and Latin letters with accents lose them. Anything else (another script,
    "ß", "ø") goes through rigour word by word (``_ascii_word``)."""
    if text.isascii():
        return text
    stripped = _plain(text)
    return stripped if stripped.isascii() else " ".join(map(_ascii_word, text.split()))


@lru_cache(maxsize=65536)
def _ascii_word(word: str) -> str:
    """rigour's transliteration of one word, cached: it costs some 15 µs a character (250 µs
    for "Нафтогаз Украины"), words recur across a list's names where whole names do not,
    and it reads no context across spaces (the same result as whole names, checked on
    Cyrillic, Greek, Arabic, Georgian and Japanese names)."""
    return russian_word(word) or ascii_text(word) or ""


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _rigour_forms(phrase: str) -> tuple[str, str]:
    """rigour's (compare form, generic form) of a legal form it knows."""
    folded = normalize(phrase, _FLAGS) or ""
    compare, generic = dict(extract_org_types(folded)), dict(extract_org_types(folded, generic=True))
    return compare[folded], generic.get(folded, compare[folded])


_SUPPLEMENT = {phrase: (form, form) for phrase, form in SUPPLEMENT.items()}
_SUPPLEMENT.update({_plain(normalize(phrase, _FLAGS) or ""): _rigour_forms(phrase) for phrase in ACCENTED})
_SUPPLEMENT.update({phrase: _SUPPLEMENT.get(known) or _rigour_forms(known) for phrase, known in READ_AS.items()})
_SUPPLEMENT_ORDER = sorted(_SUPPLEMENT, key=len, reverse=True)
_SUPPLEMENT_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in _SUPPLEMENT)


def _strip_forms(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Take legal forms off both ends of ``text``; never leave it empty.

    Returns the rest and each form taken as (compare form, generic form)."""
    found = extract_org_types(text)
    if not found and _SUPPLEMENT_FIRST_WORDS.isdisjoint(text.split()):
        # A form taken off an end is whole words of the text: most names have none of them.
        return text, ()
    phrases, ordered = _SUPPLEMENT, _SUPPLEMENT_ORDER
    if found:
        generic = dict(extract_org_types(text, generic=True))
        phrases = {**_SUPPLEMENT, **{phrase: (form, generic.get(phrase, form)) for phrase, form in found}}
        ordered = sorted(phrases, key=len, reverse=True)
    # Only a phrase inside the text can ever be at one of its ends as they are taken off.
    ordered = [phrase for phrase in ordered if phrase in text]
    forms: list[tuple[str, str]] = []
    changed = bool(ordered)
    while changed:
        changed = False
        for phrase in ordered:
            if text.endswith(" " + phrase):
                text = text[: -len(phrase) - 1]
            elif text.startswith(phrase + " "):
                text = text[len(phrase) + 1 :]
            else:
                continue
            forms.append(phrases[phrase])
            changed = True
    return text, tuple(forms)
