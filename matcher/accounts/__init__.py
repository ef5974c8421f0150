"""People and their accounts: passwords, sessions and their lifetime, second factors, sign-in
throttling, and a defender's rights over their data (export, erasure, retention).
"""
