"""Positional conflicts: a firm declares what it does not act against (a sector, a kind of matter, a
company, in a country or any), and a need under a declaration is a potential conflict for that firm
alone, to clear or waive like any hit."""

import html
import re

from sqlalchemy import select, text

from matcher.conflicts import engine
from matcher.extensions import db
from matcher.models import AdverseParty, AuditEvent, ConflictCheck, FirmPosition, Match, Need
from matcher.needs import workflow
from matcher.needs.states import CANCELLED_UNCLEARED
from tests import factories
from tests.test_defender import need_form


def _sector_need(sector: str = "mining", country: str = "HN") -> Need:
    """A verified need in ``country`` whose one party, named like no client, is in ``sector``."""
    owner = factories.defender()
    need = factories.need(owner, parties=("Compañía Extractiva del Sur",), country=country)
    need.parties[0].sector = sector
    workflow.submit_need(owner, need)
    workflow.verify_need(factories.coordinator(), need)
    db.session.commit()
    return need


def _firm_with_member(name: str):
    firm = factories.firm(name=name)
    member = factories.firm_member(of=firm)
    db.session.commit()
    return firm, member


def _result(need, firm) -> str:
    db.session.expire_all()
    return db.session.scalar(select(ConflictCheck.result).where(ConflictCheck.need_id == need.id,
                                                                ConflictCheck.firm_id == firm.id))


def _hits(need, firm):
    db.session.expire_all()
    return db.session.scalar(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                         ConflictCheck.firm_id == firm.id)).hits


def _declare(web, member, sector="mining", country="HN", note="", **more):
    web.login(member)
    response = web.post("/firm/positions", {"sector": sector, "country": country, "note": note, **more},
                        follow_redirects=True)
    web.logout()
    return response


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _propose(web, need, offer):
    return web.post(f"/coordinator/needs/{need.id}/propose",
                    {"kind": "offer", "candidate_id": str(offer.id), "confirmed": "yes"}, follow_redirects=True)


def _clear(web, need, hit, note):
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    token = re.search(r'name="screen" value="([^"]+)"', page[page.index(f'id="hit-{hit.id}"'):]).group(1)
    return web.post(f"/coordinator/needs/{need.id}/hits/{hit.id}/decide",
                    {"decision": "cleared", "note": note, "screen": token}, follow_redirects=True)


def test_a_declared_sector_makes_a_need_under_it_a_potential_conflict_for_that_firm_only(web):
    firm, member = _firm_with_member("Bufete Minero")
    other, _other_member = _firm_with_member("Otro Bufete")
    offer = factories.offer(firm, title="Mining-side capacity")
    need = _sector_need("mining", "HN")
    assert _result(need, firm) == _result(need, other) == "clear"

    response = _declare(web, member, "mining", "HN", "We act for mining companies in Honduras.")

    assert "Declared." in _page(response)
    assert "Mining" in _page(response) and "We act for mining companies in Honduras." in _page(response)
    (position,) = db.session.scalars(select(FirmPosition)).all()
    assert (position.firm_id, position.sector, position.country) == (firm.id, "mining", "HN")
    assert (_result(need, firm), _result(need, other)) == ("potential", "clear")
    (hit,) = _hits(need, firm)
    assert (hit.rule, hit.band, hit.client_external_id) == ("positional", "review", f"position-{position.id}")
    assert hit.client_name == "Does not act against: Mining, Honduras"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "firm.position_add"))
    assert (event.actor_id, event.subject_id) == (member.id, firm.id)

    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    page = _page(web.get(f"/coordinator/needs/{need.id}"))
    assert ("Compañía Extractiva del Sur is in a sector the firm does not act against (Mining, Honduras)"
            in page)
    assert "declared by the firm</span>" in page
    assert "cannot be proposed" in _page(_propose(web, need, offer))
    assert db.session.scalars(select(Match)).all() == []

    cleared = _clear(web, need, hit, "The firm's mining clients have nothing to do with this party.")
    assert "screening for this need is now: clear." in _page(cleared)
    assert "Proposed to Bufete Minero" in _page(_propose(web, need, offer))


