"""Bar charts drawn on the server as inline SVG: nothing from another host, no script, and a
table of the same numbers beside each (the template's) for screen readers and for copying.

A bar's length is its value against the largest; a value that is not to be shown exactly (a
count blurred below a threshold) has no length of its own and is drawn as an outline, with
its words ("fewer than 5") where the number would be.
"""

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 680
LABEL_WIDTH = 250
VALUE_WIDTH = 110
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: not shown exactly, drawn as an outline
    shown: str  # the value as the table shows it


def bar_chart(bars: list[Bar], title: str) -> Markup:
    """Horizontal bars, one a row, labelled; ``title`` names the chart for assistive technology."""
    largest = max((bar.value for bar in bars if bar.value), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for number, bar in enumerate(bars):
        y = number * ROW_HEIGHT
        drawn = max(room * bar.value / largest, 1) if bar.value is not None else room / 20
        kind = "bar" if bar.value is not None else "bar blurred"
        rows.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end">{escape(_cut(bar.label))}</text>'
                    f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{drawn:.1f}" height="{BAR_HEIGHT}" class="{kind}"/>'
                    f'<text x="{LABEL_WIDTH + drawn + 6:.1f}" y="{y + 19}">{escape(bar.shown)}</text>')
    height = max(len(bars), 1) * ROW_HEIGHT + 6
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
                  f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
                  f'<title>{escape(title)}</title>{"".join(rows)}</svg>')


def _cut(label: str, most: int = 32) -> str:
    """A label that fits beside its bar; the table beside the chart has it whole."""
    return label if len(label) <= most else label[: most - 1] + "…"
