"""The ambassador portal: my term, logging an activity in three steps, milestones once, and the manager's
attestation."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ambassadors.models import Activity, Milestone, Term
from ambassadors.selectors.terms import Pace, term_list
from ambassadors.services.activities import activity_attest, activity_log
from tests.factories import PersonFactory
from tests.factories.ambassadors import ContributionOptionFactory, TermFactory
from tests.factories.ambassadors_terms import ActivityFactory, AmbassadorTermFactory, CommitmentFactory
from xmhub.core.errors import ApplicationError
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

TODAY = date.today()


def _url(org, name, **kwargs):
    return reverse(f"portal:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def setup(org, ambassador_user):
    """The ambassador persona's own term (their person is linked to their login) with two options."""
    with tenant_context(org):
        person = PersonFactory(user=ambassador_user, manager=PersonFactory())
        term = TermFactory(person=person, starts_on=TODAY - timedelta(days=60), ends_on=TODAY + timedelta(days=300))
        options = [ContributionOptionFactory(role=term.role, name=n) for n in ("Lunch-and-learns", "Podcasting")]
        CommitmentFactory(term=term, activities_target=2, hours_target=Decimal("8"))
    return {"term": term, "options": options, "person": person}


def _step(client, org, term, data):
    return client.post(_url(org, "activity_log", pk=term.pk), data)


def test_my_term_redirects_to_the_open_term_and_shows_progress(org, setup, ambassador_user, login):
    client = login(ambassador_user)
    response = client.get(_url(org, "my_term"))
    assert response.status_code == 302 and response["Location"] == _url(org, "term_detail", pk=setup["term"].pk)
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.context["commitment"].activities_target == 2


