"""Each person's whole journey in Spanish, French and Portuguese, in Chromium, with scripts on and off.

A defender registers, writes a need naming two adverse parties, submits it and later consents
to the firm that accepted it; a coordinator verifies a need, reads its screening and ranking,
proposes it to a firm and reads its history; a firm member accepts the matter, closes it and
uploads the firm's client list. What another person does in between is done straight in the
database, since it is not the journey under test. Every page on the way is in the reader's
language (``<html lang>``) with no English left in what it shows (``leftovers``).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from matcher.extensions import db
from matcher.matching import ranking
from matcher.models import Match, OutgoingMail, User
from matcher.needs import workflow
from tests import factories

from .leftovers import leftovers, on_page
from .steps import WAIT, follow, press, sign_in, wait_for_focus

LANGUAGES = ("es", "fr", "pt")
READERS = [(language, javascript) for language in LANGUAGES for javascript in (True, False)]

# What a reader types, in their language: a need, the outcome of a matter, their languages.
WORDS = {
    "es": {"summary": "Demandada por denunciar la contaminación del río por una mina.",
           "details": "La audiencia es el día 12 en el juzgado de distrito.",
           "contact": "Signal @defensora-segura", "languages": "español",
           "outcome": "La demanda fue retirada."},
    "fr": {"summary": "Poursuivie pour avoir dénoncé la pollution de la rivière par une mine.",
           "details": "L'audience a lieu le 12 au tribunal de district.",
           "contact": "Signal @defenseure-sure", "languages": "français",
           "outcome": "La plainte a été retirée."},
    "pt": {"summary": "Processada por denunciar a poluição do rio por uma mina.",
           "details": "A audiência é no dia 12 no tribunal distrital.",
           "contact": "Signal @defensora-segura", "languages": "português",
           "outcome": "A ação foi retirada."},
}
PARTIES = ("Minera Andina S.A.", "Banco del Pacífico")
CLIENTS = "id,name,aliases,kind,country,parent_id,lei\nC-1,Hidroeléctrica del Sur,,organisation,HN,,\n" \
          "C-2,Juana Pérez,,person,HN,,\n"

@dataclass
class Reader:
    """A person reading the platform in ``language``: every page they reach is checked, and what
    is wrong with each is kept by its address, to be asserted at the end of the journey."""

    browser: object
    server: str
    language: str
    wrong: dict = field(default_factory=dict)

    def check(self) -> None:
        """The page is in the reader's language and shows no English."""
        page = self.browser.current_url.removeprefix(self.server)
        lang = self.browser.find_element(By.TAG_NAME, "html").get_attribute("lang")
        found = on_page(self.browser, self.language)
        problems = ([f"<html lang={lang!r}>"] if lang != self.language else []) + found
        if problems:
            self.wrong[page] = list(dict.fromkeys([*self.wrong.get(page, []), *problems]))

    def saw_no_english(self) -> None:
        """Fail with every page that was not in the reader's language, and what it showed in English."""
        assert self.wrong == {}, "English left in a page:\n" + "\n".join(
            f"{page}: " + " | ".join(found) for page, found in self.wrong.items())

    def go(self, path: str) -> None:
        self.browser.get(self.server + path)
        self.check()

    def follow(self, href: str) -> None:
        follow(self.browser, href)
        self.check()

    def press(self, selector: str) -> None:
        press(self.browser, self.browser.find_element(By.CSS_SELECTOR, selector))
        self.check()

    def confirm(self) -> None:
        """Answer the page that asks before what cannot be undone: it is checked, then confirmed."""
        assert self.browser.find_elements(By.CSS_SELECTOR, 'input[name="confirmed"][value="yes"]'), \
            "no confirmation was asked"
        self.press('main form button')

    def sign_in(self, account) -> None:
        sign_in(self.browser, self.server, account, seen=self.check)
        self.check()

    def type(self, field_id: str, text: str) -> None:
        element = self.browser.find_element(By.ID, field_id)
        element.clear()
        element.send_keys(text)

    def set_date(self, field_id: str, iso: str) -> None:
        """A date field's value, as the browser's date picker sets it, whatever order it shows the parts in."""
        element = self.browser.find_element(By.ID, field_id)
        self.browser.execute_script("arguments[0].value = arguments[1]", element, iso)

    def pick(self, field_id: str, value: str) -> None:
        Select(self.browser.find_element(By.ID, field_id)).select_by_value(value)

    def tick(self, name: str, value: str) -> None:
        box = self.browser.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]')
        if not box.is_selected():
            box.click()

    def text(self, selector: str = "main") -> str:
        return self.browser.find_element(By.CSS_SELECTOR, selector).text


