"""What a coordinator may decide on a screening hit, and what each decision does.

One table, so the database's check, the decision form, the workflow's messages and
the screening result cannot disagree. It imports nothing from the app: the models
read it too.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    label: str  # a decided hit "is <label>"
    choice: str  # the option offered in the decision forms
    blocks: bool  # the firm stays away from the need


DECISIONS = {
    "confirmed": Decision("conflict confirmed", "Confirm the conflict: the firm stays away from this need", True),
    "cleared": Decision("cleared", "Clear: not the same entity", False),
    "waived": Decision("waived", "Record a waiver: a known conflict the people concerned accept", False),
}
BLOCKING = frozenset(code for code, decision in DECISIONS.items() if decision.blocks)
