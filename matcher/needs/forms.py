"""The need form, shared by defenders writing their own need and coordinators taking one in.

One form, so a need reads the same whoever wrote it. Adverse parties are a list
of sub-forms that grows without JavaScript: the "Add another party" button posts
the form back and it comes back with one more empty row and everything typed kept,
opened on the new row's name.
"""

import re
from datetime import date

from flask import flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..core import audit
from ..extensions import db
from ..matching import vocab
from ..matching.engine import places
from ..models import AdverseParty, Need
from ..web.fields import CheckboxesField, country_field, languages_field, require_one

MAX_PARTIES = 20
MAX_AMOUNT = 100_000_000

PARTY_KIND_LABELS = {
    "organisation": _l("Company, authority or organisation"),
    "person": _l("Person"),
}

HANDLING_LABELS = {
    "quiet": _l("Quietly: no public attention to the case"),
    "public": _l("Publicly: the case may be spoken about, with my agreement"),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class PartyForm(Form):
    """One party on the other side. A plain Form: the enclosing FlaskForm carries the CSRF token."""

    name = StringField(_l("Name"), filters=[_strip], validators=[Length(max=300)])
    kind = SelectField(_l("Kind"), choices=vocab.choices(PARTY_KIND_LABELS), default="organisation")
    country = country_field(_l("Country"), required=False)
    sector = SelectField(
        _l("Sector"),
        description=_l("What the party does, if you know it: firms that do not act against a sector are kept away."),
        choices=vocab.choices(vocab.SECTORS, placeholder=_l("Not known or not a business")),
        default="",
    )
    aliases = TextAreaField(
        _l("Other names"),
        description=_l("Trade names, former names, spellings in other scripts: one a line, or separated by |."),
        filters=[_strip],
        validators=[Length(max=2000)],
    )


class NeedForm(FlaskForm):
    threat = SelectField(
        _l("What is happening"),
        choices=vocab.choices(vocab.THREATS, placeholder=_l("Choose the kind of legal threat")),
        validators=[DataRequired(message=_l("Choose the kind of legal threat."))],
    )
    country = country_field(_l("Country where the case is"))
    languages = languages_field(_l("Languages you can work in"))
    help_wanted = CheckboxesField(
        _l("Help wanted"),
        choices=vocab.choices(vocab.HELP_KINDS),
        validators=[require_one(_l("Choose at least one kind of help."))],
    )
    practice_areas = CheckboxesField(
        _l("Areas of law, if you know them"), choices=vocab.choices(vocab.PRACTICE_AREAS)
    )
    needs_local_counsel = BooleanField(
        _l("The case needs a lawyer admitted in its country (local counsel)"),
        description=_l("Many courts hear only lawyers admitted in the country. A firm from elsewhere is then "
                       "proposed only if it works with a local lawyer."),
    )
    urgency = SelectField(_l("Urgency"), choices=vocab.choices(vocab.URGENCY_LABELS), default="standard")
    deadline = DateField(
        _l("Hard deadline"),
        description=_l("A hearing, a court date or another date that cannot move, if there is one."),
        validators=[Optional()],
    )
    amount_needed = IntegerField(
        _l("Funding needed, if any"),
        description=_l("The amount a fund would need to give, in whole units, e.g. 5000. Leave empty if you "
                       "do not ask for money."),
        validators=[Optional(), NumberRange(min=1, max=MAX_AMOUNT, message=_l("Enter an amount of 1 or more."))],
    )
    currency = StringField(
        _l("Currency of the amount"),
        description=_l("ISO 4217 code, such as USD, EUR, HNL or BRL."),
        filters=[lambda value: value.strip().upper() if isinstance(value, str) else value],
    )
    summary = TextAreaField(
        _l("Summary"),
        description=_l("The only text a proposed law firm or fund reads before you consent. Describe the "
                       "situation without your name, your organisation, places or dates that would identify you."),
        filters=[_strip],
        validators=[DataRequired(message=_l("Write a short summary.")), Length(max=2000)],
    )
    details = TextAreaField(
        _l("Details"),
        description=_l("Everything else counsel should know. Released to a firm only after you consent."),
        filters=[_strip],
        validators=[Length(max=10000)],
    )
    handling = RadioField(_l("How the case should be handled"), choices=vocab.choices(HANDLING_LABELS),
                          default="quiet")
    consent_share_summary = BooleanField(
        _l("I agree that coordinators show the summary above (never my name or contact) to the law firms "
           "and funds they propose my need to."),
        description=_l("Without this agreement no firm or fund can be approached."),
    )
    parties = FieldList(FormField(PartyForm), min_entries=1, max_entries=MAX_PARTIES)
    add_party = SubmitField(_l("Add another party"))
    save = SubmitField(_l("Save draft"))
    party_added = False

    def validate_deadline(self, field):
        if field.data and field.data < date.today():
            raise ValidationError(_("This date has passed: choose a date to come, or leave it empty."))

    def validate_currency(self, field):
        """Funds compare amounts only in one currency, so an amount without one cannot be matched."""
        if field.data and places.currency(field.data) is None:
            raise ValidationError(_("Enter an ISO 4217 currency code, such as USD or EUR."))
        if self.amount_needed.data is not None and not field.data:
            raise ValidationError(_("Say which currency the amount is in, such as USD."))
        if field.data and self.amount_needed.data is None and not self.amount_needed.errors:
            raise ValidationError(_("Enter the amount needed too, or leave the currency empty."))

    def validate_parties(self, field):
        """Every row that holds anything needs a name; blank extra rows are dropped on save."""
        filled = [entry for entry in field.entries if not _blank(entry.form)]
        if not filled:
            field.entries[0].form.name.errors.append(_("Name at least one party on the other side."))
        for entry in filled:
            if not entry.form.name.data:
                entry.form.name.errors.append(_("Give this party's name, or empty the row."))
        if any(entry.errors for entry in field.entries):
            field.errors = [entry.errors for entry in field.entries]

    def add_party_row(self) -> None:
        """Answer "Add another party": one more empty row, within the limit, whose name field the
        page opens on (``party_added``)."""
        if len(self.parties.entries) >= MAX_PARTIES:
            flash(_("A need can name at most %(num)d parties.", num=MAX_PARTIES), "error")
        else:
            self.parties.append_entry()
            self.party_added = True

    def next_party_anchor(self) -> str:
        """Where "Add another party" sends the browser: the name field of the row it adds. A page
        opened at a field's fragment scrolls to it and focuses it, with no script; the field's
        ``autofocus`` does the same where the fragment is lost (browsers skip autofocus when an
        address has one)."""
        return f"#{self.parties.id}-{self.parties.last_index + 1}-name"


def _blank(party: PartyForm) -> bool:
    return not (party.name.data or party.aliases.data or party.country.data or party.sector.data)


def split_aliases(text: str | None) -> list[str]:
    """Aliases typed one a line or separated by '|', without blanks or repeats."""
    names = (name.strip() for name in re.split(r"[|\r\n]", text or ""))
    return list(dict.fromkeys(name for name in names if name))


def need_form(need: Need | None = None, *, form_class=NeedForm, **defaults) -> NeedForm:
    """The form as posted, or on first show filled from ``need`` (or from ``defaults``)."""
    if request.method == "POST":
        return form_class()
    return form_class(data=need_data(need) if need is not None else defaults)


def need_data(need: Need) -> dict:
    """A need's values in the shape the form takes, parties included."""
    return {
        "threat": need.threat,
        "country": need.country,
        "languages": list(need.languages),
        "help_wanted": list(need.help_wanted),
        "practice_areas": list(need.practice_areas),
        "needs_local_counsel": need.needs_local_counsel,
        "urgency": need.urgency,
        "deadline": need.deadline,
        "amount_needed": need.amount_needed,
        "currency": need.currency,
        "summary": need.summary,
        "details": need.details,
        "handling": need.handling,
        "consent_share_summary": need.consent_share_summary,
        "parties": [
            {"name": p.name, "kind": p.kind, "country": p.country, "sector": p.sector,
             "aliases": "\n".join(p.aliases)}
            for p in need.parties
        ],
    }


def fill_need(need: Need, form: NeedForm) -> None:
    """Copy a validated form onto ``need``, replacing its parties with the named rows."""
    need.threat = form.threat.data
    need.country = form.country.data
    need.languages = list(form.languages.data)
    need.help_wanted = list(form.help_wanted.data)
    need.practice_areas = list(form.practice_areas.data or [])
    need.needs_local_counsel = form.needs_local_counsel.data
    need.urgency = form.urgency.data
    need.deadline = form.deadline.data
    need.amount_needed = form.amount_needed.data
    need.currency = form.currency.data if form.amount_needed.data is not None else ""
    need.summary = form.summary.data
    need.details = form.details.data or ""
    need.handling = form.handling.data
    need.consent_share_summary = form.consent_share_summary.data
    need.parties = [
        AdverseParty(
            name=row.form.name.data,
            kind=row.form.kind.data,
            country=row.form.country.data or "",
            sector=row.form.sector.data or "",
            aliases=split_aliases(row.form.aliases.data),
        )
        for row in form.parties.entries
        if row.form.name.data
    ]


def create_draft(actor, profile, form: NeedForm) -> Need:
    """A new draft need for ``profile`` from a validated form, written by ``actor`` and audited."""
    need = Need(defender=profile, created_by_id=actor.id, state="draft")
    fill_need(need, form)
    db.session.add(need)
    db.session.flush()
    audit.record(actor, "need.create", need, need=need, to_state="draft")
    return need
