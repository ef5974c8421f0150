"""The pages that grow with the platform ask the database the same number of questions
whatever the number of rows: no query per need, firm, offer, match or hit (N+1)."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from matcher.extensions import db
from matcher.models import ConflictCheck, ConflictHit
from matcher.needs import workflow
from tests import factories

SMALL, LARGE = 3, 30
PAGES = ("coordinator queue", "need page with candidates", "reviews page", "firm dashboard", "defender dashboard")


@contextmanager
def counted_statements():
    """Every SQL statement sent to the database inside the block."""
    statements = []

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


class World:
    """Firms with offers, one defender's verified needs, each proposed to a firm and with a hit
    to review, grown in place so that the same pages are read at two sizes."""

    def __init__(self):
        self.coordinator = factories.coordinator()
        self.defender = factories.defender()
        self.firms, self.needs = [], []
        self.member = None

    def grow_to(self, size: int) -> None:
        while len(self.firms) < size:
            firm = factories.firm()
            factories.offer(firm)
            self.firms.append(firm)
        self.member = self.member or factories.firm_member(self.firms[0])
        while len(self.needs) < size:
            self.needs.append(self._need())
        db.session.commit()

    def _need(self):
        need = factories.need(self.defender, state="verified", deadline=None)
        first = self.firms[0]
        workflow.propose(self.coordinator, need, offer=first.offers[0])
        check = db.session.scalar(select(ConflictCheck).where(ConflictCheck.need_id == need.id,
                                                              ConflictCheck.firm_id == self.firms[-1].id))
        check.hits.append(ConflictHit(party_name="Minera Andina S.A.", client_name="Minera Andinas SA",
                                      client_external_id="C1", band="review", score=90.0, rule="typo",
                                      reason="one letter apart"))
        check.result = "potential"
        return need


def _pages(world: World) -> dict[str, tuple]:
    return {
        "coordinator queue": (world.coordinator, "/coordinator/"),
        "need page with candidates": (world.coordinator, f"/coordinator/needs/{world.needs[0].id}"),
        "reviews page": (world.coordinator, "/coordinator/reviews"),
        "firm dashboard": (world.member, "/firm/"),
        "defender dashboard": (world.defender, "/defender/"),
    }


def _statements_for(web, world: World, page: str) -> int:
    user, path = _pages(world)[page]
    web.login(user)
    assert web.get(path).status_code == 200  # what is cached per process is cached now
    db.session.expire_all()
    with counted_statements() as statements:
        assert web.get(path).status_code == 200
    web.logout()
    return len(statements)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_asks_as_many_queries_for_many_rows_as_for_few(app, web, page):
    world = World()
    world.grow_to(SMALL)
    few = _statements_for(web, world, page)
    world.grow_to(LARGE)
    many = _statements_for(web, world, page)
    assert many == few, f"{page}: {few} statements with {SMALL} of each, {many} with {LARGE}"
