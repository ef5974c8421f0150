"""What a person does in the browser, as steps the browser tests share: choosing a language with
the page's own chooser, signing in, following a link."""

import pyotp
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests import factories

WAIT = 10  # seconds a step waits for the next page


def choose_language(browser, language: str) -> None:
    """Pick ``language`` with the chooser in the page's footer, as a reader would; the language
    the page is already in has its button disabled, so there is nothing to press."""
    button = browser.find_element(By.CSS_SELECTOR, f'footer button[value="{language}"]')
    if button.is_enabled():
        press(browser, button)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language


def sign_in(browser, live_server: str, account, seen=lambda: None) -> None:
    """Sign in on the sign-in page with the factories' password and, where the account has one,
    a code from its authenticator; ``seen`` is called on each page the way passes, to check it."""
    browser.get(f"{live_server}/account/login")
    seen()
    browser.find_element(By.NAME, "email").send_keys(account.email)
    browser.find_element(By.NAME, "password").send_keys(factories.PASSWORD)
    submit(browser)
    assert "/account/login" not in browser.current_url, "the password was refused"
    if "/account/2fa" in browser.current_url:
        seen()
        browser.find_element(By.NAME, "code").send_keys(pyotp.TOTP(account.totp_secret).now())
        submit(browser)
        assert "/account/2fa" not in browser.current_url, "the second factor was refused"


def submit(browser, form: str = "main form") -> None:
    """Press the first button of ``form`` (a CSS selector) and wait for the page it leads to."""
    press(browser, browser.find_element(By.CSS_SELECTOR, f"{form} button"))


def press(browser, element) -> None:
    """Click ``element`` and wait until the page it was on has gone and the next one has loaded, so
    the next step reads the new one whole."""
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, WAIT).until(lambda driver: _gone(page))
    WebDriverWait(browser, WAIT).until(lambda driver: driver.execute_script("return document.readyState") == "complete")


def _gone(page) -> bool:
    """Whether ``page`` (its root element) has left the document. Chromium says so as a stale
    element, or, while the next page is being put in, as a node that no longer belongs to it."""
    try:
        page.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise
    return False


def wait_for_focus(browser, element_id: str) -> None:
    """Wait until the element with ``element_id`` has the focus. The page may be replaced while
    this waits (a press that reloads it), so the focus is read in the page's own script, never
    through an element handle that the reload would leave stale."""
    focused = "return document.activeElement && document.activeElement.id"
    WebDriverWait(browser, WAIT).until(lambda driver: driver.execute_script(focused) == element_id)


def follow(browser, href: str) -> None:
    """Follow the link to ``href`` (a path, as the page writes it): it must be on the page."""
    press(browser, browser.find_element(By.CSS_SELECTOR, f'a[href="{href}"]'))

