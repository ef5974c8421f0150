"""One commit per request: what a page changed is kept together, or not at all.

A view changes the session and returns; the commit happens here, once, after it
(the way Indico's ``RH.process`` does it), and the mail queued with the change is
sent only after that commit succeeds (``core.mail``). A request that fails with a
server error commits nothing: its session is rolled back when the app context
ends. A GET page that audits a read is committed the same way.
"""

from ..extensions import db


def init_app(app) -> None:
    @app.after_request
    def _commit(response):
        if response.status_code < 500:
            db.session.commit()
        else:
            db.session.rollback()
        return response
