"""A person's own settings: the language of the pages and their mail, and the zone times are shown in."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice

from ..core import audit
from ..web.languages import LANGUAGES, country_time_zone, reader_language, time_zones
from .blueprint import bp


class SettingsForm(FlaskForm):
    language = RadioField(_l("Language of the pages and of your mail"),
                          choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()])
    time_zone = SelectField(
        _l("Time zone"), description=_l("Dates and times on the pages are shown in this zone, with its name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone.choices = _zone_choices()


def _zone_choices() -> list[SelectChoice]:
    """The country's own zone as the default, then every zone grouped by country, in the reader's words."""
    own = country_time_zone(current_user)
    default = _("Your country's (%(zone)s)", zone=own) if own else _("Coordinated Universal Time (UTC)")
    return [SelectChoice("", default), *(SelectChoice(zone, city, optgroup=country)
                                         for country, city, zone in time_zones(reader_language()))]


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    user = current_user._get_current_object()
    form = SettingsForm(data={"language": reader_language(), "time_zone": user.time_zone or ""})
    if form.validate_on_submit():
        user.language = form.language.data
        user.time_zone = form.time_zone.data or None
        audit.record(user, "user.settings", user)
        flash(_("Your settings were saved."))
        return redirect(url_for("auth.settings"))
    return render_template("auth/settings.html", form=form)
