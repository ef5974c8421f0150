"""The reader's language: the account's, then the one chosen on a page, then the browser's."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import lazy_gettext
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "matcher" / "translations"
TRANSLATED = ("es", "fr", "pt")


def _lang(response) -> str:
    text = response.get_data(as_text=True)
    return text.split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_page_speaks_the_browsers_language_until_another_is_chosen(web):
    assert _lang(web.get("/account/login", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})) == "fr"
    assert _lang(web.get("/account/login", headers={"Accept-Language": "de"})) == "en"

    response = web.post("/language", {"language": "pt", "next": "/account/login"})

    assert response.status_code == 302 and response.headers["Location"] == "/account/login"
    assert _lang(web.get("/account/login", headers={"Accept-Language": "fr"})) == "pt"


def test_every_page_offers_the_four_languages_each_named_in_itself(web):
    page = web.get("/account/login").get_data(as_text=True)
    for code, name in (("en", "English"), ("es", "Español"), ("fr", "Français"), ("pt", "Português")):
        assert f'value="{code}" lang="{code}"' in page and f">{name}</button>" in page


def test_a_choice_made_while_signed_in_is_kept_on_the_account(web):
    defender = factories.defender()
    db.session.commit()
    web.login(defender)

    web.post("/language", {"language": "es", "next": "/defender/"})

    db.session.expire_all()
    assert defender.language == "es"
    assert _lang(web.get("/defender/", headers={"Accept-Language": "fr"})) == "es"


@pytest.mark.parametrize("value", ["de", "", "es-ES", "<script>"])
def test_an_unknown_language_changes_nothing(web, value):
    web.post("/language", {"language": value})
    assert _lang(web.get("/account/login")) == "en"


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil.example"])
def test_choosing_a_language_never_sends_the_browser_to_another_host(web, target):
    response = web.post("/language", {"language": "fr", "next": target})
    assert response.headers["Location"] == "/"


def _marked_strings() -> set[str]:
    """Every string marked for translation in the code and the templates, as babel.cfg says."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_string_is_translated(language):
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {message.id if isinstance(message.id, str) else message.id[0]
                  for message in catalogue if message.id and not message.fuzzy
                  and all(message.string if isinstance(message.string, tuple) else [message.string])}
    missing = sorted(_marked_strings() - translated)
    assert not missing, f"{len(missing)} string(s) without a {language} translation, first: {missing[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_its_original(language):
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    problems = [f"{message.id!r}: {error}" for message, errors in catalogue.check() for error in errors]
    assert not problems, problems[:5]


def test_the_language_chosen_before_signing_in_stays_and_becomes_the_accounts(web):
    defender = factories.defender()
    db.session.commit()
    web.post("/language", {"language": "fr", "next": "/account/login"})

    web.login(defender)

    db.session.expire_all()
    assert defender.language == "fr"
    assert _lang(web.get("/defender/")) == "fr"


def test_times_are_shown_in_the_readers_language_and_zone_with_the_zone_named(web):
    defender = factories.defender()  # in Honduras: America/Tegucigalpa, six hours behind UTC
    need = factories.need(defender, state="submitted")
    db.session.commit()
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.need_id == need.id)):
        event.created_at = datetime(2026, 6, 1, 18, 30, tzinfo=UTC)
    db.session.commit()
    web.login(defender)
    web.post("/language", {"language": "es", "next": "/defender/"})

    page = web.get(f"/defender/needs/{need.id}").get_data(as_text=True)

    assert "1 jun 2026, 12:30:00 CST" in page


def test_a_lazy_translation_holding_someones_words_is_escaped_on_a_page(app):
    with app.test_request_context():
        page = render_template_string("{{ subject }}", subject=lazy_gettext(
            "%(firm)s tried to invite you, but your address already has an account", firm="<b>Acme</b>"))

    assert page.startswith("&lt;b&gt;Acme&lt;/b&gt; tried")