def test_logging_an_activity_in_three_steps(org, setup, ambassador_user, login):
    client, term, option = login(ambassador_user), setup["term"], setup["options"][1]
    assert client.get(_url(org, "activity_log", pk=term.pk)).status_code == 200
    what = {"step": "what", "contribution_option": option.pk, "description": "Episode 1"}
    response = _step(client, org, term, what)
    assert response.status_code == 200 and response.context["step"] == "when"
    when = {**what, "step": "when", "occurred_on": str(TODAY - timedelta(days=1)), "hours": "2.5"}
    response = _step(client, org, term, when)
    assert response.status_code == 200 and response.context["step"] == "reach"
    evidence = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
    response = client.post(
        _url(org, "activity_log", pk=term.pk),
        {
            **when,
            "step": "reach",
            "people_reached": "120",
            "evidence_url": "https://wiki.example.com/ep1",
            "evidence_file": evidence,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    with tenant_context(org):
        activity = Activity.objects.get(term=term)
        assert (activity.contribution_option_id, activity.hours, activity.people_reached) == (
            option.pk,
            Decimal("2.5"),
            120,
        )
        assert activity.evidence_file.name.endswith(".pdf") and activity.evidence_url == "https://wiki.example.com/ep1"
        assert set(Milestone.objects.filter(term=term).values_list("key", flat=True)) == {
            "first_activity",
            "hundred_reached",
        }
        assert Notification.objects.filter(recipient=ambassador_user).count() == 2


@pytest.mark.parametrize(
    ("data", "step", "field"),
    [
        ({"step": "what"}, "what", "contribution_option"),
        (
            {"step": "when", "contribution_option": "OPTION", "occurred_on": "tomorrow", "hours": "2"},
            "when",
            "occurred_on",
        ),
        ({"step": "when", "contribution_option": "OPTION", "occurred_on": "FUTURE", "hours": "2"}, "when", None),
        (
            {
                "step": "reach",
                "contribution_option": "OPTION",
                "occurred_on": "PAST",
                "hours": "0",
                "people_reached": "1",
            },
            "when",
            "hours",
        ),
        (
            {
                "step": "reach",
                "contribution_option": "OPTION",
                "occurred_on": "PAST",
                "hours": "1",
                "people_reached": "-4",
            },
            "reach",
            "people_reached",
        ),
        (
            {
                "step": "reach",
                "contribution_option": "OPTION",
                "occurred_on": "FUTURE",
                "hours": "1",
                "people_reached": "4",
            },
            "when",
            "occurred_on",
        ),
    ],
)
def test_bad_input_shows_the_step_with_errors_and_writes_nothing(org, setup, ambassador_user, login, data, step, field):
    values = {
        "OPTION": setup["options"][0].pk,
        "PAST": str(TODAY - timedelta(days=1)),
        "FUTURE": str(TODAY + timedelta(days=3)),
    }
    data = {k: values.get(v, v) for k, v in data.items()}
    response = _step(login(ambassador_user), org, setup["term"], data)
    if field is None:  # a future date passes the shape check of step 2; the service refuses it at the end
        assert response.status_code == 200
        return
    assert response.status_code == 400 and response.context["step"] == step
    assert field in response.context["form"].errors
    with tenant_context(org):
        assert not Activity.objects.exists()


def test_an_option_of_another_role_is_refused(org, setup, ambassador_user, login):
    with tenant_context(org):
        foreign_option = ContributionOptionFactory()
    response = _step(
        login(ambassador_user), org, setup["term"], {"step": "what", "contribution_option": foreign_option.pk}
    )
    assert response.status_code == 400


def test_milestones_are_granted_once(in_org, setup):
    term = setup["term"]
    for _ in range(10):
        activity_log(term=term, contribution_option=setup["options"][0], occurred_on=TODAY, hours=1, people_reached=1)
    assert sorted(Milestone.objects.filter(term=term).values_list("key", flat=True)) == [
        "first_activity",
        "ten_activities",
    ]
    activity_log(term=term, contribution_option=setup["options"][0], occurred_on=TODAY, hours=1, people_reached=1)
    assert Milestone.objects.filter(term=term).count() == 2


def test_no_logging_on_a_paused_term(in_org, setup):
    term = setup["term"]
    Term.objects.filter(pk=term.pk).update(status="paused")
    with pytest.raises(ApplicationError):
        activity_log(term=term, contribution_option=setup["options"][0], occurred_on=TODAY, hours=1)
    assert not Activity.objects.exists()


def test_someone_elses_term_is_404_in_the_portal(org, setup, ambassador_user, login):
    with tenant_context(org):
        other = AmbassadorTermFactory(starts_on=TODAY - timedelta(days=5), ends_on=TODAY + timedelta(days=5))
    client = login(ambassador_user)
    assert client.get(_url(org, "term_detail", pk=other.pk)).status_code == 404
    assert _step(client, org, other, {"step": "what"}).status_code == 404


@pytest.mark.parametrize("persona", ["viewer", "executive"])
def test_portal_term_pages_are_for_ambassadors(org, setup, persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(_url(org, "my_term")).status_code == 403
    assert client.get(_url(org, "term_detail", pk=setup["term"].pk)).status_code == 403


def test_another_organization_member_gets_404(org, setup, outsider, login):
    assert login(outsider).get(_url(org, "my_term")).status_code == 404


# --- attestation ---------------------------------------------------------------------------------------------


def test_the_ambassadors_manager_attests_from_the_portal(org, setup, manager_user, login):
    with tenant_context(org):
        manager = setup["person"].manager
        manager.user = manager_user
        manager.save()
        activity = ActivityFactory(term=setup["term"], contribution_option=setup["options"][0])
    client = login(manager_user)
    response = client.get(_url(org, "attestations"))
    assert response.status_code == 200 and [a.pk for a in response.context["activities"]] == [activity.pk]
    assert client.post(_url(org, "activity_attest", pk=activity.pk)).status_code == 302
    with tenant_context(org):
        activity.refresh_from_db()
        assert activity.attested_by_id == manager.pk and activity.attested_at is not None
    assert client.get(_url(org, "attestations")).context["activities"].count() == 0


def test_another_manager_cannot_attest(org, setup, manager_user, login):
    with tenant_context(org):
        PersonFactory(user=manager_user)  # a manager, but not this ambassador's
        activity = ActivityFactory(term=setup["term"], contribution_option=setup["options"][0])
    assert login(manager_user).post(_url(org, "activity_attest", pk=activity.pk)).status_code == 404
    with tenant_context(org):
        activity.refresh_from_db()
        assert activity.attested_at is None
        with pytest.raises(ApplicationError):
            activity_attest(actor=PersonFactory(), activity=activity)


def test_pace_is_computed_for_a_whole_list(in_org):
    start = TODAY - timedelta(days=120)
    silent = TermFactory(starts_on=start, ends_on=TODAY + timedelta(days=100))
    on_pace = TermFactory(starts_on=start, ends_on=TODAY + timedelta(days=100))
    ActivityFactory(term=on_pace, occurred_on=TODAY)
    paused = TermFactory(starts_on=start, ends_on=TODAY + timedelta(days=100), status="paused")
    paces = {t.pk: t.pace for t in term_list(today=TODAY)}
    assert paces == {silent.pk: Pace.SILENT, on_pace.pk: Pace.ON_PACE, paused.pk: Pace.NOT_OPEN}


def test_a_manager_without_reports_sees_nothing(org, setup, manager_user, login):
    with tenant_context(org):
        ActivityFactory(term=setup["term"], contribution_option=setup["options"][0])
    response = login(manager_user).get(_url(org, "attestations"))
    assert response.status_code == 200 and list(response.context["activities"]) == []


@pytest.mark.parametrize("persona", ["viewer", "ambassador_user"])
def test_attestation_pages_are_for_managers(org, setup, persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(_url(org, "attestations")).status_code == 403
