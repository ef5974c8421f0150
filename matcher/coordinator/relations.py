"""The registry of corporate relations: reading it, and replacing it from a CSV file.

The registry is platform data, not any firm's: coordinators keep it so that an
adverse party that is a subsidiary or parent of a client, or its joint-venture partner,
financier or contractor, is flagged. Replacing it re-screens every open need in the same
transaction, so it runs as a job (``conflicts.registryimport``) whose page shows how far
it has come.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import func, or_, select

from ..conflicts import registryimport
from ..conflicts.reasons import RELATION_WORDS
from ..conflicts.registry import parse_relations_csv
from ..core.csvfiles import FileRefused
from ..extensions import db
from ..models import CorporateRelation, RegistryImport
from ..web.imports import import_page
from .blueprint import bp

PER_PAGE = 50
SAMPLE = ("child,parent,relation\nGazprom Germania GmbH,Gazprom Export LLC,\nGazprom Export LLC,ПАО Газпром,ownership\n"
          "Andes Security Services,Minera Andina S.A.,contractor\nMinera Andina S.A.,Banco del Sur,financier\n"
          "Minera Andina S.A.,Pacific Copper Ltd,joint venture")


class RelationsForm(FlaskForm):
    file = FileField(_l("Relations (CSV)"), validators=[FileRequired(message=_l("Choose a CSV file to upload."))])


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(CorporateRelation))


@bp.route("/relations")
def relations():
    """The registry, searchable by either name."""
    search = request.args.get("q", "").strip()
    query = select(CorporateRelation)
    if search:
        query = query.where(or_(CorporateRelation.child_name.icontains(search, autoescape=True),
                                CorporateRelation.parent_name.icontains(search, autoescape=True)))
    page = db.paginate(query.order_by(CorporateRelation.parent_name, CorporateRelation.child_name,
                                      CorporateRelation.id), per_page=PER_PAGE, max_per_page=PER_PAGE)
    return render_template("coordinator/relations.html", page=page, search=search, total=_count(),
                           relation_words=RELATION_WORDS)


@bp.route("/relations/upload", methods=["GET", "POST"])
def upload_relations():
    """Replace the registry with a file, or refuse the whole file and say why, line by line."""
    form = RelationsForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            parsed = parse_relations_csv(form.file.data.read())
        except FileRefused as refused:
            errors = refused.errors
        else:
            running = registryimport.running_import()
            if running is not None:
                flash(_("The registry is still being replaced: wait until that is done, then upload again."), "error")
                return redirect(url_for(".relations_import", import_id=running.id))
            record = registryimport.start_import(current_user, parsed)
            if parsed.repeated:
                flash(_("%(count)s repeated lines were counted once.", count=parsed.repeated))
            return redirect(url_for(".relations_import", import_id=record.id))
    return render_template("coordinator/relations_upload.html", form=form, errors=errors, sample=SAMPLE,
                           count=_count())


@bp.route("/relations/imports/<int:import_id>")
def relations_import(import_id: int):
    """Where a replacement of the registry stands, until it is done."""
    return import_page("coordinator/relations_import.html", db.get_or_404(RegistryImport, import_id))
