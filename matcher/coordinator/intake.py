"""Taking a need in on a defender's behalf: many defenders never touch the web.

First the coordinator chooses the defender, or records one who has no account
(no password, so nobody can sign in as them; verified, since the coordinator
vouches for them in person). Then the shared need form, saved as a draft or
submitted at once.
"""

from flask import flash, redirect, render_template, url_for
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
from ..web.fields import country_field, languages_field
from .blueprint import bp


class ChooseDefenderForm(FlaskForm):
    defender = SelectField("Defender", coerce=int, validators=[DataRequired(message="Choose a defender.")])
    choose = SubmitField("Continue with this defender")


class OfflineDefenderForm(FlaskForm):
    pseudonym = StringField("Name to use on the platform", validators=[DataRequired(), Length(max=120)])
    kind = SelectField("The defender is", choices=vocab.choices(vocab.DEFENDER_KIND_LABELS))
    country = country_field("Country where they work")
    languages = languages_field("Languages they speak")
    contact = TextAreaField(
        "How counsel can reach them safely",
        description="Shared with a firm only after the defender consents.",
        validators=[DataRequired(), Length(max=1000)],
    )
    email = StringField(
        "Email, if they have one",
        description="Only for notifications: an offline defender cannot sign in.",
        filters=[lambda value: value.strip().lower() if value else None],
        validators=[Optional(), Email(message="Enter a valid email address."), Length(max=254)],
    )
    create = SubmitField("Record this defender")


class IntakeNeedForm(NeedForm):
    submit_now = SubmitField("Submit now")


def _defender_choices() -> list:
    # Pseudonyms are sealed, so they are put in order here, not by the database.
    profiles = sorted(db.session.scalars(select(DefenderProfile)), key=lambda p: (p.pseudonym.casefold(), p.id))
    labels = {
        p.id: f"{p.pseudonym} · {vocab.country_name(p.country)} · #{p.id}{'' if p.verified else ' (not verified)'}"
        for p in profiles
    }
    return vocab.choices({0: "Choose a defender", **labels})


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
            offline.email.errors.append("An account has this email: choose that defender above.")
        else:
            profile = _record_offline_defender(offline)
            flash(f"{profile.pseudonym} is recorded. Now write their need.")
            return redirect(url_for("coordinator.intake_need", defender_id=profile.id))
    return render_template("coordinator/intake_defender.html", choose=choose, offline=offline)


def _record_offline_defender(form: OfflineDefenderForm) -> DefenderProfile:
    user = people.create_defender(
        email=form.email.data or None, password_hash=None, pseudonym=form.pseudonym.data, kind=form.kind.data,
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
        message = "The need is saved as a draft."
        if form.submit_now.data:
            try:
                workflow.submit_need(current_user, need)
                message = "The need is submitted and screened."
            except workflow.TransitionError as error:
                flash(str(error), "error")
        flash(message)
        return redirect(url_for("coordinator.need", need_id=need.id))
    return render_template("coordinator/intake_need.html", form=form, profile=profile)
