"""What came of a match: a firm closes its matter with decimal hours, the dates and an outcome from
the list; a coordinator records what a fund granted; the defender says, privately, whether it helped."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from matcher.extensions import db
from matcher.models import AuditEvent
from matcher.models._types import utcnow
from matcher.needs import outcomes, workflow
from tests import factories

NOTE = "Dismissed at the first hearing; the company appealed."
CLOSING = {"hours": "37.5", "started_on": "2026-01-05", "ended_on": "2026-03-02", "outcome": "slapp_dismissed",
           "note": NOTE}
PRIVATE = "The lawyer never called back in March."


@pytest.fixture
def active():
    """A firm's match the defender consented to: the firm may close it."""
    firm = factories.firm(name="Garza & Partners")
    member = factories.firm_member(of=firm)
    owner = factories.defender()
    need = factories.need(owner, state="verified")
    match = workflow.propose(factories.coordinator(), need, offer=factories.offer(firm))
    db.session.commit()
    workflow.accept_match(member, match)
    workflow.confirm_match(owner, match)
    db.session.commit()
    return match, member, owner


@pytest.fixture
def funded():
    """A fund's match for a need asking for bail and a local lawyer's fees, consented to."""
    owner = factories.defender()
    need = factories.need(owner, state="verified", help_wanted=["bail", "local_lawyer_funding"])
    staff = factories.coordinator()
    match = workflow.propose(staff, need, fund=factories.fund(name="Bail Fund", currency="EUR"))
    db.session.commit()
    workflow.accept_match(staff, match)
    workflow.confirm_match(owner, match)
    db.session.commit()
    return match, staff, owner


def close(web, match, **changes):
    return web.post(f"/firm/matters/{match.id}/close", {**CLOSING, **changes, "confirmed": "yes"},
                    follow_redirects=True).get_data(as_text=True)


def test_a_firm_closes_with_37_and_a_half_hours_the_dates_and_an_outcome_from_the_list(web, active, outbox):
    match, member, owner = active
    web.login(member)

    page = close(web, match)

    assert "The matter is closed" in page
    assert (match.state, match.hours, match.outcome, match.outcome_note) == (
        "completed", Decimal("37.50"), "slapp_dismissed", NOTE)
    assert (match.work_started_on.isoformat(), match.work_ended_on.isoformat()) == ("2026-01-05", "2026-03-02")
    assert "SLAPP dismissed early" in page and "37.5" in page and "Jan 5, 2026" in page and NOTE in page
    told = [message for message in outbox if owner.email in message.recipients]
    assert [message.subject for message in told] == ["Your lawyer closed your matter"]
    assert NOTE not in told[0].body and "37.5" not in told[0].body


def test_the_note_is_kept_sealed_in_the_database(web, active):
    match, member, _owner = active
    web.login(member)

    close(web, match)

    stored = db.session.execute(text('SELECT outcome_note FROM "match" WHERE id = :id'), {"id": match.id}).scalar()
    assert NOTE not in stored


@pytest.mark.parametrize(("hours", "message"), [
    ("-1", "Hours cannot be negative: enter a number from 0 to 10,000, such as 37.5."),
    ("1.234", "Enter the hours with at most two decimals, such as 37.5 or 37.25."),
    ("10000.01", "Enter at most 10,000 hours."),
    ("NaN", "Enter the hours as a number, such as 37.5."),
    ("-Infinity", "Enter the hours as a number, such as 37.5."),
    ("", "Enter the hours the firm gave, 0 or more."),
    ("many", "Enter the hours as a number, such as 37.5."),
])
def test_hours_out_of_range_or_too_precise_are_refused_and_nothing_typed_is_lost(web, active, hours, message):
    match, member, _owner = active
    web.login(member)

    page = close(web, match, hours=hours)

    assert message in page
    assert f'value="{hours}"' in page if hours else 'name="hours"' in page
    assert 'value="2026-01-05"' in page and 'value="2026-03-02"' in page
    assert re.search(r'<option selected value="slapp_dismissed">', page)
    assert NOTE in page
    assert (match.state, match.hours, match.offer.capacity_used) == ("active", None, 1)


