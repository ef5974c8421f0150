"""Notifications reach a real SMTP server, after the commit, and carry no case details."""

import socket

import pytest
from aiosmtpd.controller import Controller

from matcher.extensions import db
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