def test_a_cleared_positional_hit_stays_cleared_when_the_firm_is_screened_again(web):
    firm, member = _firm_with_member("Bufete Minero")
    need = _sector_need("mining", "HN")
    _declare(web, member, "mining", "")
    web.login(factories.coordinator())
    (hit,) = _hits(need, firm)
    _clear(web, need, hit, "Unrelated to the firm's clients.")
    web.logout()

    _declare(web, member, "finance", "")

    assert _result(need, firm) == "clear"
    (hit,) = _hits(need, firm)
    assert hit.decision == "cleared"


def test_a_declaration_for_another_country_does_not_cover_the_need(web):
    firm, member = _firm_with_member("Bufete Andino")
    need = _sector_need("mining", "HN")

    _declare(web, member, "mining", "PE")

    assert _result(need, firm) == "clear"
    assert _hits(need, firm) == []


def test_a_declaration_for_any_country_covers_the_sector_everywhere_and_no_other_sector(web):
    firm, member = _firm_with_member("Bufete Bancario")
    bank_need, mine_need = _sector_need("finance", "HN"), _sector_need("mining", "GT")

    response = _declare(web, member, "finance", "")

    assert "Any country" in _page(response)
    assert (_result(bank_need, firm), _result(mine_need, firm)) == ("potential", "clear")


def test_a_sector_entered_on_the_need_form_is_stored_and_screened_on_submission(web):
    firm, member = _firm_with_member("Bufete Minero")
    _declare(web, member, "mining", "")
    owner = factories.defender()
    db.session.commit()
    web.login(owner)

    assert 'name="parties-0-sector"' in web.get("/defender/needs/new").get_data(as_text=True)
    web.post("/defender/needs/new", need_form(**{"parties-0-sector": "mining"}))
    need = db.session.scalars(select(Need)).one()
    assert [party.sector for party in need.parties] == ["mining"]
    web.post(f"/defender/needs/{need.id}/submit")

    assert _result(need, firm) == "potential"
    assert "Mining" in _page(web.get(f"/defender/needs/{need.id}"))


def test_a_sector_outside_the_list_is_refused_on_the_need_form(web):
    web.login(factories.defender())
    response = web.post("/defender/needs/new", need_form(**{"parties-0-sector": "arms"}))
    assert response.status_code == 200
    assert db.session.scalars(select(AdverseParty)).all() == []


def test_withdrawing_the_declaration_clears_the_need_on_the_next_screen(web):
    firm, member = _firm_with_member("Bufete Minero")
    need = _sector_need("mining", "HN")
    _declare(web, member, "mining", "HN")
    assert _result(need, firm) == "potential"
    position = db.session.scalars(select(FirmPosition)).one()
    web.login(member)

    response = web.post(f"/firm/positions/{position.id}/remove", follow_redirects=True)

    assert "The declaration was withdrawn." in _page(response)
    assert db.session.scalars(select(FirmPosition)).all() == []
    assert _result(need, firm) == "clear"
    assert _hits(need, firm) == []
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "firm.position_remove"))
    assert event.note == f"position-{position.id}: mining, HN"


def test_a_member_of_another_firm_cannot_withdraw_the_declaration(web):
    firm, member = _firm_with_member("Bufete Minero")
    _other, intruder = _firm_with_member("Otro Bufete")
    need = _sector_need("mining", "HN")
    _declare(web, member, "mining", "HN")
    position = db.session.scalars(select(FirmPosition)).one()
    web.login(intruder)

    assert f"/firm/positions/{position.id}/remove" not in _page(web.get("/firm/positions"))
    response = web.post(f"/firm/positions/{position.id}/remove")

    assert response.status_code == 404
    assert db.session.scalars(select(FirmPosition)).all() != []
    assert _result(need, firm) == "potential"


