"""Choice fields that also take free text, mapped onto the vocabulary by the matching engine.

A firm in Bogotá writes "difamación, pueblos indígenas", a coordinator "Afrique de
l'Ouest": next to the ticks or the list, each field has an "other, in your words"
box. Every comma- or line-separated item in it is understood by the engine's
``taxonomy`` or ``places`` and merged with what was ticked, so it shows ticked on
the next view. An item the engine cannot understand is refused by name, with the
engine's suggestion when it has one, and the text is kept for the person to fix:
a guessed code would silently hide a candidate or show a wrong one.
"""

import re
from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.widgets import CheckboxInput, ListWidget

from . import vocab
from .engine import Mapping, places, taxonomy

_SEPARATORS = re.compile(r"[,;\r\n]+")


def N_(text: str) -> str:
    """Marks a message for translation; it is translated when an error is written (``gettext``)."""
    return text

HINT = _l("Separate items with commas or new lines. English, Spanish, French or Portuguese.")


def split_items(text: str | None) -> list[str]:
    """The items of a comma- or line-separated text, trimmed, blanks and repeats dropped."""
    return list(dict.fromkeys(item.strip() for item in _SEPARATORS.split(text or "") if item.strip()))


class _ChosenFirst:
    """A long list (184 languages, 250 countries) as checkboxes: what is chosen sits ticked at
    the top, the rest folds under a ``<details>`` that opens without JavaScript.

    A multiple select hides its choice below the fold and a plain click replaces it; here
    nothing chosen is out of sight and every click only adds or removes one item."""

    def __call__(self, field, **kwargs):
        groups = list(field.iter_groups())
        chosen = [choice for _, group in groups for choice in group if choice.selected]
        rest = [(label, [choice for choice in group if not choice.selected]) for label, group in groups]
        count = sum(len(group) for _, group in rest)
        more = gettext("Choose from the full list (%(count)s)", count=count)
        html = Markup('<div class="chooser" id="%s">') % field.id
        if chosen:
            html += _boxes(field.name, chosen)
        html += Markup('<details><summary>%s</summary><div class="folded">') % more
        for label, group in rest:
            if label and group:
                html += Markup('<fieldset class="group"><legend>%s</legend>%s</fieldset>') % (
                    label, _boxes(field.name, group))
            elif group:
                html += _boxes(field.name, group)
        return html + Markup("</div></details></div>")


def _boxes(name: str, choices) -> Markup:
    """Checkboxes labelled by wrapping, so 250 of them stay light (no id per box)."""
    items = Markup("").join(
        Markup('<li><label><input type="checkbox" name="%s" value="%s"%s> %s</label></li>')
        % (name, choice.value, Markup(" checked") if choice.selected else "", choice.label)
        for choice in choices
    )
    return Markup('<ul class="boxes">%s</ul>') % items


class _WithOther:
    """Renders the choices, then the free-text box that posts as ``<name>-other``."""

    def __init__(self, choices_widget, boxed: bool):
        self.choices_widget = choices_widget
        self.boxed = boxed

    def __call__(self, field, **kwargs):
        html = self.choices_widget(field, **kwargs)
        if self.boxed:
            html = Markup('<div class="checkboxes">%s</div>') % html
        other_id = f"{field.id}-other"
        return html + Markup(
            '<label for="%s">%s</label><textarea id="%s" name="%s" rows="2">%s</textarea><p class="help">%s</p>'
        ) % (other_id, field.other_label, other_id, field.other_name, field.other, HINT)


