"""The funding a need asks for: written by the defender or at intake, checked, stored, and used by the fund filter."""

import html

from markupsafe import escape
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Need
from tests import factories
from tests.test_defender import SUMMARY, need_form


def signed_in(web, account):
    db.session.commit()
    web.login(account)
    return account


def test_a_defender_asks_for_an_amount_in_a_currency(web):
    signed_in(web, factories.defender())

    web.post("/defender/needs/new", need_form(amount_needed="3000", currency=" usd "))

    need = db.session.scalars(select(Need)).one()
    assert (need.amount_needed, need.currency) == (3000, "USD")
    form = web.get(f"/defender/needs/{need.id}/edit").get_data(as_text=True)
    assert 'name="amount_needed"' in form and 'value="3000"' in form
    assert 'name="currency"' in form and 'value="USD"' in form


def test_a_need_without_funding_stores_no_amount_and_no_currency(web):
    signed_in(web, factories.defender())

    web.post("/defender/needs/new", need_form(amount_needed="", currency=""))

    need = db.session.scalars(select(Need)).one()
    assert (need.amount_needed, need.currency) == (None, "")


def test_funding_fields_are_checked_and_what_was_typed_is_kept(web):
    signed_in(web, factories.defender())
    cases = [  # what is posted, the error shown, the values shown back
        ({"amount_needed": "0", "currency": "usd"}, "Enter an amount of 1 or more.", ('value="0"', 'value="USD"')),
        ({"amount_needed": "many", "currency": "USD"}, "Not a valid integer value.", ('value="many"',)),
        ({"amount_needed": "2500", "currency": ""}, "Say which currency the amount is in, such as USD.",
         ('value="2500"',)),
        ({"amount_needed": "2500", "currency": "dollars"}, "Enter an ISO 4217 currency code, such as USD or EUR.",
         ('value="2500"', 'value="DOLLARS"')),
        ({"amount_needed": "", "currency": "EUR"}, "Enter the amount needed too, or leave the currency empty.",
         ('value="EUR"',)),
    ]
    for fields, message, kept in cases:
        response = web.post("/defender/needs/new", need_form(**fields))

        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 200
        assert message in page
        assert all(value in page for value in kept)
        assert SUMMARY in page
    assert db.session.scalar(select(Need)) is None


def test_clearing_the_amount_clears_the_currency(web):
    owner = signed_in(web, factories.defender())
    need = factories.need(owner, amount_needed=4000, currency="EUR")
    db.session.commit()

    web.post(f"/defender/needs/{need.id}/edit", need_form(amount_needed="", currency=""))

    db.session.refresh(need)
    assert (need.amount_needed, need.currency) == (None, "")


def test_a_coordinator_records_the_funding_at_intake(web):
    signed_in(web, factories.coordinator())
    profile = factories.defender().defender
    db.session.commit()

    web.post(f"/coordinator/intake/{profile.id}", need_form(amount_needed="12000", currency="hnl"))

    need = db.session.scalars(select(Need)).one()
    assert (need.amount_needed, need.currency) == (12000, "HNL")


def test_a_fund_whose_maximum_is_below_the_amount_is_left_out_with_the_reason(web):
    small = factories.fund(name="Small Grants", max_amount=5000, currency="USD")
    large = factories.fund(name="Large Grants", max_amount=20000, currency="USD")
    other_currency = factories.fund(name="Euro Fund", max_amount=1000, currency="EUR")
    need = factories.need(factories.defender(), state="verified", help_wanted=["local_lawyer_funding"],
                          amount_needed=9000, currency="USD")
    signed_in(web, factories.coordinator())

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    candidates = page[page.index("<h2>Candidates</h2>"):page.index("Left out by the filters")]
    left_out = page[page.index("Left out by the filters"):]
    assert "Funding asked: $9,000." in candidates
    assert f'name="candidate_id" value="{large.id}"' in candidates
    # An amount in another currency is not compared: rates change, the coordinator judges.
    assert f'name="candidate_id" value="{other_currency.id}"' in candidates
    assert f'name="candidate_id" value="{small.id}"' not in page
    reason = "the amount needed ($9,000) is above the fund's maximum ($5,000)"
    assert str(escape(reason)) in left_out
    assert "Fund: Small Grants" in left_out
