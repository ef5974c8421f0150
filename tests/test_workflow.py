"""The workflow's rules: who may make each move, from which states, and what it leaves behind."""

import os
import threading
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from matcher.extensions import db
from matcher.models import AuditEvent, Match, Need, Offer, User
from matcher.needs import outcomes, states, workflow
from matcher.needs.workflow import TransitionError
from tests import factories


@pytest.fixture
def world(app):
    """A verified defender's verified need, a firm with an offer, a coordinator."""
    coordinator = factories.coordinator()
    owner = factories.defender()
    firm = factories.firm()
    member = factories.firm_member(firm)
    offer = factories.offer(firm)
    need = factories.need(owner, state="verified")
    return dict(coordinator=coordinator, owner=owner, firm=firm, member=member, offer=offer, need=need)


# What the product promises, written out apart from the table it tests: each move and the states it starts from.
NEED_MOVES_FROM = {
    "submit": {"draft", "needs_info"},
    "verify": {"submitted"},
    "request_info": {"submitted"},
    "reject": {"submitted"},
    "propose": {"verified"},
    "accept": {"proposed"},
    "match": {"accepted"},
    "close": {"matched"},
    "reopen": {"proposed", "accepted", "matched"},
    "await_answer": {"accepted"},
    "withdraw": {"draft", "submitted", "needs_info", "verified", "proposed", "accepted", "matched"},
}
MATCH_MOVES_FROM = {
    "accept": {"proposed"},
    "decline": {"proposed"},
    "confirm": {"accepted"},
    "refuse": {"accepted"},
    "complete": {"active"},
    "cancel": {"proposed", "accepted", "active"},
    "lapse": {"proposed"},
}


PROPOSALS_FROM = {
    "firm": {"verified", "proposed"},
    "fund": {"verified", "proposed", "accepted", "matched"},
    "firm_after_silence": {"verified", "proposed"},
}
# Moves only the platform makes (no acting user), when an answer window passed.
PLATFORM_MOVES = {"lapse", "firm_after_silence"}


def _staff_member():
    return SimpleNamespace(is_staff=True, role="coordinator", defender=None, firm_id=None)


def _mover(move):
    return None if move in PLATFORM_MOVES else _staff_member()


@pytest.mark.parametrize(("table", "move"), [(states.MATCH_MOVES, "lapse"), (states.PROPOSALS, "firm_after_silence")])
def test_nobody_but_the_platform_makes_the_moves_of_silence(table, move):
    subject = SimpleNamespace(state="proposed", fund_id=None, firm_id=1, defender_id=1,
                              need=SimpleNamespace(defender_id=1))
    for person in (_staff_member(), SimpleNamespace(is_staff=False, role="firm", defender=None, firm_id=1)):
        with pytest.raises(TransitionError, match="not allowed"):
            workflow.check_move(table, move, person, subject)


@pytest.mark.parametrize(("move", "state"), [(m, s) for m in NEED_MOVES_FROM for s in states.NEED_STATES])
def test_every_need_move_from_every_state_is_allowed_or_refused(move, state):
    need = SimpleNamespace(state=state, defender_id=1)
    if state in NEED_MOVES_FROM[move]:
        assert workflow.check_move(states.NEED_MOVES, move, _staff_member(), need).target in states.NEED_STATES
    else:
        with pytest.raises(TransitionError, match="cannot be done any more"):
            workflow.check_move(states.NEED_MOVES, move, _staff_member(), need)


@pytest.mark.parametrize(("move", "state"), [(m, s) for m in MATCH_MOVES_FROM for s in states.MATCH_STATES])
def test_every_match_move_from_every_state_is_allowed_or_refused(move, state):
    fund_match = SimpleNamespace(state=state, fund_id=1, firm_id=None, need=SimpleNamespace(defender_id=1))
    if state in MATCH_MOVES_FROM[move]:
        assert workflow.check_move(states.MATCH_MOVES, move, _mover(move), fund_match).target in states.MATCH_STATES
    else:
        with pytest.raises(TransitionError, match="cannot be done any more"):
            workflow.check_move(states.MATCH_MOVES, move, _mover(move), fund_match)


