"""Names and filters the templates use to show codes as words."""

from flask_babel.speaklater import LazyString
from markupsafe import escape

from ..conflicts import screening
from ..conflicts.decisions import DECISIONS
from ..conflicts.reasons import RULE_WORDS, hit_reason
from ..matching import vocab
from ..matching.reasons import say
from ..needs import wording


def _escaped(lazy: LazyString):
    """A lazy string is text, not markup: Flask-Babel's ``__html__`` would let Jinja print
    ``_l("%(firm)s invites you", firm=name)`` unescaped, so a firm's name could carry HTML."""
    return escape(str(lazy))


def init_app(app) -> None:
    LazyString.__html__ = _escaped
    app.jinja_env.globals.update(vocab=vocab, hit_decisions=DECISIONS, hit_rules=RULE_WORDS)
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
