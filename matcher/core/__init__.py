"""Plumbing every domain uses and no page owns: sealing at rest, the audit trail, mail, CSV
reading and safe CSV downloads. Nothing here defines a route or imports a domain or a blueprint.
"""
