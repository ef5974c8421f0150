"""The ranking's reasons in the reader's words.

The engine gives each reason as a code with its particulars (``engine.reasons``);
this is where they become a sentence, in the language of whoever reads them, with
countries, languages and kinds of help named in it, and days, hours, shares and
money written the reader's way. A match keeps its reasons as data
(``engine.reasons.data``), so they are worded afresh for each reader too. Reasons a match
stored as English sentences, before reasons were kept as data, are shown as stored.
"""

from collections.abc import Mapping
from datetime import date

from babel.lists import format_list
from flask_babel import format_percent, gettext, lazy_gettext, ngettext

from ..web.languages import day, money, number
from . import vocab
from .engine.funding import LAWYER_FUNDING
from .engine.reasons import Reason

# What each hard filter removes, without any candidate's particulars: the heading of its group.
HEADINGS = {
    "unscreened": lazy_gettext("the firm has no client list to screen the need against"),
    "conflict": lazy_gettext("the firm has an unresolved conflict with an adverse party"),
    "validity": lazy_gettext("the offer is not valid today"),
    "capacity": lazy_gettext("the offer has no capacity left"),
    "jurisdiction": lazy_gettext("the offer does not cover the need's country"),
    "language": lazy_gettext("no language in common"),
    "help": lazy_gettext("the kind of help wanted is not offered"),
    "local_counsel": lazy_gettext("the need requires local counsel: the firm is elsewhere and does not work with "
                                  "local counsel"),
    "emergency": lazy_gettext("the firm is not ready for emergencies, and this is one"),
    "fund_country": lazy_gettext("the fund does not cover the need's country"),
    "fund_defender_kind": lazy_gettext("the fund does not support this kind of defender"),
    "fund_covers": lazy_gettext("the fund does not cover the help wanted"),
    "fund_amount": lazy_gettext("the amount needed is above the fund's maximum"),
    "fund_deadline_passed": lazy_gettext("the need's deadline has passed"),
    "fund_turnaround": lazy_gettext("the fund cannot decide before the deadline"),
}


def heading(filter_name: str) -> str:
    """The words a group of exclusions is shown under."""
    return str(HEADINGS[filter_name])


def say(reason: Reason | Mapping | str) -> str:
    """One reason as a sentence for this reader: from the engine, as a match stored it, or as an
    English sentence stored before reasons were data."""
    if isinstance(reason, str):
        return reason
    if isinstance(reason, tuple):
        code, values = reason[0], dict(reason[1])
    else:
        code, values = reason["code"], reason.get("values", {})
    return _SENTENCES[code](values)


def said(reasons) -> list[str]:
    return [say(reason) for reason in reasons]


def _names(codes, name) -> str:
    """Codes named and listed the reader's way ("espagnol et français"), or "none"."""
    names = vocab.collated([name(code) for code in codes], str, vocab.reader_locale())
    return format_list(names, locale=vocab.reader_locale()) if names else gettext("none")


def _languages(codes) -> str:
    return _names(codes, vocab.language_name)


def _in_a_sentence(label: str) -> str:
    """A label as a sentence reads it: "bail", "digital security", but "LGBTI+ defender" and "NGO
    acting for a defender", whose first word is an acronym."""
    first = label.split(" ", 1)[0]
    return label if first[1:2].isupper() else label[:1].lower() + label[1:]


def _help(codes) -> str:
    return _names(codes, lambda code: _in_a_sentence(vocab.HELP_KINDS[code]))


def _areas(codes) -> str:
    return _names(codes, lambda code: vocab.PRACTICE_AREAS[code])


def _days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count, count=number(count))


def _money(pair) -> str:
    amount, currency = pair
    return money(amount, currency)


def _day(value) -> str:
    return day(date.fromisoformat(value) if isinstance(value, str) else value)


def _eligible(v) -> str:
    facts = [gettext("covers %(country)s", country=vocab.country_name(v["country"]))]
    if v["languages"]:
        facts.append(gettext("works in %(languages)s", languages=_languages(v["languages"])))
    if v["help"]:
        facts.append(gettext("offers %(help)s", help=_help(v["help"])))
    if v["emergency"]:
        facts.append(gettext("ready for emergencies"))
    return gettext("eligible: %(facts)s", facts="; ".join(facts))


