"""The rule of an answer window, its reminder and its lapse: plain moments, no database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from matcher.needs import windows

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("urgency", "deadline", "promised", "hours"), [
    ("emergency", None, 6, 6),  # the offer's promise, with no deadline to bound it
    ("emergency", date(2026, 12, 10), 6, 6),  # a week away: the promise is the shorter
    ("emergency", date(2026, 12, 4), 6, 4),  # 12 hours left: a third of them
    ("emergency", date(2026, 12, 4), None, 4),  # no promise stored: the default, bounded the same
    ("emergency", None, None, 12),
    ("urgent", None, None, 48),  # an urgent need under an offer that promised nothing
    ("urgent", date(2026, 12, 9), 24, 24),
    ("emergency", date(2026, 12, 3), 6, 1),  # the deadline's day has begun: the shortest window
    ("emergency", date(2026, 12, 1), 6, 1),  # the deadline passed: still a chance to read the message
])
def test_the_window_is_the_promise_but_never_more_than_a_third_of_the_time_left(urgency, deadline, promised, hours):
    assert windows.answer_by(NOON, urgency, deadline, promised) == NOON + timedelta(hours=hours)


def test_a_standard_need_has_no_window():
    assert windows.answer_by(NOON, "standard", date(2026, 12, 4), 6) is None


@pytest.mark.parametrize(("window", "grace"), [
    (timedelta(hours=1), timedelta(minutes=30)),  # never less than half an hour
    (timedelta(hours=4), timedelta(hours=1)),  # a quarter of the window
    (timedelta(hours=48), timedelta(hours=6)),  # never more than six hours
])
def test_the_grace_is_a_quarter_of_the_window_within_bounds(window, grace):
    assert windows.grace(NOON, NOON + window) == grace


def test_a_silent_proposal_is_reminded_then_lapses_a_grace_after_the_reminder():
    answer_by = NOON + timedelta(hours=4)
    assert windows.due_step(answer_by - timedelta(seconds=1), NOON, answer_by, None) is None
    assert windows.due_step(answer_by, NOON, answer_by, None) == windows.REMIND
    late = answer_by + timedelta(hours=3)  # a sweep that came late still reminds first
    assert windows.due_step(late, NOON, answer_by, None) == windows.REMIND
    assert windows.next_moment(NOON, answer_by, late) == late + timedelta(hours=1)
    assert windows.due_step(late + timedelta(minutes=59), NOON, answer_by, late) is None
    assert windows.due_step(late + timedelta(hours=1), NOON, answer_by, late) == windows.LAPSE


def test_a_proposal_without_a_window_never_falls_due():
    assert windows.due_step(NOON + timedelta(days=365), NOON, None, None) is None
