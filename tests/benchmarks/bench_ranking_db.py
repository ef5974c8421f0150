"""A need's ranking as its page makes it, on SQLite and PostgreSQL (bar: p95 under 20 ms).

A generated world (``demo scale``: 1,000 firms, 10,000 offers, 500 funds, 2,000 needs) in
a database made for the run. Measured on the verified needs, one after another, through
``matching.ranking.rank_need``: reading the need and every firm's standing for it, and
ranking it against the catalogue the process keeps. Three ways the catalogue stands:

- kept: nothing changed since it was read;
- kept fresh: one offer changed (and was committed) before each ranking, so the ranking
  first makes again the profiles of what changed (``models.catalogue``'s log);
- baseline, in the same run: the catalogue read whole before each ranking, as every change
  made it read before the log.
"""

import gc
import os
import random
import tempfile

from flask import current_app
from sqlalchemy import select

from matcher.demo import world
from matcher.extensions import db
from matcher.matching import ranking
from matcher.models import Need, Offer
from matcher.models import catalogue as versions

from .bench_conflicts_db import _app, benchmark_databases
from .stats import summary, table, timed

SIZES = world.Sizes(needs=2_000, firms=1_000, offers=10_000, funds=500, clients=20_000)
NEEDS = int(os.environ.get("BENCH_RANKED_NEEDS", 200))  # rankings measured each way
BASELINE_NEEDS = 30


def main() -> None:
    rows, counts = [], []
    with tempfile.TemporaryDirectory() as folder:
        for label, database in benchmark_databases(folder):
            with database() as url:
                app = _app(url)
                with app.app_context():
                    measured, eligible = _measure(random.Random(7))
                    db.session.remove()
                    db.engine.dispose()
            rows += [[label, way, f"{median:.1f}", f"{p95:.1f}"] for way, (median, p95) in measured]
            counts.append(f"{label}: candidates per need median {eligible[len(eligible) // 2]}, max {eligible[-1]}")
    print(table(["database", "catalogue", "p50 ms", "p95 ms"], rows))
    print("\n" + "; ".join(counts) + ".")


def _measure(rng: random.Random) -> tuple[list, list[int]]:
    built = world.World(SIZES, 7)
    for phase in built.phases():
        for _ in phase.run():
            pass
    db.session.commit()
    db.session.remove()
    gc.collect()
    needs = db.session.scalars(select(Need.id).where(Need.state == "verified").order_by(Need.id)).all()[:NEEDS]
    offer_ids = db.session.scalars(select(Offer.id)).all()
    ranking.catalogue()

    kept, kept_fresh, whole = [], [], []
    for need_id in needs:
        kept += _ranked(need_id)
    for need_id in needs:
        _change_one_offer(db.session.get(Offer, rng.choice(offer_ids)))
        kept_fresh += _ranked(need_id)
    for need_id in needs[:BASELINE_NEEDS]:
        whole += _ranked(need_id, before=_read_whole)

    eligible = sorted(len(ranking.rank_need(db.session.get(Need, need_id)).ranking.candidates) for need_id in needs)
    return [("kept", summary(kept)), ("kept fresh: one offer changed before each ranking", summary(kept_fresh)),
            ("baseline: read whole before each ranking", summary(whole))], eligible


def _ranked(need_id: int, before=lambda: None) -> list[float]:
    """The time to rank one need, in a session of its own as a page request has, need read first."""
    db.session.remove()
    need = db.session.get(Need, need_id)
    return timed(lambda: (before(), ranking.rank_need(need)), 1)


def _change_one_offer(offer: Offer) -> None:
    offer.capacity += 1
    db.session.commit()


def _read_whole() -> None:
    """What a change made every process do before the log: read the catalogue whole again."""
    current_app.extensions[ranking._CACHE] = ranking._read_catalogue(versions.current())
