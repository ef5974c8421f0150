"""Free text onto the legal vocabulary: a code and a confidence, or "not understood".

A form or a file says "difamación", "SLAPP suit" or "defamation claim"; the
engine compares codes. Mapping is exact after folding when it can be, fuzzy
(rapidfuzz) when a word is misspelt or a phrase sits inside a longer text, and
``mapping.decide`` refuses when the best guess is weak or two codes fit equally.
"""

from functools import lru_cache

from rapidfuzz import fuzz, process

from . import terms
from .mapping import SUGGEST, Mapping, decide
from .text import FILLER_WORDS, meaningful_words

_MIN_FUZZY = 5  # shorter words and phrases must match exactly: fuzzy scores on them are noise
_LANGUAGES = ("en", "es", "fr", "pt")


class Vocabulary:
    """One list of codes with their synonyms, and the mapping of free text onto it.

    ``words`` says which words carry meaning here that do not elsewhere, and the reverse
    (see ``terms.DEFENDER_KIND_WORDS``): "lawyer" names a kind of defender but no practice area.
    A ``generic`` code is read from a whole text only, never from a phrase inside a longer one: in
    "youth activists" a word it does not explain may name a narrower kind, and taking the text for
    any defender would open a fund for youth activists to every defender."""

    def __init__(self, name: str, entries: dict[str, dict], words: dict[str, frozenset[str]] | None = None,
                 generic: str | None = None):
        self.name = name
        self._generic = generic
        self.labels = {code: entry["label"] for code, entry in entries.items()}
        self.codes = frozenset(entries)
        words = words or {}
        self._filler = FILLER_WORDS - words.get("meaningful", frozenset()) | words.get("filler", frozenset())
        exact: dict[str, str] = {}
        for code, entry in entries.items():
            for phrase in (code.replace("_", " "), entry["label"], *(s for lang in _LANGUAGES for s in entry[lang])):
                key = " ".join(sorted(meaningful_words(phrase, self._filler)))
                if key and exact.setdefault(key, code) != code:
                    raise ValueError(f"{name}: {phrase!r} is a synonym of both {exact[key]} and {code}")
        self._exact = exact
        self._keys = list(exact)
        self._codes = list(exact.values())
        self._phrases = [(frozenset(key.split()), code) for key, code in exact.items()]
        self._words = sorted({word for key in exact for word in key.split()})
        self.map = lru_cache(maxsize=4096)(self._map)

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def _map(self, text: str) -> Mapping:
        words = meaningful_words(text, self._filler)
        if not words:
            return Mapping(text, None, 0.0)
        key = " ".join(sorted(words))
        if key in self._exact:
            return Mapping(text, self._exact[key], 1.0)
        best: dict[str, float] = {}
        for code, confidence in (*self._whole_phrase(key), *self._phrases_within(words)):
            best[code] = max(best.get(code, 0.0), confidence)
        return decide(text, best)

    def _whole_phrase(self, key: str):
        """The text as a misspelt synonym: "diffamacion", "defamtion"."""
        if len(key) < _MIN_FUZZY:
            return []
        found = process.extract(key, self._keys, scorer=fuzz.token_sort_ratio, limit=3, score_cutoff=SUGGEST * 100)
        return [(self._codes[index], score / 100) for _, score, index in found]

    def _phrases_within(self, words: tuple[str, ...]):
        """Synonyms whose every word is in the text (a word may be misspelt): "defamation claim
        by a mining company" holds "defamation". The more of the text a synonym explains,
        the surer the mapping."""
        similar: dict[str, float] = {}
        for word in set(words):
            found = process.extractOne(word, self._words, scorer=fuzz.ratio, score_cutoff=80)
            if found and (found[1] == 100 or len(word) >= _MIN_FUZZY):
                similar[found[0]] = max(similar.get(found[0], 0.0), found[1] / 100)
        distinct = len(set(words))
        return [
            (code, min(similar[word] for word in phrase) * (0.8 + 0.2 * len(phrase) / distinct))
            for phrase, code in self._phrases
            if phrase <= similar.keys() and code != self._generic
        ]


threats = Vocabulary("threat", terms.THREATS)
practice_areas = Vocabulary("practice area", terms.PRACTICE_AREAS)
help_kinds = Vocabulary("kind of help", terms.HELP_KINDS)
defender_kinds = Vocabulary("kind of defender", terms.DEFENDER_KINDS, terms.DEFENDER_KIND_WORDS, generic="individual")
urgencies = Vocabulary("urgency", terms.URGENCIES)


def areas_for(threat: str, areas) -> frozenset[str]:
    """The need's practice areas, or the one its threat usually calls for when it names none."""
    if areas:
        return frozenset(areas)
    area = terms.THREAT_PRACTICE_AREA.get(threat)
    return frozenset({area}) if area else frozenset()
