"""The coordinator's queue, people, triage and funds catalogue, through the web pages."""

from datetime import date, timedelta

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, ConflictCheck, LegalAidFund
from tests import factories


def signed_in_coordinator(web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    return account


def need_link(need) -> str:
    return f'href="/coordinator/needs/{need.id}"'


# The queue ------------------------------------------------------------------


def test_queue_puts_emergencies_first_then_the_nearest_deadline(web):
    owner = factories.defender()
    today = date.today()
    standard = factories.need(owner, state="submitted", urgency="standard", deadline=today + timedelta(days=1))
    urgent_later = factories.need(owner, state="submitted", urgency="urgent", deadline=today + timedelta(days=30))
    urgent_no_deadline = factories.need(owner, state="submitted", urgency="urgent")
    urgent_soon = factories.need(owner, state="submitted", urgency="urgent", deadline=today + timedelta(days=3))
    emergency = factories.need(owner, state="submitted", urgency="emergency")
    draft = factories.need(owner, state="draft", urgency="emergency")
    signed_in_coordinator(web)

    page = web.get("/coordinator/").get_data(as_text=True)

    order = [emergency, urgent_soon, urgent_later, urgent_no_deadline, standard]
    positions = [page.index(need_link(need)) for need in order]
    assert positions == sorted(positions)
    assert need_link(draft) not in page
    assert "3 days left" in page
    assert owner.defender.pseudonym in page


def test_queue_filters_by_state_and_refuses_an_unknown_state(web):
    owner = factories.defender()
    submitted = factories.need(owner, state="submitted")
    verified = factories.need(owner, state="verified")
    signed_in_coordinator(web)

    page = web.get("/coordinator/?state=verified").get_data(as_text=True)
    assert need_link(verified) in page
    assert need_link(submitted) not in page
    assert web.get("/coordinator/?state=draft").status_code == 404


def test_queue_shows_fifty_needs_a_page(web):
    owner = factories.defender()
    for _ in range(51):
        record = factories.need(owner)
        record.state = "submitted"
    db.session.commit()
    signed_in_coordinator(web)

    first = web.get("/coordinator/").get_data(as_text=True)
    second = web.get("/coordinator/?page=2").get_data(as_text=True)
    assert first.count('href="/coordinator/needs/') == 50
    assert second.count('href="/coordinator/needs/') == 1
    assert "Page 1 of 2" in first


def test_queue_links_to_intake_only_when_intake_exists(web, app):
    signed_in_coordinator(web)
    page = web.get("/coordinator/").get_data(as_text=True)
    assert ("Take a need in for a defender" in page) == ("coordinator.intake" in app.view_functions)


# People ---------------------------------------------------------------------


def test_coordinator_verifies_a_pending_defender(web, outbox):
    pending = factories.defender(verified=False)
    signed_in_coordinator(web)

    page = web.get("/coordinator/people").get_data(as_text=True)
    assert "Defenders waiting for verification (1)" in page
    assert pending.defender.pseudonym in page

    response = web.post(f"/coordinator/defenders/{pending.defender.id}/verify", follow_redirects=True)
    assert "is verified" in response.get_data(as_text=True)
    assert pending.defender.verified is True
    assert [message.recipients for message in outbox] == [[pending.email]]
    page = web.get("/coordinator/people").get_data(as_text=True)
    assert "Defenders waiting for verification (0)" in page


def test_verifying_a_verified_defender_twice_says_so(web):
    account = factories.defender(verified=True)
    signed_in_coordinator(web)
    response = web.post(f"/coordinator/defenders/{account.defender.id}/verify", follow_redirects=True)
    assert "already verified" in response.get_data(as_text=True)


def test_verification_without_csrf_token_is_refused(web):
    pending = factories.defender(verified=False)
    signed_in_coordinator(web)
    response = web.post(f"/coordinator/defenders/{pending.defender.id}/verify", csrf=False)
    assert response.status_code == 400
    db.session.expire_all()
    assert pending.defender.verified is False


def test_verifying_an_unknown_defender_or_firm_answers_404(web):
    signed_in_coordinator(web)
    assert web.post("/coordinator/defenders/9999/verify").status_code == 404
    assert web.post("/coordinator/firms/9999/verify").status_code == 404


def test_verifying_a_firm_screens_it_against_open_needs(web):
    owner = factories.defender()
    record = factories.need(owner, state="submitted")
    firm = factories.firm(verified=False, name="Bufete Nuevo")
    db.session.commit()
    signed_in_coordinator(web)
    assert "Bufete Nuevo" in web.get("/coordinator/people").get_data(as_text=True)
    assert "not screened" in web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)

    response = web.post(f"/coordinator/firms/{firm.id}/verify", follow_redirects=True)

    assert "Bufete Nuevo is verified" in response.get_data(as_text=True)
    assert firm.verified is True
    check = db.session.scalar(select(ConflictCheck).where(ConflictCheck.firm_id == firm.id))
    assert (check.need_id, check.result) == (record.id, "clear")
    assert "not screened" not in web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)


