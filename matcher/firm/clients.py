"""The firm's client list: uploading a new one whole, and reading the current one.

Nobody outside the firm sees the list; the screening engine reads it through
its index and coordinators see only the one client name a hit matched.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import case, func, literal, or_, select

from ..conflicts import clientindex, clientlists, screening
from ..conflicts.clientlists import COLUMNS, parse_client_csv
from ..core.csvfiles import FileRefused
from ..extensions import db
from ..models import ClientEntry, ClientImport
from ..needs import workflow
from ..web.attempts import attempt
from ..web.imports import import_page
from .blueprint import bp, own_record_or_404
from .forms import ClientListForm, LookBackForm, NoClientsForm

PAGE_SIZE = 50
SEARCH_LIMIT = 200
# Seconds between reloads of the status page of an import under way.
SAMPLE_ROWS = (
    ",".join(COLUMNS),
    "C-001,Minera Andina S.A.,Minera Andina|MASA,organisation,HN,,,,",
    "C-002,Andina Holdings Ltd,,organisation,GB,,529900T8BM49AURSDO55,,",
    "C-003,Minera Andina Exploraciones,,organisation,HN,C-001,,former,2021-06-30",
)


def _entry_count() -> int:
    query = select(func.count()).select_from(ClientEntry).where(ClientEntry.firm_id == current_user.firm_id)
    return db.session.scalar(query)


@bp.route("/clients", methods=["GET", "POST"])
def clients():
    """The firm's entries in the order of its file, 50 a page, or those matching a search.

    Names are sealed, so a search goes through the screening index: it finds names
    sharing a word, a spelling one letter apart or the initials, best first, and an
    id written exactly. The search is posted, so a client's name never stands in an
    address, a browser's history or an access log. A page that is not a number shows
    the first page; one past the end answers 404.
    """
    search = request.form.get("q", "").strip() if request.method == "POST" else ""
    query = select(ClientEntry).where(ClientEntry.firm_id == current_user.firm_id)
    if search:
        found = clientindex.search(current_user.firm_id, search, limit=SEARCH_LIMIT)
        query = query.where(or_(ClientEntry.id.in_(found), ClientEntry.external_id == search))
        rank = case({entry_id: rank for rank, entry_id in enumerate(found)}, value=ClientEntry.id, else_=-1) \
            if found else literal(-1)
        query = query.order_by(rank)
    # A search shows all it found on one page: its answers are posted, not linked to.
    page = db.paginate(query.order_by(ClientEntry.id), page=1 if search else request.args.get("page", 1, type=int),
                       per_page=SEARCH_LIMIT if search else PAGE_SIZE)
    return render_template("firm/clients.html", firm=current_user.firm, page=page, search=search,
                           total=_entry_count(), attestation=NoClientsForm(formdata=None),
                           attestation_holds=screening.screenable(current_user.firm),
                           look_back=LookBackForm(formdata=None, years=current_user.firm.former_client_years))


@bp.route("/clients/look-back", methods=["POST"])
def look_back():
    """The firm says how many years a former client counts as a conflict."""
    form = LookBackForm()
    if form.validate_on_submit():
        attempt(lambda: workflow.set_former_client_years(current_user, current_user.firm, form.years.data),
                _("Former clients now count for %(years)s years after the relationship ended.", years=form.years.data))
    else:
        for error in form.years.errors:
            flash(str(error), "error")
    return redirect(url_for("firm.clients") + "#look-back-heading")


@bp.route("/clients/none", methods=["POST"])
def attest_no_clients():
    """A firm with no clients says so, by a member's hand: matters can then be proposed to it."""
    form = NoClientsForm()
    if form.validate_on_submit():
        attempt(lambda: clientlists.attest_no_clients(current_user, current_user.firm),
                _("Recorded: the firm has no clients to declare. Upload a list as soon as it has one."))
    else:
        for error in form.confirm.errors:
            flash(str(error), "error")
    return redirect(url_for("firm.clients"))


@bp.route("/clients/upload", methods=["GET", "POST"])
def upload_clients():
    """Validate the file here, so a bad one is refused on this page line by line with nothing
    changed; a good one is imported (see ``clientlists``) and its progress page shown."""
    form = ClientListForm()
    errors: list[str] = []
    if form.validate_on_submit():
        data = form.file.data.read()
        if not data.strip():
            form.file.errors.append(_("The file is empty."))
        else:
            try:
                rows = parse_client_csv(data)
            except FileRefused as refused:
                errors = refused.errors
            else:
                running = clientlists.running_import(current_user.firm)
                if running is not None:
                    flash(_("A list is still being imported: wait until it is done, then upload again."), "error")
                    return redirect(url_for("firm.client_import", import_id=running.id))
                record = clientlists.start_import(current_user.firm, current_user, rows)
                for note in clientlists.kinds_read(row.kind_written for row in rows):
                    flash(note)
                return redirect(url_for("firm.client_import", import_id=record.id))
    return render_template("firm/clients_upload.html", form=form, errors=errors, columns=COLUMNS,
                           sample="\n".join(SAMPLE_ROWS), count=_entry_count())


@bp.route("/clients/imports/<int:import_id>")
def client_import(import_id: int):
    """Where an import stands; the page reloads itself (a Refresh header, no script) until it ends."""
    return import_page("firm/clients_import.html", own_record_or_404(ClientImport, import_id))
