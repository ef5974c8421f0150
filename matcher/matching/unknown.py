"""The words a ranking did not understand, in the reader's words.

The engine keeps each as data (``engine.unknown``); beside a need's ranking the coordinator
reads which record holds it and in which field, the closest term the platform knows, and
whether the record was ranked without the word or is held back until it is fixed.
"""

from flask_babel import gettext, lazy_gettext

from . import vocab
from .engine import taxonomy
from .engine.unknown import Unknown

# The fields ``ranking`` reads through the vocabulary, named as their forms name them.
FIELDS = {
    "threat": lazy_gettext("Threat"),
    "practice_areas": lazy_gettext("Practice areas"),
    "help_wanted": lazy_gettext("Help wanted"),
    "urgency": lazy_gettext("Urgency"),
    "defender_kind": lazy_gettext("Kind of defender"),
    "help_kinds": lazy_gettext("Kinds of help"),
    "covers": lazy_gettext("Covers"),
    "defender_kinds": lazy_gettext("Eligible kinds of defender"),
}

_LABELS = {
    taxonomy.threats: vocab.THREATS,
    taxonomy.practice_areas: vocab.PRACTICE_AREAS,
    taxonomy.help_kinds: vocab.HELP_KINDS,
    taxonomy.urgencies: vocab.URGENCY_LABELS,
    taxonomy.defender_kinds: vocab.DEFENDER_KIND_LABELS,
}

_HELD_BACK = {
    "need": lazy_gettext("The need is not ranked until it is fixed."),
    "offer": lazy_gettext("The offer is not ranked until it is fixed."),
    "fund": lazy_gettext("The fund is not ranked until it is fixed."),
}


def said(word: Unknown, record: str) -> str:
    """What is wrong with ``word`` of ``record`` (named for the reader) and what came of it."""
    field = FIELDS[word.field]
    if word.suggestion:
        problem = gettext('%(record)s, %(field)s: "%(item)s" is not a term the platform knows; the closest is '
                          '%(suggestion)s.', record=record, field=field, item=word.text,
                          suggestion=_LABELS[word.terms][word.suggestion])
    else:
        problem = gettext('%(record)s, %(field)s: "%(item)s" is not a term the platform knows.',
                          record=record, field=field, item=word.text)
    outcome = _HELD_BACK[word.kind] if word.holds_back else gettext("It is left out, and the rest is ranked.")
    return f"{problem} {outcome}"
