"""The emergency track through the web: answer windows, the reminder, the lapse, the next firm, the
board and the digest, with the platform's one clock moved by the test instead of waited for."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.jobs import runner
from matcher.matching import ranking
from matcher.models import AuditEvent, Match, Need, _types
from matcher.needs import workflow
from tests import factories


class Clock:
    """The time every part of the platform reads (``models._types.utcnow``), moved by hand."""

    def __init__(self, now: datetime):
        self.now = now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """Today at the hour this test runs (the offers' days are real days), stopped."""
    clock = Clock(datetime.now(UTC).replace(minute=0, second=0, microsecond=0))

    class Stopped(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock.now.astimezone(tz)

    monkeypatch.setattr(_types, "datetime", Stopped)
    return clock


@pytest.fixture
def emergency(app, clock):
    """An emergency need with a hearing in three days, two ready firms (A promises 4 hours, B 6) each
    with a member, and a coordinator."""
    coordinator = factories.coordinator()
    firm_a, firm_b = factories.firm(name="Bufete Alfa"), factories.firm(name="Bufete Beta")
    offer_a = factories.offer(firm_a, title="Alfa emergencies", answer_within_hours=4)
    offer_b = factories.offer(firm_b, title="Beta emergencies", answer_within_hours=6)
    need = factories.need(factories.defender(), state="verified", urgency="emergency",
                          deadline=clock.now.date() + timedelta(days=3), summary="Arrested at the march.")
    world = dict(coordinator=coordinator, need=need, offer_a=offer_a, offer_b=offer_b,
                 member_a=factories.firm_member(of=firm_a), member_b=factories.firm_member(of=firm_b))
    db.session.commit()
    return world


def _propose(web, need, offer):
    response = web.post(f"/coordinator/needs/{need.id}/propose",
                        {"kind": "offer", "candidate_id": str(offer.id), "confirmed": "yes"})
    assert response.status_code == 302
    return db.session.scalar(select(Match).where(Match.need_id == need.id, Match.offer_id == offer.id))


def _run_scheduled_jobs(clock) -> int:
    """What the runner queued for the moments now past (``enqueue_at``), as a worker would run them."""
    ran = runner.current_runner().run_due(clock.now)
    db.session.expire_all()
    return ran


def _told(outbox, member, words: str) -> bool:
    return any(member.email in message.recipients and words in message.subject for message in outbox)


def test_an_emergency_need_whose_first_firm_stays_silent_reaches_a_second_firm(web, emergency, clock, outbox):
    """The closing note's case: the coordinator asks firm A and chooses that a silent firm's successor is
    asked automatically; A never answers; past its window it is reminded, past the grace its proposal
    lapses and counts against it, the platform proposes the need to firm B, and B accepts."""
    need, member_a, member_b = emergency["need"], emergency["member_a"], emergency["member_b"]
    web.login(emergency["coordinator"])
    web.post(f"/coordinator/needs/{need.id}/on-silence", {"silence-choice": "propose"})
    first = _propose(web, need, emergency["offer_a"])
    proposed_at = clock.now
    assert first.answer_by == proposed_at + timedelta(hours=4)  # A's promise: the hearing is further off

    clock.advance(hours=3, minutes=59)
    assert _run_scheduled_jobs(clock) == 0  # the sweep is queued for the window's end, not before
    clock.advance(minutes=1)
    assert _run_scheduled_jobs(clock) == 1
    assert db.session.get(Match, first.id).reminded_at == clock.now
    assert _told(outbox, member_a, "waiting for your answer")
    board = web.get("/coordinator/emergencies").get_data(as_text=True)
    assert "Bufete Alfa" in board and "Silent, reminded: lapses in 1 hour" in board

    clock.advance(hours=1)  # the grace: a quarter of A's four hours
    _run_scheduled_jobs(clock)

    assert db.session.get(Match, first.id).state == "lapsed"
    second = db.session.scalar(select(Match).where(Match.need_id == need.id, Match.id != first.id))
    assert (second.offer_id, second.state, second.proposed_by_id) == (emergency["offer_b"].id, "proposed", None)
    assert second.answer_by == clock.now + timedelta(hours=6)
    proposal_by_platform = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "match.propose", AuditEvent.subject_id == second.id))
    assert proposal_by_platform.actor_id is None
    assert _told(outbox, member_b, "A matter was proposed to your firm")
    silent = ranking.firm_histories()[member_a.firm_id]
    assert (silent.acceptance_rate, silent.median_response_hours) == (0.0, 5.0)
    board = web.get("/coordinator/emergencies").get_data(as_text=True)
    assert "Bufete Beta" in board and "6 hours left to answer" in board

    web.logout()
    web.login(member_b)
    response = web.post(f"/firm/matters/{second.id}/accept", follow_redirects=True)
    assert "You accepted the matter" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Match, second.id).state == "accepted"
    assert db.session.get(Need, need.id).state == "accepted"


