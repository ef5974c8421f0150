"""A need gets a lawyer and the money to pay one: among firms the first acceptance wins, while funds
run alongside, before, beside or after counsel, and each reader is told who agreed to what."""

import html
import re

import pytest

from matcher.extensions import db
from tests import factories

SUMMARY = "Sued for denouncing a mine."


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def words(response) -> str:
    """A page's words without its markup, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))


def card(page: str, title: str) -> str:
    """The defender's card about one match, found by whom it is with."""
    start = page.index(title, page.index("Counsel and funds"))
    return page[start:page.index("</section>", start)]


@pytest.fixture
def world(app):
    """A verified need asking for representation and for a lawyer's fees, a firm able to take it, two
    funds that pay lawyers, and the people who act on it."""
    garza = factories.firm(name="Garza & Partners")
    alvarez = factories.firm(name="Alvarez & Partners")
    people = dict(
        owner=factories.defender(display_name="Rosa Quiroga"),
        coordinator=factories.coordinator(),
        garza_member=factories.firm_member(of=garza),
        alvarez_member=factories.firm_member(of=alvarez),
    )
    offers = dict(garza_offer=factories.offer(garza), alvarez_offer=factories.offer(alvarez))
    funds = dict(fondo=factories.fund(name="Fondo Defensores", covers=["local_lawyer_funding"]),
                 second_fund=factories.fund(name="Trial Costs Fund", covers=["local_lawyer_funding", "bail"]))
    need = factories.need(people["owner"], state="verified", help_wanted=["representation", "local_lawyer_funding"],
                          amount_needed=3000, currency="USD")
    db.session.commit()
    return dict(people, **offers, **funds, need=need)


def as_user(web, account):
    web.logout()
    web.login(account)


def propose(web, world, kind, target):
    response = web.post(f"/coordinator/needs/{world['need'].id}/propose",
                        {"kind": kind, "candidate_id": str(target.id), "confirmed": "yes"}, follow_redirects=True)
    return response, world["need"].matches[-1]


def mail_to(outbox, account) -> list[str]:
    return [message.subject for message in outbox if account.email in message.recipients]


def test_a_funds_acceptance_leaves_the_firms_proposal_open_and_the_firm_still_takes_the_need(web, world, outbox):
    as_user(web, world["coordinator"])
    _, ours = propose(web, world, "offer", world["garza_offer"])
    _, grant = propose(web, world, "fund", world["fondo"])
    assert "proposed to counsel and for funding" in text(web.get(f"/coordinator/needs/{world['need'].id}"))
    outbox.clear()

    accepted = text(web.post(f"/coordinator/matches/{grant.id}/accept", follow_redirects=True))

    assert "Accepted for the fund." in accepted
    assert (grant.state, ours.state, world["need"].state) == ("accepted", "proposed", "proposed")
    assert mail_to(outbox, world["owner"]) == ["A fund agreed to fund your case: your consent is needed"]
    assert "A fund agreed to fund a need" in mail_to(outbox, world["coordinator"])
    assert mail_to(outbox, world["garza_member"]) == [], "the firm is told nothing of a fund"
    outbox.clear()

    as_user(web, world["garza_member"])
    matter = text(web.get(f"/firm/matters/{ours.id}"))
    assert SUMMARY in matter and "Accept the matter" in matter
    taken = text(web.post(f"/firm/matters/{ours.id}/accept", follow_redirects=True))

    assert "You accepted the matter." in taken
    assert (ours.state, grant.state, world["need"].state) == ("accepted", "accepted", "accepted")
    assert world["garza_offer"].capacity_used == 1
    assert mail_to(outbox, world["owner"]) == ["A law firm agreed to represent you: your consent is needed"]
    assert "A law firm accepted to represent a defender" in mail_to(outbox, world["coordinator"])
    lines = words(web.get(f"/firm/matters/{ours.id}"))
    for wrong in ("fund", "Fondo", "taken"):
        assert wrong not in lines, f"the firm reads {wrong!r}"


def test_the_defender_sees_counsel_and_funding_each_for_what_it_is_and_consents_to_both(web, world, outbox):
    as_user(web, world["coordinator"])
    _, ours = propose(web, world, "offer", world["garza_offer"])
    _, grant = propose(web, world, "fund", world["fondo"])
    web.post(f"/coordinator/matches/{grant.id}/accept")
    as_user(web, world["garza_member"])
    web.post(f"/firm/matters/{ours.id}/accept")
    as_user(web, world["owner"])
    need_page = f"/defender/needs/{world['need'].id}"

    page = text(web.get(need_page))

    assert "representation and funding agreed, waiting for the defender's consent" in page
    counsel, funding = card(page, "Garza & Partners"), card(page, "Fondo Defensores")
    assert "representation accepted by the firm" in counsel and "agreed to represent you" in counsel
    assert "funding agreed by the fund" in funding and "Fondo Defensores agreed to fund your case." in funding
    for wrong in ("represent", "counsel", "contact details"):
        assert wrong not in funding, f"{wrong!r} said of a fund"
    assert "<dt>Funding asked</dt><dd>$3,000</dd>" in page.replace("\n", "")

    outbox.clear()
    for match in (grant, ours):
        web.post(f"/defender/matches/{match.id}/consent", {"confirmed": "yes"})

    assert (ours.state, grant.state, world["need"].state) == ("active", "active", "matched")
    assert mail_to(outbox, world["garza_member"]) == ["The defender consented: the matter is yours"]
    staff = mail_to(outbox, world["coordinator"])
    assert "A defender accepted a fund's funding" in staff and "A defender consented to counsel" in staff
    page = text(web.get(need_page))
    assert "You accepted the funding from Fondo Defensores" in page
    assert "You gave your consent: Garza & Partners has your contact details" in page
    assert all(SUMMARY not in message.body and "Minera" not in message.body for message in outbox)


