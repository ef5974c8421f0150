"""Where a firm stands to a need's country: based there, with an office there, elsewhere, or not known.

One reading of local presence, which the score (``scoring``) and the local-counsel filter
(``filters``) both use, so a firm the score calls local is never removed as foreign.
"""

from .profiles import OfferProfile

BASED, OFFICE, ELSEWHERE, UNKNOWN = "based", "office", "elsewhere", "unknown"


def presence(country: str, offer: OfferProfile) -> str:
    """A firm with an office in the country counts as present, as one based there does."""
    if offer.firm_country == country:
        return BASED
    if country in offer.offices:
        return OFFICE
    if not offer.firm_country and not offer.offices:
        return UNKNOWN
    return ELSEWHERE
