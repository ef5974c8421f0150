"""Conflict screening: the pure ``engine`` (names in, hits with their rule and reason out) and its
database side: the client lists, their index, the corporate relations registry and the stored
checks; ``decisions`` says what a coordinator may decide on a hit.
"""