def test_a_declaration_that_names_nothing_is_refused_and_what_was_entered_is_kept(web):
    _firm, member = _firm_with_member("Bufete Minero")
    web.login(member)

    response = web.post("/firm/positions", {"practice_area": "", "sector": "", "company": "  ", "country": "PE",
                                            "note": "Our Peruvian practice."})

    page = _page(response)
    assert response.status_code == 200
    assert "Say what the firm does not act against: a kind of matter, a sector or a company." in page
    assert '<option selected value="PE">' in page and "Our Peruvian practice." in page
    assert db.session.scalars(select(FirmPosition)).all() == []


def test_a_company_of_punctuation_alone_is_refused_and_the_rest_is_kept(web):
    _firm, member = _firm_with_member("Bufete Minero")
    web.login(member)

    response = web.post("/firm/positions", {"practice_area": "land", "sector": "", "company": "!!!", "country": ""})

    page = _page(response)
    assert "Give the company's name in letters, e.g. 'Banco Andino'." in page
    assert '<option selected value="land">' in page and 'value="!!!"' in page
    assert db.session.scalars(select(FirmPosition)).all() == []


def test_declaring_and_withdrawing_need_the_csrf_token(web):
    firm, member = _firm_with_member("Bufete Minero")
    _declare(web, member, "mining", "")
    position = db.session.scalars(select(FirmPosition)).one()
    web.login(member)

    assert web.post("/firm/positions", {"sector": "finance"}, csrf=False).status_code == 400
    assert web.post(f"/firm/positions/{position.id}/remove", csrf=False).status_code == 400
    assert [p.sector for p in db.session.scalars(select(FirmPosition))] == ["mining"]


def test_the_client_list_page_links_to_the_declarations(web):
    _firm, member = _firm_with_member("Bufete Minero")
    web.login(member)
    assert 'href="/firm/positions"' in web.get("/firm/clients").get_data(as_text=True)


def test_the_coordinators_intake_asks_each_party_its_sector_and_shows_it_on_the_need(web):
    owner = factories.defender()
    need = _sector_need("energy", "HN")
    web.login(factories.coordinator())

    assert 'name="parties-0-sector"' in web.get(f"/coordinator/intake/{owner.defender.id}").get_data(as_text=True)
    assert "Hydropower and energy" in _page(web.get(f"/coordinator/needs/{need.id}"))


def test_the_engine_finds_a_party_under_a_declaration_by_sector_and_country():
    mine = engine.Party(id="1", name="Minera X", sector="mining")
    unknown = engine.Party(id="2", name="Someone")
    peru, anywhere = engine.Position("position-1", "mining", "PE"), engine.Position("position-2", "mining")

    assert [(hit.party_id, hit.client_id) for hit in engine.positional_hits([mine, unknown], "PE", [peru, anywhere])] \
        == [("1", "position-1"), ("1", "position-2")]
    assert [hit.client_id for hit in engine.positional_hits([mine], "HN", [peru, anywhere])] == ["position-2"]
    assert engine.positional_hits([mine], "PE", [engine.Position("position-3", "finance")]) == []


def test_declaring_a_sector_ends_the_firms_open_proposal_of_a_need_under_it(web):
    firm, member = _firm_with_member("Bufete Minero")
    need = _sector_need("mining", "HN")
    match = workflow.propose(factories.coordinator(), need, offer=factories.offer(firm))
    db.session.commit()

    _declare(web, member, "mining", "")

    db.session.expire_all()
    assert db.session.get(Match, match.id).state == "cancelled"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "match.cancel"))
    assert (event.subject_id, event.note) == (match.id, CANCELLED_UNCLEARED)


