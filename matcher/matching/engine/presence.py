"""Where a firm stands to a need's country: based there, with an office there, elsewhere, or not known.

One reading of local presence, which the score (``scoring``) and the local-counsel filter
(``filters``) both use, so a firm the score calls local is never removed as foreign.
"""

BASED, OFFICE, ELSEWHERE, UNKNOWN = "based", "office", "elsewhere", "unknown"


def presence(country: str, based: str, offices: frozenset[str]) -> str:
    """Where a firm ``based`` in a country ("" if not known) with ``offices`` stands to ``country``:
    a firm with an office there counts as present, as one based there does."""
    if based == country:
        return BASED
    if country in offices:
        return OFFICE
    if not based and not offices:
        return UNKNOWN
    return ELSEWHERE