def test_a_firms_acceptance_closes_the_other_firms_proposals_and_not_the_funds(web, world, outbox):
    as_user(web, world["coordinator"])
    _, ours = propose(web, world, "offer", world["garza_offer"])
    _, theirs = propose(web, world, "offer", world["alvarez_offer"])
    _, grant = propose(web, world, "fund", world["fondo"])
    outbox.clear()
    as_user(web, world["garza_member"])

    web.post(f"/firm/matters/{ours.id}/accept")

    assert (ours.state, theirs.state, grant.state) == ("accepted", "cancelled", "proposed")
    assert mail_to(outbox, world["alvarez_member"]) == ["A matter proposed to you has been taken"]
    as_user(web, world["alvarez_member"])
    lines = words(web.get(f"/firm/matters/{theirs.id}"))
    assert "The proposal was closed: the matter was taken" in lines
    assert "fund" not in lines and "Garza" not in lines
    as_user(web, world["coordinator"])
    web.post(f"/coordinator/matches/{grant.id}/accept")
    assert (grant.state, world["need"].state) == ("accepted", "accepted")


def test_once_a_firm_accepted_another_firm_is_refused_and_only_funds_are_listed(web, world):
    as_user(web, world["coordinator"])
    _, ours = propose(web, world, "offer", world["garza_offer"])
    as_user(web, world["garza_member"])
    web.post(f"/firm/matters/{ours.id}/accept")
    as_user(web, world["coordinator"])

    page = text(web.get(f"/coordinator/needs/{world['need'].id}"))
    refused, _ = propose(web, world, "offer", world["alvarez_offer"])

    candidates = page[page.index("<h2>Candidates</h2>"):page.index("<h2>Screening</h2>")]
    assert "A law firm has accepted this need, so only funds are listed" in candidates
    assert f'name="candidate_id" value="{world["fondo"].id}"' in candidates
    assert "Alvarez & Partners" not in candidates and "Propose to several offers" not in candidates
    assert "This cannot be done any more: it is accepted, waiting for the defender's consent." in text(refused)
    assert [m.offer_id for m in world["need"].matches] == [world["garza_offer"].id]


def test_requests_for_another_parties_answer_are_still_refused(web, world):
    as_user(web, world["coordinator"])
    _, ours = propose(web, world, "offer", world["garza_offer"])
    _, grant = propose(web, world, "fund", world["fondo"])

    as_user(web, world["alvarez_member"])
    assert web.post(f"/firm/matters/{ours.id}/accept").status_code == 404
    assert web.post(f"/coordinator/matches/{grant.id}/accept").status_code == 403
    as_user(web, world["owner"])
    assert web.post(f"/coordinator/matches/{grant.id}/accept").status_code == 403
    assert web.post(f"/defender/matches/{grant.id}/consent", {"confirmed": "yes"}).status_code in (302, 200)
    assert grant.state == "proposed", "consent is for what was accepted"
    as_user(web, factories.defender())
    assert web.post(f"/defender/matches/{grant.id}/consent", {"confirmed": "yes"}).status_code == 404
    as_user(web, world["coordinator"])
    refused = text(web.post(f"/coordinator/matches/{ours.id}/accept", follow_redirects=True))
    assert "You are not allowed to do that." in refused
    assert (ours.state, grant.state, world["garza_offer"].capacity_used) == ("proposed", "proposed", 0)