def test_bad_hours_are_said_before_the_firm_is_asked_to_confirm(web, active):
    match, member, _owner = active
    web.login(member)

    page = web.post(f"/firm/matters/{match.id}/close", {**CLOSING, "hours": "1.234"}).get_data(as_text=True)

    assert "Enter the hours with at most two decimals" in page
    assert "it cannot be reopened" not in page
    page = web.post(f"/firm/matters/{match.id}/close", CLOSING).get_data(as_text=True)
    assert "it cannot be reopened" in page
    assert match.state == "active"


def test_work_that_ends_before_it_started_or_in_the_future_is_refused(web, active):
    match, member, _owner = active
    web.login(member)
    future = (utcnow() + timedelta(days=3)).date().isoformat()

    assert "The work cannot end before it started." in close(web, match, started_on="2026-03-02",
                                                             ended_on="2026-01-05")
    assert "This date is in the future." in close(web, match, ended_on=future)
    assert "Enter the date the work started." in close(web, match, started_on="")
    assert match.state == "active"


def test_other_needs_a_note_and_an_unknown_outcome_is_refused(web, active):
    match, member, _owner = active
    web.login(member)

    assert "Say what came of the matter when you choose “Other”." in close(web, match, outcome="other", note=" ")
    assert "Choose what came of the matter." in close(web, match, outcome="won_the_lottery")
    assert match.state == "active"
    close(web, match, outcome="other", note="Moved abroad; the case goes on without us.")
    assert (match.outcome, match.outcome_note) == ("other", "Moved abroad; the case goes on without us.")


def test_closing_is_audited_and_the_trail_keeps_no_note_to_show_readers(web, active):
    match, member, _owner = active
    web.login(member)

    close(web, match)

    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "match.complete"))
    assert (event.actor_id, event.from_state, event.to_state, event.note) == (member.id, "active", "completed", "")


def test_coordinators_and_the_defender_read_the_outcome_and_only_coordinators_the_note(web, active):
    match, member, owner = active
    web.login(member)
    close(web, match)
    web.logout()

    web.login(owner)
    page = web.get(f"/defender/needs/{match.need_id}").get_data(as_text=True)
    assert "SLAPP dismissed early" in page and "37.5" in page and "Mar 2, 2026" in page
    assert NOTE not in page
    web.logout()

    web.login(factories.coordinator())
    page = web.get(f"/coordinator/needs/{match.need_id}").get_data(as_text=True)
    assert "SLAPP dismissed early" in page and "37.5" in page and NOTE in page


# A fund's grant ---------------------------------------------------------------------


def grant(web, match, **fields):
    data = {f"m{match.id}-{name}": value for name, value in fields.items()}
    return web.post(f"/coordinator/matches/{match.id}/complete", data, follow_redirects=True).get_data(as_text=True)


def test_a_coordinator_records_what_a_fund_granted_and_what_it_paid_for(web, funded, outbox):
    match, staff, owner = funded
    web.login(staff)

    page = grant(web, match, amount="2500.75", currency="eur", paid_for=["bail", "local_lawyer_funding"])

    assert "The grant is recorded." in page
    assert (match.state, match.granted_amount, match.granted_currency, match.granted_for) == (
        "completed", Decimal("2500.75"), "EUR", ["bail", "local_lawyer_funding"])
    assert "€2,500.75" in page and "Bail, Funding for a local lawyer" in page
    told = [message for message in outbox if owner.email in message.recipients]
    assert [message.subject for message in told] == ["The funding for your case is completed"]
    assert "2500" not in told[0].body and "2,500" not in told[0].body


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"amount": "0", "currency": "EUR", "paid_for": "bail"}, "amount",
     "Enter an amount greater than 0 and up to 1,000,000,000."),
    ({"amount": "Infinity", "currency": "EUR", "paid_for": "bail"}, "amount",
     "Enter the amount as a number, such as 2500 or 2500.50."),
    ({"amount": "10.005", "currency": "EUR", "paid_for": "bail"}, "amount",
     "Enter the amount with at most two decimals."),
    ({"amount": "100", "currency": "EUROS", "paid_for": "bail"}, "currency",
     "Enter an ISO 4217 currency code, such as USD or EUR."),
    ({"amount": "100", "currency": "EUR"}, "paid_for", "Choose what the grant paid for."),
    ({"amount": "100", "currency": "EUR", "paid_for": "relocation"}, "paid_for",
     "Choose among the kinds of help the need asked for."),
])
def test_a_grant_is_refused_field_by_field_with_what_was_typed_kept(web, funded, fields, field, message):
    match, staff, _owner = funded
    web.login(staff)

    page = grant(web, match, **fields)

    assert f'<a href="#m{match.id}-{field}">' in page and message in page
    assert f'value="{fields["currency"]}"' in page
    assert (match.state, match.granted_amount) == ("active", None)


