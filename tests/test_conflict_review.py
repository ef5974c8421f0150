"""Coordinators review screening hits: confirm, clear or waive, each with a note, remembered by name."""

import io
import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from matcher.accounts import privacy
from matcher.conflicts import screening
from matcher.conflicts.reasons import hit_reason
from matcher.conflicts.screening import decision_key
from matcher.extensions import db
from matcher.models import AuditEvent, ConflictCheck, ConflictDecision, ConflictHit, Match
from tests import factories

HEADER = "id,name,aliases,kind,country,parent_id,lei\n"
CLIENTS = "C1,Minera Andina S.A.,,organisation,HN,,\nC2,Banco Reservado S.A.,,organisation,HN,,\n"
# "Minera Andina Norte" has an extra word beside client C1's name: the engine bands it for review.
PARTY = "Minera Andina Norte"



def _setup(**need_fields):
    firm = factories.firm(name="Bufete Minero", clients=CLIENTS)
    offer = factories.offer(firm, title="Mining-side capacity")
    need = factories.need(factories.defender(), parties=(PARTY,), state="verified", **need_fields)
    return firm, offer, need


def _signed_in(web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    return account


def _check(need, firm) -> ConflictCheck:
    db.session.expire_all()
    return db.session.scalar(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                         ConflictCheck.firm_id == firm.id))


def _hit(need, firm) -> ConflictHit:
    (hit,) = _check(need, firm).hits
    return hit


def _screen_token(web, need, hit) -> str:
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    form = page[page.index(f'id="hit-{hit.id}"'):]
    return re.search(r'name="screen" value="([^"]+)"', form).group(1)


# Who agreed to a waiver and when: every waiver says so.
AGREEMENT = {"agreed_by": "Ana Ruiz (partner) for the firm; the defender", "agreed_on": "2026-11-30"}


def _decide(web, need, hit, decision, note, fields=None, **kwargs):
    data = {"decision": decision, "note": note, "screen": _screen_token(web, need, hit),
            **(AGREEMENT if decision == "waived" else {}), **(fields or {})}
    return web.post(f"/coordinator/needs/{need.id}/hits/{hit.id}/decide", data, **kwargs)


def _propose(web, need, offer):
    return web.post(f"/coordinator/needs/{need.id}/propose",
                    {"kind": "offer", "candidate_id": str(offer.id), "confirmed": "yes"}, follow_redirects=True)


def _upload(web, member, text):
    web.login(member)
    response = web.post("/firm/clients/upload",
                        {"file": (io.BytesIO((HEADER + text).encode()), "clients.csv")},
                        content_type="multipart/form-data")
    web.logout()
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_spanish_reading_coordinator_reads_the_hit_its_band_and_the_result_in_spanish(web):
    firm, _offer, need = _setup()
    _signed_in(web).language = "es"
    db.session.commit()
    hit = _hit(need, firm)
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    row = page[page.index(f'id="hit-{hit.id}"'):page.index("</tr>", page.index(f'id="hit-{hit.id}"'))]
    assert "<td>por revisar</td><td>0,83</td>" in row
    assert "se parece al nombre del cliente, puntuación 0,83: palabras adicionales: &#39;norte&#39;" in row
    assert "posible conflicto</span>" in page


def test_a_review_hit_is_shown_with_band_score_and_reason_and_blocks_the_firm(web):
    firm, offer, need = _setup()
    _signed_in(web)
    hit = _hit(need, firm)
    assert (hit.band, hit.client_external_id, hit.decision) == ("review", "C1", None)
    assert _check(need, firm).result == "potential"

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    row = page[page.index(f'id="hit-{hit.id}"'):page.index("</tr>", page.index(f'id="hit-{hit.id}"'))]
    assert "<td>to review</td>" in row and f"{hit.score:.2f}" in row and str(escape(hit_reason(hit.reason))) in row
    assert "extra words: &#39;norte&#39;" in row and '<span class="badge">extra words</span>' in row
    assert 'name="decision"' in row and 'name="note"' in row
    assert "Banco Reservado" not in page

    response = _propose(web, need, offer)
    assert "cannot be proposed" in response.get_data(as_text=True)
    assert db.session.scalars(select(Match)).all() == []


