"""The corporate relations registry: replaced from CSV by a coordinator, walked by screening."""

import io

from markupsafe import escape
from sqlalchemy import func, select

from matcher.conflicts import registry, screening
from matcher.conflicts.reasons import hit_reason
from matcher.extensions import db
from matcher.jobs import progress
from matcher.models import ConflictCheck, CorporateRelation, RegistryImport
from tests import factories

CLIENTS = "C1,Gazprom PJSC,,organisation,RU,,\nC2,Cerro Verde Mining,,organisation,PE,,\n"


def _signed_in(web):
    account = factories.coordinator()
    db.session.commit()
    web.login(account)
    return account


def _upload(web, data: bytes, **kwargs):
    return web.post("/coordinator/relations/upload", {"file": (io.BytesIO(data), "relations.csv")},
                    content_type="multipart/form-data", **kwargs)


def _check(need, firm) -> ConflictCheck:
    db.session.expire_all()
    return db.session.scalar(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                         ConflictCheck.firm_id == firm.id))


def _registry() -> list[tuple[str, str]]:
    return [(r.child_name, r.parent_name) for r in db.session.scalars(
        select(CorporateRelation).order_by(CorporateRelation.id))]


def test_an_imported_registry_flags_a_subsidiary_and_a_parent_of_clients_with_the_path(web):
    firm = factories.firm(name="Bufete Energía", clients=CLIENTS)
    need = factories.need(factories.defender(), parties=("Gazprom Germania GmbH", "Minera Andina S.A."),
                          state="verified")
    _signed_in(web)
    assert {hit.band for hit in _check(need, firm).hits} == {"review"}  # only the shared word, before
    data = ("\ufeffchild;parent\nGazprom Germania GmbH;Gazprom Export\nGazprom Export;ПАО Газпром\n"
            "Cerro Verde Mining;Minera Andina S.A.\n").encode()

    response = _upload(web, data, follow_redirects=True)

    text = " ".join(response.get_data(as_text=True).split())
    assert "The registry now holds 3 relations; 1 open need was screened again." in text
    assert _registry() == [("Gazprom Germania GmbH", "Gazprom Export"), ("Gazprom Export", "ПАО Газпром"),
                           ("Cerro Verde Mining", "Minera Andina S.A.")]
    check = _check(need, firm)
    assert check.result == "conflict"
    reasons = {hit.client_external_id: hit_reason(hit.reason) for hit in check.hits}
    assert reasons["C1"].startswith("related entity: Gazprom Germania GmbH is a subsidiary of Gazprom PJSC "
                                    "(path Gazprom Germania GmbH -> Gazprom Export -> ПАО Газпром)")
    assert reasons["C2"].startswith("related entity: Minera Andina S.A. is a parent of Cerro Verde Mining "
                                    "(path Cerro Verde Mining -> Minera Andina S.A.)")
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    screening = page[page.index("<h2>Screening</h2>"):page.index("<h2>History</h2>")]
    assert str(escape(reasons["C1"])) in screening and str(escape(reasons["C2"])) in screening


def test_a_bad_relations_file_is_refused_line_by_line_and_changes_nothing(web):
    firm = factories.firm(clients=CLIENTS)
    need = factories.need(factories.defender(), parties=("Cerro Verde Holdings",), state="verified")
    _signed_in(web)
    _upload(web, b"child,parent\nCerro Verde Holdings,Cerro Verde Mining\n")
    before = _check(need, firm)
    assert before.result == "conflict"
    checked_at = before.checked_at

    response = _upload(web, ("child,parent\nGazprom Export,ПАО Газпром\nLonely Subsidiary,\n"
                             "Gazprom PJSC,ПАО Газпром\nA,B,C\n,Orphan Parent\n").encode())

    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The file was refused and nothing was changed" in text
    assert "line 3: parent is empty" in text
    assert "line 4: child and parent are the same entity" in text
    assert "line 5: more fields than child and parent" in text
    assert "line 6: child is empty" in text
    assert "line 2" not in text
    assert _registry() == [("Cerro Verde Holdings", "Cerro Verde Mining")]
    assert _check(need, firm).checked_at == checked_at


def test_a_relations_file_needs_the_header_and_utf8(web):
    _signed_in(web)
    no_header = _upload(web, b"Gazprom Export,Gazprom PJSC\n").get_data(as_text=True)
    assert "line 1: the header must be &#39;child,parent&#39; or &#39;child,parent,relation&#39;" in no_header
    latin1 = _upload(web, "child,parent\nPetróleos,Pemex\n".encode("latin-1")).get_data(as_text=True)
    assert "the file is not UTF-8 text" in latin1
    assert _registry() == []