def _not_local(v) -> str:
    here = vocab.country_name(v["country"])
    if v["based"]:
        return gettext("no local presence: the firm is based in %(based)s and has no office in %(country)s",
                       based=vocab.country_name(v["based"]), country=here)
    return gettext("no local presence: the firm has no office in %(country)s", country=here)


def _no_local_counsel(v) -> str:
    here = vocab.country_name(v["country"])
    if v["based"]:
        return gettext("the need requires local counsel in %(country)s: the firm is based in %(based)s, has no office "
                       "there and does not work with local counsel", based=vocab.country_name(v["based"]), country=here)
    return gettext("the need requires local counsel in %(country)s: the firm has no office there and does not work "
                   "with local counsel", country=here)


def _local_partner(v) -> str:
    here = vocab.country_name(v["country"])
    if v["based"]:
        return gettext("with a local partner: the firm is based in %(based)s and works with local counsel in "
                       "%(country)s", based=vocab.country_name(v["based"]), country=here)
    return gettext("with a local partner: the firm has no office in %(country)s and works with local counsel there",
                   country=here)


def _counsel_location_unknown(v) -> str:
    here = vocab.country_name(v["country"])
    if v["partner"]:
        return gettext("the firm's location is not known, and it works with local counsel in %(country)s: local "
                       "presence counted as neutral", country=here)
    return gettext("the firm's location is not known: check that it can act as local counsel in %(country)s "
                   "(local presence counted as neutral)", country=here)


def _defender_kinds(codes) -> str:
    return _names(codes, lambda code: _in_a_sentence(vocab.DEFENDER_KIND_LABELS[code]))


def _fund_defender_kinds(v) -> str:
    kinds = _defender_kinds(v["kinds"])
    return ngettext("the fund does not support this kind of defender (%(kinds)s)",
                    "the fund supports none of the kinds of defender this one is (%(kinds)s)", len(v["kinds"]),
                    kinds=kinds)


def _headroom(v) -> str:
    if v["left"] == 1:
        return gettext("capacity: 1 matter left, the last one")
    return ngettext("capacity: %(count)s matter left", "capacity: %(count)s matters left", v["left"],
                    count=number(v["left"]))


def _responsiveness(v) -> str:
    """How often and how fast, each said to be unknown (and so counted as neutral) when it is."""
    if v["rate"] is None:
        rate = gettext("no record of past acceptances (counted as neutral)")
    else:
        rate = gettext("accepted %(share)s of matters proposed", share=format_percent(v["rate"]))
    if v["hours"] is None:
        speed = gettext("no record of response times (counted as neutral)")
    else:
        hours = ngettext("%(count)s hour", "%(count)s hours", 1 if v["hours"] == 1 else 2, count=number(v["hours"]))
        speed = gettext("answers in a median of %(hours)s", hours=hours)
    return gettext("responsiveness: %(rate)s; %(speed)s", rate=rate, speed=speed)


def _covers(v) -> str:
    if v["missing"]:
        return gettext("covers %(help)s, not %(missing)s", help=_help(v["help"]), missing=_help(v["missing"]))
    return gettext("covers %(help)s", help=_help(v["help"]))


def _lawyer_funding_missing(v) -> str:
    """What money the need asks for, and why the funds that pay for a lawyer leave it out."""
    asked = [money(v["amount"], v["currency"])] if v["amount"] is not None else []
    asked += [vocab.HELP_KINDS[code].lower() for code in v["help"]]
    return gettext("This need asks for money (%(asked)s) but not for %(lawyer)s. Funds are matched on the kinds "
                   "of help they cover, so every fund that pays only for a lawyer leaves it out.",
                   asked=format_list(asked, locale=vocab.reader_locale()),
                   lawyer=vocab.HELP_KINDS[LAWYER_FUNDING].lower())


def _heading(filter_name: str):
    """A filter's reason that has no particulars: the words of its group's heading."""
    return lambda v: heading(filter_name)


def _fixed(text):
    """A reason with no particulars: its words, translated when read."""
    words = lazy_gettext(text)
    return lambda v: str(words)


