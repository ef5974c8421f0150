"""A defender's legal need and its matches: the states and the one table of moves between
them, the workflow that makes every move, the need form, and the history a defender reads.
"""
