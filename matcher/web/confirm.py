"""One extra step before what cannot be undone: a page that says what will happen, then asks.

A form that releases a defender's identity, closes a matter, deletes an offer or proposes a
need posts first to its own route, which answers with this page instead of acting: the
consequence in words, and a form that posts the same fields again with ``confirmed`` set
(no script needed). Going back changes nothing.
"""

from flask import render_template, request

CONFIRMED = "confirmed"


def unless_confirmed(consequence: str, back: str):
    """None when the person has confirmed this post; otherwise the page that asks them to.

    ``consequence`` says what will happen, ``back`` is where "go back" leads."""
    if request.form.get(CONFIRMED) == "yes":
        return None
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in ("csrf_token", CONFIRMED)]
    return render_template("confirm.html", consequence=consequence, fields=fields, action=request.path, back=back)