def _need(parties=("Compañía Extractiva del Sur",), sector="", country="HN", **fields) -> Need:
    """A verified need in ``country`` against ``parties`` (the first in ``sector``), named like no client."""
    owner = factories.defender()
    need = factories.need(owner, parties=parties, country=country, **fields)
    need.parties[0].sector = sector
    workflow.submit_need(owner, need)
    workflow.verify_need(factories.coordinator(), need)
    db.session.commit()
    return need


def _coordinators_page(web, need) -> str:
    web.logout()
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    return _page(web.get(f"/coordinator/needs/{need.id}"))


def test_a_kind_of_matter_with_a_sector_and_a_country_keeps_the_firm_from_needs_under_all_three(web):
    firm, member = _firm_with_member("Bufete Minero")
    under = _need(sector="mining", practice_areas=["criminal_defence"])
    other_kind = _need(sector="mining", practice_areas=["land"])
    other_sector = _need(sector="finance", practice_areas=["criminal_defence"])
    other_country = _need(sector="mining", country="GT", practice_areas=["criminal_defence"])

    response = _declare(web, member, "mining", "HN", practice_area="criminal_defence")

    assert "Declared. Matters under it are kept from the firm until a coordinator clears them." in _page(response)
    assert "kind of matter: Criminal defence; sector: Mining; country: Honduras" in _page(response)
    assert [_result(need, firm) for need in (under, other_kind, other_sector, other_country)] \
        == ["potential", "clear", "clear", "clear"]
    (position,) = db.session.scalars(select(FirmPosition)).all()
    (hit,) = _hits(under, firm)
    assert (hit.rule, hit.band, hit.client_external_id) == ("positional", "review", f"position-{position.id}")
    assert hit.client_name == "Does not act against: Criminal defence matters, Mining, Honduras"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "firm.position_add"))
    assert event.note == f"position-{position.id}: criminal_defence, mining, HN"

    page = _coordinators_page(web, under)
    assert ("Compañía Extractiva del Sur falls under what the firm declared it does not act against "
            "(kind of matter: Criminal defence; sector: Mining; country: Honduras)") in page


def test_a_kind_of_matter_alone_covers_every_party_and_reads_the_threat_when_the_need_names_no_area(web):
    firm, member = _firm_with_member("Bufete Penalista")
    charged = _need(parties=("Fiscalía General", "Policía Nacional"), threat="criminal_charge", practice_areas=[])
    sued = _need(threat="slapp", practice_areas=["defamation"])

    _declare(web, member, "", "", practice_area="criminal_defence")

    assert (_result(charged, firm), _result(sued, firm)) == ("potential", "clear")
    assert sorted(hit.party_name for hit in _hits(charged, firm)) == ["Fiscalía General", "Policía Nacional"]


def test_a_declared_company_keeps_the_firm_from_needs_against_it_however_it_is_spelt(web):
    firm, member = _firm_with_member("Bufete Bancario")
    other, other_member = _firm_with_member("Otro Bufete")
    offer = factories.offer(firm, title="Banking-side capacity")
    against = _need(parties=("BANCO DEL PACIFICO S.A.",))
    unrelated = _need(parties=("Banco Atlántico",))

    response = _declare(web, member, "", "", company="  Banco del Pacífico ", note="We pitch for them.")

    assert "company: Banco del Pacífico; any country" in _page(response)
    (position,) = db.session.scalars(select(FirmPosition)).all()
    assert position.company == "Banco del Pacífico"
    assert [_result(need, firm) for need in (against, unrelated)] == ["potential", "clear"]
    assert _result(against, other) == "clear"
    (hit,) = _hits(against, firm)
    assert hit.client_name == "Does not act against: Banco del Pacífico, any country"

    page = _coordinators_page(web, against)
    assert ("BANCO DEL PACIFICO S.A. falls under what the firm declared it does not act against "
            "(company: Banco del Pacífico; any country): 'BANCO DEL PACIFICO S.A.' and 'Banco del Pacífico', "
            "equal name") in page
    assert "cannot be proposed" in _page(_propose(web, against, offer))
    web.logout()
    web.login(other_member)
    assert "Banco del Pacífico" not in _page(web.get("/firm/positions"))