def test_clearing_needs_a_note_and_then_the_firm_can_be_proposed(web):
    firm, offer, need = _setup()
    coordinator = _signed_in(web)
    hit = _hit(need, firm)

    refused = _decide(web, need, hit, "cleared", "   ")
    assert refused.status_code == 200
    assert "Write a note saying why" in refused.get_data(as_text=True)
    assert _hit(need, firm).decision is None

    response = _decide(web, need, hit, "cleared", "Different company: Norte is a cooperative in Olancho.",
                       follow_redirects=True)

    text = response.get_data(as_text=True)
    assert "The hit on Bufete Minero is cleared." in text
    assert "Bufete Minero&#39;s screening for this need is now: clear." in text
    hit = _hit(need, firm)
    assert (hit.decision, hit.decided_by_id) == ("cleared", coordinator.id)
    assert hit.decision_note == "Different company: Norte is a cooperative in Olancho."
    assert hit.decided_at is not None
    assert _check(need, firm).result == "clear"
    remembered = db.session.scalar(select(ConflictDecision))
    assert (remembered.firm_id, remembered.party_key, remembered.client_external_id, remembered.client_key,
            remembered.decision) == (firm.id, decision_key("Minera Andina Norte"), "C1",
                                     decision_key("Minera Andina S.A."), "cleared")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "conflict.cleared"))
    assert (event.need_id, event.actor_id, event.from_state, event.to_state) == (need.id, coordinator.id,
                                                                                  "potential", "clear")
    assert event.note == "Different company: Norte is a cooperative in Olancho."
    assert (event.subject_type, event.subject_id) == ("conflict_decision", remembered.id)
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    row = page[page.index(f'id="hit-{hit.id}"'):page.index("</tr>", page.index(f'id="hit-{hit.id}"'))]
    assert "result-clear\">cleared</span>" in row and "Norte is a cooperative in Olancho." in row
    assert 'name="note"' not in row

    proposed = _propose(web, need, offer)
    assert "Proposed to Bufete Minero: Mining-side capacity." in proposed.get_data(as_text=True)
    (match,) = db.session.scalars(select(Match)).all()
    assert match.firm_id == firm.id


def test_a_refused_decision_form_keeps_the_note_typed(web):
    firm, _, need = _setup()
    _signed_in(web)
    hit = _hit(need, firm)

    response = _decide(web, need, hit, "ignored", "Checked the mining registry of Honduras.")

    text = response.get_data(as_text=True)
    assert "Not a valid choice" in text
    assert "Checked the mining registry of Honduras.</textarea>" in text
    assert _hit(need, firm).decision is None


def test_a_confirmed_hit_keeps_the_firm_blocked(web):
    firm, offer, need = _setup()
    _signed_in(web)

    _decide(web, need, _hit(need, firm), "confirmed", "Norte is the client's own subsidiary.")

    assert _hit(need, firm).decision == "confirmed"
    assert _check(need, firm).result == "conflict"
    _propose(web, need, offer)
    assert db.session.scalars(select(Match)).all() == []


def test_a_waiver_lets_the_firm_be_proposed(web):
    firm, offer, need = _setup()
    _signed_in(web)

    _decide(web, need, _hit(need, firm), "waived", "The defender accepts; the firm built a wall.")

    assert _check(need, firm).result == "clear"
    assert "Proposed to Bufete Minero" in _propose(web, need, offer).get_data(as_text=True)


def test_a_waiver_says_who_agreed_and_when_and_is_shown_on_the_hit(web):
    firm, _offer, need = _setup()
    _signed_in(web)

    _decide(web, need, _hit(need, firm), "waived", "Both sides consented in writing.")

    hit = _hit(need, firm)
    assert (hit.remembered.agreed_by, hit.remembered.agreed_on.isoformat(), hit.remembered.need_id) == (
        AGREEMENT["agreed_by"], "2026-11-30", None)
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    row = page[page.index(f'id="hit-{hit.id}"'):page.index("</tr>", page.index(f'id="hit-{hit.id}"'))]
    assert "Ana Ruiz (partner) for the firm; the defender, Nov 30, 2026" in row
    assert "every need naming this party against this client" in row


@pytest.mark.parametrize(("fields", "error"), [
    ({"agreed_by": "", "agreed_on": ""}, "Say who agreed to the waiver."),
    ({"agreed_on": ""}, "Give the day the waiver was agreed."),
    ({"agreed_on": "2999-01-01"}, "The day the waiver was agreed cannot be in the future."),
])
def test_a_waiver_without_who_agreed_or_when_is_refused_with_what_was_typed_kept(web, fields, error):
    firm, _offer, need = _setup()
    _signed_in(web)
    hit = _hit(need, firm)

    response = _decide(web, need, hit, "waived", "Consent by phone.", fields)

    page = response.get_data(as_text=True)
    assert response.status_code == 200 and error in page
    assert "Consent by phone." in page
    assert _hit(need, firm).decision is None and _check(need, firm).result == "potential"


