"""A screening hit in the reader's words.

The engine gives what a hit rests on as data (``engine.Hit.data``) and the hit keeps
it, sealed, as JSON: the rule, the names compared, the words that differ, the
corporate path of a related entity and how it is related (owned, owning, partner in a
joint venture, financier, contractor). A coordinator reads it here, in their language,
with the score written their way. A hit stored before hits kept their data has its
English sentence, and it is shown as stored.
"""

import json

from flask_babel import gettext, lazy_gettext

from ..matching import vocab
from ..web.languages import number
from .engine import RULES

# The rules' words are marked in the engine and put into the reader's language when read.
RULE_WORDS = {code: lazy_gettext(words) for code, words in RULES.items()}
# A firm's screening result (``models.screening.CHECK_RESULTS``) and a hit's band, as a coordinator reads them.
RESULT_WORDS = {"clear": lazy_gettext("clear"), "potential": lazy_gettext("potential conflict"),
                "conflict": lazy_gettext("conflict"), "unscreened": lazy_gettext("not screened: no client list")}
BAND_WORDS = {"conflict": lazy_gettext("conflict"), "review": lazy_gettext("to review"),
              "information": lazy_gettext("information: a former client, past the firm's look-back")}
# What a link of the registry (``engine.relations.KINDS``) makes its child of its parent, as the registry's page says.
RELATION_WORDS = {"ownership": lazy_gettext("subsidiary of"), "joint_venture": lazy_gettext("joint-venture partner of"),
                  "financier": lazy_gettext("financed by"), "contractor": lazy_gettext("contractor of")}


def stored(hit) -> str:
    """What a hit keeps of itself: its data as JSON (sealed by the column it goes in)."""
    return json.dumps(hit.data(), ensure_ascii=False, sort_keys=True)


def hit_reason(kept: str) -> str:
    """The reason a hit was kept with, as a sentence for this reader."""
    try:
        data = json.loads(kept)
    except ValueError:
        return kept
    return say(data) if isinstance(data, dict) else kept


def say(data: dict) -> str:
    """A hit's data (``engine.Hit.data``) as one sentence: how the names matched, and for a
    related entity first how the party reaches the client."""
    match = _match(data)
    relation = data.get("relation")
    if not relation:
        return match
    path = " -> ".join(relation["path"])
    where = (gettext("path %(path)s, in the firm's list", path=path) if relation["in_firm_list"]
             else gettext("path %(path)s", path=path))
    link = _LINKS[relation["role"]](data["party"], data["client"])
    return gettext("%(rule)s: %(link)s (%(path)s); %(match)s", rule=RULE_WORDS["related"], link=link, path=where,
                   match=match)


# What the party is of the client, for each role of a related entity (``engine.Relation``).
_LINKS = {
    "parent": lambda party, client: gettext("%(party)s is a parent of %(client)s", party=party, client=client),
    "subsidiary": lambda party, client: gettext("%(party)s is a subsidiary of %(client)s", party=party,
                                                client=client),
    "joint_venture": lambda party, client: gettext("%(party)s is a joint-venture partner of %(client)s",
                                                   party=party, client=client),
    "financier": lambda party, client: gettext("%(party)s finances %(client)s", party=party, client=client),
    "financed": lambda party, client: gettext("%(party)s is financed by %(client)s", party=party, client=client),
    "contractor": lambda party, client: gettext("%(party)s is a contractor of %(client)s", party=party,
                                                client=client),
    "engages_contractor": lambda party, client: gettext("%(party)s engages %(client)s as a contractor",
                                                        party=party, client=client),
}


