"""Every reader's history of a need reads as plain sentences, in their language, naming only
whom they may know; a fund's acceptance says funding, a firm's says representation."""

import html
import re

import pytest

from matcher.conflicts import registry
from matcher.extensions import db
from matcher.needs import workflow
from tests import factories

ADVERSE = "Minera Andina S.A."


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def history(response) -> str:
    """The history table of a page, as its words."""
    section = text(response).split('id="history"', 1)[1].split("</table>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


@pytest.fixture
def world(app):
    """A verified need, two firms able to take it, a fund, and the people who act on it."""
    garza = factories.firm(name="Garza & Partners", clients="G-1,Banco del Sur,,organisation,HN,,\n")
    alvarez = factories.firm(name="Alvarez & Partners")
    people = dict(
        owner=factories.defender(display_name="Rosa Quiroga"),
        coordinator=factories.coordinator(display_name="Camila Ortiz"),
        garza_member=factories.firm_member(of=garza, display_name="Gabriel Garza"),
        alvarez_member=factories.firm_member(of=alvarez, display_name="Ana Alvarez"),
    )
    need = factories.need(people["owner"], state="verified", parties=(ADVERSE,))
    db.session.commit()
    return dict(people, garza=garza, alvarez=alvarez, need=need, fund=factories.fund(name="Fondo Defensores"))


def _propose(world, firm):
    match = workflow.propose(world["coordinator"], world["need"], offer=factories.offer(firm))
    db.session.commit()
    return match


def _propose_fund(world):
    match = workflow.propose(world["coordinator"], world["need"], fund=world["fund"])
    db.session.commit()
    return match


# Staff ------------------------------------------------------------------------


def test_the_coordinators_trail_says_who_did_what_in_sentences_without_codes(web, world):
    match = _propose(world, world["alvarez"])
    workflow.accept_match(world["alvarez_member"], match)
    workflow.confirm_match(world["owner"], match)
    db.session.commit()
    web.login(world["coordinator"])

    trail = history(web.get(f"/coordinator/needs/{world['need'].id}"))

    for line in ("Submitted to the coordinators", "Verified by a coordinator", "Proposed to Alvarez & Partners",
                 "Representation accepted by Alvarez & Partners",
                 "The defender gave consent: Alvarez & Partners has their contact details"):
        assert line in trail
    for who in ("Camila Ortiz", "Ana Alvarez", "Rosa Quiroga"):
        assert who in trail
    for code in ("need.", "match.", "→", "proposed to counsel"):
        assert code not in trail
    assert trail.count("Proposed to Alvarez") == 1, "the need's own move made with the match's is not repeated"


def test_a_firm_ending_by_a_screen_change_tells_staff_why(web, world):
    match = _propose(world, world["garza"])
    workflow.replace_registry(world["coordinator"], registry.Parsed([(ADVERSE, "Banco del Sur")], 0))
    db.session.commit()
    assert match.state == "cancelled"
    web.login(world["coordinator"])

    trail = history(web.get(f"/coordinator/needs/{world['need'].id}"))

    assert "Ended with Garza & Partners: the firm's conflict screen for this need is no longer clear" in trail
    assert "Back with the coordinators, who look for help again" in trail


def test_the_audit_log_puts_each_event_in_words_and_keeps_its_code(web, world):
    _propose(world, world["alvarez"])
    web.login(world["coordinator"])
    page = text(web.get(f"/coordinator/audit?need={world['need'].id}"))
    assert "Proposed to Alvarez & Partners" in page and "match.propose" in page
    assert "The need is now proposed, waiting for an answer" in page
    assert "verified, looking for counsel → proposed, waiting for an answer" in page


# The defender -----------------------------------------------------------------


def test_the_defender_reads_whom_a_step_was_with_only_once_the_firm_accepted(web, world):
    declined = _propose(world, world["garza"])
    workflow.decline_match(world["garza_member"], declined, "Our partner sits on the mine's board.")
    taken = _propose(world, world["alvarez"])
    workflow.accept_match(world["alvarez_member"], taken)
    db.session.commit()
    web.login(world["owner"])

    lines = history(web.get(f"/defender/needs/{world['need'].id}"))

    assert "Proposed to a law firm" in lines and "Declined by a law firm" in lines
    assert "Representation accepted by Alvarez & Partners" in lines
    for secret in ("Garza", "sits on the mine's board", "Camila Ortiz", "Ana Alvarez"):
        assert secret not in lines


def test_a_defender_never_reads_of_a_conflict_screen(web, world):
    _propose(world, world["garza"])
    workflow.replace_registry(world["coordinator"], registry.Parsed([(ADVERSE, "Banco del Sur")], 0))
    db.session.commit()
    web.login(world["owner"])

    lines = history(web.get(f"/defender/needs/{world['need'].id}"))

    assert "Closed with a law firm: the firm can no longer take the matter" in lines
    assert "The platform" in lines
    assert "conflict" not in lines.lower() and "Garza" not in lines


# A fund's acceptance -----------------------------------------------------------


def test_a_funds_acceptance_reads_as_funding_not_as_counsel(web, world, outbox):
    match = _propose_fund(world)
    web.login(world["coordinator"])
    assert "proposed to the fund" in text(web.get(f"/coordinator/needs/{world['need'].id}"))
    web.post(f"/coordinator/matches/{match.id}/accept")
    trail = history(web.get(f"/coordinator/needs/{world['need'].id}"))
    assert "Proposed to Fondo Defensores for funding" in trail and "Funding agreed by Fondo Defensores" in trail

    [mail] = [m for m in outbox if world["owner"].email in m.recipients]
    assert mail.subject == "A fund agreed to fund your case: your consent is needed"

    web.logout()
    web.login(world["owner"])
    page = text(web.get(f"/defender/needs/{world['need'].id}"))
    # The need asks for representation: its own state follows counsel, which it has not found yet.
    assert "verified, looking for counsel" in page
    assert "funding agreed by the fund, waiting for the defender's consent" in page
    assert "Fondo Defensores agreed to fund your case." in page
    lines = history(web.get(f"/defender/needs/{world['need'].id}"))
    assert "Funding agreed by Fondo Defensores" in lines
    card = page.split("Counsel and funds", 1)[1].split("<h2", 1)[0]
    for wrong in ("counsel", "Representation", "represent you", "contact details"):
        assert wrong not in card and wrong not in lines, f"{wrong!r} said of a fund"

    consented = text(web.post(f"/defender/matches/{match.id}/consent", {"confirmed": "yes"}, follow_redirects=True))
    assert "You consented: the coordinators go ahead with the funding from Fondo Defensores." in consented
    assert "You accepted the funding from Fondo Defensores" in consented


def test_a_defender_turning_down_a_fund_is_told_so(web, world):
    match = _propose_fund(world)
    workflow.accept_match(world["coordinator"], match)
    db.session.commit()
    web.login(world["owner"])
    page = text(web.post(f"/defender/matches/{match.id}/refuse", {"note": ""}, follow_redirects=True))
    assert "You turned down the funding. The coordinators will look for other help." in page
    assert "You turned down the funding from Fondo Defensores" in page


def test_a_firms_acceptance_asks_the_defender_about_representation(world, outbox):
    match = _propose(world, world["alvarez"])
    workflow.accept_match(world["alvarez_member"], match)
    db.session.commit()
    [mail] = [m for m in outbox if world["owner"].email in m.recipients]
    assert mail.subject == "A law firm agreed to represent you: your consent is needed"


# A firm -------------------------------------------------------------------------


def test_a_firm_reads_its_own_matters_story_and_never_another_firms_name(web, world):
    passed_over = _propose(world, world["garza"])
    taken = _propose(world, world["alvarez"])
    workflow.accept_match(world["alvarez_member"], taken)
    db.session.commit()
    web.login(world["garza_member"])

    lines = history(web.get(f"/firm/matters/{passed_over.id}"))

    assert "Proposed to your firm" in lines and "A coordinator" in lines
    assert "The proposal was closed: the matter was taken" in lines and "The platform" in lines
    for secret in ("Alvarez", "Ana Alvarez", "Camila Ortiz", "another firm", "Rosa Quiroga"):
        assert secret not in lines


def test_the_accepting_firm_reads_its_members_and_never_the_defenders_note(web, world):
    match = _propose(world, world["alvarez"])
    workflow.accept_match(world["alvarez_member"], match)
    workflow.refuse_match(world["owner"], match, "I know one of their partners.")
    db.session.commit()
    web.login(world["alvarez_member"])

    lines = history(web.get(f"/firm/matters/{match.id}"))

    assert "Your firm accepted to represent the defender" in lines and "Ana Alvarez" in lines
    assert "The defender did not take up your firm's acceptance" in lines and "The defender" in lines
    assert "I know one of their partners" not in lines and "Rosa Quiroga" not in lines


def test_a_declining_firm_reads_its_own_reason(web, world):
    match = _propose(world, world["garza"])
    workflow.decline_match(world["garza_member"], match, "No partner free before the hearing.")
    db.session.commit()
    web.login(world["garza_member"])
    lines = history(web.get(f"/firm/matters/{match.id}"))
    assert "Your firm declined the matter" in lines and "No partner free before the hearing." in lines


def test_a_firm_whose_screen_turned_reads_only_that_the_matter_was_withdrawn(web, world):
    match = _propose(world, world["garza"])
    workflow.replace_registry(world["coordinator"], registry.Parsed([(ADVERSE, "Banco del Sur")], 0))
    db.session.commit()
    web.login(world["garza_member"])
    lines = history(web.get(f"/firm/matters/{match.id}"))
    assert "The matter was withdrawn" in lines and "The platform" in lines
    assert "conflict" not in lines.lower() and "Camila Ortiz" not in lines


# Languages ----------------------------------------------------------------------


def test_each_reader_reads_the_history_in_their_own_language(web, world):
    world["owner"].language, world["alvarez_member"].language, world["coordinator"].language = "es", "fr", "pt"
    match = _propose(world, world["alvarez"])
    workflow.accept_match(world["alvarez_member"], match)
    db.session.commit()
    need_page = f"/defender/needs/{world['need'].id}"

    web.login(world["owner"])
    lines = history(web.get(need_page))
    assert "Representación aceptada por Alvarez & Partners" in lines and "Propuesta a Alvarez & Partners" in lines
    assert "representación aceptada por una firma de abogados" in text(web.get(need_page))
    web.logout()

    web.login(world["alvarez_member"])
    lines = history(web.get(f"/firm/matters/{match.id}"))
    assert "Proposée à votre cabinet" in lines and "Votre cabinet a accepté de représenter le défenseur" in lines
    web.logout()

    web.login(world["coordinator"])
    lines = history(web.get(f"/coordinator/needs/{world['need'].id}"))
    assert "Proposto a Alvarez & Partners" in lines and "Representação aceita por Alvarez & Partners" in lines
