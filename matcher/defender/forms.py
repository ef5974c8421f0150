"""The defender's small forms; the need form itself is shared (matcher.needform)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..matching import vocab
from ..needs import outcomes


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


class HelpedForm(FlaskForm):
    """The widgets of the defender's word on the help; ``needs.feedback`` says what it must hold."""

    helped = RadioField(_l("Did the help help you?"), choices=vocab.choices(outcomes.VERDICTS), validate_choice=False)
    note = TextAreaField(
        _l("Anything you want to add (optional)"),
        description=_l("Private: only you and the coordinators read this, never the firm or the fund."),
    )