@pytest.mark.parametrize(("kind", "state"), [(k, s) for k in PROPOSALS_FROM for s in states.NEED_STATES])
def test_counsel_is_proposed_until_a_firm_accepted_and_a_fund_while_the_need_is_open(kind, state):
    need = SimpleNamespace(state=state, defender_id=1)
    if state in PROPOSALS_FROM[kind]:
        assert workflow.check_move(states.PROPOSALS, kind, _mover(kind), need).target == "proposed"
    else:
        with pytest.raises(TransitionError, match="cannot be done any more"):
            workflow.check_move(states.PROPOSALS, kind, _mover(kind), need)


def test_the_tables_name_every_move_the_product_has():
    assert set(states.NEED_MOVES) == set(NEED_MOVES_FROM)
    assert set(states.MATCH_MOVES) == set(MATCH_MOVES_FROM)
    assert set(states.PROPOSALS) == set(PROPOSALS_FROM)


@pytest.mark.parametrize(("followed", "anything_open", "state"), [
    ((), False, "verified"),
    (("declined", "cancelled", "refused"), True, "verified"),  # a fund alongside, counsel still to find
    (("proposed", "declined"), True, "proposed"),
    (("accepted", "cancelled"), True, "accepted"),
    (("accepted", "proposed"), True, "accepted"),  # a need that follows its funds: one agreed, one to answer
    (("active",), True, "matched"),
    (("completed",), True, "matched"),  # counsel finished, a fund still at work
    (("completed", "accepted"), True, "matched"),
    (("completed",), False, "closed"),
])
def test_a_needs_state_is_what_its_followed_matches_say(followed, anything_open, state):
    assert states.settled(followed, anything_open) == state


# Every change of state a need's matches can make, from the state they left it in: counsel's (one
# firm at most accepts) and funds' (several, beside each other) for a need that asks only for money.
SETTLING = [("verified", "proposed"), ("proposed", "verified"), ("proposed", "accepted"), ("accepted", "verified"),
            ("accepted", "proposed"), ("accepted", "matched"), ("matched", "verified"), ("matched", "closed")]


@pytest.mark.parametrize(("source", "target"), SETTLING)
def test_every_change_the_matches_make_is_a_move_of_the_table(source, target):
    move = states.NEED_MOVES[states.SETTLING_MOVES[(source, target)]]
    assert source in move.sources and move.target == target


@pytest.mark.parametrize(("help_wanted", "kind"), [
    (["representation"], "firm"), (["advice", "bail"], "firm"), (["trial_observation"], "firm"),
    (["local_lawyer_funding"], "fund"), (["bail", "local_lawyer_funding"], "fund"),
])
def test_a_need_follows_its_counsel_when_it_asks_for_a_lawyers_work_and_its_funds_otherwise(help_wanted, kind):
    assert states.followed_kind(help_wanted) == kind


@pytest.mark.parametrize("role", ["defender", "firm"])
def test_only_staff_triage_a_need(app, role):
    owner = factories.defender()
    need = factories.need(owner, state="submitted")
    actor = owner if role == "defender" else factories.firm_member()
    for move in (workflow.verify_need, workflow.request_info, workflow.reject_need):
        with pytest.raises(TransitionError, match="not allowed"):
            move(actor, need, "note")
    assert need.state == "submitted"


def test_a_defender_cannot_submit_another_defenders_need(app):
    need = factories.need(factories.defender())
    with pytest.raises(TransitionError, match="not allowed"):
        workflow.submit_need(factories.defender(), need)


