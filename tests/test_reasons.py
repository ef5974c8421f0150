"""The ranking's reasons worded for the reader, from the engine's data or as a match stored them."""

import re
from datetime import date
from pathlib import Path

import pytest

from matcher.matching import reasons
from matcher.matching.engine import reason
from matcher.matching.engine.filters import FILTERS
from matcher.matching.engine.reasons import data

ENGINE = Path(reasons.__file__).parent / "engine"


@pytest.fixture
def words(app):
    """A reason's words for a reader whose browser asks for ``language``."""
    def worded(reason, language="en"):
        # A fresh app context: Flask-Babel keeps the reader's language on ``g`` for its length.
        with app.app_context(), app.test_request_context(headers={"Accept-Language": language}):
            return reasons.say(reason)
    return worded


EXCLUSIONS = {
    reason("conflict"): "the firm has an unresolved conflict with an adverse party",
    reason("validity_ended", day=date(2026, 11, 24)): "the offer is not valid today (it ended on Nov 24, 2026)",
    reason("jurisdiction", country="HN"): "the offer does not cover the need's country (Honduras)",
    reason("language", need=frozenset({"es"}), offer=frozenset({"fr", "en"})):
        "no language in common (the need: Spanish; the offer: English and French)",
    reason("help", wanted=frozenset({"representation"})):
        "the kind of help wanted is not offered (representation in court)",
    reason("local_counsel", country="HN", based="ES"):
        "the need requires local counsel in Honduras: the firm is based in Spain, has no office there and does not "
        "work with local counsel",
    reason("fund_defender_kind", kinds=frozenset({"individual"})):
        "the fund does not support this kind of defender (individual defender)",
    reason("fund_defender_kind", kinds=frozenset({"woman", "journalist"})):
        "the fund supports none of the kinds of defender this one is (journalist and woman human rights defender)",
    reason("fund_amount", needed=8000, most=5000, currency="USD"):
        "the amount needed ($8,000) is above the fund's maximum ($5,000)",
    reason("fund_turnaround", takes=10, left=1): "the fund cannot decide before the deadline (it takes 10 days; "
                                                    "1 day left)",
}

SCORES = {
    reason("eligible", country="HN", languages=frozenset({"es"}), help=frozenset({"representation"}),
              emergency=True):
        "eligible: covers Honduras; works in Spanish; offers representation in court; ready for emergencies",
    reason("practice_some", areas=frozenset({"defamation"}), missing=frozenset({"criminal_defence"})):
        "practises SLAPP and defamation but not Criminal defence",
    reason("not_local", country="HN", based="ES"):
        "no local presence: the firm is based in Spain and has no office in Honduras",
    reason("counsel_based", country="HN"): "local counsel: the firm is based in Honduras",
    reason("counsel_office", country="HN"): "local counsel: the firm has an office in Honduras",
    reason("local_partner", country="HN", based="ES"):
        "with a local partner: the firm is based in Spain and works with local counsel in Honduras",
    reason("counsel_location_unknown", country="HN", partner=False):
        "the firm's location is not known: check that it can act as local counsel in Honduras (local presence "
        "counted as neutral)",
    reason("headroom", left=1): "capacity: 1 matter left, the last one",
    reason("headroom", left=3): "capacity: 3 matters left",
    reason("responsiveness", rate=0.75, hours=None):
        "responsiveness: accepted 75% of matters proposed; no record of response times (counted as neutral)",
    reason("responsiveness", rate=None, hours=1.5):
        "responsiveness: no record of past acceptances (counted as neutral); answers in a median of 1.5 hours",
    reason("covers", help=frozenset({"bail"}), missing=frozenset({"representation"})):
        "covers bail, not representation in court",
    reason("speed", takes=1, spare=5): "decides within 1 day, leaving 5 days before the deadline",
    reason("for_kinds", kinds=frozenset({"woman", "indigenous"})):
        "for some kinds of defender only, this one's among them (indigenous defender, community or leader and "
        "woman human rights defender)",
    reason("amounts_differ", most=(5000, "EUR"), needed=(8000, "USD")):
        "the amounts are in different currencies (up to €5,000; $8,000 needed): check before applying",
}


@pytest.mark.parametrize(("reason", "sentence"), [*EXCLUSIONS.items(), *SCORES.items()])
def test_each_reason_reads_as_a_sentence_in_english(words, reason, sentence):
    assert words(reason) == sentence


def test_reasons_are_worded_in_the_readers_language_with_names_and_numbers_the_readers_way(words):
    assert words(reason("language", need=frozenset({"es"}), offer=frozenset({"fr", "pt"})), "es") == (
        "ningún idioma en común (la necesidad: español; la oferta: francés y portugués)")
    assert words(reason("headroom", left=3), "fr") == "capacité : 3 dossiers restants"
    assert words(reason("fund_amount", needed=8000, most=5000, currency="USD"), "pt") == (
        "o valor necessário (US$\xa08.000) é superior ao máximo do fundo (US$\xa05.000)")


@pytest.mark.parametrize(("language", "kind", "covers"), [
    ("en", "the fund does not support this kind of defender (LGBTI+ defender)",
     "covers medical care and temporary relocation, not prison visits"),
    ("es", "el fondo no apoya a este tipo de defensor (persona defensora LGBTI+)",
     "cubre atención médica y reubicación temporal, no visitas a la cárcel"),
    ("fr", "le fonds ne soutient pas ce type de défenseur (défenseur LGBTI+)",
     "couvre : relocalisation temporaire et soins médicaux, pas : visites en prison"),
    ("pt", "o fundo não apoia este tipo de defensor (defensor(a) LGBTI+)",
     "cobre assistência médica e realocação temporária, não visitas à prisão"),
])
def test_the_new_kinds_of_defender_and_of_help_are_named_in_the_readers_language(words, language, kind, covers):
    """A label's first letter is lowered in a sentence, but not an acronym's ("LGBTI+", "ONG")."""
    assert words(reason("fund_defender_kind", kinds=frozenset({"lgbti"})), language) == kind
    assert words(reason("covers", help=frozenset({"medical_care", "relocation"}), missing=frozenset({"prison_visits"})),
                 language) == covers


def test_a_reason_stored_as_data_reads_as_the_engines_and_an_old_sentence_as_stored(words):
    covers = reason("covers", help=frozenset({"bail"}), missing=frozenset({"representation"}))
    assert words(data(covers), "fr") == words(covers, "fr")
    assert words("practice areas fit", "fr") == "practice areas fit"


def test_every_reason_the_engine_gives_has_its_words_and_every_filter_a_heading():
    given = {code for path in ENGINE.glob("*.py")
             for code in re.findall(r'reason\("(\w+)"', path.read_text())}
    assert given and given <= set(reasons._SENTENCES)
    assert set(reasons.HEADINGS) == set(FILTERS)


def test_a_screening_hit_is_worded_in_the_readers_language_from_what_it_kept(app):
    from matcher.conflicts import reasons as hit_reasons
    from matcher.conflicts.engine import ClientName, Party, screen

    [hit] = screen([Party("p", "Minera Andna S.A.")], [ClientName("C1", "Minera Andina S.A.", "Minera Andina S.A.")])
    kept = hit_reasons.stored(hit)
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "fr"}):
        assert hit_reasons.hit_reason(kept) == (
            "« Minera Andna S.A. » ressemble au nom du client, score 0,96 : faute de frappe : "
            "« andna » contre « andina »")
    assert hit_reasons.hit_reason("an English sentence kept before hits kept data") == (
        "an English sentence kept before hits kept data")
