"""The four languages of the pages and the mail, and how the reader's is chosen.

The account's setting comes first, then the choice made on a page (kept in the
session), then the browser's ``Accept-Language``, then English. Every page carries the
choice as a small form of four buttons, each language named in itself, which works
without JavaScript; choosing while signed in is remembered on the account, so mail
goes out in that language too.
"""

import copy
from datetime import timedelta
from functools import lru_cache

import pytz
from babel import Locale
from babel.dates import get_timezone_location
from babel.lists import format_list
from flask import Blueprint, has_request_context, redirect, request, session
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_timedelta,
    get_locale,
    to_user_timezone,
)
from flask_login import current_user

from ..accounts.sessions import LANGUAGE_KEY
from ..extensions import babel
from ..matching import vocab
from .access import local_target

# Each language named in itself, in the order the chooser shows them.
LANGUAGES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}
DEFAULT = "en"

bp = Blueprint("languages", __name__)


def reader_language() -> str:
    """The language of this request's reader (see the module's docstring); English outside a
    request (a command, a job), where whoever is written to says which (``core.mail``)."""
    if not has_request_context():
        return DEFAULT
    if current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    if session.get(LANGUAGE_KEY) in LANGUAGES:
        return session[LANGUAGE_KEY]
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT


def reader_time_zone() -> str:
    """The zone this request's times are shown in: the one the account chose, else the main one
    of the reader's country (the defender's, or their firm's); UTC for staff who chose none and
    outside a request. Pages name the zone."""
    if not has_request_context() or not current_user.is_authenticated:
        return "UTC"
    if current_user.time_zone in pytz.all_timezones_set:
        return current_user.time_zone
    return country_time_zone(current_user) or "UTC"


def country_time_zone(user) -> str | None:
    """The main zone of the country a defender or a firm member works in, if it has one."""
    owner = user.defender or user.firm
    zones = pytz.country_timezones.get(owner.country, []) if owner is not None and owner.country else []
    return zones[0] if zones else None


@lru_cache(maxsize=len(LANGUAGES))
def time_zones(language: str) -> tuple[tuple[str, str, str], ...]:
    """Every country's zones as (country, city, zone), named in ``language`` and sorted by country
    then city, so a person finds theirs the way they would say it ("Perú", "Lima")."""
    countries = Locale.parse(language).territories
    found = [
        (countries.get(code, code), get_timezone_location(zone, locale=language, return_city=True), zone)
        for code, zones in pytz.country_timezones.items() for zone in zones
    ]
    return tuple(vocab.collated(found, lambda item: f"{item[0]}\t{item[1]}", language))


def moment(value) -> str:
    """A moment in the reader's language and time zone, with the zone named."""
    if value is None:
        return ""
    return f"{format_datetime(value, 'medium')} {to_user_timezone(value).strftime('%Z')}"


def day(value) -> str:
    """A date in the reader's language."""
    return "" if value is None else format_date(value, "medium")


def duration(value) -> str:
    """A length of time the reader's way, to the minute in its two largest units: "2 days and 12 hours",
    "3 hours and 20 minutes", "45 minutes" (a deadline two and a half days off is not "2 days")."""
    if value is None:
        return ""
    minutes = int(abs(value).total_seconds() // 60)
    days, hours = divmod(minutes // 60, 24)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes % 60, "minute")]
    said = [format_timedelta(timedelta(**{f"{unit}s": count}), granularity=unit, threshold=_ONE_UNIT_ONLY)
            for count, unit in parts if count]
    return format_list(said, locale=get_locale()) if said else format_timedelta(
        timedelta(0), granularity="minute", threshold=_ONE_UNIT_ONLY)


_ONE_UNIT_ONLY = float("inf")  # format_timedelta then says the time in the unit it is given, unrounded


def money(amount, currency: str) -> str:
    """An amount in whole units, the reader's way: "US$5,000", "5.000 US$", "5 000 $US", "US$ 5.000"."""
    if amount is None:
        return ""
    whole = copy.copy(get_locale().currency_formats["standard"])
    whole.frac_prec = (0, 0)
    return format_currency(amount, currency, format=whole, currency_digits=False)


def amount(value, currency: str) -> str:
    """An exact sum, such as a grant, with its currency's decimals: "$5,000.50", "5.000,50 US$"."""
    return "" if value is None else format_currency(value, currency)


def number(value, places: int | None = None) -> str:
    """A number the reader's way (0,85 and 37,5 in Spanish); ``places`` fixes the decimals shown."""
    if value is None:
        return ""
    return format_decimal(value, format=f"#,##0.{'0' * places}" if places else None)


@bp.route("/language", methods=["POST"])
def choose():
    """Keep the language chosen and go back to the page it was chosen on."""
    language = request.form.get("language", "")
    if language in LANGUAGES:
        session[LANGUAGE_KEY] = language
        if current_user.is_authenticated:
            current_user.language = language  # committed with the request
    return redirect(local_target(request.form.get("next", "")) or "/")


def init_app(app) -> None:
    babel.init_app(app, locale_selector=reader_language, timezone_selector=reader_time_zone,
                   default_translation_directories="translations")
    app.jinja_env.filters.update(moment=moment, day=day, duration=duration, money=money, amount=amount, number=number)

    @app.context_processor
    def _languages():
        return {"languages": LANGUAGES, "page_language": str(get_locale())}