def test_a_decision_for_this_need_only_is_not_applied_to_another_need(web):
    firm, _offer, need = _setup()
    _signed_in(web)
    _decide(web, need, _hit(need, firm), "waived", "For this case only.", {"scope": "need"})
    assert _hit(need, firm).remembered.need_id == need.id

    later = factories.need(factories.defender(), parties=(PARTY,), state="verified")

    assert _hit(later, firm).decision is None and _check(later, firm).result == "potential"
    assert _check(need, firm).result == "clear"


def test_a_decision_lapses_when_the_names_no_longer_match_the_way_they_did(web):
    firm, _offer, need = _setup()
    _signed_in(web)
    _decide(web, need, _hit(need, firm), "waived", "Agreed for a likeness.")
    remembered = _hit(need, firm).remembered
    remembered.basis = "review:similar"  # decided when the names matched another way
    db.session.commit()

    screening.screen_need(need)

    assert _hit(need, firm).decision is None and _check(need, firm).result == "potential"


def test_erasing_a_need_removes_its_own_decisions_and_the_hits_reasons(web):
    firm, _offer, need = _setup()
    _signed_in(web)
    _decide(web, need, _hit(need, firm), "waived", "For this case only.", {"scope": "need"})

    privacy.erase_need(need)
    db.session.commit()

    hit = _hit(need, firm)
    assert hit.remembered is None and db.session.scalars(select(ConflictDecision)).all() == []
    assert PARTY not in hit.reason and PARTY not in hit.party_name


def test_a_decision_is_remembered_when_the_firm_uploads_the_same_list_again(web):
    firm, _, need = _setup()
    member = factories.firm_member(of=firm)
    _signed_in(web)
    old_hit = _hit(need, firm)
    _decide(web, need, old_hit, "cleared", "Not the same entity.")
    web.logout()

    _upload(web, member, CLIENTS)

    hit = _hit(need, firm)
    assert (hit.decision, hit.decision_note) == ("cleared", "Not the same entity.")
    assert _check(need, firm).result == "clear"


def test_a_decision_is_forgotten_when_the_client_is_renamed(web):
    firm, offer, need = _setup()
    member = factories.firm_member(of=firm)
    _signed_in(web)
    _decide(web, need, _hit(need, firm), "cleared", "Not the same entity.")
    web.logout()

    _upload(web, member, CLIENTS.replace("Minera Andina S.A.", "Minera Andina Ltda"))

    hit = _hit(need, firm)
    assert (hit.client_name, hit.band, hit.decision) == ("Minera Andina Ltda", "review", None)
    assert _check(need, firm).result == "potential"


def test_a_decision_applies_to_a_later_need_naming_the_same_party(web):
    firm, _, need = _setup()
    _signed_in(web)
    _decide(web, need, _hit(need, firm), "cleared", "Not the same entity.")

    later = factories.need(factories.defender(), parties=(PARTY.upper(),), state="submitted")

    assert _hit(later, firm).decision == "cleared"
    assert _check(later, firm).result == "clear"


def test_a_decision_is_forgotten_when_the_party_is_renamed(app, web):
    firm, _, need = _setup()
    _signed_in(web)
    _decide(web, need, _hit(need, firm), "cleared", "Not the same entity.")
    need.parties[0].name = "Minera Andina del Norte"
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["conflicts", "rescreen"])

    assert result.exit_code == 0, result.output
    hit = _hit(need, firm)
    assert (hit.party_name, hit.band, hit.decision) == ("Minera Andina del Norte", "review", None)
    assert _check(need, firm).result == "potential"


def test_a_hit_decided_already_or_screened_again_is_not_decided_twice(app, web):
    firm, _, need = _setup()
    _signed_in(web)
    hit = _hit(need, firm)
    token = _screen_token(web, need, hit)
    url = f"/coordinator/needs/{need.id}/hits/{hit.id}/decide"
    web.post(url, {"decision": "cleared", "note": "First look.", "screen": token})

    again = web.post(url, {"decision": "confirmed", "note": "Second look.", "screen": token},
                     follow_redirects=True)

    assert "This hit was already decided: cleared." in again.get_data(as_text=True)
    assert _hit(need, firm).decision == "cleared"

    app.test_cli_runner().invoke(args=["conflicts", "rescreen"])
    stale = web.post(url, {"decision": "confirmed", "note": "Third look.", "screen": token},
                     follow_redirects=True)

    assert "The need was screened again since that page was loaded" in stale.get_data(as_text=True)
    assert _hit(need, firm).decision_note == "First look."