_SENTENCES = {
    # Why a hard filter removed a candidate.
    "unscreened": _heading("unscreened"),
    "conflict": _heading("conflict"),
    "validity_starts": lambda v: gettext("the offer is not valid today (it starts on %(day)s)", day=_day(v["day"])),
    "validity_ended": lambda v: gettext("the offer is not valid today (it ended on %(day)s)", day=_day(v["day"])),
    "capacity": _heading("capacity"),
    "jurisdiction": lambda v: gettext("the offer does not cover the need's country (%(country)s)",
                                      country=vocab.country_name(v["country"])),
    "language": lambda v: gettext("no language in common (the need: %(need)s; the offer: %(offer)s)",
                                  need=_languages(v["need"]), offer=_languages(v["offer"])),
    "help": lambda v: gettext("the kind of help wanted is not offered (%(wanted)s)", wanted=_help(v["wanted"])),
    "local_counsel": _no_local_counsel,
    "emergency": _heading("emergency"),
    "fund_country": lambda v: gettext("the fund does not cover the need's country (%(country)s)",
                                      country=vocab.country_name(v["country"])),
    "fund_defender_kind": _fund_defender_kinds,
    "fund_covers": lambda v: gettext("the fund does not cover the help wanted (%(wanted)s)",
                                     wanted=_help(v["wanted"])),
    "fund_amount": lambda v: gettext("the amount needed (%(needed)s) is above the fund's maximum (%(most)s)",
                                     needed=money(v["needed"], v["currency"]), most=money(v["most"], v["currency"])),
    "fund_deadline_passed": _heading("fund_deadline_passed"),
    "fund_turnaround": lambda v: gettext("the fund cannot decide before the deadline (it takes %(takes)s; "
                                         "%(left)s left)", takes=_days(v["takes"]), left=_days(v["left"])),
    # What an eligible candidate's score is made of.
    "eligible": _eligible,
    "practice_unknown": _fixed("the need names no practice area: practice fit counted as neutral"),
    "practice_all": lambda v: gettext("practises every area the need calls for (%(areas)s)", areas=_areas(v["areas"])),
    "practice_some": lambda v: gettext("practises %(areas)s but not %(missing)s",
                                       areas=_areas(v["areas"]), missing=_areas(v["missing"])),
    "practice_none": lambda v: gettext("practises none of the areas the need calls for (%(areas)s)",
                                       areas=_areas(v["areas"])),
    "local_based": lambda v: gettext("local presence: the firm is based in %(country)s",
                                     country=vocab.country_name(v["country"])),
    "local_office": lambda v: gettext("local presence: the firm has an office in %(country)s",
                                      country=vocab.country_name(v["country"])),
    "location_unknown": _fixed("the firm's location is not known: local presence counted as neutral"),
    "not_local": _not_local,
    "counsel_based": lambda v: gettext("local counsel: the firm is based in %(country)s",
                                       country=vocab.country_name(v["country"])),
    "counsel_office": lambda v: gettext("local counsel: the firm has an office in %(country)s",
                                        country=vocab.country_name(v["country"])),
    "local_partner": _local_partner,
    "counsel_location_unknown": _counsel_location_unknown,
    "headroom": _headroom,
    "responsiveness": _responsiveness,
    "emergency_weights": _fixed("responsiveness weighs more because this is an emergency"),
    "help_unknown": _fixed("the need names no kind of help: coverage counted as neutral"),
    "covers": _covers,
    "aimed_here": _fixed("aimed at defenders in this country or region"),
    "open_anywhere": _fixed("open to defenders anywhere"),
    "for_kinds": lambda v: gettext("for some kinds of defender only, this one's among them (%(kinds)s)",
                                   kinds=_defender_kinds(v["kinds"])),
    "speed_no_deadline": lambda v: gettext("decides within %(takes)s; the need has no deadline",
                                           takes=_days(v["takes"])),
    "speed": lambda v: gettext("decides within %(takes)s, leaving %(spare)s before the deadline",
                               takes=_days(v["takes"]), spare=_days(v["spare"])),
    "gives": lambda v: gettext("gives up to %(most)s", most=_money(v["most"])),
    "gives_enough": lambda v: gettext("gives up to %(most)s, enough for the %(needed)s needed",
                                      most=_money(v["most"]), needed=_money(v["needed"])),
    "amounts_differ": lambda v: gettext("the amounts are in different currencies (up to %(most)s; %(needed)s "
                                        "needed): check before applying",
                                        most=_money(v["most"]), needed=_money(v["needed"])),
    # Why a need reaches fewer funds than its defender may think.
    "lawyer_funding_missing": _lawyer_funding_missing,
}