def test_the_registry_page_counts_searches_and_lines_naming_one_link_twice_count_once(web):
    _signed_in(web)
    response = _upload(web, ("child,parent\nGazprom Export,Gazprom PJSC\nGAZPROM EXPORT LLC,ПАО Газпром\n"
                             "Cerro Verde Mining,Freeport-McMoRan Inc.\n").encode(), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "1 repeated lines were counted once." in page and "The registry now holds 2 relations;" in page

    everything = web.get("/coordinator/relations").get_data(as_text=True)
    assert "2 relations" in everything and "Freeport-McMoRan Inc." in everything

    found = web.get("/coordinator/relations?q=freeport").get_data(as_text=True)
    assert "Cerro Verde Mining" in found and "Gazprom" not in found
    assert "No relation matches" in web.get("/coordinator/relations?q=nothing").get_data(as_text=True)


def test_screening_loads_only_the_relations_reachable_from_the_parties(app):
    chain = ["Alpha Holdings", "Beta Holdings", "Gamma Holdings", "Delta Holdings", "Epsilon Holdings"]
    pairs = list(zip(chain, chain[1:], strict=False))
    pairs += [("Sibling Holdings", "Beta Holdings"), ("Unrelated Child", "Unrelated Parent")]
    screening.replace_registry(registry.Parsed(pairs, 0))

    loaded = registry.relations_for(["ALPHA HOLDINGS"])

    assert [r.name for r in loaded.relatives("Alpha Holdings")] == chain[1:4]
    assert loaded.relatives("Sibling Holdings") == []
    assert loaded.relatives("Unrelated Child") == []
    from_delta = registry.relations_for(["Delta Holdings"]).relatives("Delta Holdings")
    assert {(r.name, r.role) for r in from_delta} == {
        ("Epsilon Holdings", "subsidiary"), ("Gamma Holdings", "parent"), ("Beta Holdings", "parent"),
        ("Alpha Holdings", "parent"), ("Sibling Holdings", "parent")}


def test_screening_loads_the_other_kinds_one_link_from_the_parties_either_way(app):
    links = [("Alpha Holdings", "Beta Holdings"), ("Alpha Guards", "Alpha Holdings", "contractor"),
             ("Alpha Holdings", "Alpha Bank", "financier"), ("Beta Guards", "Beta Holdings", "contractor"),
             ("Alpha Guards Subcontractor", "Alpha Guards", "contractor")]
    screening.replace_registry(registry.Parsed(links, 0))

    loaded = registry.relations_for(["Alpha Holdings"]).relatives("Alpha Holdings")

    assert {(r.name, r.role) for r in loaded} == {
        ("Beta Holdings", "subsidiary"), ("Alpha Guards", "engages_contractor"), ("Alpha Bank", "financed")}


def test_only_coordinators_may_read_or_replace_the_registry(web):
    screening.replace_registry(registry.Parsed([("Secret Subsidiary", "Secret Parent")], 0))
    member = factories.firm_member()
    defender = factories.defender()
    db.session.commit()
    for account in (member, defender):
        web.login(account)
        listing = web.get("/coordinator/relations")
        assert listing.status_code == 403 and "Secret Parent" not in listing.get_data(as_text=True)
        assert _upload(web, b"child,parent\nA Corp,B Corp\n").status_code == 403
        web.logout()
    _signed_in(web)
    assert _upload(web, b"child,parent\nA Corp,B Corp\n", csrf=False).status_code == 400
    assert _registry() == [("Secret Subsidiary", "Secret Parent")]


def test_a_replacement_under_way_shows_how_far_it_has_come_and_reloads(web):
    coordinator = _signed_in(web)
    record = RegistryImport(started_by_id=coordinator.id, state="importing", rows=3)
    db.session.add(record)
    db.session.commit()
    progress.report(f"registry_import:{record.id}", 200, 750)

    response = web.get(f"/coordinator/relations/imports/{record.id}")

    page = response.get_data(as_text=True)
    assert response.headers["Refresh"] == "2"
    assert "Open matters screened again: 200 of 750" in page and 'max="750" value="200"' in page


def test_a_second_replacement_waits_for_the_one_under_way(web):
    coordinator = _signed_in(web)
    running = RegistryImport(started_by_id=coordinator.id, state="importing", rows=3)
    db.session.add(running)
    db.session.commit()

    response = _upload(web, b"child,parent\nA Ltd,B Ltd\n")

    assert response.headers["Location"].endswith(f"/coordinator/relations/imports/{running.id}")
    assert _registry() == [] and db.session.scalar(select(func.count()).select_from(RegistryImport)) == 1


def test_screening_again_tells_its_progress_along_the_way(app):
    firm = factories.firm(clients=CLIENTS)
    for n in range(3):
        factories.need(factories.defender(email=f"d{n}@example.org"), state="submitted")
    told = []

    screening.screen_firm(firm, progress=lambda done, total: told.append((done, total)))

    assert told == [(3, 3)]  # every PROGRESS_EVERY needs, and at the end


def _kinds() -> list[tuple[str, str, str]]:
    return [(r.child_name, r.parent_name, r.kind) for r in db.session.scalars(
        select(CorporateRelation).order_by(CorporateRelation.id))]


def test_a_contractor_financier_or_partner_of_a_client_is_flagged_for_review_with_its_path(web):
    firm = factories.firm(name="Bufete Energía", clients=CLIENTS)
    need = factories.need(factories.defender(), parties=("Andes Security Services", "Banco del Sur"),
                          state="verified")
    _signed_in(web)
    data = (b"child;parent;Relation\nAndes Security Services;Cerro Verde Mining;Security Contractor\n"
            b"Gazprom PJSC;Banco del Sur;PRESTAMISTA\nCerro Verde Mining;Pacific Copper;coentreprise\n")

    response = _upload(web, data, follow_redirects=True)

    assert "The registry now holds 3 relations" in " ".join(response.get_data(as_text=True).split())
    assert _kinds() == [("Andes Security Services", "Cerro Verde Mining", "contractor"),
                        ("Gazprom PJSC", "Banco del Sur", "financier"),
                        ("Cerro Verde Mining", "Pacific Copper", "joint_venture")]
    check = _check(need, firm)
    assert check.result == "potential" and {hit.band for hit in check.hits} == {"review"}
    reasons = {hit.client_external_id: hit_reason(hit.reason) for hit in check.hits}
    assert reasons["C2"].startswith("related entity: Andes Security Services is a contractor of Cerro Verde Mining "
                                    "(path Andes Security Services -> Cerro Verde Mining)")
    assert reasons["C1"].startswith("related entity: Banco del Sur finances Gazprom PJSC "
                                    "(path Gazprom PJSC -> Banco del Sur)")
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    assert str(escape(reasons["C2"])) in page and str(escape(reasons["C1"])) in page


def test_the_registry_page_says_how_each_pair_is_related(web):
    _signed_in(web)
    _upload(web, ("child,parent,relation\nGazprom Export,Gazprom PJSC,\nAndes Security,Cerro Verde Mining,"
                  "empreiteira\nCerro Verde Mining,Banco del Sur,PRÊTEUR\n").encode())

    page = " ".join(web.get("/coordinator/relations").get_data(as_text=True).split())

    for child, words, parent in (("Gazprom Export", "subsidiary of", "Gazprom PJSC"),
                                 ("Andes Security", "contractor of", "Cerro Verde Mining"),
                                 ("Cerro Verde Mining", "financed by", "Banco del Sur")):
        assert f"<td>{child}</td><td>{words}</td><td>{parent}</td>" in page
    upload = web.get("/coordinator/relations/upload").get_data(as_text=True)
    assert "<code>child,parent,relation</code>" in upload and "a contractor's contractor does not" in upload


def test_a_relation_the_registry_does_not_know_refuses_the_file_and_names_the_words_it_knows(web):
    _signed_in(web)
    _upload(web, b"child,parent\nCerro Verde Holdings,Cerro Verde Mining\n")

    response = _upload(web, (b"child,parent,relation\nA Corp,B Corp,Contratista\nC Corp,D Corp,cousin\n"
                             b"E Corp,F Corp,joint venture,extra\n"))

    text = response.get_data(as_text=True)
    assert "The file was refused and nothing was changed" in text
    assert ("line 3: relation &#39;cousin&#39; is not one the registry knows (write ownership or leave it empty, "
            "joint venture, financier or contractor") in text
    assert "line 4: more fields than child, parent and relation" in text and "line 2" not in text
    assert _kinds() == [("Cerro Verde Holdings", "Cerro Verde Mining", "ownership")]


def test_partners_named_either_way_round_are_one_link_but_an_owner_may_also_be_a_lender(web):
    _signed_in(web)
    response = _upload(web, ("child,parent,relation\nMinera Sur,Pacific Copper,JV\nPacific Copper,Minera Sur,"
                             "Consórcio\nMinera Sur,Grupo Sur,\nMinera Sur,Grupo Sur,Financiador\n").encode(),
                       follow_redirects=True)

    assert "1 repeated lines were counted once." in response.get_data(as_text=True)
    assert [kind for _, _, kind in _kinds()] == ["joint_venture", "ownership", "financier"]