@pytest.mark.parametrize(
    "move",
    [
        lambda w: workflow.submit_need(w["owner"], w["need"]),
        lambda w: workflow.verify_need(w["coordinator"], w["need"]),
        lambda w: workflow.withdraw_need(w["owner"], w["need"]),
    ],
)
def test_a_withdrawn_need_refuses_every_move_with_a_clear_message(world, move):
    workflow.withdraw_need(world["owner"], world["need"])
    with pytest.raises(TransitionError, match="cannot be done any more: it is withdrawn"):
        move(world)


def test_every_move_writes_an_audit_event(world):
    workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    actions = [event.action for event in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-4:] == ["need.submit", "need.verify", "match.propose", "need.propose"]


def test_the_whole_flow_reserves_and_releases_capacity(world):
    match = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    workflow.accept_match(world["member"], match)
    assert world["offer"].capacity_used == 1
    workflow.confirm_match(world["owner"], match)
    assert (match.state, world["need"].state) == ("active", "matched")
    workflow.complete_match(world["member"], match, outcomes.Closing(
        hours=Decimal(12), started_on=date(2026, 1, 5), ended_on=date(2026, 2, 5), outcome="charges_dropped"))
    assert (match.state, world["need"].state, world["offer"].capacity_used) == ("completed", "closed", 0)


def test_a_firm_member_cannot_answer_for_another_firm(world):
    match = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    with pytest.raises(TransitionError, match="not allowed"):
        workflow.accept_match(factories.firm_member(), match)
    assert match.state == "proposed"


def test_the_first_acceptance_wins_and_the_others_are_told(world, outbox):
    other_firm = factories.firm()
    other_member = factories.firm_member(other_firm)
    first = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    second = workflow.propose(world["coordinator"], world["need"], offer=factories.offer(other_firm))
    db.session.commit()
    outbox.clear()

    workflow.accept_match(world["member"], first)
    db.session.commit()

    assert second.state == "cancelled"
    with pytest.raises(TransitionError):
        workflow.accept_match(other_member, second)
    assert any(other_member.email in message.recipients and "taken" in message.subject for message in outbox)


def test_a_funds_acceptance_closes_no_firms_proposal_nor_moves_a_need_that_asks_for_counsel(world, outbox):
    counsel = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    grant = workflow.propose(world["coordinator"], world["need"], fund=factories.fund())
    db.session.commit()
    outbox.clear()

    workflow.accept_match(world["coordinator"], grant)

    assert (grant.state, counsel.state, world["need"].state) == ("accepted", "proposed", "proposed")
    assert not any(world["member"].email in message.recipients for message in outbox)
    workflow.accept_match(world["member"], counsel)
    assert (counsel.state, grant.state, world["need"].state) == ("accepted", "accepted", "accepted")


def test_a_fund_alone_leaves_a_need_that_asks_for_counsel_looking_for_it(world):
    grant = workflow.propose(world["coordinator"], world["need"], fund=factories.fund())
    workflow.accept_match(world["coordinator"], grant)
    workflow.confirm_match(world["owner"], grant)
    assert (grant.state, world["need"].state) == ("active", "verified")
    counsel = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    assert world["need"].state == "proposed"
    workflow.decline_match(world["member"], counsel, "No litigator free in March")
    assert world["need"].state == "verified"


def test_counsel_refused_sends_the_need_back_whatever_its_funds_are_doing(world):
    counsel = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    grant = workflow.propose(world["coordinator"], world["need"], fund=factories.fund())
    workflow.accept_match(world["member"], counsel)
    workflow.accept_match(world["coordinator"], grant)
    workflow.confirm_match(world["owner"], grant)

    workflow.refuse_match(world["owner"], counsel)

    assert (counsel.state, grant.state, world["need"].state, world["offer"].capacity_used) == (
        "refused", "active", "verified", 0)


def test_a_fund_cannot_answer_twice(world):
    grant = workflow.propose(world["coordinator"], world["need"], fund=factories.fund())
    workflow.accept_match(world["coordinator"], grant)
    with pytest.raises(TransitionError, match="cannot be done any more: it is accepted"):
        workflow.accept_match(world["coordinator"], grant)
    assert grant.state == "accepted"


