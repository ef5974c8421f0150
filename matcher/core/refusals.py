"""The one kind of error a rule raises to refuse a move, in words for the person who tried it.

Workflow moves, account and team changes all raise a subclass; a page runs any of them
through ``web.attempts.attempt``, which shows the words and undoes what was begun.
"""


class Refused(Exception):
    """A move the rules do not allow, explained for the person who tried it."""


class FieldsRefused(Refused):
    """What was typed into a form, refused field by field: ``problems`` maps each field's name to
    what is wrong with it, so the form shows each message beside its field and keeps what was typed."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems
