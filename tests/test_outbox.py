"""With no mail server configured, messages are kept as files in the local outbox."""

from email import message_from_bytes
from pathlib import Path

from matcher.extensions import db
from matcher.needs import workflow
from tests import factories


def test_messages_are_written_to_the_outbox_folder(app):
    coordinator = factories.coordinator()
    owner = factories.defender()
    need = factories.need(owner)
    workflow.submit_need(owner, need)
    db.session.commit()

    files = list(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes())
    assert message["To"] == coordinator.email
    assert f"needs/{need.id}" in message.get_payload(decode=True).decode()


def test_outside_tests_mail_is_suppressed_when_no_server_is_configured(tmp_path):
    from matcher import create_app

    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_OUTBOX": str(tmp_path)})
    assert app.extensions["mail"].suppress is True