class VocabularyField(SelectMultipleField):
    """A multiple choice plus free text: ``data`` is the ticked codes and the understood items.

    ``understand`` turns one item into a ``Mapping`` (the engine's answer), ``describe``
    names a code for people, ``unknown`` holds the two messages for an item it does not know
    (with the engine's suggestion, and without one), whole sentences for translators. A
    code the engine accepts as itself but the list lacks (a language with only an
    ISO 639-3 code) is added to the choices, so it can show ticked.
    """

    def __init__(self, label=None, validators=None, *, understand: Callable[[str], Mapping],
                 describe: Callable[[str], str], unknown: tuple[str, str], other_label: str, boxed: bool = False,
                 **kwargs):
        if boxed:
            kwargs.setdefault("option_widget", CheckboxInput())
        kwargs["widget"] = _WithOther(ListWidget(prefix_label=False) if boxed else _ChosenFirst(), boxed)
        super().__init__(label, validators, **kwargs)
        self.base_choices = list(self.choices)
        self.understand = understand
        self.describe = describe
        self.unknown = unknown
        self.other_label = other_label
        self.other = ""
        self.unmapped: list[Mapping] = []

    @property
    def other_name(self) -> str:
        return f"{self.name}-other"

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.other, self.unmapped = "", []
        if formdata is not None:
            self.other = formdata.get(self.other_name, "")
            understood = []
            for item in split_items(self.other):
                found = self.understand(item)
                if found.mapped:
                    understood.append(found.code)
                else:
                    self.unmapped.append(found)
            self.data = list(dict.fromkeys([*(self.data or []), *understood]))
        listed = {choice.value for choice in self.base_choices}
        extra = [code for code in self.data or [] if code not in listed and self.understand(code).code == code]
        self.choices = [*self.base_choices, *(SelectChoice(code, self.describe(code)) for code in extra)]

    def pre_validate(self, form):
        """Each item not understood is its own error, naming it and the engine's suggestion."""
        for found in self.unmapped:
            if found.suggestion:
                self.errors.append(gettext(self.unknown[0], item=found.text,
                                           suggestion=self.describe(found.suggestion)))
            else:
                self.errors.append(gettext(self.unknown[1], item=found.text))
        super().pre_validate(form)


def practice_areas_field(label: str, **kwargs) -> VocabularyField:
    return VocabularyField(
        label, choices=vocab.choices(vocab.PRACTICE_AREAS), understand=taxonomy.practice_areas.map,
        describe=taxonomy.practice_areas.label, boxed=True, unknown=(
            N_('"%(item)s" is not a practice area the platform knows: did you mean %(suggestion)s?'),
            N_('"%(item)s" is not a practice area the platform knows: tick it in the list, or write it '
               'another way.')),
        other_label=_l("Other practice areas, in your words"), **kwargs,
    )


def help_kinds_field(label: str, **kwargs) -> VocabularyField:
    return VocabularyField(
        label, choices=vocab.choices(vocab.HELP_KINDS), understand=taxonomy.help_kinds.map,
        describe=taxonomy.help_kinds.label, boxed=True, unknown=(
            N_('"%(item)s" is not a kind of help the platform knows: did you mean %(suggestion)s?'),
            N_('"%(item)s" is not a kind of help the platform knows: tick it in the list, or write it '
               'another way.')),
        other_label=_l("Other kinds of help, in your words"), **kwargs,
    )


@lru_cache(maxsize=1)
def region_codes() -> tuple[str, ...]:
    """Region codes the engine understands by their English name ("Latin America", "world").

    Listed with the countries so a firm or fund can tick a region; ranking expands each to
    its countries."""
    names = Locale("en").territories
    return tuple(sorted((code for code, name in names.items()
                         if places.is_region(code) and places.place(name).code == code), key=names.get))


@lru_cache(maxsize=8)
def _regions(locale: str) -> dict[str, str]:
    names = Locale.parse(locale).territories
    found = {code: names[code][:1].upper() + names[code][1:] for code in region_codes()}
    return dict(vocab.collated(found.items(), lambda pair: pair[1], locale))


# Region code to its name in the reader's language.
REGIONS = vocab.ReaderNames(_regions)


def places_field(label: str, **kwargs) -> VocabularyField:
    """Countries and regions, stored as the codes ``places.place`` returns ("HN", "419")."""
    return VocabularyField(
        label, choices=_places_choices, understand=places.place, describe=places.place_name, unknown=(
            N_('"%(item)s" is not a country or region the platform knows: did you mean %(suggestion)s?'),
            N_('"%(item)s" is not a country or region the platform knows: tick it in the list, or write it '
               'another way.')),
        other_label=_l('Other countries or regions, in your words (e.g. "América Latina", "East Africa", '
                       '"worldwide")'), **kwargs,
    )


def _places_choices() -> list[SelectChoice]:
    """Listed afresh for each form, so they are sorted by their names in its reader's language."""
    return [
        *(SelectChoice(code, name, optgroup=_l("Regions")) for code, name in REGIONS.now().items()),
        *(SelectChoice(code, name, optgroup=_l("Countries")) for code, name in vocab.countries().now().items()),
    ]


def languages_field(label: str, **kwargs) -> VocabularyField:
    return VocabularyField(
        label, choices=lambda: vocab.choices(vocab.languages().now()), understand=places.language,
        describe=places.language_name, unknown=(
            N_('"%(item)s" is not a language the platform knows: did you mean %(suggestion)s?'),
            N_('"%(item)s" is not a language the platform knows: tick it in the list, or write it another way.')),
        other_label=_l("Other languages, in your words"), **kwargs,
    )
