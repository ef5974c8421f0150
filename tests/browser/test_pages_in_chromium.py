"""Pages as a person sees them: in Chromium, on a phone-sized screen."""

from selenium.webdriver.common.by import By

from matcher.extensions import db
from tests import factories

from .steps import sign_in, submit, wait_for_focus


def _no_horizontal_scroll(browser) -> bool:
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_front_page_fits_a_phone_and_loads_nothing_from_elsewhere(browser, live_server):
    browser.get(live_server + "/")
    assert "legal help" in browser.find_element(By.TAG_NAME, "h1").text.lower()
    assert _no_horizontal_scroll(browser)
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert resources and all(name.startswith(live_server) for name in resources)


def test_a_wrong_password_is_refused_on_the_page(browser, live_server, app):
    account = factories.coordinator()
    db.session.commit()
    browser.get(f"{live_server}/account/login")
    browser.find_element(By.NAME, "email").send_keys(account.email)
    browser.find_element(By.NAME, "password").send_keys("not the password")
    submit(browser)
    assert "not right" in browser.find_element(By.CSS_SELECTOR, ".error").text
    assert browser.find_element(By.NAME, "email").get_attribute("value") == account.email


def test_a_coordinator_signs_in_and_sees_the_queue_on_a_phone(browser, live_server, app):
    account = factories.coordinator()
    db.session.commit()
    sign_in(browser, live_server, account)
    assert browser.current_url.startswith(f"{live_server}/coordinator")
    assert _no_horizontal_scroll(browser)
    browser.save_screenshot(str(app.instance_path) + "/coordinator-phone.png")


def test_quick_exit_leaves_and_back_does_not_return(browser, live_server, app):
    app.config["QUICK_EXIT_URL"] = f"{live_server}/static/site.css"
    browser.get(f"{live_server}/account/login")
    browser.get(f"{live_server}/")
    browser.find_element(By.ID, "quick-exit").click()
    assert browser.current_url.endswith("/static/site.css")
    browser.back()
    assert browser.current_url == f"{live_server}/account/login"


def test_adding_a_party_opens_on_the_new_partys_name_with_what_was_typed_kept(browser, live_server, app):
    account = factories.defender()
    db.session.commit()
    sign_in(browser, live_server, account)
    browser.get(f"{live_server}/defender/needs/new")
    browser.find_element(By.ID, "summary").send_keys("Sued for denouncing a mine.")
    browser.find_element(By.ID, "parties-0-name").send_keys("Minera Andina S.A.")

    browser.find_element(By.ID, "add_party").click()
    wait_for_focus(browser, "parties-1-name")

    assert browser.current_url.endswith("/defender/needs/new#parties-1-name")
    legend = browser.find_elements(By.CSS_SELECTOR, "fieldset.party legend")[-1]
    assert legend.text == "Party 2"
    assert browser.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= "
                                  "window.innerHeight", legend), "the new party's legend is in view"
    assert browser.find_element(By.ID, "parties-0-name").get_attribute("value") == "Minera Andina S.A."
    assert browser.find_element(By.ID, "summary").get_attribute("value") == "Sued for denouncing a mine."
