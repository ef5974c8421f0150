"""The admin's forms: finding an account, and changing a staff role."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from ..accounts.management import ROLE_WORDS, STAFF_ROLES
from ..matching import vocab
from ..web.fields import email_field


class FindForm(FlaskForm):
    """Posted, so the address looked for stays out of URLs and access logs."""

    email = email_field(_l("Email address"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=vocab.choices({role: ROLE_WORDS[role] for role in STAFF_ROLES}))
