import time
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from ambassadors.models import (
    Activity,
    AlumniProfile,
    AlumniUpdate,
    Application,
    Award,
    Coach,
    CoachingSession,
    Commitment,
    ContributionOption,
    ExitFeedback,
    HelpRequest,
    InputRequest,
    InputResponse,
    Intake,
    IntakeReviewer,
    IntakeSeat,
    Kudos,
    Milestone,
    OfficeHourBooking,
    OfficeHourSlot,
    OnboardingTask,
    Program,
    Review,
    ReviewScore,
    SelectionCriterion,
    SuccessStory,
    Term,
    TermOption,
)
from xmhub.audit.models import AuditEvent
from xmhub.core.demo.ambassadors import BANK_SIZE, PROGRAM_NAME, RETAIL_SIZE
from xmhub.core.demo.logins import demo_login
from xmhub.core.sync_health import organization_today
from xmhub.directory.models import Person
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization

pytestmark = pytest.mark.django_db

MODELS = [
    Program,
    ContributionOption,
    SelectionCriterion,
    Intake,
    IntakeSeat,
    IntakeReviewer,
    Application,
    Review,
    ReviewScore,
    Term,
    TermOption,
    Commitment,
    OnboardingTask,
    Coach,
    CoachingSession,
    Activity,
    Milestone,
    Award,
    Kudos,
    SuccessStory,
    InputRequest,
    InputResponse,
    OfficeHourSlot,
    OfficeHourBooking,
    HelpRequest,
    AlumniProfile,
    ExitFeedback,
    AlumniUpdate,
]