def test_with_suggestions_chosen_the_cron_sweep_names_the_next_firm_and_the_coordinator_proposes_it(
        web, emergency, clock, outbox, app):
    """The default: the coordinators are told and the need page suggests the next ready firm."""
    need, coordinator = emergency["need"], emergency["coordinator"]
    web.login(coordinator)
    _propose(web, need, emergency["offer_a"])
    cli = app.test_cli_runner()

    clock.advance(hours=4)
    assert "1 firm(s) reminded, 0 proposal(s) lapsed" in cli.invoke(args=["emergencies", "sweep"]).output
    clock.advance(hours=1)
    output = cli.invoke(args=["emergencies", "sweep"]).output
    assert "0 firm(s) reminded, 1 proposal(s) lapsed, 0 proposed to the next firm, 1 suggested" in output
    assert "0 firm(s) reminded, 0 proposal(s) lapsed" in cli.invoke(args=["emergencies", "sweep"]).output
    db.session.expire_all()

    assert [m.state for m in db.session.get(Need, need.id).matches] == ["lapsed"]
    assert db.session.get(Need, need.id).state == "verified"
    assert _told(outbox, coordinator, "the next firms are suggested")
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    suggested = page.split("Suggested next, best first:")[1].split("</ul>")[0]
    assert "Bufete Beta: Beta emergencies" in suggested and "Alfa" not in suggested
    assert "No answer from Bufete Alfa in time: the proposal lapsed" in page

    second = _propose(web, need, emergency["offer_b"])
    web.logout()
    web.login(emergency["member_b"])
    web.post(f"/firm/matters/{second.id}/accept")
    db.session.expire_all()
    assert db.session.get(Match, second.id).state == "accepted"


def test_a_firm_cannot_answer_a_proposal_that_lapsed(web, emergency, clock):
    need, member_a = emergency["need"], emergency["member_a"]
    first = workflow.propose(emergency["coordinator"], need, offer=emergency["offer_a"])
    db.session.commit()
    clock.advance(hours=4)
    workflow.sweep_answer_windows()
    clock.advance(hours=1)
    workflow.sweep_answer_windows()
    db.session.commit()
    web.login(member_a)

    page = web.get(f"/firm/matters/{first.id}").get_data(as_text=True)
    response = web.post(f"/firm/matters/{first.id}/accept", follow_redirects=True)

    assert "No answer came in time: the proposal lapsed" in page
    assert "Accept the matter" not in page
    assert "This matter has been taken or is no longer open." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Match, first.id).state == "lapsed"
    assert emergency["offer_a"].capacity_used == 0


def test_an_answer_in_the_window_stops_the_reminder_and_the_lapse(web, emergency, clock, outbox):
    need, member_a = emergency["need"], emergency["member_a"]
    first = workflow.propose(emergency["coordinator"], need, offer=emergency["offer_a"])
    db.session.commit()
    web.login(member_a)
    clock.advance(hours=2)
    web.post(f"/firm/matters/{first.id}/decline", {"reason": "No one free this week."})

    clock.advance(hours=10)
    swept = workflow.sweep_answer_windows()

    assert (swept.reminded, swept.lapsed) == (0, 0)
    assert not _told(outbox, member_a, "waiting for your answer")
    assert ranking.firm_histories()[member_a.firm_id].median_response_hours == 2.0


def test_a_standard_need_has_no_window_and_is_never_swept(web, app, clock):
    coordinator, firm = factories.coordinator(), factories.firm()
    need = factories.need(factories.defender(), state="verified", urgency="standard")
    match = workflow.propose(coordinator, need, offer=factories.offer(firm, answer_within_hours=4))
    db.session.commit()

    clock.advance(days=30)

    assert match.answer_by is None
    assert workflow.sweep_answer_windows() == workflow.Swept()
    assert db.session.get(Match, match.id).state == "proposed"


def test_the_window_is_a_third_of_the_time_left_when_the_hearing_is_near(web, emergency, clock):
    need = emergency["need"]
    need.deadline = clock.now.date() + timedelta(days=1)  # the hearing starts tomorrow's day
    db.session.commit()
    left = datetime.combine(need.deadline, datetime.min.time(), tzinfo=UTC) - clock.now

    match = workflow.propose(emergency["coordinator"], need, offer=emergency["offer_b"])

    assert match.answer_by == clock.now + min(timedelta(hours=6), left / 3)


