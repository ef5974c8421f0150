"""What a coordinator may decide on a screening hit, and what each decision does.

One table, so the database's check, the decision form, the workflow's messages and
the screening result cannot disagree. It imports nothing from the app (only Flask-Babel,
to mark its words for translation when they are shown): the models read it too.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Decision:
    label: object  # a decided hit "is <label>" (a lazy string, translated when shown)
    choice: object  # the option offered in the decision forms (lazy too)
    blocks: bool  # the firm stays away from the need


DECISIONS = {
    "confirmed": Decision(_l("conflict confirmed"), _l("Confirm the conflict: the firm stays away from this need"),
                          True),
    "cleared": Decision(_l("cleared"), _l("Clear: not the same entity"), False),
    "waived": Decision(_l("waived"), _l("Record a waiver: a known conflict the people concerned accept"), False),
}
BLOCKING = frozenset(code for code, decision in DECISIONS.items() if decision.blocks)