def test_a_declared_company_is_sealed_and_the_trail_does_not_name_it(web):
    _firm, member = _firm_with_member("Bufete Bancario")

    _declare(web, member, "", "PE", company="Banco del Pacífico")

    (position,) = db.session.scalars(select(FirmPosition)).all()
    stored = db.session.execute(text("SELECT company FROM firm_position")).scalar_one()
    assert "Pac" not in stored and "banco" not in stored.lower()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "firm.position_add"))
    assert event.note == f"position-{position.id}: company, PE"
    web.login(factories.coordinator())
    db.session.commit()
    assert "Banco del Pacífico" not in _page(web.get("/coordinator/audit"))


def test_withdrawing_a_company_declaration_clears_the_need(web):
    firm, member = _firm_with_member("Bufete Bancario")
    need = _need(parties=("Banco del Pacifico",))
    _declare(web, member, "", "", company="Banco del Pacífico")
    assert _result(need, firm) == "potential"
    position = db.session.scalars(select(FirmPosition)).one()
    web.login(member)

    response = web.post(f"/firm/positions/{position.id}/remove", follow_redirects=True)

    assert "The declaration was withdrawn." in _page(response)
    assert "Banco del Pacífico" not in _page(response)
    assert (_result(need, firm), _hits(need, firm)) == ("clear", [])


def test_a_defender_can_neither_see_nor_change_declarations(web):
    firm, member = _firm_with_member("Bufete Bancario")
    need = _need(parties=("Banco del Pacifico",))
    _declare(web, member, "", "", company="Banco del Pacífico")
    position = db.session.scalars(select(FirmPosition)).one()
    web.login(need.defender.user)

    assert web.get("/firm/positions").status_code == 403
    assert web.post("/firm/positions", {"company": "Minera Andina"}).status_code == 403
    assert web.post(f"/firm/positions/{position.id}/remove").status_code == 403
    assert "Banco del Pacífico" not in _page(web.get(f"/defender/needs/{need.id}"))
    assert [p.company for p in db.session.scalars(select(FirmPosition))] == ["Banco del Pacífico"]
    assert _result(need, firm) == "potential"


def test_a_members_declaration_binds_their_own_firm_and_no_other(web):
    firm, _member = _firm_with_member("Bufete Bancario")
    other, other_member = _firm_with_member("Otro Bufete")
    need = _need(parties=("Banco del Pacifico",))

    _declare(web, other_member, "", "", company="Banco del Pacífico")

    assert [p.firm_id for p in db.session.scalars(select(FirmPosition))] == [other.id]
    assert (_result(need, firm), _result(need, other)) == ("clear", "potential")


def test_the_declarations_are_listed_in_the_readers_language(web):
    _firm, member = _firm_with_member("Bufete Minero")
    _declare(web, member, "mining", "PE", practice_area="criminal_defence")
    web.login(member)
    web.post("/language", {"language": "es", "next": "/firm/positions"})

    page = _page(web.get("/firm/positions"))

    assert "Defensa penal" in page and "Minería" in page and "Perú" in page
    assert "Criminal defence" not in page


def test_a_cleared_company_hit_stays_cleared_when_the_firm_declares_more(web):
    firm, member = _firm_with_member("Bufete Bancario")
    need = _need(parties=("Banco del Pacifico",))
    _declare(web, member, "", "", company="Banco del Pacífico")
    web.login(factories.coordinator())
    (hit,) = _hits(need, firm)
    _clear(web, need, hit, "The pitch ended last year.")
    web.logout()

    _declare(web, member, "", "", practice_area="land")

    assert _result(need, firm) == "clear"
    (hit,) = _hits(need, firm)
    assert hit.decision == "cleared"
