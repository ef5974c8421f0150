"""The matching engine: needs ranked against firms' offers and legal-aid funds.

Plain Python, no Flask and no database: profiles in (``profiles``), a ranking
out (``engine.rank``): hard filters with their reason (``filters``, run through the
offers' index ``offers`` where one set of offers serves many needs), then a
score made of parts each with its reason (``scoring``), every reason as data
(``reasons``), for the reader's language to word. Free text in four
languages is understood through ``taxonomy`` (threats, practice areas, kinds of
help, kinds of defender, urgency) and ``places`` (countries, regions, languages);
``records`` turns plain JSON-like records into profiles for the CLI and tools,
and ``unknown`` keeps the words a record holds that the vocabulary does not know.
"""

from .mapping import Mapping
from .offers import Offers
from .profiles import FundProfile, NeedProfile, OfferProfile
from .rank import Candidate, Excluded, Ranking, rank
from .reasons import Reason, reason

__all__ = [
    "Candidate",
    "Excluded",
    "FundProfile",
    "Mapping",
    "NeedProfile",
    "OfferProfile",
    "Offers",
    "Ranking",
    "Reason",
    "rank",
    "reason",
]
