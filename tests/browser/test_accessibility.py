"""Every page, in each of the four languages, checked by axe-core for WCAG 2.2 AA in Chromium.

axe-core comes from npm for the tests only (``tests/browser/package.json``; ``make test``
installs it where npm is) and is put into the page by the driver, never served by the app.
"""

import json
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from matcher.extensions import db
from tests import factories
from tests.pages import PAGES, PUBLIC, small_world

from .steps import choose_language, sign_in

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "es", "fr", "pt")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(browser) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page the browser shows: rule, impact, where."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE}): run `npm install --prefix tests/browser`")
    browser.execute_script(AXE.read_text())
    found = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(WCAG_AA)}}}}})"
        ".then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact,"
        " targets: v.nodes.map(n => n.target.join(' '))}))));")
    return found


@pytest.fixture
def world(app):
    return small_world()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_no_wcag_violation_and_fits_a_360_px_screen(browser, live_server, world, language):
    found, wide = {}, []

    def check(path):
        browser.get(live_server + path)
        found[path] = violations(browser)
        if not browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"):
            wide.append(path)

    browser.set_window_size(360, 800)
    browser.get(live_server + "/account/login")
    choose_language(browser, language)
    for path in PUBLIC:
        check(path)
    for role, paths in PAGES.items():
        browser.delete_all_cookies()
        browser.get(live_server + "/account/login")
        choose_language(browser, language)
        sign_in(browser, live_server, world[role])
        for template in paths:
            check(template.format(**world))
    assert {path: rules for path, rules in found.items() if rules} == {}
    assert wide == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_form_opens_on_its_summary_which_has_no_wcag_violation(browser, live_server, app, language):
    owner = factories.defender()
    need = factories.need(owner, state="submitted")
    coordinator = factories.coordinator()
    db.session.commit()
    browser.get(live_server + "/account/login")
    choose_language(browser, language)
    sign_in(browser, live_server, coordinator)
    browser.get(f"{live_server}/coordinator/needs/{need.id}")

    browser.find_element(By.CSS_SELECTOR, 'button[value="reject"]').click()
    # autofocus moves the focus once the page has loaded, a moment after the summary exists
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: "error-summary" in (driver.switch_to.active_element.get_attribute("class") or "")
    )

    focused = browser.switch_to.active_element
    assert focused.find_element(By.CSS_SELECTOR, "a").get_attribute("href").endswith("#triage-note")
    assert violations(browser) == []
