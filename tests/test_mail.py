"""Notifications reach a real SMTP server, after the commit, and carry no case details."""

import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, text

from matcher.core import mail
from matcher.extensions import db
from matcher.models import OutgoingMail
from matcher.needs import workflow
from tests import factories


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def app_overrides(smtp_server):
    controller, _ = smtp_server
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, "MAIL_SUPPRESS_SEND": False}


@pytest.fixture
def inbox(smtp_server):
    _, inbox = smtp_server
    inbox.messages.clear()
    return inbox


def test_submitting_a_need_emails_coordinators_without_case_details(app, web, inbox):
    coordinator = factories.coordinator()
    owner = factories.defender()
    need = factories.need(owner, parties=("Minera Andina S.A.",), summary="Sued over the Rio Verde dam protest",
                          details="Hearing at the Tegucigalpa court")
    db.session.commit()
    web.login(owner)

    response = web.post(f"/defender/needs/{need.id}/submit")

    assert response.status_code == 302
    assert len(inbox.messages) == 1
    recipients, content = inbox.messages[0]
    assert recipients == [coordinator.email]
    assert f"http://matcher.test/coordinator/needs/{need.id}" in content
    for secret in ("Rio Verde", "Tegucigalpa", "Minera", owner.defender.pseudonym, "Honduras"):
        assert secret not in content


def test_nothing_is_sent_when_the_change_is_rolled_back(app, inbox):
    factories.coordinator()
    owner = factories.defender()
    need = factories.need(owner)
    workflow.submit_need(owner, need)
    db.session.rollback()
    db.session.commit()
    assert inbox.messages == []


def test_mail_written_while_the_server_is_down_arrives_once_it_is_back(app, monkeypatch):
    """Changes are made while nothing answers on the mail port; the messages wait as rows,
    and once a server answers there, every one arrives, exactly once."""
    monkeypatch.setattr(mail, "RETRY_AFTER", (0,))  # due again at once: no waiting in a test
    inbox, port = Inbox(), _free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SUPPRESS_SEND=False)
    app.extensions["mail"].server, app.extensions["mail"].port = "127.0.0.1", port
    coordinator = factories.coordinator()
    owners = [factories.defender(email=f"defender{n}@example.org") for n in range(3)]
    for owner in owners:
        workflow.submit_need(owner, factories.need(owner))
        db.session.commit()  # each change committed, its delivery tried and refused

    waiting = db.session.scalars(select(OutgoingMail)).all()
    assert [(row.state, row.last_error) for row in waiting] == [("pending", "ConnectionRefusedError")] * 3
    assert all(row.attempts >= 1 for row in waiting)

    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        first = app.test_cli_runner().invoke(args=["mail", "deliver"])
        again = app.test_cli_runner().invoke(args=["mail", "deliver"])
    finally:
        controller.stop()

    assert "3 message(s) sent" in first.output and "0 message(s) sent" in again.output
    assert [recipients for recipients, _ in inbox.messages] == [[coordinator.email]] * 3
    db.session.expire_all()
    assert {row.state for row in db.session.scalars(select(OutgoingMail))} == {"sent"}


def test_a_message_is_a_sealed_row_written_with_its_change(app):
    factories.coordinator(email="coordinator@example.org")
    owner = factories.defender()
    workflow.submit_need(owner, factories.need(owner))
    db.session.flush()

    stored = db.session.execute(text("SELECT recipients, subject, body FROM outgoing_mail")).one()
    assert all("coordinator@example.org" not in value and "submitted" not in value for value in stored)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail)) == 0


def test_each_recipient_is_written_to_in_their_own_language(app, outbox):
    factories.coordinator(email="coordinadora@example.org").language = "es"
    factories.coordinator(email="coordinatrice@example.org").language = "fr"
    factories.coordinator(email="coordinator@example.org")  # no setting: the platform's default
    owner = factories.defender()
    workflow.submit_need(owner, factories.need(owner))
    db.session.commit()

    by_recipient = {tuple(message.recipients): message for message in outbox}
    assert by_recipient[("coordinadora@example.org",)].subject == "Se envió una solicitud"
    assert "Por su seguridad" in by_recipient[("coordinadora@example.org",)].body
    assert by_recipient[("coordinatrice@example.org",)].subject == "Une demande a été soumise"
    assert by_recipient[("coordinator@example.org",)].subject == "A need was submitted"