def test_the_board_lists_open_urgent_needs_with_the_firms_asked_and_their_windows(web, emergency, clock):
    need = emergency["need"]
    workflow.propose(emergency["coordinator"], need, offer=emergency["offer_a"])
    calm = factories.need(factories.defender(), state="verified", urgency="standard", summary="Calm.")
    db.session.commit()
    clock.advance(hours=1)
    web.login(emergency["coordinator"])

    page = web.get("/coordinator/emergencies").get_data(as_text=True)

    assert f"Need #{need.id}" in page and f"Need #{calm.id}" not in page
    assert '<script src="/static/board-refresh.js" defer></script>' in page
    assert 'id="auto-refresh" data-seconds="60"' in page and 'href="/coordinator/emergencies">Refresh now' in page
    assert "Bufete Alfa" in page and "1 hour ago" in page and "3 hours left to answer" in page
    assert "Deadline" in page and "left." in page
    assert '<th scope="col">' in page
    assert "Arrested at the march." not in page  # the board names no case detail
    assert 'href="/coordinator/emergencies"' in web.get("/coordinator/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["defender", "firm"])
def test_nobody_but_staff_opens_the_board_or_chooses_what_silence_does(web, emergency, role):
    need = emergency["need"]
    web.login(need.defender.user if role == "defender" else emergency["member_a"])

    assert web.get("/coordinator/emergencies").status_code == 403
    assert web.post(f"/coordinator/needs/{need.id}/on-silence", {"silence-choice": "propose"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Need, need.id).on_silence == "suggest"


def test_the_choice_of_what_silence_does_is_checked_on_the_server_and_audited(web, emergency):
    need = emergency["need"]
    web.login(emergency["coordinator"])

    refused = web.post(f"/coordinator/needs/{need.id}/on-silence", {"silence-choice": "ignore"})
    web.post(f"/coordinator/needs/{need.id}/on-silence", {"silence-choice": "propose"})

    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Need, need.id).on_silence == "propose"
    assert "Chose what happens when a firm does not answer in time" in web.get(
        f"/coordinator/needs/{need.id}").get_data(as_text=True)


def test_the_coordinator_proposes_an_emergency_to_several_ready_firms_at_once(web, emergency, clock):
    need = emergency["need"]
    web.login(emergency["coordinator"])
    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)
    several = page.split("Propose to several offers at once")[1]
    assert "Bufete Alfa: Alfa emergencies (score" in several and "answers within 4 hours)" in several
    assert "answers within 6 hours)" in several

    web.post(f"/coordinator/needs/{need.id}/propose-several",
             {"several-offers": [str(emergency["offer_a"].id), str(emergency["offer_b"].id)], "confirmed": "yes"})

    windows = {m.offer_id: m.answer_by - m.proposed_at for m in db.session.get(Need, need.id).matches}
    assert windows == {emergency["offer_a"].id: timedelta(hours=4), emergency["offer_b"].id: timedelta(hours=6)}
    web.logout()
    web.login(emergency["member_a"])
    assert "answer by " in web.get("/firm/").get_data(as_text=True)


def test_the_digest_lists_the_waiting_matters_without_any_case_detail(web, app, emergency, clock, outbox):
    need, member_a = emergency["need"], emergency["member_a"]
    other = factories.need(factories.defender(), ["Palma Aceitera Ltd"], state="verified", urgency="standard",
                           summary="Threatened over the palm oil plantation.")
    first = workflow.propose(emergency["coordinator"], need, offer=emergency["offer_a"])
    second = workflow.propose(emergency["coordinator"], other, offer=emergency["offer_a"])
    db.session.commit()
    cli = app.test_cli_runner()

    assert "0 digest(s) written" in cli.invoke(args=["mail", "digest"]).output  # just proposed: its own message
    clock.advance(hours=2)
    assert "1 digest(s) written" in cli.invoke(args=["mail", "digest"]).output
    clock.advance(hours=20)
    assert "0 digest(s) written" in cli.invoke(args=["mail", "digest"]).output  # one a day at most

    digests = [m for m in outbox if "wait for your firm's answer" in m.subject]
    assert len(digests) == 1 and digests[0].recipients == [member_a.email]
    body = digests[0].body
    assert "2 matters wait for your firm's answer" in body
    assert f"Matter #{first.id}: waiting for 2 hours; 2 hours left to answer" in body
    assert f"Matter #{second.id}: waiting for 2 hours" in body
    assert "http://matcher.test/firm/" in body
    for detail in ("Minera Andina", "Palma Aceitera", "Arrested", "palm oil", "Hearing on the 12th",
                   "Honduras", "HN", need.defender.pseudonym):
        assert detail not in body