def _seed():
    call_command("seed_demo", "--no-logins", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def seeded(db):
    _seed()


def _org(slug):
    return Organization.objects.get(slug=slug)


def _counts(slug):
    with tenant_context(_org(slug)):
        counts = {m.__name__: m.objects.count() for m in MODELS}
        counts["last_activity_change"] = Activity.objects.aggregate(Max("created_at"))["created_at__max"]
        return counts


def test_the_bank_runs_a_program_with_terms_in_every_state(seeded):
    with tenant_context(_org("demo-bank")):
        program = Program.objects.get()
        assert program.name == PROGRAM_NAME
        role = program.roles.get()
        assert (role.name, role.time_share, role.term_months) == ("XM Ambassador", 10, 12)
        assert role.contribution_options.count() == 6
        assert role.criteria.count() == 4 and all(c.guidance for c in role.criteria.all())
        assert role.onboarding_template.count() >= 5

        today = organization_today()
        statuses = Counter(Term.objects.values_list("status", flat=True))
        upcoming = BANK_SIZE.open_intake[Application.Status.ACCEPTED]
        assert statuses == {
            "active": BANK_SIZE.serving + BANK_SIZE.onboarding + upcoming,
            "paused": BANK_SIZE.paused,
            "ended": BANK_SIZE.alumni,
        }
        serving_now = Term.objects.filter(status="active", starts_on__lte=today, ends_on__gt=today)
        assert 110 <= serving_now.count() <= 130
        assert serving_now.values("org_unit").distinct().count() >= 15
        assert not Term.objects.filter(status="active", coach__isnull=True).exists()
        assert Commitment.objects.filter(activities_target=2, hours_target=8).count() == Term.objects.count()
        assert set(Term.objects.filter(status="paused").values_list("paused_reason", flat=True)) == {
            "Transfer to a new team: paused until settled in"
        }
        ended = Term.objects.filter(status="ended")
        assert ended.filter(end_reason="completed").count() >= BANK_SIZE.alumni - 2
        assert AlumniProfile.objects.count() == ended.count()
        assert ended.count() / 2 < ExitFeedback.objects.count() < ended.count()

        # Coaches within capacity, the demo program manager among them.
        pm = Person.objects.get(user__email=demo_login("demo-bank", "program_manager").email)
        coaches = Coach.objects.annotate(open_terms=Count("terms", filter=~Q(terms__status="ended")))
        assert pm.pk in {c.person_id for c in coaches}
        assert all(c.open_terms <= c.capacity for c in coaches)

        # A cohort onboarding now: its tasks are partly done.
        onboarding = OnboardingTask.objects.filter(
            term__starts_on__gt=today - timedelta(days=60), term__starts_on__lte=today
        )
        assert onboarding.filter(completed_at__isnull=False).exists()
        assert onboarding.filter(completed_at__isnull=True).exists()


def test_the_open_intake_has_applications_in_every_state_and_blind_reviews(seeded):
    with tenant_context(_org("demo-bank")):
        today = organization_today()
        intake = Intake.objects.get(opens_on__lte=today, closes_on__gte=today)
        assert intake.is_open_on(today)
        assert intake.opens_on == today - timedelta(days=7) and intake.closes_on == today + timedelta(days=21)
        assert IntakeSeat.objects.filter(intake=intake).count() >= 20
        statuses = dict(Application.objects.filter(intake=intake).values_list("status").annotate(n=Count("id")))
        assert statuses == {str(k): v for k, v in BANK_SIZE.open_intake.items()}
        assert set(statuses) == set(Application.Status.values)
        waiting = Application.objects.filter(intake=intake, status__in=["awaiting_manager", "manager_declined"])
        assert set(waiting.values_list("source", flat=True)) == {"self"}
        assert not waiting.filter(manager__isnull=True).exists()
        assert not waiting.filter(status="awaiting_manager", manager_decided_at__isnull=False).exists()
        reviewers = set(IntakeReviewer.objects.filter(intake=intake).values_list("user__email", flat=True))
        assert reviewers == {demo_login("demo-bank", "program_manager").email, demo_login("demo-bank", "admin").email}
        admin_person = Person.objects.get(user__email=demo_login("demo-bank", "admin").email)
        assert AlumniProfile.objects.get(person=admin_person).opt_in_reviewing  # the alumnus reviewer
        in_review = Review.objects.filter(application__intake=intake, application__status="in_review")
        assert in_review.filter(submitted_at__isnull=False).exists()
        assert in_review.filter(submitted_at__isnull=True).exists()  # drafts stay blind
        assert ReviewScore.objects.filter(review__application__intake=intake).exists()
        assert Intake.objects.filter(selection_completed_at__isnull=False).count() == 3
        assert Intake.objects.count() == 4


def test_a_year_of_activities_with_consistent_milestones(seeded):
    with tenant_context(_org("demo-bank")):
        today = organization_today()
        assert Activity.objects.count() > 2000
        assert Activity.objects.filter(occurred_on__lt=today - timedelta(days=300)).exists()
        assert not Activity.objects.filter(occurred_on__gt=today).exists()
        assert Activity.objects.exclude(evidence_url="").exists()
        assert Activity.objects.filter(attested_by__isnull=False).exists()
        assert (
            not Activity.objects.filter(attested_by__isnull=False)
            .exclude(attested_by=F("term__person__manager"))
            .exists()
        )
        last = dict(
            Term.objects.filter(status="active", starts_on__lte=today - timedelta(days=200))
            .annotate(last=Max("activities__occurred_on"))
            .values_list("pk", "last")
        )
        silent = [pk for pk, day in last.items() if day is None or day < today - timedelta(days=30)]
        assert 3 <= len(silent) < len(last) / 3
        # Milestones match the activities: first activity for every term with one, 10 / 100 where earned.
        stats = Term.objects.annotate(n=Count("activities"), reached=Sum("activities__people_reached"))
        granted = {(m.term_id, m.key) for m in Milestone.objects.all()}
        for term in stats:
            assert ((term.pk, "first_activity") in granted) == (term.n >= 1)
            assert ((term.pk, "ten_activities") in granted) == (term.n >= 10)
            assert ((term.pk, "hundred_reached") in granted) == ((term.reached or 0) >= 100)
        assert (
            Milestone.objects.filter(key="term_completed").count()
            == Term.objects.filter(end_reason="completed").count()
        )


def test_recognition_stories_input_office_hours_and_help(seeded):
    with tenant_context(_org("demo-bank")):
        assert Award.objects.filter(kind="award").exists() and Award.objects.filter(kind="certificate").exists()
        assert Kudos.objects.count() >= 20
        assert set(SuccessStory.objects.values_list("status", flat=True)) == {"submitted", "published", "rejected"}
        assert InputResponse.objects.count() >= 10 and InputRequest.objects.count() == 2
        assert OfficeHourBooking.objects.exists() and OfficeHourSlot.objects.count() == 16
        assert set(HelpRequest.objects.values_list("status", flat=True)) == {"open", "in_progress", "resolved"}
        assert AlumniUpdate.objects.count() >= 3
        assert CoachingSession.objects.exists()
        # Timestamps are dated in the past (in the INSERT), and the model fields are left as they were.
        now = timezone.now()
        assert Activity.objects.aggregate(Min("created_at"))["created_at__min"] < now - timedelta(days=300)
        for model, name in (
            (Activity, "created_at"),
            (Milestone, "achieved_at"),
            (Kudos, "created_at"),
            (Application, "created_at"),
            (SuccessStory, "created_at"),
        ):
            assert not model.objects.filter(**{f"{name}__gt": now}).exists()
            assert model._meta.get_field(name).auto_now_add
        assert set(AuditEvent.objects.filter(table_name="ambassadors_activity").values_list("actor", flat=True)) == {
            "system:seed_demo"
        }


def test_the_demo_ambassador_has_an_active_term_attested_by_the_demo_manager(seeded):
    with tenant_context(_org("demo-bank")):
        today = organization_today()
        ambassador = Person.objects.get(user__email=demo_login("demo-bank", "ambassador").email)
        manager = Person.objects.get(user__email=demo_login("demo-bank", "manager").email)
        assert ambassador.manager == manager
        term = Term.objects.get(person=ambassador)
        assert term.status == "active" and term.starts_on < today < term.ends_on
        assert term.activities.count() >= 15
        assert term.activities.filter(attested_by=manager).exists()
        assert term.activities.filter(occurred_on__gte=today - timedelta(days=30)).exists()
        assert term.coach.person.user.email == demo_login("demo-bank", "program_manager").email
        assert TermOption.objects.filter(term=term).count() >= 2
    with tenant_context(_org("demo-retail")):
        ambassador = Person.objects.get(user__email=demo_login("demo-retail", "ambassador").email)
        assert Term.objects.get(person=ambassador).status == "active"


def test_the_retailer_runs_a_small_program(seeded):
    with tenant_context(_org("demo-retail")):
        statuses = Counter(Term.objects.values_list("status", flat=True))
        assert statuses["paused"] == RETAIL_SIZE.paused and statuses["ended"] == RETAIL_SIZE.alumni
        assert set(Application.objects.values_list("status", flat=True)) == set(Application.Status.values)
        assert Activity.objects.exists()


def test_a_second_run_creates_nothing(seeded):
    before = {slug: _counts(slug) for slug in ("demo-bank", "demo-retail")}
    _seed()
    assert {slug: _counts(slug) for slug in ("demo-bank", "demo-retail")} == before


def test_each_organization_sees_only_its_own_program(seeded):
    bank, retail = _org("demo-bank"), _org("demo-retail")
    with tenant_context(bank):
        bank_terms = Term.objects.count()
    with tenant_context(retail):
        assert Term.objects.count() < bank_terms
        assert not Term.objects.filter(person__email__endswith="@northwind-bank.example").exists()
        for model in MODELS:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT count(*) FROM {model._meta.db_table} WHERE organization_id = %s",  # noqa: S608
                    [bank.pk],
                )
                assert cursor.fetchone() == (0,), model.__name__


def test_the_seed_with_its_program_is_fast(db):
    started = time.monotonic()
    _seed()
    assert time.monotonic() - started < 8


def _fingerprint():
    with tenant_context(_org("demo-retail")):
        terms = Term.objects.values_list("person__external_id", "status", "starts_on", "coach__person__external_id")
        activities = Activity.objects.values_list(
            "term__person__external_id", "occurred_on", "hours", "people_reached", "contribution_option__name"
        )
        applications = Application.objects.values_list("person__external_id", "intake__name", "status", "source")
        return sorted(terms), sorted(activities), sorted(applications)


def test_the_program_is_the_same_on_every_run(db):
    from django.db import transaction

    from xmhub.core.demo.seed import demo_organization_seed
    from xmhub.core.demo.specs import RETAIL

    prints = []
    for _ in range(2):
        with transaction.atomic():
            demo_organization_seed(spec=RETAIL)
            prints.append(_fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1] and prints[0][1]
