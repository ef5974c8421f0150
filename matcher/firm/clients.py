"""The firm's client list: uploading a new one whole, and reading the current one.

Nobody outside the firm sees the list; the screening engine reads it through
its index and coordinators see only the one client name a hit matched.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select

from .. import audit
from ..clientlists import COLUMNS, ClientListError, parse_client_csv, replace_client_list
from ..extensions import db
from ..models import ClientEntry
from . import bp
from .forms import ClientListForm

PAGE_SIZE = 50
SAMPLE_ROWS = (
    ",".join(COLUMNS),
    "C-001,Minera Andina S.A.,Minera Andina|MASA,organisation,HN,,",
    "C-002,Andina Holdings Ltd,,organisation,GB,,529900T8BM49AURSDO55",
    "C-003,Minera Andina Exploraciones,,organisation,HN,C-001,",
)


def _entry_count() -> int:
    query = select(func.count()).select_from(ClientEntry).where(ClientEntry.firm_id == current_user.firm_id)
    return db.session.scalar(query)


@bp.route("/clients")
def clients():
    """The firm's entries, 50 a page, optionally filtered by name or id.

    A page that is not a number shows the first page; one past the end answers 404.
    """
    search = request.args.get("q", "").strip()
    query = select(ClientEntry).where(ClientEntry.firm_id == current_user.firm_id)
    if search:
        query = query.where(or_(ClientEntry.name.icontains(search, autoescape=True),
                                ClientEntry.external_id == search))
    page = db.paginate(query.order_by(ClientEntry.name, ClientEntry.id),
                       page=request.args.get("page", 1, type=int), per_page=PAGE_SIZE)
    return render_template("firm/clients.html", firm=current_user.firm, page=page, search=search,
                           total=_entry_count())


@bp.route("/clients/upload", methods=["GET", "POST"])
def upload_clients():
    """Replace the list with a file, or refuse the whole file and say why, line by line."""
    form = ClientListForm()
    errors: list[str] = []
    if form.validate_on_submit():
        data = form.file.data.read()
        if not data.strip():
            form.file.errors.append("The file is empty.")
        else:
            try:
                rows = parse_client_csv(data)
            except ClientListError as refused:
                errors = refused.errors
            else:
                firm = current_user.firm
                # One upload at a time per firm: the swap deletes and inserts the whole list.
                db.session.refresh(firm, with_for_update=True)
                screened = replace_client_list(firm, rows)
                audit.record(current_user, "clients.replace", firm, note=f"{len(rows)} entries")
                db.session.commit()
                flash(f"The client list now holds {len(rows)} entries; {screened} open matters were "
                      "screened against it again.")
                return redirect(url_for("firm.clients"))
    return render_template("firm/clients_upload.html", form=form, errors=errors, columns=COLUMNS,
                           sample="\n".join(SAMPLE_ROWS), count=_entry_count())