def test_a_job_queued_for_later_waits_in_the_embedded_runner_without_counting_as_stuck(app):
    """The embedded thread keeps a job queued for a moment ahead; the health check and a process's
    exit do not wait for it."""
    embedded = runner.ThreadRunner(app)
    embedded.submit_at(datetime.now(UTC) + timedelta(hours=1), "deliver_mail", ())

    assert embedded.waiting() == (0, None)
    assert embedded.wait_until_idle(timeout=1)
    assert len(embedded.jobs.queue) == 1


def test_the_inline_runner_runs_jobs_queued_for_later_only_once_their_moment_came(app):
    ran = []

    @runner.task
    def remembered_at_noon(label):
        ran.append(label)

    noon = datetime(2026, 12, 3, 12, tzinfo=UTC)
    runner.enqueue_at(noon, "remembered_at_noon", "x")
    db.session.commit()

    assert runner.current_runner().run_due(noon - timedelta(seconds=1)) == 0
    assert runner.current_runner().run_due(noon) == 1
    assert runner.current_runner().run_due(noon + timedelta(days=1)) == 0
    assert ran == ["x"]


def test_the_deadline_day_is_taken_at_its_start_in_utc():
    from matcher.needs import windows

    assert windows.deadline_moment(date(2026, 12, 5)) == datetime(2026, 12, 5, tzinfo=UTC)


def test_the_board_reads_in_the_coordinators_language(web, emergency, clock):
    workflow.propose(emergency["coordinator"], emergency["need"], offer=emergency["offer_a"])
    emergency["coordinator"].language = "es"
    db.session.commit()
    web.login(emergency["coordinator"])

    page = web.get("/coordinator/emergencies").get_data(as_text=True)

    assert "<h1>Emergencias</h1>" in page
    assert "quedan 4 horas para responder" in page


def test_the_defender_reads_that_a_firm_stayed_silent_without_learning_which(web, emergency, clock):
    need = emergency["need"]
    workflow.propose(emergency["coordinator"], need, offer=emergency["offer_a"])
    db.session.commit()
    clock.advance(hours=4)
    workflow.sweep_answer_windows()
    clock.advance(hours=1)
    workflow.sweep_answer_windows()
    db.session.commit()
    web.login(need.defender.user)

    page = web.get(f"/defender/needs/{need.id}").get_data(as_text=True)

    assert "A law firm was reminded to answer" in page
    assert "A law firm did not answer in time: the coordinators look further" in page
    assert "Bufete Alfa" not in page


def test_rq_keeps_a_job_queued_for_later_in_its_scheduler(_schema, tmp_path):
    """On Redis, the sweep queued for a window's end waits in RQ's scheduled jobs, which the workers'
    scheduler moves to the queue at that moment (``flask worker`` runs with it)."""
    from rq.registry import ScheduledJobRegistry

    from matcher import create_app
    from tests.conftest import _test_config
    from tests.test_jobs import REDIS_URL, _redis_or_skip

    _redis_or_skip()
    app = create_app({**_test_config(_schema, tmp_path), "JOBS_INLINE": False, "REDIS_URL": REDIS_URL,
                      "JOBS_QUEUE": f"test-windows-{uuid.uuid4().hex[:8]}"})
    when = datetime.now(UTC) + timedelta(hours=4)
    with app.app_context():
        queue = runner.current_runner().queue
        registry = ScheduledJobRegistry(queue=queue)
        try:
            runner.enqueue_at(when, "sweep_answer_windows")
            db.session.commit()
            (job_id,) = registry.get_job_ids()
            assert abs(registry.get_scheduled_time(job_id) - when) < timedelta(seconds=1)
            assert queue.count == 0
        finally:
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)
            db.session.remove()
            db.engine.dispose()


def test_when_no_other_ready_firm_is_left_the_coordinators_are_told_so(web, emergency, clock, outbox):
    need, coordinator = emergency["need"], emergency["coordinator"]
    emergency["offer_b"].emergency = False  # an emergency goes only to emergency-ready offers
    need.on_silence = "propose"
    workflow.propose(coordinator, need, offer=emergency["offer_a"])
    db.session.commit()

    clock.advance(hours=4)
    workflow.sweep_answer_windows()
    clock.advance(hours=1)
    swept = workflow.sweep_answer_windows()
    db.session.commit()

    assert (swept.lapsed, swept.proposed) == (1, 0)
    assert [m.state for m in need.matches] == ["lapsed"]
    assert _told(outbox, coordinator, "no other ready firm is left")
