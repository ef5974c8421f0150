"""A real headless Chromium against the app served on loopback.

Skips with a reason where Chromium or its driver is not installed (Debian's
``chromium`` and ``chromium-driver`` packages); CI installs them.
"""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# Headless, sized like a phone, and reaching nothing outside this machine.
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=390,844",
)


@pytest.fixture
def live_server(app):
    """Serve ``app`` on a free loopback port for the length of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def chromium(tmp_path):
    """Start Chromiums as a reader's would be set: ``chromium(javascript=False, accept_language="es")``
    is one with scripts turned off whose requests ask for Spanish. Each has its own profile and
    is closed at the end of the test."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    started = []

    def start(javascript: bool = True, accept_language: str | None = None):
        driver = _start_chromium(tmp_path / f"profile-{len(started)}", javascript, accept_language)
        started.append(driver)
        return driver

    yield start
    for driver in started:
        driver.quit()


@pytest.fixture
def browser(chromium):
    """Chromium as most readers have it: scripts on, the browser's own language."""
    return chromium()


def _start_chromium(profile, javascript: bool, accept_language: str | None):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    prefs = {} if javascript else {"profile.managed_default_content_settings.javascript": 2}
    if accept_language:
        options.add_argument(f"--lang={accept_language}")
        prefs["intl.accept_languages"] = accept_language
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(2)
    return driver
