"""Conflict screening: the pure ``engine`` (names in, hits with reasons out) and its database
side: the client lists, their index, the corporate relations registry and the stored checks.
"""
