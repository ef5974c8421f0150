"""The answer to "what did this text mean?", shared by the vocabulary and the places."""

from dataclasses import dataclass

THRESHOLD = 0.85  # below this the text is reported as unmapped
SUGGEST = 0.6  # an unmapped text this close to a code names it as a suggestion
_TIE = 0.02  # two codes this close to each other are ambiguous


@dataclass(frozen=True)
class Mapping:
    """What ``text`` was understood as. ``code`` is None when it was not understood."""

    text: str
    code: str | None
    confidence: float
    suggestion: str | None = None

    @property
    def mapped(self) -> bool:
        return self.code is not None


def decide(text: str, best: dict[str, float]) -> Mapping:
    """The best code if it is sure and unrivalled; otherwise unmapped, with a suggestion if close.

    Refusing is deliberate: a wrong code would silently filter a defender's need
    away, while an unmapped one is shown to a person who fixes it.
    """
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    if not ranked:
        return Mapping(text, None, 0.0)
    code, confidence = ranked[0]
    rivalled = len(ranked) > 1 and ranked[1][1] >= confidence - _TIE
    confidence = round(confidence, 3)
    if confidence >= THRESHOLD and not rivalled:
        return Mapping(text, code, confidence)
    return Mapping(text, None, confidence, suggestion=code if confidence >= SUGGEST else None)