def test_the_defender_reads_the_amount_granted_but_not_what_the_fund_paid_for(web, funded):
    match, staff, owner = funded
    web.login(staff)
    grant(web, match, amount="2500", currency="EUR", paid_for="bail")
    web.logout()

    web.login(owner)
    page = web.get(f"/defender/needs/{match.need_id}").get_data(as_text=True)

    assert "Amount granted" in page and "€2,500.00" in page
    assert "What it paid for" not in page


# The defender's word -------------------------------------------------------------


def say(web, match, **fields):
    data = {f"helped{match.id}-{name}": value for name, value in fields.items()}
    return web.post(f"/defender/matches/{match.id}/helped", data, follow_redirects=True)


def test_the_defender_says_privately_whether_the_help_helped_and_coordinators_read_it(web, active):
    match, member, owner = active
    workflow.complete_match(member, match, outcomes.Closing(
        hours=Decimal(3), started_on=utcnow().date(), ended_on=utcnow().date(), outcome="settled"))
    db.session.commit()
    web.login(owner)

    page = say(web, match, helped="helped_somewhat", note=PRIVATE).get_data(as_text=True)

    assert "Only you and the coordinators can read your answer." in page
    assert (match.helped, match.helped_note) == ("helped_somewhat", PRIVATE)
    assert re.search(r'<input checked [^>]*value="helped_somewhat"', page) and PRIVATE in page
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "match.feedback"))
    assert (event.actor_id, event.subject_id, event.note) == (owner.id, match.id, "")
    web.logout()

    web.login(factories.coordinator())
    page = web.get(f"/coordinator/needs/{match.need_id}").get_data(as_text=True)
    assert "It helped somewhat" in page and PRIVATE in page


def test_the_firm_never_reads_the_defenders_word_nor_may_it_post_it(web, active):
    match, member, owner = active
    workflow.complete_match(member, match, outcomes.Closing(
        hours=Decimal(3), started_on=utcnow().date(), ended_on=utcnow().date(), outcome="settled"))
    db.session.commit()
    web.login(owner)
    say(web, match, helped="did_not_help", note=PRIVATE)
    web.logout()

    web.login(member)
    page = web.get(f"/firm/matters/{match.id}").get_data(as_text=True)
    assert PRIVATE not in page and "It did not help" not in page and "said whether the help helped" not in page
    assert web.get(f"/defender/needs/{match.need_id}").status_code == 403
    assert say(web, match, helped="helped_a_lot").status_code == 403
    assert match.helped == "did_not_help"


def test_another_defender_may_not_read_nor_say_it(web, active):
    match, member, _owner = active
    workflow.complete_match(member, match, outcomes.Closing(
        hours=Decimal(3), started_on=utcnow().date(), ended_on=utcnow().date(), outcome="settled"))
    db.session.commit()
    web.login(factories.defender())

    assert web.get(f"/defender/needs/{match.need_id}").status_code == 404
    assert say(web, match, helped="helped_a_lot").status_code == 404
    assert match.helped is None


def test_the_defender_answers_only_once_the_help_is_completed_and_from_the_list(web, active):
    match, member, owner = active
    web.login(owner)

    page = say(web, match, helped="helped_a_lot").get_data(as_text=True)
    assert "You can say whether the help helped once it is completed." in page
    workflow.complete_match(member, match, outcomes.Closing(
        hours=Decimal(3), started_on=utcnow().date(), ended_on=utcnow().date(), outcome="settled"))
    db.session.commit()
    page = say(web, match, helped="it_was_fine", note=PRIVATE).get_data(as_text=True)
    assert "Choose one of the answers." in page and PRIVATE in page
    assert match.helped is None
