"""Screening results, ranked candidates, proposals and answering for funds, by a coordinator."""

import html
import re
from decimal import Decimal

from markupsafe import escape
from sqlalchemy import select

from matcher.conflicts.reasons import hit_reason
from matcher.extensions import db
from matcher.matching import ranking
from matcher.matching.engine.reasons import data
from matcher.matching.reasons import say
from matcher.models import ConflictHit, Match
from matcher.needs import workflow
from tests import factories

CONFLICTED_CLIENTS = "C1,Minera Andina S.A.,,organisation,HN,,\nC2,Banco Reservado S.A.,,organisation,HN,,\n"


def signed_in_coordinator(web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    return account


def propose(web, need, kind, ident, **kwargs):
    return web.post(f"/coordinator/needs/{need.id}/propose",
                    {"kind": kind, "candidate_id": str(ident), "confirmed": "yes"}, **kwargs)


def test_screening_shows_the_hit_and_only_the_matching_client(web):
    factories.firm(name="Bufete Minero", clients=CONFLICTED_CLIENTS)
    factories.firm(name="Clean Chambers")
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)

    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)

    screening = page[page.index("<h2>Screening</h2>"):page.index("<h2>History</h2>")]
    assert "Bufete Minero" in screening and "result-conflict" in screening
    assert "Clean Chambers" not in screening and "1 firm, not listed one by one" in screening  # clear ones: counted
    assert "<td>Minera Andina S.A.</td><td>Minera Andina S.A.</td>" in screening
    assert "<td>C1</td>" in screening
    hit = db.session.scalar(select(ConflictHit))
    assert str(escape(hit_reason(hit.reason))) in screening
    assert "Banco Reservado" not in page


def test_a_conflicted_firm_is_left_out_of_the_ranking_and_cannot_be_proposed(web, outbox):
    conflicted = factories.firm(name="Bufete Minero", clients=CONFLICTED_CLIENTS)
    blocked_offer = factories.offer(conflicted, title="Mining-side capacity")
    member = factories.firm_member(of=conflicted)
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)

    (why,) = [say(e.reason) for e in ranking.rank_need(record).ranking.excluded if e.id == str(blocked_offer.id)]

    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    left_out = page[page.index("Left out by the filters"):]
    assert "Bufete Minero: Mining-side capacity" in left_out
    assert str(escape(why)) in left_out
    assert f'name="candidate_id" value="{blocked_offer.id}"' not in page

    response = propose(web, record, "offer", blocked_offer.id, follow_redirects=True)

    assert str(escape(f"cannot be proposed: {why}")) in response.get_data(as_text=True)
    assert db.session.scalars(select(Match)).all() == []
    assert record.state == "verified"
    assert all(member.email not in message.recipients for message in outbox)


def test_proposing_to_an_offer_creates_the_match_and_tells_the_firm(web, outbox):
    firm = factories.firm(name="Clean Chambers")
    offer = factories.offer(firm, title="Emergency defence")
    member = factories.firm_member(of=firm)
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)
    outbox.clear()
    (candidate,) = ranking.rank_need(record).ranking.candidates
    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    assert "Clean Chambers: Emergency defence" in page
    assert all(str(escape(say(reason))) in page for reason in candidate.reasons)

    response = propose(web, record, "offer", offer.id, follow_redirects=True)

    assert "Proposed to Clean Chambers: Emergency defence." in response.get_data(as_text=True)
    (match,) = record.matches
    assert (match.state, match.offer_id, match.firm_id) == ("proposed", offer.id, firm.id)
    assert (match.score, match.reasons) == (candidate.score, [data(reason) for reason in candidate.reasons])
    assert record.state == "proposed"
    (message,) = outbox
    assert message.recipients == [member.email]
    assert "Minera" not in message.body and record.summary not in message.body


def test_proposing_an_unknown_candidate_answers_404(web):
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)
    assert propose(web, record, "offer", 9999).status_code == 404
    assert propose(web, record, "firm", 1).status_code == 404


def test_proposing_a_need_still_in_triage_is_refused(web):
    offer = factories.offer(factories.firm())
    record = factories.need(factories.defender(), state="submitted")
    signed_in_coordinator(web)
    response = propose(web, record, "offer", offer.id, follow_redirects=True)
    assert "This cannot be done any more" in response.get_data(as_text=True)
    assert record.matches == []


def test_proposing_to_two_offers_then_the_first_acceptance_cancels_the_other(web):
    first_firm, second_firm = factories.firm(name="First Firm"), factories.firm(name="Second Firm")
    first, second = factories.offer(first_firm), factories.offer(second_firm)
    first_member = factories.firm_member(of=first_firm)
    record = factories.need(factories.defender(), state="verified", urgency="emergency")
    signed_in_coordinator(web)

    response = web.post(f"/coordinator/needs/{record.id}/propose-several",
                        {"several-offers": [str(first.id), str(second.id)], "confirmed": "yes"},
                        follow_redirects=True)
    assert "Proposed to 2 offers" in response.get_data(as_text=True)
    assert sorted(m.offer_id for m in record.matches if m.state == "proposed") == [first.id, second.id]

    workflow.accept_match(first_member, next(m for m in record.matches if m.offer_id == first.id))
    db.session.commit()

    states = {m.offer_id: m.state for m in record.matches}
    assert states == {first.id: "accepted", second.id: "cancelled"}
    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    assert "state-cancelled" in page and "state-accepted" in page


