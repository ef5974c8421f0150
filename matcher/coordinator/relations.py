"""The registry of corporate relations: reading it, and replacing it from a CSV file.

The registry is platform data, not any firm's: coordinators keep it so that an
adverse party that is a subsidiary or parent of a client is flagged. Replacing it
re-screens every open need in the same transaction.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import func, or_, select

from ..conflicts.registry import parse_relations_csv
from ..core.csvfiles import FileRefused
from ..extensions import db
from ..models import CorporateRelation
from ..needs import workflow
from .blueprint import bp

PER_PAGE = 50
SAMPLE = "child,parent\nGazprom Germania GmbH,Gazprom Export LLC\nGazprom Export LLC,ПАО Газпром"


class RelationsForm(FlaskForm):
    file = FileField("Relations (CSV)", validators=[FileRequired(message="Choose a CSV file to upload.")])


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
    return render_template("coordinator/relations.html", page=page, search=search, total=_count())


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
            imported = workflow.replace_registry(current_user, parsed)
            repeated = f" ({imported.repeated} repeated lines counted once)" if imported.repeated else ""
            flash(f"The registry now holds {imported.relations} relations{repeated}; "
                  f"{imported.needs_screened} open needs were screened again.")
            return redirect(url_for(".relations"))
    return render_template("coordinator/relations_upload.html", form=form, errors=errors, sample=SAMPLE,
                           count=_count())
