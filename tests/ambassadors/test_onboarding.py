"""Onboarding start: the term an accepted offer creates, its plan from the role's template, the cohort's
kick-off (.ics), ticking tasks off in the portal and the cohort's progress in the console."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Application, Cohort, OnboardingTask, OnboardingTemplateTask, Term, TermOption
from ambassadors.services.onboarding import cohort_for_intake, term_create_from_application
from tests.factories import OrgUnitFactory
from tests.factories.ambassadors import ApplicationFactory, TermFactory
from tests.factories.ambassadors_intake import intake_with_role, member_with_person
from xmhub.accounts.roles import Role
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_celery(monkeypatch):
    monkeypatch.setattr("xmhub.notifications.tasks.email_notifications.delay", lambda **kwargs: None)


def _url(name, org, **kwargs):
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _portal(name, org, **kwargs):
    return reverse(f"portal:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def accepted(org):
    """Ada accepted an offer for a 12-month, 10 % role with a two-task template and chose two options."""
    intake, _, opts = intake_with_role(org, term_starts_on=datetime.date(2030, 3, 1))
    with tenant_context(org):
        OnboardingTemplateTask.objects.create(
            role=intake.role, title="Meet your coach", category="coaching", due_after_days=14, position=1
        )
        OnboardingTemplateTask.objects.create(
            role=intake.role, title="Our XM vision", category="fundamentals", due_after_days=7, position=0
        )
    unit = OrgUnitFactory(organization=org, name="Retail")
    user, person = member_with_person(org, Role.AMBASSADOR, org_unit=unit)
    application = ApplicationFactory(organization=org, intake=intake, person=person, status=Application.Status.SELECTED)
    with tenant_context(org):
        from ambassadors.models import ApplicationOption

        cohort_for_intake(intake=intake)
        for option in opts[:2]:
            ApplicationOption.objects.create(application=application, option=option)
    return {"intake": intake, "user": user, "person": person, "application": application, "options": opts, "unit": unit}


def _accept(login, org, accepted):
    return login(accepted["user"]).post(
        _portal("offer_respond", org, pk=accepted["application"].pk), {"decision": "accept"}
    )


def test_accepting_creates_the_term_in_the_cohort_with_its_onboarding_plan(login, org, accepted):
    assert _accept(login, org, accepted).status_code == 302
    with tenant_context(org):
        term = Term.objects.select_related("cohort").get()
        assert (term.starts_on, term.ends_on, term.time_share, term.org_unit_id, term.status) == (
            datetime.date(2030, 3, 1),
            datetime.date(2031, 3, 1),
            10,
            accepted["unit"].pk,
            "active",
        )
        assert term.cohort.intake_id == accepted["intake"].pk
        assert set(TermOption.objects.filter(term=term).values_list("option_id", flat=True)) == {
            o.pk for o in accepted["options"][:2]
        }
        assert list(OnboardingTask.objects.filter(term=term).values_list("title", "due_on")) == [
            ("Our XM vision", datetime.date(2030, 3, 8)),
            ("Meet your coach", datetime.date(2030, 3, 15)),
        ]
        assert Notification.objects.filter(recipient=accepted["user"], reason_key=f"term:{term.pk}:welcome").exists()


def test_term_creation_is_idempotent(org, accepted):
    with tenant_context(org):
        Application.objects.filter(pk=accepted["application"].pk).update(status=Application.Status.ACCEPTED)
        application = Application.objects.get(pk=accepted["application"].pk)
        first = term_create_from_application(actor=None, application=application)
        second = term_create_from_application(actor=None, application=application)
        assert first.pk == second.pk and Term.objects.count() == 1
        assert OnboardingTask.objects.count() == 2


def test_a_cohort_is_made_on_first_accept_for_an_intake_without_one(login, org, accepted):
    with tenant_context(org):
        Cohort.objects.filter(intake=accepted["intake"]).delete()
    _accept(login, org, accepted)
    with tenant_context(org):
        assert Term.objects.get().cohort.intake_id == accepted["intake"].pk


def test_ambassador_ticks_tasks_off_and_back(login, org, accepted):
    _accept(login, org, accepted)
    client = login(accepted["user"])
    page = client.get(_portal("onboarding", org))
    [term] = page.context["terms"]
    assert (term.done, term.total, term.percent) == (0, 2, 0)
    task = term.tasks[0]
    assert client.post(_portal("task_toggle", org, pk=task.pk), {"done": "on"}).status_code == 302
    with tenant_context(org):
        assert OnboardingTask.objects.get(pk=task.pk).completed_at is not None
    [term] = client.get(_portal("onboarding", org)).context["terms"]
    assert (term.done, term.percent) == (1, 50)
    client.post(_portal("task_toggle", org, pk=task.pk), {})
    with tenant_context(org):
        assert OnboardingTask.objects.get(pk=task.pk).completed_at is None


def test_nobody_ticks_someone_elses_task(login, org, accepted):
    _accept(login, org, accepted)
    other_user, _ = member_with_person(org, Role.AMBASSADOR)
    with tenant_context(org):
        task = OnboardingTask.objects.first()
    assert login(other_user).post(_portal("task_toggle", org, pk=task.pk), {"done": "on"}).status_code == 404
    with tenant_context(org):
        assert OnboardingTask.objects.get(pk=task.pk).completed_at is None


def test_program_manager_sets_the_kickoff_and_the_cohort_is_told(login, org, accepted, program_manager):
    _accept(login, org, accepted)
    with tenant_context(org):
        cohort = Cohort.objects.get()
    response = login(program_manager).post(
        _url("cohort_detail", org, pk=cohort.pk),
        {
            "name": "Spring cohort",
            "kickoff_at": "2030-03-02T10:00",
            "kickoff_location": "Lisbon, room 4",
            "kickoff_link": "",
        },
    )
    assert response.status_code == 302
    with tenant_context(org):
        cohort.refresh_from_db()
        assert cohort.name == "Spring cohort" and cohort.kickoff_location == "Lisbon, room 4"
        assert (
            Notification.objects.filter(
                recipient=accepted["user"], reason_key__startswith=f"cohort:{cohort.pk}:kickoff:"
            ).count()
            == 1
        )


def test_kickoff_without_place_or_link_is_a_field_error(login, org, accepted, program_manager):
    with tenant_context(org):
        cohort = Cohort.objects.get()
    response = login(program_manager).post(
        _url("cohort_detail", org, pk=cohort.pk), {"name": "Spring", "kickoff_at": "2030-03-02T10:00"}
    )
    assert response.status_code == 400 and response.context["form"].errors["kickoff_location"]
    with tenant_context(org):
        assert Cohort.objects.get().kickoff_at is None


def test_kickoff_ics_download_for_the_cohort_and_its_ambassadors(login, org, accepted, program_manager):
    _accept(login, org, accepted)
    with tenant_context(org):
        cohort = Cohort.objects.get()
        cohort.kickoff_at = datetime.datetime(2030, 3, 2, 10, 0, tzinfo=datetime.UTC)
        cohort.kickoff_link = "https://meet.example.test/xm"
        cohort.name = "Spring, 2030"
        cohort.save()
    for user, url in [
        (program_manager, _url("cohort_ics", org, pk=cohort.pk)),
        (accepted["user"], _portal("kickoff_ics", org, pk=cohort.pk)),
    ]:
        response = login(user).get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        body = response.content.decode()
        assert "BEGIN:VEVENT" in body and "DTSTART:20300302T100000Z" in body and "DTEND:20300302T120000Z" in body
        assert "SUMMARY:Spring\\, 2030 kick-off" in body and "\r\n" in body
        assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_a_non_member_of_the_cohort_cannot_download_its_invite(login, org, accepted):
    with tenant_context(org):
        cohort = Cohort.objects.get()
        cohort.kickoff_at = timezone.now()
        cohort.kickoff_location = "HQ"
        cohort.save()
    other_user, _ = member_with_person(org, Role.AMBASSADOR)
    assert login(other_user).get(_portal("kickoff_ics", org, pk=cohort.pk)).status_code == 404


@pytest.mark.parametrize("persona", ["executive", "viewer", "ambassador_user", "manager_user"])
def test_cohort_pages_are_forbidden_to_other_roles(request, login, org, accepted, persona):
    with tenant_context(org):
        cohort = Cohort.objects.get()
    client = login(request.getfixturevalue(persona))
    for url in [_url("cohort_list", org), _url("cohort_detail", org, pk=cohort.pk)]:
        assert client.get(url).status_code == 403


def test_cohort_page_shows_progress_per_ambassador(login, org, accepted, program_manager):
    _accept(login, org, accepted)
    with tenant_context(org):
        cohort = Cohort.objects.get()
        first = OnboardingTask.objects.order_by("due_on").first()
        first.completed_at = timezone.now()
        first.save()
    response = login(program_manager).get(_url("cohort_detail", org, pk=cohort.pk))
    [term] = response.context["terms"]
    assert (term.done, term.total, term.percent) == (1, 2, 50)
    assert '<progress max="100" value="50"' in response.content.decode()


@pytest.mark.parametrize("n", [2, 10])
def test_cohort_page_query_count_does_not_grow(login, org, program_manager, n, django_assert_num_queries):
    intake, _, _ = intake_with_role(org)
    with tenant_context(org):
        cohort = Cohort.objects.create(intake=intake, name="C")
    for _ in range(n):
        term = TermFactory(organization=org, role=intake.role, cohort=cohort)
        with tenant_context(org):
            OnboardingTask.objects.create(term=term, title="t", category="fundamentals", due_on=term.starts_on)
    client = login(program_manager)
    client.get(_url("cohort_detail", org, pk=cohort.pk))
    with django_assert_num_queries(COHORT_QUERIES):
        assert len(client.get(_url("cohort_detail", org, pk=cohort.pk)).context["terms"]) == n


@pytest.mark.parametrize("n", [2, 10])
def test_my_onboarding_query_count_does_not_grow(login, org, accepted, n, django_assert_num_queries):
    _accept(login, org, accepted)
    with tenant_context(org):
        term = Term.objects.get()
        for i in range(n):
            OnboardingTask.objects.create(term=term, title=f"t{i}", category="skills", due_on=term.starts_on)
    client = login(accepted["user"])
    client.get(_portal("onboarding", org))
    with django_assert_num_queries(MY_ONBOARDING_QUERIES):
        [term] = client.get(_portal("onboarding", org)).context["terms"]
    assert term.total == n + 2


# Pinned: the request frame (user, organization, tenant settings, membership, switcher, reset) plus the page:
# cohort + terms with annotated progress; person + terms + their tasks (one prefetch).
COHORT_QUERIES = 10
MY_ONBOARDING_QUERIES = 11