def test_a_firm_member_or_defender_cannot_decide_a_hit_nor_see_it(web):
    firm, _, need = _setup()
    member = factories.firm_member(of=firm)
    owner = need.defender.user
    hit = _hit(need, firm)
    db.session.commit()
    for account in (member, owner):
        web.login(account)
        response = web.post(f"/coordinator/needs/{need.id}/hits/{hit.id}/decide",
                            {"decision": "cleared", "note": "Let me in."})
        assert response.status_code == 403
        queue = web.get("/coordinator/reviews")
        assert queue.status_code == 403
        assert "Minera Andina S.A." not in queue.get_data(as_text=True)
        home = web.get("/firm/" if account is member else f"/defender/needs/{need.id}").get_data(as_text=True)
        # The client's id as a word: random tokens on the page (a CSRF token, a nonce) may hold "C1".
        assert "Minera Andina S.A." not in home and not re.search(r"\bC1\b", home)
        web.logout()
    assert _hit(need, firm).decision is None
    assert db.session.scalars(select(ConflictDecision)).all() == []


def test_a_decision_without_a_csrf_token_is_refused(web):
    firm, _, need = _setup()
    _signed_in(web)
    hit = _hit(need, firm)
    response = web.post(f"/coordinator/needs/{need.id}/hits/{hit.id}/decide",
                        {"decision": "cleared", "note": "No token."}, csrf=False)
    assert response.status_code == 400
    assert _hit(need, firm).decision is None


def test_the_review_queue_lists_every_undecided_hit_most_urgent_need_first(web):
    firm = factories.firm(name="Bufete Minero", clients=CLIENTS)
    owner = factories.defender()
    standard = factories.need(owner, parties=(PARTY,), state="verified", urgency="standard")
    emergency = factories.need(owner, parties=("Banco Reservado del Sur",), state="verified", urgency="emergency")
    certain = factories.need(owner, parties=("Minera Andina S.A.",), state="verified", urgency="emergency")
    decided = factories.need(owner, parties=("Andina Minerals Ltd",), state="verified", urgency="emergency")
    withdrawn = factories.need(owner, parties=(PARTY,), state="submitted", urgency="emergency")
    _signed_in(web)
    _decide(web, decided, _hit(decided, firm), "cleared", "Another company.")
    web.post(f"/coordinator/needs/{withdrawn.id}/withdraw", {"withdraw-note": "The defender asked."})
    assert withdrawn.state == "withdrawn"

    page = web.get("/coordinator/reviews").get_data(as_text=True)

    assert 'href="/coordinator/reviews"' in page
    listed = re.findall(r'href="/coordinator/needs/(\d+)">#', page)
    assert set(listed[:2]) == {str(emergency.id), str(certain.id)} and listed[2:] == [str(standard.id)]
    assert "Banco Reservado del Sur" in page and "Banco Reservado S.A." in page and "(C2)" in page
    assert "extra words: &#39;sur&#39;" in page and "Bufete Minero" in page
    assert "<td>conflict 1.00</td>" in page  # the conflict band waits for a decision too
    assert str(decided.id) not in listed and str(withdrawn.id) not in listed


def test_coordinators_are_told_when_a_client_list_upload_finds_new_hits_and_only_then(web, outbox):
    firm, _offer, need = _setup()
    member = factories.firm_member(of=firm)
    coordinator = factories.coordinator()
    db.session.commit()
    outbox.clear()

    _upload(web, member, CLIENTS)  # the same list: the same hits, nothing new to tell
    assert not [m for m in outbox if coordinator.email in m.recipients]

    _upload(web, member, CLIENTS + "C3,Minera Andina Norte Holdings,,organisation,HN,,\n")
    (alert,) = [m for m in outbox if coordinator.email in m.recipients]
    assert "new hits to review" in alert.subject
    assert "/coordinator/reviews" in alert.body
    assert PARTY not in alert.body and "Bufete Minero" not in alert.body and need.summary not in alert.body


def test_deciding_from_the_queue_returns_to_the_queue(web):
    firm, _, need = _setup()
    _signed_in(web)
    hit = _hit(need, firm)
    page = web.get(f"/coordinator/needs/{need.id}/hits/{hit.id}").get_data(as_text=True)
    assert "Minera Andina S.A." in page and "Banco Reservado" not in page
    token = re.search(r'name="screen" type="hidden" value="([^"]+)"', page).group(1)

    response = web.post(f"/coordinator/needs/{need.id}/hits/{hit.id}/decide",
                        {"decision": "waived", "note": "Agreed by both.", "screen": token,
                         "next": "/coordinator/reviews", **AGREEMENT})

    assert response.status_code == 302 and response.headers["Location"].endswith("/coordinator/reviews")
    assert "Nothing to review." in web.get("/coordinator/reviews").get_data(as_text=True)
