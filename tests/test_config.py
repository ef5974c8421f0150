"""Settings read from the environment take the type of their default, or stop the start clearly."""

import pytest

from matcher import config


def _loaded(monkeypatch, **environment) -> dict:
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    loaded: dict = {}
    config.load_from_environment(loaded)
    return loaded


def test_a_password_of_digits_stays_a_string(monkeypatch):
    assert _loaded(monkeypatch, MAIL_PASSWORD="1234")["MAIL_PASSWORD"] == "1234"


@pytest.mark.parametrize(("raw", "expected"), [("0", False), ("false", False), ("No", False), ("off", False),
                                               ("1", True), ("true", True), ("YES", True), ("on", True)])
def test_switches_read_the_usual_spellings(monkeypatch, raw, expected):
    assert _loaded(monkeypatch, MAIL_USE_TLS=raw)["MAIL_USE_TLS"] is expected


def test_numbers_become_numbers(monkeypatch):
    loaded = _loaded(monkeypatch, MAIL_PORT="587", RETENTION_DAYS="30")
    assert (loaded["MAIL_PORT"], loaded["RETENTION_DAYS"]) == (587, 30)


@pytest.mark.parametrize(("key", "raw", "message"), [("MAIL_USE_TLS", "maybe", "true or false"),
                                                      ("SESSION_IDLE_MINUTES", "half an hour", "whole number")])
def test_a_setting_that_cannot_be_read_says_which_and_why(monkeypatch, key, raw, message):
    with pytest.raises(ValueError, match=f"{key} must be a {message}|{key} must be {message}"):
        _loaded(monkeypatch, **{key: raw})