def _match(data: dict) -> str:
    detail, name, alias = data["detail"], data["name"], data["client_alias"]
    if data["rule"] == "positional":
        return _positional(data)
    if data["rule"] == "identifier":
        return gettext("%(rule)s: LEI %(lei)s", rule=RULE_WORDS["identifier"], lei=detail["lei"])
    if data["rule"] == "equal":
        if alias:
            said = gettext("'%(name)s' equals the client alias '%(alias)s' after normalisation", name=name, alias=alias)
        else:
            said = gettext("'%(name)s' equals the client name after normalisation", name=name)
        notes = _equal_notes(detail)
        return f"{said} ({notes})" if notes else said
    if alias:
        said = gettext("'%(name)s' resembles the client alias '%(alias)s', score %(score)s", name=name, alias=alias,
                       score=number(data["score"], 2))
    else:
        said = gettext("'%(name)s' resembles the client name, score %(score)s", name=name,
                       score=number(data["score"], 2))
    return gettext("%(match)s: %(rule)s: %(detail)s", match=said, rule=RULE_WORDS[data["rule"]],
                   detail=_differs(data["rule"], detail))


def _positional(data: dict) -> str:
    """A party under one of the firm's declarations: what the declaration names and, for a company,
    the party's name that matched it and how. A declaration of a sector alone is said as it always was."""
    party, detail = data["party"], data["detail"]
    if not detail.get("area") and not detail.get("company"):
        country = vocab.country_name(detail["country"]) if detail["country"] else gettext("any country")
        return gettext("%(party)s is in a sector the firm does not act against (%(sector)s, %(country)s)",
                       party=party, sector=vocab.SECTORS[detail["sector"]], country=country)
    declared = declaration(detail["sector"], detail["area"], detail.get("company", ""), detail["country"])
    if not detail.get("company"):
        return gettext("%(party)s falls under what the firm declared it does not act against (%(declaration)s)",
                       party=party, declaration=declared)
    return gettext("%(party)s falls under what the firm declared it does not act against (%(declaration)s): "
                   "'%(name)s' and '%(company)s', %(rule)s", party=party, declaration=declared, name=data["name"],
                   company=detail["company"], rule=RULE_WORDS[detail["company_rule"]])


def declaration(sector: str, area: str, company: str, country: str) -> str:
    """What a firm declared it does not act against, each condition it names in the reader's words."""
    parts = [gettext("kind of matter: %(area)s", area=vocab.PRACTICE_AREAS[area]) if area else "",
             gettext("sector: %(sector)s", sector=vocab.SECTORS[sector]) if sector else "",
             gettext("company: %(company)s", company=company) if company else "",
             gettext("country: %(country)s", country=vocab.country_name(country)) if country
             else gettext("any country")]
    return "; ".join(part for part in parts if part)


def _equal_notes(detail: dict) -> str:
    notes = []
    if detail.get("word_order"):
        notes.append(gettext("word order"))
    if "forms" in detail:
        party, client = (forms or gettext("none") for forms in detail["forms"])
        notes.append(gettext("legal form differs: %(party)s vs %(client)s", party=party, client=client))
    return "; ".join(notes)


# How one part of a person's name differs (``engine.persons``): the party's word, then the client's.
_PERSON_PARTS = {
    "typo": lambda party, client: gettext("'%(party)s' for '%(client)s' (typo)", party=party, client=client),
    "near": lambda party, client: gettext("'%(party)s' for '%(client)s' (close spelling)", party=party, client=client),
    "form": lambda party, client: gettext("'%(party)s' for '%(client)s' (another form of the given name)",
                                          party=party, client=client),
    "initial": lambda party, client: gettext("'%(party)s' for '%(client)s' (an initial)", party=party,
                                             client=client),
    "missing": lambda party, client: gettext("'%(word)s' only in one name", word=party or client),
}


def _differs(rule: str, detail: dict) -> str:
    """What a likeness rule found: the words that differ, the extra words, the initials."""
    if rule == "extra_words":
        return f"'{detail['extra']}'"
    if rule == "acronym":
        return gettext("'%(initials)s' is the initials of '%(words)s'", initials=detail["initials"],
                       words=detail["words"])
    if rule == "person":
        return "; ".join(_PERSON_PARTS[kind](party, client) for kind, party, client in detail["differences"]) \
            or gettext("the same words without their particles")
    if rule == "shared_word":
        return gettext("both names have '%(word)s', and their other words are generic: '%(party)s' vs '%(client)s'",
                       word=detail["word"], party=detail["party"], client=detail["client"])
    return gettext("'%(party)s' vs '%(client)s'", party=detail["party"], client=detail["client"])
