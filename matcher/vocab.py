"""The words the platform uses for threats, help, practice areas, countries and languages.

Countries and languages come from pycountry and Babel's data, never hand-written
lists. The legal vocabulary is the platform's own, keyed by stable codes that the
database stores and the engines compare.
"""

from functools import lru_cache

import pycountry
from babel import Locale

THREATS = {
    "slapp": "SLAPP or defamation suit",
    "criminal_charge": "Criminal charge",
    "arrest": "Arrest or detention",
    "injunction": "Injunction or gag order",
    "administrative": "Administrative sanction",
    "land": "Land or territory dispute",
    "labour": "Labour or trade union dispute",
    "ngo_registration": "NGO registration or foreign funding restrictions",
    "surveillance": "Surveillance or digital attack",
    "other": "Other legal threat",
}

HELP_KINDS = {
    "representation": "Representation in court",
    "advice": "Legal advice",
    "trial_observation": "Trial observation",
    "local_lawyer_funding": "Funding for a local lawyer",
    "bail": "Bail",
    "international_appeal": "Appeal to an international body",
}

PRACTICE_AREAS = {
    "defamation": "SLAPP and defamation",
    "criminal_defence": "Criminal defence",
    "detention": "Arrest and detention",
    "assembly": "Protest and assembly",
    "land": "Land and territory",
    "indigenous": "Indigenous rights and FPIC",
    "labour": "Labour and trade union",
    "environment": "Environmental law",
    "ngo_law": "NGO registration and foreign funding",
    "digital": "Digital rights and surveillance",
    "asylum": "Asylum and relocation",
    "corporate_accountability": "Corporate accountability litigation",
    "international": "International human rights mechanisms",
}

# The practice area a threat most often calls for, used when a need names none.
THREAT_PRACTICE_AREA = {
    "slapp": "defamation",
    "criminal_charge": "criminal_defence",
    "arrest": "detention",
    "injunction": "defamation",
    "administrative": "ngo_law",
    "land": "land",
    "labour": "labour",
    "ngo_registration": "ngo_law",
    "surveillance": "digital",
}

URGENCY_LABELS = {
    "emergency": "Emergency (days)",
    "urgent": "Urgent (weeks)",
    "standard": "Standard",
}

DEFENDER_KIND_LABELS = {
    "individual": "Individual defender",
    "community": "Community or collective",
    "journalist": "Journalist",
    "organisation": "NGO acting for a defender",
}


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166 alpha-2 code to English name, sorted by name."""
    pairs = ((c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries)
    return dict(sorted(pairs, key=lambda pair: pair[1]))


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """ISO 639-1 code to English name for every language Babel knows a locale of."""
    english = Locale("en")
    names = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code and code in english.languages:
            names[code] = english.languages[code]
    return dict(sorted(names.items(), key=lambda pair: pair[1]))


def country_name(code: str) -> str:
    return countries().get(code, code)


def language_name(code: str) -> str:
    return languages().get(code, code)


def choices(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    """WTForms choices from a code-to-label mapping."""
    return list(vocabulary.items())
