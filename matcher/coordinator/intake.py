"""Taking a need in on a defender's behalf: many defenders never touch the web.

First the coordinator chooses the defender, or records one who has no account
(no password, so nobody can sign in as them; verified, since the coordinator
vouches for them in person). Then the shared need form, saved as a draft or
submitted at once.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..accounts import people
from ..core import audit
from ..extensions import db
from ..matching import vocab
from ..models import DefenderProfile
from ..needs import workflow
from ..needs.forms import NeedForm, create_draft, need_form
from ..web.fields import country_field, defender_kinds_field, languages_field
from .blueprint import bp


class ChooseDefenderForm(FlaskForm):
    defender = SelectField(_l("Defender"), coerce=int, validators=[DataRequired(message=_l("Choose a defender."))])
    choose = SubmitField(_l("Continue with this defender"))


def _kinds_field():
    return defender_kinds_field(_l("The defender is"), _l("Tick every one that applies: a fund for any of them is "
                                                          "open to the defender."))


class OfflineDefenderForm(FlaskForm):
    pseudonym = StringField(_l("Name to use on the platform"), validators=[DataRequired(), Length(max=120)])
    kinds = _kinds_field()
    country = country_field(_l("Country where they work"))
    languages = languages_field(_l("Languages they speak"))
    contact = TextAreaField(
        _l("How counsel can reach them safely"),
        description=_l("Shared with a firm only after the defender consents."),
        validators=[DataRequired(), Length(max=1000)],
    )
    email = StringField(
        _l("Email, if they have one"),
        description=_l("Only for notifications: an offline defender cannot sign in."),
        filters=[lambda value: value.strip().lower() if value else None],
        validators=[Optional(), Email(message=_l("Enter a valid email address.")), Length(max=254)],
    )
    create = SubmitField(_l("Record this defender"))


class OfflineKindsForm(FlaskForm):
    kinds = _kinds_field()


class IntakeNeedForm(NeedForm):
    submit_now = SubmitField(_l("Submit now"))


def _defender_choices() -> list:
    # Pseudonyms are sealed, so they are put in order here, not by the database.
    profiles = sorted(db.session.scalars(select(DefenderProfile)), key=lambda p: (p.pseudonym.casefold(), p.id))
    labels = {p.id: _defender_choice(p) for p in profiles}
    return vocab.choices({0: _("Choose a defender"), **labels})


def _defender_choice(profile: DefenderProfile) -> str:
    values = {"name": profile.pseudonym, "country": vocab.country_name(profile.country), "id": profile.id}
    if profile.verified:
        return _("%(name)s · %(country)s · #%(id)s", **values)
    return _("%(name)s · %(country)s · #%(id)s (not verified)", **values)


@bp.route("/intake", methods=["GET", "POST"])
def intake():
    """Choose a defender with an account, or record one without."""
    choose = ChooseDefenderForm()
    choose.defender.choices = _defender_choices()
    offline = OfflineDefenderForm()
    if choose.choose.data and choose.validate():
        return redirect(url_for("coordinator.intake_need", defender_id=choose.defender.data))
    if offline.create.data and offline.validate():
        if offline.email.data and people.email_taken(offline.email.data):
            offline.email.errors.append(_("An account has this email: choose that defender above."))
        else:
            profile = _record_offline_defender(offline)
            flash(_("%(name)s is recorded. Now write their need.", name=profile.pseudonym))
            return redirect(url_for("coordinator.intake_need", defender_id=profile.id))
    return render_template("coordinator/intake_defender.html", choose=choose, offline=offline)


def _record_offline_defender(form: OfflineDefenderForm) -> DefenderProfile:
    user = people.create_defender(
        email=form.email.data or None, password_hash=None, pseudonym=form.pseudonym.data, kinds=form.kinds.data,
        country=form.country.data, languages=form.languages.data, contact=form.contact.data, verified=True)
    audit.record(current_user, "defender.intake", user.defender, note="Recorded offline by a coordinator")
    return user.defender


@bp.route("/intake/<int:defender_id>", methods=["GET", "POST"])
def intake_need(defender_id: int):
    """Write the need for ``defender_id``; "Submit now" sends it straight to screening."""
    profile = db.get_or_404(DefenderProfile, defender_id)
    form = need_form(form_class=IntakeNeedForm, country=profile.country, languages=profile.languages)
    if form.add_party.data:
        form.add_party_row()
    elif form.validate_on_submit():
        need = create_draft(current_user, profile, form)
        message = _("The need is saved as a draft.")
        if form.submit_now.data:
            try:
                workflow.submit_need(current_user, need)
                message = _("The need is submitted and screened.")
            except workflow.TransitionError as error:
                flash(str(error), "error")
        flash(message)
        return redirect(url_for("coordinator.need", need_id=need.id))
    return render_template("coordinator/intake_need.html", form=form, profile=profile)


@bp.route("/defenders/<int:profile_id>/kinds", methods=["GET", "POST"])
def offline_defender_kinds(profile_id: int):
    """Change the kinds of defender an offline defender is; one with an account says it herself."""
    profile = db.get_or_404(DefenderProfile, profile_id)
    if profile.user.password_hash is not None:
        abort(404)
    form = OfflineKindsForm(data={"kinds": profile.kinds})
    if form.validate_on_submit():
        profile.kinds = form.kinds.data
        audit.record(current_user, "defender.kinds", profile)
        flash(_("Saved: funds for any of these kinds of defender are open to %(name)s.", name=profile.pseudonym))
        return redirect(url_for("coordinator.people"))
    return render_template("coordinator/defender_kinds.html", form=form, profile=profile)
