"""Error pages that say what happened without a stack trace."""

from flask import render_template
from flask_wtf.csrf import CSRFError


def register_error_pages(app) -> None:
    def page(status: int, title: str, text: str):
        return render_template("error.html", title=title, text=text), status

    app.register_error_handler(
        CSRFError,
        lambda e: page(400, "Form expired", "The form was too old or incomplete. Go back, reload and try again."),
    )
    app.register_error_handler(
        400, lambda e: page(400, "Not understood", "Something in the form cannot be accepted. Go back and check it.")
    )
    app.register_error_handler(403, lambda e: page(403, "Not allowed", "Your account cannot open this page."))
    app.register_error_handler(404, lambda e: page(404, "Not found", "There is nothing here."))
    app.register_error_handler(
        429, lambda e: page(429, "Too many attempts", "Wait a few minutes before trying again.")
    )
    app.register_error_handler(
        413, lambda e: page(413, "File too large", "The file is larger than the platform accepts.")
    )
