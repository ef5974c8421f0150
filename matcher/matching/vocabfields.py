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
from markupsafe import Markup
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.widgets import CheckboxInput, ListWidget, Select

from . import vocab
from .engine import Mapping, places, taxonomy

_SEPARATORS = re.compile(r"[,;\r\n]+")
HINT = "Separate items with commas or new lines. English, Spanish, French or Portuguese."


def split_items(text: str | None) -> list[str]:
    """The items of a comma- or line-separated text, trimmed, blanks and repeats dropped."""
    return list(dict.fromkeys(item.strip() for item in _SEPARATORS.split(text or "") if item.strip()))


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
    names a code for people, ``what`` names the kind of thing in error messages. A
    code the engine accepts as itself but the list lacks (a language with only an
    ISO 639-3 code) is added to the choices, so it can show ticked.
    """

    def __init__(self, label=None, validators=None, *, understand: Callable[[str], Mapping],
                 describe: Callable[[str], str], what: str, other_label: str, boxed: bool = False,
                 **kwargs):
        if boxed:
            kwargs.setdefault("option_widget", CheckboxInput())
        kwargs["widget"] = _WithOther(ListWidget(prefix_label=False) if boxed else Select(multiple=True), boxed)
        super().__init__(label, validators, **kwargs)
        self.base_choices = list(self.choices)
        self.understand = understand
        self.describe = describe
        self.what = what
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
            article = "an" if self.what[:1] in "aeiou" else "a"
            advice = (f"did you mean {self.describe(found.suggestion)}?" if found.suggestion
                      else "tick it in the list, or write it another way.")
            self.errors.append(f'"{found.text}" is not {article} {self.what} the platform knows: {advice}')
        super().pre_validate(form)


def practice_areas_field(label: str, **kwargs) -> VocabularyField:
    return VocabularyField(
        label, choices=vocab.choices(vocab.PRACTICE_AREAS), understand=taxonomy.practice_areas.map,
        describe=taxonomy.practice_areas.label, what="practice area", boxed=True,
        other_label="Other practice areas, in your words", **kwargs,
    )


def help_kinds_field(label: str, **kwargs) -> VocabularyField:
    return VocabularyField(
        label, choices=vocab.choices(vocab.HELP_KINDS), understand=taxonomy.help_kinds.map,
        describe=taxonomy.help_kinds.label, what="kind of help", boxed=True,
        other_label="Other kinds of help, in your words", **kwargs,
    )


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Region codes the engine understands by their English name, to their name, sorted by name.

    Listed with the countries so a firm or fund can tick "Latin America" or "world";
    ranking expands each to its countries.
    """
    names = Locale("en").territories
    found = {
        code: name[:1].upper() + name[1:]
        for code, name in names.items()
        if places.is_region(code) and places.place(name).code == code
    }
    return dict(sorted(found.items(), key=lambda pair: pair[1]))


def places_field(label: str, **kwargs) -> VocabularyField:
    """Countries and regions, stored as the codes ``places.place`` returns ("HN", "419")."""
    choices = [
        *(SelectChoice(code, name, optgroup="Regions") for code, name in regions().items()),
        *(SelectChoice(code, name, optgroup="Countries") for code, name in vocab.countries().items()),
    ]
    return VocabularyField(
        label, choices=choices, understand=places.place, describe=places.place_name, what="country or region",
        other_label='Other countries or regions, in your words (e.g. "América Latina", "East Africa", '
                    '"worldwide")', **kwargs,
    )


def languages_field(label: str, **kwargs) -> VocabularyField:
    return VocabularyField(
        label, choices=vocab.choices(vocab.languages()), understand=places.language,
        describe=places.language_name, what="language", other_label="Other languages, in your words", **kwargs,
    )