def test_a_second_fund_joins_a_need_that_has_counsel_and_the_need_closes_when_all_are_done(web, world, outbox):
    as_user(web, world["coordinator"])
    _, ours = propose(web, world, "offer", world["garza_offer"])
    _, grant = propose(web, world, "fund", world["fondo"])
    for match in (ours, grant):
        as_user(web, world["garza_member"] if match is ours else world["coordinator"])
        web.post(f"/firm/matters/{match.id}/accept" if match is ours else f"/coordinator/matches/{match.id}/accept")
        as_user(web, world["owner"])
        web.post(f"/defender/matches/{match.id}/consent", {"confirmed": "yes"})
    assert world["need"].state == "matched"

    as_user(web, world["coordinator"])
    page = text(web.get(f"/coordinator/needs/{world['need'].id}"))
    assert f'name="candidate_id" value="{world["second_fund"].id}"' in page
    proposed, second = propose(web, world, "fund", world["second_fund"])
    assert "Proposed to Trial Costs Fund." in text(proposed)
    web.post(f"/coordinator/matches/{second.id}/accept")
    assert (second.state, world["need"].state) == ("accepted", "matched")
    as_user(web, world["owner"])
    page = text(web.get(f"/defender/needs/{world['need'].id}"))
    assert "Trial Costs Fund agreed to fund your case." in card(page, "Trial Costs Fund")
    web.post(f"/defender/matches/{second.id}/consent", {"confirmed": "yes"})

    outbox.clear()
    as_user(web, world["garza_member"])
    web.post(f"/firm/matters/{ours.id}/close", {"hours": "40", "started_on": "2026-01-05", "ended_on": "2026-02-05",
                                                "outcome": "slapp_dismissed", "confirmed": "yes"})
    assert (ours.state, world["need"].state) == ("completed", "matched"), "the funds are still at work"
    assert mail_to(outbox, world["owner"]) == ["Your lawyer closed your matter"]
    as_user(web, world["coordinator"])
    for match in (grant, second):
        web.post(f"/coordinator/matches/{match.id}/complete",
                 {f"m{match.id}-amount": "800", f"m{match.id}-currency": "EUR",
                  f"m{match.id}-paid_for": "local_lawyer_funding"})
    assert world["need"].state == "closed"
    assert mail_to(outbox, world["owner"])[-1] == "The funding for your case is completed"


def test_a_need_asking_only_for_money_follows_its_funds(web, world):
    need = factories.need(world["owner"], state="verified", help_wanted=["local_lawyer_funding"])
    db.session.commit()
    world["need"] = need
    as_user(web, world["coordinator"])
    assert "verified, looking for funding" in text(web.get(f"/coordinator/needs/{need.id}"))
    _, first = propose(web, world, "fund", world["fondo"])
    _, second = propose(web, world, "fund", world["second_fund"])
    web.post(f"/coordinator/matches/{first.id}/accept")
    assert (first.state, second.state, need.state) == ("accepted", "proposed", "accepted")

    as_user(web, world["owner"])
    assert "funding agreed by a fund, waiting for the defender's consent" in text(web.get(f"/defender/needs/{need.id}"))
    web.post(f"/defender/matches/{first.id}/refuse", {"note": ""})

    assert (first.state, need.state) == ("refused", "proposed"), "the other fund's answer is awaited"
    assert "Waiting again for an answer from a fund" in text(web.get(f"/defender/needs/{need.id}"))


# A need that asks for money, but not for a lawyer ----------------------------------------


def warning(page: str) -> str:
    start = page.index("Money asked, but not for a lawyer")
    return page[start:page.index("</section>", start)]


def test_money_asked_without_a_lawyers_fees_is_warned_about_with_what_to_do(web, world):
    lawyers_fund = factories.fund(name="Lawyers Fund", covers=["local_lawyer_funding"], max_amount=9000)
    need = factories.need(world["owner"], state="submitted", help_wanted=["representation"],
                          amount_needed=5000, currency="USD")
    as_user(web, world["coordinator"])

    before = warning(text(web.get(f"/coordinator/needs/{need.id}")))
    web.post(f"/coordinator/needs/{need.id}/triage", {"triage-action": "verify", "triage-note": ""})
    page = text(web.get(f"/coordinator/needs/{need.id}"))
    after = warning(page)

    assert ("This need asks for money ($5,000) but not for funding for a local lawyer. Funds are matched on the "
            "kinds of help they cover, so every fund that pays only for a lawyer leaves it out.") in before
    assert "ask the defender for more information before you verify the need" in before
    assert "“Funding for a local lawyer”" in before
    assert "withdraws it and writes it again with “Funding for a local lawyer”" in after
    assert 'href="/coordinator/funds"' in after
    left_out = page[page.index("Left out by the filters"):]
    assert "Fund: Lawyers Fund" in left_out and "the fund does not cover the help wanted" in left_out
    assert f'name="candidate_id" value="{lawyers_fund.id}"' not in page


def test_bail_without_a_lawyers_fees_is_warned_about_and_a_lawyers_fees_are_not(web, world):
    bail = factories.need(world["owner"], state="verified", help_wanted=["representation", "bail"])
    as_user(web, world["coordinator"])

    assert "This need asks for money (bail) but not for funding for a local lawyer." in \
        warning(text(web.get(f"/coordinator/needs/{bail.id}")))
    assert "Money asked, but not for a lawyer" not in text(web.get(f"/coordinator/needs/{world['need'].id}"))
    plain = factories.need(world["owner"], state="verified")
    assert "Money asked, but not for a lawyer" not in text(web.get(f"/coordinator/needs/{plain.id}"))


def test_the_defender_sees_the_amount_asked_on_their_own_need(web, world):
    as_user(web, world["owner"])
    page = words(web.get(f"/defender/needs/{world['need'].id}"))
    assert "Funding asked $3,000" in page
    plain = factories.need(world["owner"])
    assert "Funding asked none" in words(web.get(f"/defender/needs/{plain.id}"))
