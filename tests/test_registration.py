"""Registration answers the same whoever registers, and stores nothing until the address is confirmed."""

import re

from sqlalchemy import func, select

from matcher.accounts import links
from matcher.extensions import db
from matcher.models import LawFirm, User
from tests import factories

DEFENDER = {
    "pseudonym": "Rosa", "kinds": ["community"], "country": "HN", "languages": ["es"], "contact": "Signal @rosa",
    "email": "rosa@example.org", "password": "a long enough password", "confirm": "a long enough password",
}
FIRM = {
    "firm_name": "Garza & Partners", "country": "MX", "contact_name": "Ana Garza", "contact_email": "pb@garza.example",
    "contact_phone": "", "display_name": "Ana Garza", "email": "ana@garza.example",
    "password": "a long enough password", "confirm": "a long enough password",
}


def _page_without_address(response, email) -> str:
    page = response.get_data(as_text=True).replace(email, "ADDRESS")
    return re.sub(r'(csrf[-_]token"[^>]*?(?:content|value)=")[^"]+', r"\1", page)


def _link(message) -> str:
    return re.search(r"http://matcher\.test(/account/\S+)", message.body).group(1)


def test_registering_an_address_already_used_looks_the_same_and_warns_its_owner(app, web, outbox):
    existing = factories.defender(email="taken@example.org")
    db.session.commit()
    fresh = web.post("/account/register/defender", DEFENDER)
    taken = web.post("/account/register/defender", {**DEFENDER, "email": existing.email})
    assert _page_without_address(fresh, DEFENDER["email"]) == _page_without_address(taken, existing.email)
    assert [m.subject for m in outbox] == ["Confirm your address to finish registering",
                                           "Someone tried to register with your address"]
    assert outbox[1].recipients == [existing.email]
    assert db.session.scalar(select(func.count()).select_from(User)) == 1, "nothing stored before confirmation"


def test_the_confirmation_link_hides_what_was_typed_and_creates_the_account_once(app, web, outbox):
    web.post("/account/register/defender", DEFENDER)
    link = _link(outbox[-1])
    assert "rosa" not in link.lower() and "Signal" not in link
    assert web.get(link).headers["Location"].endswith("/defender/")
    account = db.session.scalar(select(User).where(User.with_email("rosa@example.org")))
    assert (account.role, account.defender.contact, account.defender.verified) == ("defender", "Signal @rosa", False)
    web.logout()
    assert web.get(link).headers["Location"].endswith("/account/login"), "a second click signs nobody in"


def test_a_defender_says_every_kind_of_defender_she_is_from_the_kinds_funds_aim_at(app, web, outbox):
    page = web.get("/account/register/defender", headers={"Accept-Language": "es"}).get_data(as_text=True)
    for code, label in (("woman", "Defensora de derechos humanos"), ("indigenous", "Persona defensora, comunidad o "
                        "líder indígena"), ("trade_unionist", "Sindicalista"), ("lgbti", "Persona defensora LGBTI+")):
        assert re.search(rf'<input id="kinds-\d+" name="kinds" type="checkbox" value="{code}"> '
                         rf'<label for="kinds-\d+">{re.escape(label)}</label>', page), code
    web.post("/account/register/defender", {**DEFENDER, "kinds": ["woman", "indigenous", "environmental"]})
    web.get(_link(outbox[-1]))
    account = db.session.scalar(select(User).where(User.with_email("rosa@example.org")))
    assert account.defender.kinds == ["woman", "indigenous", "environmental"]


def test_a_defender_must_say_at_least_one_kind_and_an_unknown_kind_is_refused(web, outbox):
    for kinds in ([], ["hobbit"]):
        page = web.post("/account/register/defender", {**DEFENDER, "kinds": kinds}).get_data(as_text=True)
        assert "Check your email" not in page
    assert outbox == []


def test_a_registration_link_sent_when_a_defender_was_one_kind_still_registers_her(app, web):
    registration = {key: value for key, value in DEFENDER.items() if key not in ("kinds", "password", "confirm")}
    token = links.make("registration", role="defender", password_hash="x", kind="woman", **registration)
    web.get(f"/account/register/confirm/{token}")
    account = db.session.scalar(select(User).where(User.with_email("rosa@example.org")))
    assert account.defender.kinds == ["woman"]


def test_a_firm_registers_through_its_link_and_must_then_set_up_two_factors(app, web, outbox):
    web.post("/account/register/firm", FIRM)
    response = web.get(_link(outbox[-1]))
    assert response.headers["Location"].endswith("/firm/")
    firm = db.session.scalar(select(LawFirm))
    assert (firm.name, firm.verified) == ("Garza & Partners", False)
    assert web.get("/firm/").headers["Location"].endswith("/account/2fa/setup")


def test_a_forged_or_expired_link_is_refused(app, web, outbox):
    web.post("/account/register/defender", DEFENDER)
    link = _link(outbox[-1])
    assert web.get(link[:-4] + "AAAA").status_code == 400
    app.config["REGISTRATION_MAX_AGE"] = -10
    assert web.get(link).status_code == 400


def test_a_form_with_mistakes_keeps_what_was_typed(web):
    page = web.post("/account/register/defender", {**DEFENDER, "confirm": "something else"}).get_data(as_text=True)
    assert "The passwords differ." in page
    assert 'value="Rosa"' in page
