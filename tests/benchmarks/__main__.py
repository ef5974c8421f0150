"""`make bench`: run every ``bench_*.py`` module's ``main()`` and let each print its tables.

Benchmarks measure, they do not assert: these machines are noisy, so numbers are
reported (median and p95, with a baseline measured in the same run), never gated.
Pass module names to run only some: ``python -m tests.benchmarks conflicts``.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(selected: list[str]) -> None:
    here = Path(__file__).parent
    for module in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        name = module.name
        if not name.startswith("bench_"):
            continue
        if selected and name.removeprefix("bench_") not in selected:
            continue
        print(f"\n## {name.removeprefix('bench_')}\n", flush=True)
        importlib.import_module(f"tests.benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
