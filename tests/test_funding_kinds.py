"""Which kinds of help are a lawyer's work and which are money: the engine's own rules, no app."""

import pytest

from matcher.matching.engine import funding, terms
from matcher.matching.engine.reasons import reason


def test_every_kind_of_help_is_a_lawyers_work_or_money_and_never_both():
    assert set(terms.HELP_KINDS) == funding.COUNSEL_HELP | funding.MONEY_HELP
    assert not funding.COUNSEL_HELP & funding.MONEY_HELP


@pytest.mark.parametrize(("help_wanted", "amount", "asks"), [
    ({"representation"}, None, False),
    ({"representation"}, 5000, True),
    ({"bail"}, None, True),
    ({"local_lawyer_funding"}, None, True),
])
def test_money_is_asked_for_by_an_amount_or_by_a_kind_of_help_that_is_money(help_wanted, amount, asks):
    assert funding.asks_for_money(help_wanted, amount) is asks


def test_money_asked_without_a_lawyers_fees_gives_a_reason_with_what_was_asked():
    assert funding.lawyer_funding_missing({"representation"}, 5000, "USD") == reason(
        "lawyer_funding_missing", amount=5000, currency="USD", help=frozenset())
    assert funding.lawyer_funding_missing({"advice", "bail"}, None, "") == reason(
        "lawyer_funding_missing", amount=None, currency="", help=frozenset({"bail"}))


@pytest.mark.parametrize(("help_wanted", "amount"), [
    ({"representation"}, None),
    ({"local_lawyer_funding"}, 3000),
    ({"bail", "local_lawyer_funding"}, None),
])
def test_no_money_or_money_for_a_lawyer_gives_no_reason(help_wanted, amount):
    assert funding.lawyer_funding_missing(help_wanted, amount, "USD") is None