# A need's page and triage ---------------------------------------------------


def test_need_page_shows_the_facts_details_parties_and_logs_the_read(web):
    owner = factories.defender()
    record = factories.need(owner, state="submitted")
    record.parties[0].aliases = ["Minera Andina"]
    db.session.commit()
    coordinator = signed_in_coordinator(web)

    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)

    assert "Sued for denouncing a mine." in page
    assert "Hearing on the 12th at the district court." in page
    assert "Minera Andina S.A." in page and "Minera Andina<" in page
    assert owner.defender.pseudonym in page
    read = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "need.read"))
    assert (read.actor_id, read.need_id) == (coordinator.id, record.id)


def test_unknown_need_answers_404(web):
    signed_in_coordinator(web)
    assert web.get("/coordinator/needs/9999").status_code == 404


def test_verifying_a_need_of_an_unverified_defender_is_refused_with_a_reason(web):
    owner = factories.defender(verified=False)
    record = factories.need(owner, state="submitted")
    signed_in_coordinator(web)

    response = web.post(f"/coordinator/needs/{record.id}/triage", {"triage-action": "verify"}, follow_redirects=True)

    assert "Verify the defender before verifying their need." in response.get_data(as_text=True)
    assert record.state == "submitted"


def test_coordinator_verifies_the_defender_then_the_need(web, outbox):
    owner = factories.defender(verified=False)
    record = factories.need(owner, state="submitted")
    signed_in_coordinator(web)

    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    assert "Verify the defender" in page
    web.post(f"/coordinator/defenders/{owner.defender.id}/verify",
             {"next": f"/coordinator/needs/{record.id}"})
    response = web.post(f"/coordinator/needs/{record.id}/triage", {"triage-action": "verify"})

    assert response.headers["Location"].endswith(f"/coordinator/needs/{record.id}")
    assert record.state == "verified"
    assert sum(message.recipients == [owner.email] for message in outbox) == 2


def test_asking_for_more_information_emails_the_defender_without_case_details(web, outbox):
    owner = factories.defender()
    record = factories.need(owner, state="submitted")
    signed_in_coordinator(web)

    web.post(f"/coordinator/needs/{record.id}/triage",
             {"triage-action": "request_info", "triage-note": "Which court summoned you?"})

    assert record.state == "needs_info"
    (message,) = outbox
    assert message.recipients == [owner.email]
    for secret in (record.summary, record.details, "Minera", "Which court"):
        assert secret not in message.body
    page = web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)
    assert "Which court summoned you?" in page


def test_rejecting_needs_a_note(web):
    owner = factories.defender()
    record = factories.need(owner, state="submitted")
    signed_in_coordinator(web)

    page = web.post(f"/coordinator/needs/{record.id}/triage", {"triage-action": "reject", "triage-note": "  "})
    assert "Say why the need is rejected" in page.get_data(as_text=True)
    assert record.state == "submitted"

    web.post(f"/coordinator/needs/{record.id}/triage",
             {"triage-action": "reject", "triage-note": "Not a legal threat."})
    assert record.state == "rejected"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "need.reject"))
    assert event.note == "Not a legal threat."


def test_triage_of_a_need_already_verified_is_a_clear_message(web):
    owner = factories.defender()
    record = factories.need(owner, state="verified")
    signed_in_coordinator(web)
    response = web.post(f"/coordinator/needs/{record.id}/triage",
                        {"triage-action": "reject", "triage-note": "Late."}, follow_redirects=True)
    assert response.status_code == 200
    assert "This cannot be done any more" in response.get_data(as_text=True)
    assert record.state == "verified"


def test_withdrawing_for_the_defender_needs_a_note_and_cancels_open_proposals(web):
    owner = factories.defender()
    record = factories.need(owner, state="verified")
    firm = factories.firm()
    offer = factories.offer(firm)
    db.session.commit()
    signed_in_coordinator(web)
    web.post(f"/coordinator/needs/{record.id}/propose",
             {"kind": "offer", "candidate_id": str(offer.id), "confirmed": "yes"})

    refused = web.post(f"/coordinator/needs/{record.id}/withdraw", {"withdraw-note": ""}).get_data(as_text=True)
    assert "Say why the need is withdrawn." in refused
    assert record.state == "proposed"

    web.post(f"/coordinator/needs/{record.id}/withdraw", {"withdraw-note": "She asked by phone."})
    assert record.state == "withdrawn"
    assert [match.state for match in record.matches] == ["cancelled"]


