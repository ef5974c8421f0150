"""The defender's small forms; the need form itself is shared (matcher.needform)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length


class WithdrawForm(FlaskForm):
    """Withdrawing cannot be undone, so it asks for an explicit tick."""

    confirm = BooleanField(
        _l("Yes, withdraw this need. Open proposals to firms or funds are cancelled."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
    note = TextAreaField(
        _l("Why, if you want to say (coordinators read this)"),
        validators=[Length(max=1000)],
    )


class RefuseForm(FlaskForm):
    note = TextAreaField(
        _l("Why, if you want to say (coordinators read this)"),
        validators=[Length(max=1000)],
    )
