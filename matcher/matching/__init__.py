"""Matching needs with offers and funds: the pure ``engine`` (profiles in, ranked candidates with
reasons out), the ranking of a stored need, and the vocabulary the forms and the engine share.
"""
