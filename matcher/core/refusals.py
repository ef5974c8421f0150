"""The one kind of error a rule raises to refuse a move, in words for the person who tried it.

Workflow moves, account and team changes all raise a subclass; a page runs any of them
through ``web.attempts.attempt``, which shows the words and undoes what was begun.
"""


class Refused(Exception):
    """A move the rules do not allow, explained for the person who tried it."""
