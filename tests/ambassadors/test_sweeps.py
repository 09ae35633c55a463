"""The periodic sweeps: term expiry exactly once, reminders never twice, bounded queries per batch."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ambassadors.models import AlumniProfile, Milestone, Term
from ambassadors.sweeps import run_all, sweep_expiry, sweep_reminders
from tests.factories import MembershipFactory
from tests.factories.ambassadors import ApplicationFactory, IntakeFactory, TermFactory
from tests.factories.ambassadors_terms import (
    ActivityFactory,
    AmbassadorTermFactory,
    CoachingSessionFactory,
    CoachWithLoginFactory,
    CommitmentFactory,
    OnboardingTaskFactory,
    PersonWithLoginFactory,
)
from xmhub.accounts.roles import Role
from xmhub.audit.models import AuditEvent
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

TODAY = date(2030, 6, 14)


def _term(**kwargs):
    kwargs.setdefault("starts_on", TODAY - timedelta(days=200))
    kwargs.setdefault("ends_on", TODAY + timedelta(days=200))
    return AmbassadorTermFactory(**kwargs)


def _keys(user=None):
    qs = Notification.objects.all() if user is None else Notification.objects.filter(recipient=user)
    return sorted(qs.values_list("reason_key", flat=True))


def _term_updates(term):
    return AuditEvent.objects.filter(table_name="ambassadors_term", row_id=term.pk, action="update")


# --- expiry --------------------------------------------------------------------------------------------------


def test_expiry_ends_a_due_term_once_and_makes_the_person_alumni(in_org):
    term = _term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY)
    assert sweep_expiry(today=TODAY) == 1
    assert sweep_expiry(today=TODAY) == 0

    term.refresh_from_db()
    assert (term.status, term.end_reason, term.ended_on) == ("ended", "completed", TODAY)
    assert AlumniProfile.objects.filter(person=term.person).count() == 1
    assert list(Milestone.objects.filter(term=term).values_list("key", flat=True)) == ["term_completed"]
    assert _keys(term.person.user) == [f"term:{term.pk}:ended"]
    notification = Notification.objects.get(recipient=term.person.user)
    assert "exit" in notification.url  # the exit-feedback page (or the term page anchor)
    assert _term_updates(term).count() == 1


def test_expiry_ends_paused_terms_and_keeps_the_end_date_when_run_late(in_org):
    term = _term(
        starts_on=TODAY - timedelta(days=365),
        ends_on=TODAY - timedelta(days=3),
        status=Term.Status.PAUSED,
        paused_reason="parental leave",
    )
    sweep_expiry(today=TODAY)
    term.refresh_from_db()
    assert (term.status, term.ended_on, term.paused_reason) == ("ended", TODAY - timedelta(days=3), "")


def test_expiry_leaves_running_and_other_organizations_terms_alone(in_org, other_org):
    running = _term(ends_on=TODAY + timedelta(days=1))
    with tenant_context(other_org):
        foreign = TermFactory(starts_on=TODAY - timedelta(days=100), ends_on=TODAY - timedelta(days=1))
    assert sweep_expiry(today=TODAY) == 0
    running.refresh_from_db()
    assert running.status == "active"
    with tenant_context(other_org):
        assert Term.objects.get(pk=foreign.pk).status == "active"


def test_an_existing_alumni_profile_is_kept(in_org):
    term = _term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY)
    AlumniProfile.objects.create(person=term.person, opt_in_special_projects=False)
    sweep_expiry(today=TODAY)
    assert list(AlumniProfile.objects.values_list("opt_in_special_projects", flat=True)) == [False]


def test_expiry_costs_the_same_queries_for_one_batch_of_any_size(in_org, django_assert_num_queries):
    for _ in range(2):
        _term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY)
    with django_assert_num_queries(11) as small:
        assert sweep_expiry(today=TODAY, batch_size=50) == 2
    for _ in range(7):
        _term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY)
    with django_assert_num_queries(len(small.captured_queries)):
        assert sweep_expiry(today=TODAY, batch_size=50) == 7


def test_expiry_in_several_batches_ends_every_due_term(in_org):
    terms = [_term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY) for _ in range(5)]
    assert sweep_expiry(today=TODAY, batch_size=2) == 5
    assert Term.objects.filter(pk__in=[t.pk for t in terms], status="ended").count() == 5
    assert Notification.objects.count() == 5


# --- reminders -----------------------------------------------------------------------------------------------


@pytest.fixture
def pm(org):
    person = PersonWithLoginFactory(organization=org)
    MembershipFactory(organization=org, user=person.user, roles=[Role.PROGRAM_MANAGER])
    return person.user


def test_term_ending_reminders_go_to_ambassador_coach_and_program_managers_once(in_org, pm):
    coach = CoachWithLoginFactory()
    term = _term(starts_on=TODAY - timedelta(days=300), ends_on=TODAY + timedelta(days=30), coach=coach)
    for _ in range(2):
        sweep_reminders(today=TODAY)
    key = f"term:{term.pk}:ending:30"
    for user in (term.person.user, coach.person.user, pm):
        assert key in _keys(user)
    assert Notification.objects.filter(reason_key=key).count() == 3


def test_run_sweeps_time_travel_walks_a_term_to_its_end(org, pm):
    with tenant_context(org):
        term = _term(starts_on=date(2030, 1, 1), ends_on=date(2030, 12, 31))
        ActivityFactory(term=term, occurred_on=date(2030, 12, 1))
    for day in ("2030-11-01", "2030-11-01", "2030-12-01", "2030-12-24", "2030-12-31", "2030-12-31", "2031-01-05"):
        call_command("run_sweeps", "--today", day)
    with tenant_context(org):
        term.refresh_from_db()
        assert (term.status, term.end_reason, term.ended_on) == ("ended", "completed", date(2030, 12, 31))
        mine = _keys(term.person.user)
        assert {k for k in mine if ":ending:" in k or k.endswith(":ended")} == {
            f"term:{term.pk}:ended",
            f"term:{term.pk}:ending:30",
            f"term:{term.pk}:ending:60",
            f"term:{term.pk}:ending:7",
        }
        assert _term_updates(term).count() == 1
        assert _term_updates(term).get().actor == "system:run_sweeps"
        assert AlumniProfile.objects.filter(person=term.person).count() == 1


def test_run_sweeps_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("run_sweeps", "--today", "31/12/2030")


def test_onboarding_due_and_overdue_reminders(in_org):
    coach = CoachWithLoginFactory()
    term = _term(starts_on=TODAY - timedelta(days=10), coach=coach)
    due = OnboardingTaskFactory(term=term, due_on=TODAY + timedelta(days=2))
    late = OnboardingTaskFactory(term=term, due_on=TODAY - timedelta(days=1))
    OnboardingTaskFactory(term=term, due_on=TODAY + timedelta(days=20))  # not yet
    OnboardingTaskFactory(
        term=term, due_on=TODAY - timedelta(days=1), completed_at=datetime(2030, 6, 1, 9, 0, tzinfo=UTC)
    )
    for _ in range(2):
        sweep_reminders(today=TODAY)
    assert {k for k in _keys(term.person.user) if k.startswith("onboarding")} == {
        f"onboarding:{due.pk}:due",
        f"onboarding:{late.pk}:overdue",
    }
    assert _keys(coach.person.user) == [f"onboarding:{late.pk}:overdue"]


def test_silent_and_behind_reminders(in_org):
    silent = _term(starts_on=TODAY - timedelta(days=200))
    ActivityFactory(term=silent, occurred_on=TODAY - timedelta(days=45))
    behind = _term(starts_on=TODAY - timedelta(days=200))
    CommitmentFactory(term=behind, activities_target=4, hours_target=Decimal("8"))
    ActivityFactory(term=behind, occurred_on=TODAY - timedelta(days=2), hours=Decimal("1"))
    on_pace = _term(starts_on=TODAY - timedelta(days=200))
    CommitmentFactory(term=on_pace, activities_target=2, hours_target=Decimal("4"))
    ActivityFactory(term=on_pace, occurred_on=TODAY - timedelta(days=2), hours=Decimal("4"))
    for _ in range(2):
        sweep_reminders(today=TODAY)
    assert _keys(silent.person.user) == [f"term:{silent.pk}:silent:{TODAY - timedelta(days=45)}"]
    assert _keys(behind.person.user) == [f"term:{behind.pk}:behind:2030-06-01"]
    assert _keys(on_pace.person.user) == []


def test_coaching_session_tomorrow_reminder(in_org):
    coach = CoachWithLoginFactory()
    term = _term(coach=coach, starts_on=TODAY - timedelta(days=10))
    ActivityFactory(term=term, occurred_on=TODAY - timedelta(days=1))
    session = CoachingSessionFactory(
        term=term, coach=coach, scheduled_at=datetime(2030, 6, 15, 10, 0, tzinfo=datetime.now().astimezone().tzinfo)
    )
    CoachingSessionFactory(term=term, coach=coach, scheduled_at=datetime.fromisoformat("2030-06-17T10:00:00+00:00"))
    for _ in range(2):
        sweep_reminders(today=TODAY)
    assert Notification.objects.filter(reason_key=f"coaching:{session.pk}:tomorrow").count() == 2


def test_manager_approval_and_scoring_pending_reminders(in_org):
    manager = PersonWithLoginFactory()
    application = ApplicationFactory(status="awaiting_manager", manager=manager)
    application.__class__.objects.filter(pk=application.pk).update(created_at=datetime(2030, 6, 1, tzinfo=UTC))
    intake = IntakeFactory(
        opens_on=TODAY - timedelta(days=30),
        closes_on=TODAY - timedelta(days=1),
        term_starts_on=TODAY + timedelta(days=30),
    )
    ApplicationFactory(intake=intake, status="in_review")
    reviewer = PersonWithLoginFactory().user
    intake.reviewers.create(user=reviewer)
    for _ in range(2):
        sweep_reminders(today=TODAY)
    assert _keys(manager.user) == [f"application:{application.pk}:manager_pending"]
    assert _keys(reviewer) == [f"intake:{intake.pk}:scoring_pending"]


def test_run_all_twice_sends_nothing_new(in_org, pm):
    term = _term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY + timedelta(days=7))
    first = run_all(today=TODAY)
    assert first["reminders"]["ending"] == 2
    count = Notification.objects.count()
    second = run_all(today=TODAY)
    assert sum(second["reminders"].values()) == 0 and Notification.objects.count() == count
    assert _term_updates(term).count() == 0


# --- Celery --------------------------------------------------------------------------------------------------


def test_the_daily_beat_task_queues_one_sweep_per_organization(org, other_org, monkeypatch):
    from ambassadors import tasks
    from xmhub.celery import app

    queued = []
    monkeypatch.setattr(tasks.run_sweeps, "delay", lambda **kwargs: queued.append(kwargs))
    assert tasks.run_sweeps_all() == 2
    assert queued == [{"organization_id": org.pk, "today": None}, {"organization_id": other_org.pk, "today": None}]
    assert app.conf.beat_schedule["ambassador-sweeps-daily"]["task"] == "ambassadors.tasks.run_sweeps_all"


def test_the_sweep_task_runs_in_its_organization_as_of_a_date(org):
    from ambassadors.tasks import run_sweeps

    with tenant_context(org):
        term = _term(starts_on=TODAY - timedelta(days=365), ends_on=TODAY)
    result = run_sweeps(organization_id=org.pk, today=TODAY.isoformat())
    assert result["expired"] == 1
    with tenant_context(org):
        assert _term_updates(term).get().actor == "task:ambassadors.tasks.run_sweeps"
