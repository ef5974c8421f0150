"""English left on a page that should be in another language, found by the catalogue's own words.

Three checks, each on what a reader sees (``document.body.innerText``, code left out):

- every English message the language's catalogue translates differently is cut at its
  placeholders and markup into the phrases a page would show verbatim; a phrase of two words
  or more standing in the page was not translated there;
- a single word is too common to look for in running text, so a one-word message, or a code
  the app keeps its kinds and results in, counts only as the whole text of an element (a badge,
  a table cell);
- a line or a table cell holding two English words that no translation uses is English even
  where the catalogue never had it: a sentence made in code.
"""

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from matcher.models.accounts import ROLES
from matcher.models.screening import CHECK_RESULTS, HIT_BANDS
from matcher.needs.forms import HANDLING_LABELS, PARTY_KIND_LABELS

CATALOGUES = Path(__file__).parents[2] / "matcher" / "translations"
# Placeholders (%(name)s, %(score).2f, %s) and markup (<strong>, <a href="...">) a page never shows as such.
_CUTS = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%[sd]|<[^>]+>")
# What holds letters without being words of a language: addresses, links, placeholders.
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|%\([^)]*\)")
# Words the app keeps as codes and must put into words before a reader sees them.
CODES = frozenset((*ROLES, *CHECK_RESULTS, *HIT_BANDS, *PARTY_KIND_LABELS, *HANDLING_LABELS))

# English words that are words of Spanish, French or Portuguese as well.
ALSO_THEIRS = frozenset(("an", "but", "come", "fine", "has", "once", "or", "son"))

# Phrases and words that are the same in a language as in English, so finding them proves nothing.
SAME_IN = {
    "es": (),
    "fr": ("organisation", "public"),
    "pt": (),
}

# The page's visible text and the text of each element holding some of its own, leaving out code
# (a file's format, an event's code), which is the same in every language.
_VISIBLE_TEXT = """
const code = el => el.closest("code, pre, kbd, samp") !== null;
let text = document.title + "\\n" + document.body.innerText;
for (const el of document.querySelectorAll("code, pre, kbd, samp")) text = text.replace(el.innerText, " ");
const leaves = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const parent = walker.currentNode.parentElement;
  const leaf = walker.currentNode.textContent.trim().replace(/^[(\\[]+|[)\\].,:;]+$/g, "");
  if (leaf && !code(parent) && parent.checkVisibility()) leaves.push(leaf);
}
return [text, leaves];
"""


def on_page(browser, language: str) -> list[str]:
    """The English a browser's page shows to a reader of ``language``."""
    return leftovers(*browser.execute_script(_VISIBLE_TEXT), language)


def leftovers(text: str, leaves: list[str], language: str) -> list[str]:
    """The English phrases of the catalogue found in ``text`` (a page's visible text) and the
    English words or codes that are the whole of one of ``leaves`` (its elements' own texts)."""
    phrases, words = english(language)
    found = [phrase for phrase in phrases if _stands_in(phrase, text)]
    found += sorted({leaf for leaf in leaves if leaf.casefold() in words})
    found += [line for line in re.split(r"[\n\t]", text) if len(english_only() & _words(line)) >= 2]
    return list(dict.fromkeys(found))


@lru_cache
def english_only() -> frozenset[str]:
    """The words of the catalogue's English that none of its translations uses, nor is a word of
    the three languages besides: a line (or a table cell) holding two of them is English, even
    where the catalogue never had it (a sentence made in code)."""
    english, translated = set(), set()
    for language in SAME_IN:
        for message, translation in _translated(language):
            english |= _words(message)
            translated |= _words(translation)
    return frozenset(english - translated - ALSO_THEIRS)


def _words(text: str) -> set[str]:
    """The words of ``text``, casefolded, leaving out addresses (their parts are no language)
    and placeholders' names."""
    return set(re.findall(r"[^\W\d_]{2,}", _NOT_WORDS.sub(" ", text).casefold()))


@lru_cache
def english(language: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The catalogue's English phrases of two words or more, and its one-word English messages with
    the app's codes (casefolded), leaving out what the language writes the same: a word its
    translations use, or what ``SAME_IN`` lists (the codes' translations quote them, so for
    them only the list counts)."""
    same = set(SAME_IN[language])
    phrases, words, own = set(), set(), set()
    for message, translation in _translated(language):
        own.update(re.findall(r"\w+", translation.casefold()))
        pieces = [piece for piece in _pieces(message) if piece not in same and piece not in translation]
        phrases.update(piece for piece in pieces if " " in piece)
        if len(pieces) == 1 and pieces[0].isalpha():
            words.add(pieces[0].casefold())
    return tuple(sorted(phrases)), frozenset(((words - own) | CODES) - {word.casefold() for word in same})


def _translated(language: str):
    """Each English text (singular and plural) whose translation is given and differs from it,
    with the translation (its forms joined), where a piece the language keeps as it is stands too."""
    with open(CATALOGUES / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(strings):
            yield from ((text, "\n".join(strings)) for text in ids if text not in strings)


def _pieces(message: str) -> list[str]:
    """The runs of a message between its placeholders and markup, trimmed of spaces and of the
    punctuation a neighbouring placeholder may take."""
    pieces = (piece.strip(" \n\t.,:;“”\"'·—-") for piece in _CUTS.split(message))
    return [piece for piece in pieces if piece]


def _stands_in(phrase: str, text: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words (so "Sign in" is not found in "Sign inside");
    the plain search first, as it is a hundred times quicker and rules out nearly every phrase."""
    return phrase in text and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None
