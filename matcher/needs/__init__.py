"""A defender's legal need and its matches: the states and the one table of moves between
them, the workflow that makes every move, the words each state and event reads in, the need
form, and the history each reader (defender, firm, staff) may read.
"""
