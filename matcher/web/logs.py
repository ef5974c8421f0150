"""Access logs never carry the token of an emailed link.

Invitation, reset, enrolment and confirmation links act for whoever holds them, and
their token stands in the path, which the development server (``werkzeug``) and
gunicorn (``gunicorn.access``) write to their access logs. A filter on those loggers
replaces the token with ``[token]``; which paths carry one is read off the app's own
URL rules (every rule with a ``<token>`` part), so a new kind of link is covered too.
"""

import logging
import re

ACCESS_LOGGERS = ("werkzeug", "gunicorn.access")


class RedactTokens(logging.Filter):
    def __init__(self, pattern: re.Pattern):
        super().__init__()
        self.pattern = pattern

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.pattern.sub(r"\1[token]", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def init_app(app) -> None:
    prefixes = sorted({re.escape(rule.rule.split("<token>")[0]) for rule in app.url_map.iter_rules()
                       if "<token>" in rule.rule})
    if not prefixes:
        return
    redact = RedactTokens(re.compile(f"({'|'.join(prefixes)})[^\\s\"?/]+"))
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, RedactTokens)]:
            logger.removeFilter(old)
        logger.addFilter(redact)
