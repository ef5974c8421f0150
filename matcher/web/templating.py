"""Names and filters the templates use to show codes as words."""

from flask_babel import lazy_gettext
from flask_babel.speaklater import LazyString
from markupsafe import escape

from ..accounts.management import ROLE_GROUPS, ROLE_WORDS
from ..conflicts import screening
from ..conflicts.decisions import DECISIONS
from ..conflicts.reasons import BAND_WORDS, RESULT_WORDS, RULE_WORDS, hit_reason
from ..matching import vocab
from ..matching.reasons import say
from ..needs import outcomes, wording
from ..needs.forms import HANDLING_LABELS

# A firm's client and an adverse party are of the same kinds, in words.
ENTITY_KINDS = {"organisation": lazy_gettext("Organisation"), "person": lazy_gettext("Person")}


def _escaped(lazy: LazyString):
    """A lazy string is text, not markup: Flask-Babel's ``__html__`` would let Jinja print
    ``_l("%(firm)s invites you", firm=name)`` unescaped, so a firm's name could carry HTML."""
    return escape(str(lazy))


def init_app(app) -> None:
    LazyString.__html__ = _escaped
    app.jinja_env.globals.update(vocab=vocab, hit_decisions=DECISIONS, hit_rules=RULE_WORDS, hit_bands=BAND_WORDS,
                                 screen_results=RESULT_WORDS, role_words=ROLE_WORDS, role_groups=ROLE_GROUPS,
                                 entity_kinds=ENTITY_KINDS, handling_labels=HANDLING_LABELS,
                                 outcomes=outcomes)
    app.jinja_env.filters.update(
        country=vocab.country_name,
        language=vocab.language_name,
        state=lambda state: wording.STATE_LABELS.get(state, state),
        need_state=wording.need_state,
        match_state=wording.match_state,
        label=lambda code, vocabulary: vocabulary.get(code, code),
        screenable=screening.screenable,
        reason=say,
        hit_reason=hit_reason,
        labels=lambda codes, vocabulary: ", ".join(str(vocabulary.get(c, c)) for c in codes),
    )
