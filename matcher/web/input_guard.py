"""Refuse form input carrying NUL characters, before any handler sees it.

Nobody types a NUL, PostgreSQL cannot store one in text, and a NUL that slips
through to a log or a file can truncate what comes after it: the request is
answered with 400 and a plain explanation.
"""

from flask import abort, request


def init_app(app) -> None:
    @app.before_request
    def _refuse_nul():
        values = [value for _name, many in (*request.args.lists(), *request.form.lists()) for value in many]
        values += [*request.args, *request.form] + [upload.filename or "" for upload in request.files.values()]
        if any("\x00" in value for value in values):
            abort(400)