@pytest.fixture(params=READERS, ids=[f"{language}-js-{'on' if js else 'off'}" for language, js in READERS])
def reader(request, chromium, live_server):
    language, javascript = request.param
    return Reader(chromium(javascript=javascript, accept_language=language), live_server, language)


@pytest.fixture
def firm(app):
    """A verified firm with an offer fit for the journeys' need, and a member of its team."""
    record = factories.firm(name="Bufete Álvarez")
    offer = factories.offer(record, title="Defensa pro bono")
    member = factories.firm_member(of=record)
    db.session.commit()
    return record, offer, member


def test_scripts_are_off_in_a_chromium_started_without_them(chromium):
    browser = chromium(javascript=False)
    browser.get("data:text/html,<p id=p>off</p><script>document.getElementById('p').textContent='on'</script>")
    assert browser.find_element(By.ID, "p").text == "off"


def test_a_defender_registers_asks_for_help_and_consents_in_their_language(reader, firm):
    words, (_, offer, member) = WORDS[reader.language], firm
    reader.go("/")
    reader.follow("/account/register/defender")
    _register(reader, words)
    reader.go(_link_in_mail(reader))
    assert reader.browser.current_url.endswith("/defender/")
    account = db.session.scalar(db.select(User).where(User.with_email("rosa@example.org")))

    reader.follow("/defender/needs/new")
    _write_need(reader, words)
    reader.press('main form [name="save"]')
    reader.press('form[action$="/submit"] button')
    reader.follow("/defender/")
    assert words["summary"][:40] in reader.text("table")

    match = _accepted_by_the_firm(account, offer, member)
    reader.go(f"/defender/needs/{match.need_id}")
    reader.press(f'form[action="/defender/matches/{match.id}/consent"] button')
    reader.confirm()
    assert offer.firm.contact_email in reader.text()
    reader.saw_no_english()


def _register(reader: Reader, words: dict) -> None:
    """Fill the defender's registration in the reader's words and send it."""
    reader.type("pseudonym", "Rosa")
    reader.pick("country", "HN")
    reader.type("languages-other", words["languages"])
    reader.type("contact", words["contact"])
    reader.type("email", "rosa@example.org")
    reader.type("password", factories.PASSWORD)
    reader.type("confirm", factories.PASSWORD)
    reader.press("main form button")


def _link_in_mail(reader: Reader) -> str:
    """The path of the link in the one message sent (the confirmation), whose words are checked
    like a page's."""
    db.session.expire_all()
    body = db.session.scalars(db.select(OutgoingMail)).one().body
    found = leftovers(body, [], reader.language)
    if found:
        reader.wrong["mail"] = found
    return urlsplit(re.search(r"https?://\S+", body).group(0)).path


def _write_need(reader: Reader, words: dict) -> None:
    """Write a need with two adverse parties, the second row added with "Add another party"."""
    reader.pick("threat", "slapp")
    reader.type("summary", words["summary"])
    reader.type("details", words["details"])
    reader.tick("help_wanted", "representation")
    reader.tick("practice_areas", "defamation")
    reader.type("parties-0-name", PARTIES[0])
    reader.press("#add_party")
    wait_for_focus(reader.browser, "parties-1-name")
    assert reader.browser.find_element(By.ID, "summary").get_attribute("value") == words["summary"]
    reader.type("parties-1-name", PARTIES[1])
    reader.tick("consent_share_summary", "y")