def test_proposing_to_several_needs_a_choice(web):
    factories.offer(factories.firm())
    factories.offer(factories.firm())
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)
    page = web.post(f"/coordinator/needs/{record.id}/propose-several", {}).get_data(as_text=True)
    assert "Choose at least one offer." in page
    assert record.matches == []


def _offline(account):
    account.password_hash = None
    db.session.commit()
    return account


def test_coordinator_runs_a_fund_match_from_proposal_to_closing(web, outbox):
    fund = factories.fund(name="Bail Fund")
    owner = factories.defender()
    record = factories.need(owner, state="verified", help_wanted=["bail"])
    signed_in_coordinator(web)
    _offline(owner)

    propose(web, record, "fund", fund.id)
    (match,) = record.matches
    assert match.fund_id == fund.id and match.state == "proposed"

    web.post(f"/coordinator/matches/{match.id}/accept")
    assert (match.state, record.state) == ("accepted", "accepted")
    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    assert "The defender consents" in page

    web.post(f"/coordinator/matches/{match.id}/confirm")
    assert (match.state, record.state) == ("active", "matched")

    refused = web.post(f"/coordinator/matches/{match.id}/complete",
                       {f"m{match.id}-amount": "-2", f"m{match.id}-currency": "usd", f"m{match.id}-paid_for": "bail"})
    page = refused.get_data(as_text=True)
    assert "Enter an amount greater than 0 and up to 1,000,000,000." in page
    assert 'value="usd"' in page and re.search(r'<input checked [^>]*value="bail"', page)
    assert match.state == "active"

    web.post(f"/coordinator/matches/{match.id}/complete",
             {f"m{match.id}-amount": "1500.50", f"m{match.id}-currency": "usd", f"m{match.id}-paid_for": "bail"})
    assert (match.state, match.granted_amount, match.granted_currency, match.granted_for, record.state) == (
        "completed", Decimal("1500.50"), "USD", ["bail"], "closed")
    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    assert "$1,500.50" in page and "Amount granted" in page


def test_a_fund_declines_with_a_reason_and_the_need_goes_back_to_proposing(web):
    fund = factories.fund()
    record = factories.need(factories.defender(), state="verified", help_wanted=["bail"])
    signed_in_coordinator(web)
    propose(web, record, "fund", fund.id)
    (match,) = record.matches

    page = web.post(f"/coordinator/matches/{match.id}/decline", {f"m{match.id}-reason": ""}).get_data(as_text=True)
    assert "Say why the fund declines." in page
    assert match.state == "proposed"

    web.post(f"/coordinator/matches/{match.id}/decline", {f"m{match.id}-reason": "Budget spent this year."})
    assert (match.state, match.response_note, record.state) == ("declined", "Budget spent this year.", "verified")


def test_an_offline_defender_refusal_is_recorded_by_the_coordinator(web):
    fund = factories.fund()
    owner = factories.defender()
    record = factories.need(owner, state="verified", help_wanted=["bail"])
    signed_in_coordinator(web)
    _offline(owner)
    propose(web, record, "fund", fund.id)
    (match,) = record.matches
    web.post(f"/coordinator/matches/{match.id}/accept")

    web.post(f"/coordinator/matches/{match.id}/refuse", {f"m{match.id}-note": "Prefers a local lawyer."})

    assert (match.state, record.state) == ("refused", "verified")


def test_coordinator_cannot_consent_for_a_defender_who_uses_the_platform(web):
    fund = factories.fund()
    record = factories.need(factories.defender(), state="verified", help_wanted=["bail"])
    signed_in_coordinator(web)
    propose(web, record, "fund", fund.id)
    (match,) = record.matches
    web.post(f"/coordinator/matches/{match.id}/accept")
    assert "The defender consents" not in web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)

    response = web.post(f"/coordinator/matches/{match.id}/confirm", follow_redirects=True)

    assert "they give or refuse consent themselves" in response.get_data(as_text=True)
    assert match.state == "accepted"


def test_coordinator_cannot_answer_for_a_firm(web):
    offer = factories.offer(factories.firm())
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)
    propose(web, record, "offer", offer.id)
    (match,) = record.matches

    response = web.post(f"/coordinator/matches/{match.id}/accept", follow_redirects=True)

    assert "You are not allowed to do that." in response.get_data(as_text=True)
    assert match.state == "proposed"
    assert offer.capacity_used == 0


def test_unknown_match_answers_404(web):
    signed_in_coordinator(web)
    assert web.post("/coordinator/matches/9999/accept").status_code == 404


def test_proposing_says_first_what_the_firm_will_read_and_proposes_nothing(web):
    firm = factories.firm(name="Bufete Uno")
    offer = factories.offer(firm)
    record = factories.need(factories.defender(), state="verified")
    signed_in_coordinator(web)

    page = html.unescape(web.post(f"/coordinator/needs/{record.id}/propose",
                                  {"kind": "offer", "candidate_id": str(offer.id)}).get_data(as_text=True))

    assert "will read its summary, never the defender's name or contact" in page
    assert f'name="candidate_id" value="{offer.id}"' in page and 'name="confirmed" value="yes"' in page
    assert record.matches == []
