"""Accounts: the list, one account with its sign-ins, and what an admin may do to it.

Addresses and names are sealed, so an account is found by its exact address (its
keyed digest), posted rather than put in the URL.
"""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..accounts import management
from ..extensions import db
from ..models import AuditEvent, User
from ..models.accounts import ROLES
from ..web.attempts import attempt
from .blueprint import bp
from .forms import FindForm, RoleForm

PER_PAGE = 50
SIGN_INS_SHOWN = 20
ACTIONS = {
    "disable": (management.disable, _l("The account is disabled and signed out everywhere.")),
    "enable": (management.enable, _l("The account can sign in again.")),
    "reset-factor": (management.reset_second_factor, _l("The second factor is reset; the owner was told.")),
}


@bp.route("/", methods=["GET", "POST"])
def accounts():
    """Every account, newest first, by role; or the one with the address posted."""
    role = request.args.get("role", "")
    query = select(User).options(selectinload(User.firm)).order_by(User.id.desc())
    if role in ROLES:
        query = query.where(User.role == role)
    form = FindForm()
    if form.validate_on_submit():
        query = query.where(User.with_email(form.email.data))
    page = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE)
    return render_template("admin/accounts.html", page=page, role=role, roles=ROLES, form=form,
                           last_sign_in=_last_sign_ins([user.id for user in page.items]))


@bp.route("/accounts/<int:user_id>")
def account(user_id: int):
    user = db.get_or_404(User, user_id)
    sign_ins = db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_type == User.__tablename__, AuditEvent.subject_id == user.id,
                                 AuditEvent.action.in_(("user.login", "user.login_failed")))
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(SIGN_INS_SHOWN)
    ).all()
    return render_template("admin/account.html", user=user, sign_ins=sign_ins, role_form=RoleForm(role=user.role))


@bp.route("/accounts/<int:user_id>/<action>", methods=["POST"])
def act(user_id: int, action: str):
    """Disable, enable, or reset a lost second factor (``ACTIONS``)."""
    user = db.get_or_404(User, user_id)
    if action not in ACTIONS:
        abort(404)
    change, success = ACTIONS[action]
    attempt(lambda: change(current_user, user), str(success))
    return redirect(url_for(".account", user_id=user.id))


@bp.route("/accounts/<int:user_id>/role", methods=["POST"])
def role(user_id: int):
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if form.validate_on_submit():
        attempt(lambda: management.change_role(current_user, user, form.role.data),
                 _("The account is %(role)s now, and was signed out everywhere.", role=form.role.data))
    return redirect(url_for(".account", user_id=user.id))


def _last_sign_ins(user_ids: list[int]) -> dict[int, object]:
    """When each of these accounts last signed in."""
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(AuditEvent.subject_id, func.max(AuditEvent.created_at))
        .where(AuditEvent.action == "user.login", AuditEvent.subject_type == User.__tablename__,
               AuditEvent.subject_id.in_(user_ids))
        .group_by(AuditEvent.subject_id)
    ).all()
    return dict(rows)