# Funds ----------------------------------------------------------------------

GOOD_FUND = {
    "name": "Rapid Response Fund", "run_by": "Defenders Foundation", "countries": ["HN", "GT"],
    "defender_kinds": ["journalist"], "covers": ["bail", "local_lawyer_funding"], "max_amount": "8000",
    "currency": "eur", "turnaround_days": "2", "how_to_apply": "Through a coordinator.", "active": "y",
}


def test_coordinator_adds_a_fund_to_the_catalogue(web):
    coordinator = signed_in_coordinator(web)

    response = web.post("/coordinator/funds/new", GOOD_FUND, follow_redirects=True)

    assert "Rapid Response Fund is in the catalogue." in response.get_data(as_text=True)
    fund = db.session.scalar(select(LegalAidFund))
    assert (fund.countries, fund.defender_kinds, fund.currency, fund.max_amount, fund.active) == (
        ["HN", "GT"], ["journalist"], "EUR", 8000, True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "fund.create"))
    assert (event.actor_id, event.subject_id) == (coordinator.id, fund.id)
    assert "Rapid Response Fund" in web.get("/coordinator/funds").get_data(as_text=True)


def test_a_bad_fund_is_refused_field_by_field_keeping_what_was_typed(web):
    signed_in_coordinator(web)
    bad = dict(GOOD_FUND, covers=[], max_amount="0", currency="ABC", turnaround_days="-1")

    page = web.post("/coordinator/funds/new", bad).get_data(as_text=True)

    assert "Choose at least one kind of help the fund covers." in page
    assert "Enter an amount from 1 to 1,000,000,000." in page
    assert "Enter an ISO 4217 currency code" in page
    assert "Enter a number of days from 0 to 3,650." in page
    assert 'value="Rapid Response Fund"' in page
    assert 'value="ABC"' in page
    assert db.session.scalar(select(LegalAidFund)) is None


def test_editing_a_fund_saves_it_and_records_what_changed(web):
    fund = factories.fund(name="Old Name", countries=["HN"])
    db.session.commit()
    signed_in_coordinator(web)
    form = web.get(f"/coordinator/funds/{fund.id}/edit").get_data(as_text=True)
    assert 'value="Old Name"' in form

    web.post(f"/coordinator/funds/{fund.id}/edit", dict(GOOD_FUND, countries=[], active=""))

    assert (fund.name, fund.countries, fund.active) == ("Rapid Response Fund", [], False)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "fund.edit"))
    assert "name" in event.note and "countries" in event.note and "active" in event.note
    assert "worldwide" in web.get("/coordinator/funds").get_data(as_text=True)


def test_editing_an_unknown_fund_answers_404(web):
    signed_in_coordinator(web)
    assert web.get("/coordinator/funds/9999/edit").status_code == 404



def test_coordinator_submits_a_need_taken_in_for_an_offline_defender(web):
    owner = factories.defender()
    owner.password_hash = None
    record = factories.need(owner, state="draft")
    factories.firm(name="Clean Chambers")
    db.session.commit()
    signed_in_coordinator(web)
    assert "Submit on the defender" in web.get(f"/coordinator/needs/{record.id}").get_data(as_text=True)

    web.post(f"/coordinator/needs/{record.id}/submit")

    assert record.state == "submitted"
    assert [check.result for check in record.checks] == ["clear"]


def test_a_defenders_draft_is_theirs_until_they_submit_it(web):
    draft = factories.need(factories.defender(), state="draft", summary="Only mine to read yet.")
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    assert web.get(f"/coordinator/needs/{draft.id}").status_code == 404
    assert web.post(f"/coordinator/needs/{draft.id}/withdraw", {"note": "asked by phone"}).status_code == 404
    assert web.post(f"/coordinator/needs/{draft.id}/submit").status_code == 404
    db.session.expire_all()
    assert draft.state == "draft"


def test_a_refused_note_is_summed_up_where_the_page_opens_with_a_link_to_its_field(web):
    owner = factories.defender()
    record = factories.need(owner, state="submitted")
    signed_in_coordinator(web)

    page = web.post(f"/coordinator/needs/{record.id}/triage",
                    {"triage-action": "reject", "triage-note": ""}).get_data(as_text=True)

    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "autofocus" in summary and 'role="alert"' in summary
    assert 'href="#triage-note"' in summary and "Say why the need is rejected" in summary
    assert 'id="triage-note"' in page
