"""The defender's side through HTTP: writing, changing, submitting and following a need,
consenting to or refusing counsel, and the access rules around all of it."""

import html
import re
from datetime import date, timedelta

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, ConflictCheck, Need
from matcher.needs import workflow
from matcher.needs.forms import MAX_PARTIES
from tests import factories

SUMMARY = "Sued for defamation after denouncing a mine's pollution of a river."


def need_form(**overrides) -> dict:
    """What a browser posts for a complete need with one party."""
    data = {
        "threat": "slapp",
        "country": "HN",
        "languages": ["es", "en"],
        "help_wanted": ["representation", "advice"],
        "practice_areas": ["defamation"],
        "urgency": "urgent",
        "deadline": "",
        "summary": SUMMARY,
        "details": "Hearing at the district court of Tegucigalpa.",
        "handling": "quiet",
        "consent_share_summary": "y",
        "parties-0-name": "Minera Andina S.A.",
        "parties-0-kind": "organisation",
        "parties-0-country": "HN",
        "parties-0-aliases": "Andina Mining | MASA",
        "save": "Save draft",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def text(response) -> str:
    """The page as a reader sees it, entities decoded."""
    return html.unescape(response.get_data(as_text=True))


def signed_in_defender(web, **fields):
    account = factories.defender(**fields)
    db.session.commit()
    web.login(account)
    return account


def only_need() -> Need:
    return db.session.scalars(select(Need)).one()


def accepted_match(owner, firm_name="Alvarez & Partners"):
    """A verified need of ``owner`` proposed to a firm that accepted it."""
    firm = factories.firm(name=firm_name)
    offer = factories.offer(firm)
    member = factories.firm_member(of=firm)
    need = factories.need(owner, state="verified")
    coordinator = factories.coordinator()
    match = workflow.propose(coordinator, need, offer=offer)
    workflow.accept_match(member, match)
    db.session.commit()
    return match


# Registering and the dashboard ---------------------------------------------


def test_a_registered_defender_is_told_their_account_awaits_verification(web, outbox):
    response = web.post("/account/register/defender", {
        "pseudonym": "Rosa", "kinds": ["community"], "country": "HN", "languages": ["es"],
        "contact": "Signal @rosa", "email": "rosa@example.org",
        "password": "a long enough password", "confirm": "a long enough password",
    })
    assert "Check your email" in text(response)
    link = re.search(r"http://matcher\.test(/account/register/confirm/\S+)", outbox[-1].body).group(1)
    assert web.get(link).headers["Location"].endswith("/defender/")
    page = text(web.get("/defender/"))
    assert "waiting for a coordinator to verify it" in page
    assert "Write a new need" in page


def test_a_verified_defender_sees_their_needs_without_the_pending_notice(web):
    account = signed_in_defender(web)
    factories.need(account, summary="My own matter about a dam.")
    page = text(web.get("/defender/"))
    assert "My own matter about a dam." in page
    assert "waiting for a coordinator" not in page


# Writing a need --------------------------------------------------------------


def test_add_another_party_keeps_what_was_typed_and_the_draft_saves_both_parties(web):
    account = signed_in_defender(web)
    response = web.post("/defender/needs/new", need_form(save=None, add_party="Add another party"))
    page = text(response)
    assert response.status_code == 200
    assert 'name="parties-1-name"' in page
    assert "Minera Andina S.A." in page and SUMMARY in page
    assert db.session.scalar(select(Need)) is None

    response = web.post("/defender/needs/new", need_form(**{
        "parties-1-name": "Juan Pérez", "parties-1-kind": "person", "parties-1-country": "",
        "parties-1-aliases": "J. Pérez\nJuancho",
    }))
    need = only_need()
    assert response.headers["Location"].endswith(f"/defender/needs/{need.id}")
    assert need.state == "draft"
    assert need.defender_id == account.defender.id and need.created_by_id == account.id
    assert [(p.name, p.kind, p.aliases) for p in need.parties] == [
        ("Minera Andina S.A.", "organisation", ["Andina Mining", "MASA"]),
        ("Juan Pérez", "person", ["J. Pérez", "Juancho"]),
    ]
    assert need.help_wanted == ["representation", "advice"] and need.consent_share_summary


def test_add_another_party_opens_the_page_on_the_new_partys_name(web):
    signed_in_defender(web)
    page = text(web.get("/defender/needs/new"))
    assert 'action="/defender/needs/new"' in page, "saving goes to the page itself, never to a party's fragment"
    assert re.search(r'<input[^>]*formaction="#parties-1-name"[^>]*formnovalidate[^>]*name="add_party"', page)
    assert "autofocus" not in page

    page = text(web.post("/defender/needs/new", need_form(save=None, add_party="Add another party", threat="")))

    assert re.search(r'<input autofocus id="parties-1-name"', page)
    assert page.count("autofocus") == 1, "nothing else takes the focus: no error summary"
    assert 'formaction="#parties-2-name"' in page
    assert "Minera Andina S.A." in page and SUMMARY in page


def test_changing_a_need_adds_a_party_the_same_way(web):
    account = signed_in_defender(web)
    need = factories.need(account, parties=("Minera Andina S.A.", "Juan Pérez"))
    page = text(web.post(f"/defender/needs/{need.id}/edit", need_form(
        save=None, add_party="Add another party", **{"parties-1-name": "Juan Pérez"})))
    assert f'action="/defender/needs/{need.id}/edit"' in page
    assert re.search(r'<input autofocus id="parties-2-name"', page) and "Juan Pérez" in page


def test_a_need_at_the_most_parties_offers_no_more(web):
    signed_in_defender(web)
    rows = {f"parties-{i}-name": f"Party {i}" for i in range(MAX_PARTIES)}
    page = text(web.post("/defender/needs/new", need_form(save=None, add_party="Add another party", **rows)))
    assert f"A need can name at most {MAX_PARTIES} parties." in page
    assert 'name="add_party"' not in page and "autofocus" not in page


def test_a_need_without_summary_is_refused_and_the_typed_parties_are_kept(web):
    signed_in_defender(web)
    response = web.post("/defender/needs/new", need_form(summary="", **{
        "parties-1-name": "Juan Pérez", "parties-1-kind": "person", "parties-1-country": "",
    }))
    page = text(response)
    assert response.status_code == 200
    assert "Write a short summary." in page
    assert "Minera Andina S.A." in page and "Juan Pérez" in page
    assert db.session.scalar(select(Need)) is None


def test_blank_extra_party_rows_are_dropped_on_save(web):
    signed_in_defender(web)
    web.post("/defender/needs/new", need_form(**{
        "parties-1-name": "", "parties-1-kind": "organisation", "parties-1-country": "", "parties-1-aliases": "",
    }))
    assert [p.name for p in only_need().parties] == ["Minera Andina S.A."]


def test_a_need_naming_no_party_is_refused(web):
    signed_in_defender(web)
    response = web.post("/defender/needs/new", need_form(**{
        "parties-0-name": "", "parties-0-country": "", "parties-0-aliases": "",
    }))
    assert response.status_code == 200
    assert "Name at least one party on the other side." in text(response)
    assert db.session.scalar(select(Need)) is None


def test_a_party_row_with_other_names_but_no_name_is_refused(web):
    signed_in_defender(web)
    response = web.post("/defender/needs/new", need_form(**{
        "parties-1-name": "", "parties-1-kind": "person", "parties-1-country": "", "parties-1-aliases": "El Jefe",
    }))
    page = text(response)
    assert "Give this party's name, or empty the row." in page and "El Jefe" in page
    assert db.session.scalar(select(Need)) is None


def test_a_deadline_in_the_past_and_missing_help_are_refused(web):
    signed_in_defender(web)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = web.post("/defender/needs/new", need_form(deadline=yesterday, help_wanted=None))
    page = text(response)
    assert "This date has passed" in page
    assert "Choose at least one kind of help." in page
    assert db.session.scalar(select(Need)) is None


def test_a_defender_changes_their_draft(web):
    account = signed_in_defender(web)
    need = factories.need(account)
    form = text(web.get(f"/defender/needs/{need.id}/edit"))
    assert "Sued for denouncing a mine." in form and "Minera Andina S.A." in form
    hearing = (date.today() + timedelta(days=10)).isoformat()
    web.post(f"/defender/needs/{need.id}/edit", need_form(
        summary="A new summary.", deadline=hearing, **{"parties-0-name": "Andina Gold Ltd"},
    ))
    db.session.refresh(need)
    assert need.summary == "A new summary."
    assert need.deadline.isoformat() == hearing
    assert [p.name for p in need.parties] == ["Andina Gold Ltd"]
    assert "Need changed" in text(web.get(f"/defender/needs/{need.id}"))


def test_a_submitted_need_cannot_be_changed_any_more(web):
    account = signed_in_defender(web)
    need = factories.need(account, state="submitted")
    response = web.post(f"/defender/needs/{need.id}/edit", need_form(summary="Changed behind their back."))
    assert response.headers["Location"].endswith(f"/defender/needs/{need.id}")
    db.session.refresh(need)
    assert need.summary == "Sued for denouncing a mine."
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "can no longer be changed" in page


# Submitting, history, withdrawing -------------------------------------------


def test_submitting_screens_the_need_against_every_firm(web, outbox):
    account = signed_in_defender(web)
    conflicted = factories.firm(clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    clear = factories.firm(clients="C1,Banco Atlantida,,organisation,HN,,\n")
    staff = factories.coordinator()
    need = factories.need(account)
    response = web.post(f"/defender/needs/{need.id}/submit")
    assert response.headers["Location"].endswith(f"/defender/needs/{need.id}")
    db.session.refresh(need)
    assert need.state == "submitted"
    results = {c.firm_id: c.result for c in db.session.scalars(select(ConflictCheck))}
    assert results == {conflicted.id: "conflict", clear.id: "clear"}
    assert [m.recipients for m in outbox] == [[staff.email]]
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "Your need is submitted" in page and "Submitted to the coordinators" in page
    assert "conflict" not in page.lower()


def test_a_party_the_defender_says_is_a_person_is_screened_as_one(web):
    """A person whose surname is a trade word reads as a company by the name alone ("Gold"); said to
    be a person, the person rules find "J. Gold" in a list that has John Gold. The form's default
    kind, organisation, is not taken for the writer's word: the name decides, as before."""
    signed_in_defender(web)
    firm = factories.firm(clients="C1,John Gold,,person,HN,,\n")
    for kind, result in (("person", "potential"), ("organisation", "clear")):
        web.post("/defender/needs/new", need_form(**{"parties-0-name": "J. Gold", "parties-0-kind": kind,
                                                      "parties-0-aliases": ""}))
        need = db.session.scalars(select(Need).order_by(Need.id.desc())).first()
        assert need.parties[0].kind == kind
        web.post(f"/defender/needs/{need.id}/submit")
        check = db.session.scalars(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                              ConflictCheck.firm_id == firm.id)).one()
        assert check.result == result


def test_a_defender_reads_the_coordinators_request_and_submits_again(web):
    account = signed_in_defender(web)
    need = factories.need(account, state="submitted")
    workflow.request_info(factories.coordinator(display_name="Camila Internal"), need,
                          "Which court is the hearing at?")
    db.session.commit()
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "A coordinator asked for more information" in page
    assert "Which court is the hearing at?" in page
    assert "Camila Internal" not in page
    web.post(f"/defender/needs/{need.id}/edit", need_form(details="The district court of La Ceiba."))
    web.post(f"/defender/needs/{need.id}/submit")
    db.session.refresh(need)
    assert need.state == "submitted" and need.details == "The district court of La Ceiba."


def test_withdrawing_asks_for_confirmation_first(web):
    account = signed_in_defender(web)
    need = factories.need(account, state="submitted")
    assert "Yes, withdraw this need" in text(web.get(f"/defender/needs/{need.id}/withdraw"))
    response = web.post(f"/defender/needs/{need.id}/withdraw", {"note": "Settled."})
    assert response.status_code == 200
    assert "Tick the box to confirm." in text(response)
    db.session.refresh(need)
    assert need.state == "submitted"

    web.post(f"/defender/needs/{need.id}/withdraw", {"confirm": "y", "note": "Settled out of court."})
    db.session.refresh(need)
    assert need.state == "withdrawn"
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "Withdrawn" in page and "Settled out of court." in page


def test_submitting_a_withdrawn_need_says_why_it_cannot(web):
    account = signed_in_defender(web)
    need = factories.need(account)
    workflow.withdraw_need(account, need)
    db.session.commit()
    response = web.post(f"/defender/needs/{need.id}/submit", follow_redirects=True)
    assert response.status_code == 200
    assert "This cannot be done any more: it is withdrawn." in text(response)
    db.session.refresh(need)
    assert need.state == "withdrawn"


# Counsel: consent and refusal -------------------------------------------------


def test_a_proposed_firm_stays_unnamed_until_it_accepts(web):
    account = signed_in_defender(web)
    firm = factories.firm(name="Secretive Firm LLP")
    offer = factories.offer(firm)
    need = factories.need(account, state="verified")
    workflow.propose(factories.coordinator(), need, offer=offer)
    db.session.commit()
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "a law firm" in page
    assert "Secretive Firm LLP" not in page


def test_a_declining_firm_is_never_named_nor_its_reason_shown(web):
    account = signed_in_defender(web)
    firm = factories.firm(name="Busy Firm LLP")
    member = factories.firm_member(of=firm, display_name="Partner Person")
    need = factories.need(account, state="verified")
    match = workflow.propose(factories.coordinator(), need, offer=factories.offer(firm))
    workflow.decline_match(member, match, "Our partner is conflicted personally.")
    db.session.commit()
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "Declined" in page
    for secret in ("Busy Firm LLP", "Partner Person", "conflicted personally"):
        assert secret not in page


def test_a_defender_consents_and_then_sees_the_firms_contact(web, outbox):
    account = signed_in_defender(web)
    match = accepted_match(account)
    page = text(web.get(f"/defender/needs/{match.need_id}"))
    assert "Alvarez & Partners agreed to represent you" in page
    assert match.firm.contact_email not in page

    response = web.post(f"/defender/matches/{match.id}/consent", {"confirmed": "yes"}, follow_redirects=True)
    page = text(response)
    db.session.refresh(match)
    assert match.state == "active" and match.need.state == "matched"
    assert "You consented" in page
    for contact in (match.firm.contact_name, match.firm.contact_email, match.firm.contact_phone):
        assert contact in page
    assert any(member.email in m.recipients for m in outbox for member in match.firm.members)


def test_a_defender_refuses_an_accepted_firm(web):
    account = signed_in_defender(web)
    match = accepted_match(account)
    response = web.post(f"/defender/matches/{match.id}/refuse", {"note": "I know this firm's partner."},
                        follow_redirects=True)
    db.session.refresh(match)
    assert match.state == "refused" and match.need.state == "verified"
    assert match.offer.capacity_used == 0
    page = text(response)
    assert "You refused" in page and match.firm.contact_email not in page
    assert db.session.scalar(select(AuditEvent.note).where(AuditEvent.action == "match.refuse")) == (
        "I know this firm's partner."
    )


def test_consenting_twice_is_refused_with_a_message(web):
    account = signed_in_defender(web)
    match = accepted_match(account)
    web.post(f"/defender/matches/{match.id}/consent", {"confirmed": "yes"})
    response = web.post(f"/defender/matches/{match.id}/refuse", follow_redirects=True)
    assert response.status_code == 200
    assert "This cannot be done any more: it is active." in text(response)
    db.session.refresh(match)
    assert match.state == "active"


def test_a_fund_match_shows_the_fund_and_how_to_apply(web):
    account = signed_in_defender(web)
    fund = factories.fund(name="Bail Fund for Defenders", how_to_apply="Send the charge sheet to the fund.")
    need = factories.need(account, state="verified", help_wanted=["bail"])
    workflow.propose(factories.coordinator(), need, fund=fund)
    db.session.commit()
    page = text(web.get(f"/defender/needs/{need.id}"))
    assert "Bail Fund for Defenders" in page
    assert "Send the charge sheet to the fund." in page


# Access -------------------------------------------------------------------------


def test_a_defender_cannot_reach_another_defenders_need(web):
    other = factories.defender()
    theirs = factories.need(other, summary="Someone else's confidential matter.")
    signed_in_defender(web)
    for response in (
        web.get(f"/defender/needs/{theirs.id}"),
        web.get(f"/defender/needs/{theirs.id}/edit"),
        web.post(f"/defender/needs/{theirs.id}/edit", need_form(summary="Overwritten.")),
        web.post(f"/defender/needs/{theirs.id}/submit"),
        web.get(f"/defender/needs/{theirs.id}/withdraw"),
        web.post(f"/defender/needs/{theirs.id}/withdraw", {"confirm": "y"}),
    ):
        assert response.status_code == 404
        assert "Someone else's confidential matter." not in text(response)
    db.session.refresh(theirs)
    assert theirs.state == "draft" and theirs.summary == "Someone else's confidential matter."


def test_a_defender_cannot_answer_for_another_defenders_match(web):
    match = accepted_match(factories.defender())
    signed_in_defender(web)
    assert web.post(f"/defender/matches/{match.id}/consent", {"confirmed": "yes"}).status_code == 404
    assert web.post(f"/defender/matches/{match.id}/refuse").status_code == 404
    db.session.refresh(match)
    assert match.state == "accepted"


def test_an_unknown_need_answers_404(web):
    signed_in_defender(web)
    assert web.get("/defender/needs/999999").status_code == 404


def test_a_defender_cannot_reach_coordinator_or_firm_pages(web):
    signed_in_defender(web)
    for url in ("/coordinator/", "/firm/"):
        assert web.get(url).status_code == 403


def test_other_roles_cannot_use_the_defender_pages(web):
    web.login(factories.coordinator())
    db.session.commit()
    assert web.get("/defender/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(web):
    response = web.get("/defender/needs/new")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(web):
    account = signed_in_defender(web)
    need = factories.need(account)
    assert web.post(f"/defender/needs/{need.id}/submit", csrf=False).status_code == 400
    assert web.post("/defender/needs/new", need_form(), csrf=False).status_code == 400
    db.session.refresh(need)
    assert need.state == "draft"
    assert db.session.scalars(select(Need)).all() == [need]



def test_consenting_first_says_what_the_firm_will_receive_and_changes_nothing(web):
    account = signed_in_defender(web)
    match = accepted_match(account)

    page = text(web.post(f"/defender/matches/{match.id}/consent"))

    assert "Once you consent, Alvarez & Partners receives your name" in page
    assert 'name="confirmed" value="yes"' in page and f'href="/defender/needs/{match.need_id}"' in page
    db.session.refresh(match)
    assert match.state == "accepted"
