"""Timing and summary helpers shared by the benchmarks."""

import statistics
import time
from collections.abc import Callable


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the samples fall (nearest rank)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[rank]


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds taken by each of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    """(median, p95) of millisecond samples."""
    return statistics.median(samples), percentile(samples, 0.95)


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table, ready to paste into an issue's closing note."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