def test_declining_the_only_proposal_puts_the_need_back_for_proposing(world):
    match = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    with pytest.raises(TransitionError, match="why"):
        workflow.decline_match(world["member"], match, "  ")
    workflow.decline_match(world["member"], match, "No litigator free in March")
    assert (match.state, world["need"].state) == ("declined", "verified")


def test_withdrawing_releases_the_reserved_capacity(world):
    match = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    workflow.accept_match(world["member"], match)
    workflow.withdraw_need(world["owner"], world["need"])
    assert (match.state, world["offer"].capacity_used) == ("cancelled", 0)


def test_a_conflicted_firm_cannot_be_proposed(app):
    coordinator = factories.coordinator()
    conflicted = factories.firm(clients="C1,Minera Andina S.A.,,organisation,HN,,\n")
    offer = factories.offer(conflicted)
    need = factories.need(factories.defender(), parties=("MINERA ANDINA, S.A.",), state="verified")
    with pytest.raises(TransitionError, match="not cleared of conflicts"):
        workflow.propose(coordinator, need, offer=offer)
    assert need.matches == []


def test_a_need_without_consent_to_share_cannot_be_proposed(world):
    world["need"].consent_share_summary = False
    with pytest.raises(TransitionError, match="consented"):
        workflow.propose(world["coordinator"], world["need"], offer=world["offer"])


needs_postgresql = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="row locks are only meaningful on PostgreSQL: set TEST_DATABASE_URL",
)


def _race(app, attempts):
    """Run each (user id, match id) acceptance in its own thread and session, at once."""
    barrier = threading.Barrier(len(attempts))
    results = []

    def attempt(user_id, match_id):
        with app.app_context():
            user = db.session.get(User, user_id)
            match = db.session.get(Match, match_id)
            barrier.wait()
            try:
                workflow.accept_match(user, match)
                db.session.commit()
                results.append("accepted")
            except TransitionError:
                db.session.rollback()
                results.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=pair) for pair in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(results)


@needs_postgresql
def test_two_firms_racing_for_one_need_cannot_both_win(app, world):
    other_firm = factories.firm()
    other_member = factories.firm_member(other_firm)
    first = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    second = workflow.propose(world["coordinator"], world["need"], offer=factories.offer(other_firm))
    db.session.commit()
    attempts = [(world["member"].id, first.id), (other_member.id, second.id)]

    assert _race(app, attempts) == ["accepted", "refused"]
    db.session.expire_all()
    assert db.session.get(Need, world["need"].id).state == "accepted"


@needs_postgresql
def test_two_acceptances_racing_for_the_last_unit_of_capacity_cannot_both_win(app, world):
    world["offer"].capacity = 1
    other_need = factories.need(factories.defender(), state="verified")
    first = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    second = workflow.propose(world["coordinator"], other_need, offer=world["offer"])
    db.session.commit()
    attempts = [(world["member"].id, first.id), (world["member"].id, second.id)]

    assert _race(app, attempts) == ["accepted", "refused"]
    db.session.expire_all()
    assert db.session.get(Offer, world["offer"].id).capacity_used == 1



@needs_postgresql
def test_a_firm_and_a_fund_accepting_at_once_both_win(app, world):
    counsel = workflow.propose(world["coordinator"], world["need"], offer=world["offer"])
    grant = workflow.propose(world["coordinator"], world["need"], fund=factories.fund())
    db.session.commit()
    attempts = [(world["member"].id, counsel.id), (world["coordinator"].id, grant.id)]

    assert _race(app, attempts) == ["accepted", "accepted"]
    db.session.expire_all()
    assert db.session.get(Need, world["need"].id).state == "accepted"
    assert db.session.get(Offer, world["offer"].id).capacity_used == 1
