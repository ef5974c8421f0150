"""Names and filters the templates use to show codes as words."""

from flask_babel import lazy_gettext
from flask_babel.speaklater import LazyString
from markupsafe import escape

from ..conflicts import screening
from ..conflicts.decisions import DECISIONS
from ..conflicts.engine import RULES
from ..matching import vocab
from ..needs import wording
from ..needs.forms import HANDLING_LABELS

# Codes the pages show, in words. A firm's client and an adverse party are of the same kinds.
ENTITY_KINDS = {"organisation": lazy_gettext("Organisation"), "person": lazy_gettext("Person")}
ROLES = {
    "defender": lazy_gettext("defender"),
    "firm": lazy_gettext("firm member"),
    "coordinator": lazy_gettext("coordinator"),
    "admin": lazy_gettext("admin"),
}
HIT_BANDS = {"conflict": lazy_gettext("conflict"), "review": lazy_gettext("to review")}


def _escaped(lazy: LazyString):
    """A lazy string is text, not markup: Flask-Babel's ``__html__`` would let Jinja print
    ``_l("%(firm)s invites you", firm=name)`` unescaped, so a firm's name could carry HTML."""
    return escape(str(lazy))


def init_app(app) -> None:
    LazyString.__html__ = _escaped
    # The rules' words are marked in the engine (``N_``) and put into the reader's language here.
    hit_rules = {code: lazy_gettext(words) for code, words in RULES.items()}
    app.jinja_env.globals.update(vocab=vocab, hit_decisions=DECISIONS, hit_rules=hit_rules, hit_bands=HIT_BANDS,
                                 screen_results=wording.SCREEN_RESULTS, entity_kinds=ENTITY_KINDS,
                                 handling_labels=HANDLING_LABELS, role_labels=ROLES)
    app.jinja_env.filters.update(
        country=vocab.country_name,
        language=vocab.language_name,
        state=lambda state: wording.STATE_LABELS.get(state, state),
        need_state=wording.need_state,
        match_state=wording.match_state,
        label=lambda code, vocabulary: vocabulary.get(code, code),
        screenable=screening.screenable,
        labels=lambda codes, vocabulary: ", ".join(str(vocabulary.get(c, c)) for c in codes),
    )