def _accepted_by_the_firm(account: User, offer, member: User) -> Match:
    """What the coordinators and the firm do meanwhile: verify, propose, accept."""
    db.session.expire_all()
    need = account.defender.needs[0]
    coordinator = factories.coordinator()
    workflow.verify_defender(coordinator, account.defender)
    workflow.verify_need(coordinator, need)
    match = workflow.propose(coordinator, need, offer=offer)
    workflow.accept_match(member, match)
    db.session.commit()
    return match


def test_a_coordinator_verifies_ranks_and_proposes_a_need_in_their_language(reader, firm):
    (_, offer, _), words = firm, WORDS[reader.language]
    factories.firm(name="Estudio Rivas", clients="R-1,Minera Andina SA,,organisation,HN,,\n")
    owner = factories.defender()
    need = factories.need(owner, parties=PARTIES, state="submitted", summary=words["summary"],
                          details=words["details"])
    coordinator = factories.coordinator()
    db.session.commit()

    reader.sign_in(coordinator)
    reader.follow(f"/coordinator/needs/{need.id}")
    assert "Estudio Rivas" in reader.text(), "the firm acting for an adverse party is not in the screening"
    reader.press('button[value="verify"]')
    reader.press(f'form[action$="/propose"]:has(input[name="candidate_id"][value="{offer.id}"]) button')
    reader.confirm()
    history = reader.text("#history")
    assert len(reader.browser.find_elements(By.CSS_SELECTOR, "#history tbody tr")) >= 3
    assert re.search(r"\b(need|match|conflict)\.[a-z_]+", history) is None, "an event's code stands in the history"
    reader.follow("/coordinator/audit")
    reader.saw_no_english()


def test_a_firm_member_accepts_closes_a_matter_and_uploads_the_client_list_in_their_language(reader, firm, tmp_path):
    (_, offer, member), words = firm, WORDS[reader.language]
    match = _proposed(offer, words)
    clients = tmp_path / "clientes.csv"
    clients.write_text(CLIENTS, encoding="utf-8")

    reader.sign_in(member)
    reader.follow(f"/firm/matters/{match.id}")
    reader.press(f'form[action="/firm/matters/{match.id}/accept"] button')
    workflow.confirm_match(match.need.defender.user, match)
    db.session.commit()
    reader.go(f"/firm/matters/{match.id}")
    assert words["details"] in reader.text()
    reader.type("hours", "37.5")
    reader.set_date("started_on", "2026-01-05")
    reader.set_date("ended_on", "2026-03-02")
    reader.pick("outcome", "charges_dropped")
    reader.type("note", words["outcome"])
    reader.press(f'form[action="/firm/matters/{match.id}/close"] button')
    reader.confirm()
    closed = reader.text()
    assert words["outcome"] in closed and "37,5" in closed

    reader.follow("/firm/clients")
    reader.follow("/firm/clients/upload")
    reader.browser.find_element(By.ID, "file").send_keys(str(clients))
    reader.press('main form[enctype="multipart/form-data"] button')
    _until_imported(reader)
    reader.follow("/firm/clients")
    assert "Hidroeléctrica del Sur" in reader.text("table")
    reader.saw_no_english()


def _until_imported(reader: Reader) -> None:
    """The import's page reloads itself (no script needed) until the list is in: wait for the link
    it then shows, and check the page that shows it."""
    WebDriverWait(reader.browser, WAIT).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, 'main a[href="/firm/clients"]'))
    reader.check()


def _proposed(offer, words: dict) -> Match:
    """A defender's verified need, proposed to ``offer`` with the score and reasons its ranking gave."""
    owner = factories.defender()
    need = factories.need(owner, parties=PARTIES, state="verified", summary=words["summary"],
                          details=words["details"])
    candidate = next(c for c in ranking.rank_need(need).ranking.candidates if c.id == str(offer.id))
    match = workflow.propose(factories.coordinator(), need, offer=offer, score=candidate.score,
                             reasons=candidate.reasons)
    db.session.commit()
    return match
