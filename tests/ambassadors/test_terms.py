"""Term transitions (services) and the program-manager console pages of terms and coaches."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.models import AlumniProfile, Commitment, Milestone, Term, TermOption
from ambassadors.services import terms as services
from tests.factories import OrgUnitFactory
from tests.factories.ambassadors import CoachFactory, ContributionOptionFactory, TermFactory
from tests.factories.ambassadors_terms import ActivityFactory, AmbassadorTermFactory, CommitmentFactory
from xmhub.core.errors import ApplicationError
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

TODAY = date.today()


def _term(**kwargs):
    kwargs.setdefault("starts_on", TODAY - timedelta(days=100))
    kwargs.setdefault("ends_on", TODAY + timedelta(days=200))
    return AmbassadorTermFactory(**kwargs)


def _errors(call) -> dict:
    with pytest.raises(ApplicationError) as exc:
        call()
    return exc.value.errors


# --- services ------------------------------------------------------------------------------------------------


def test_pause_and_resume(in_org):
    term = _term()
    services.term_pause(term=term, reason="Parental leave")
    term.refresh_from_db()
    assert (term.status, term.paused_reason) == ("paused", "Parental leave")
    assert "status" in _errors(lambda: services.term_pause(term=term, reason="again"))
    services.term_resume(term=term)
    term.refresh_from_db()
    assert (term.status, term.paused_reason) == ("active", "")
    assert "status" in _errors(lambda: services.term_resume(term=term))


def test_pause_needs_a_reason(in_org):
    term = _term()
    assert _errors(lambda: services.term_pause(term=term, reason="  ")) == {"reason": ["Say why the term is paused."]}
    term.refresh_from_db()
    assert term.status == "active"


def test_resume_can_move_the_term_to_another_unit(in_org):
    unit = OrgUnitFactory()
    term = _term(status=Term.Status.PAUSED, paused_reason="x")
    services.term_resume(term=term, org_unit=unit)
    term.refresh_from_db()
    assert term.org_unit_id == unit.pk


def test_end_completed_makes_alumni_grants_the_milestone_and_asks_for_exit_feedback(in_org):
    term = _term()
    services.term_end(term=term, reason="completed")
    term.refresh_from_db()
    assert (term.status, term.end_reason, term.ended_on) == ("ended", "completed", TODAY)
    assert AlumniProfile.objects.filter(person=term.person).exists()
    assert Milestone.objects.filter(term=term, key="term_completed").exists()
    assert Notification.objects.filter(recipient=term.person.user, reason_key=f"term:{term.pk}:ended").exists()
    assert "status" in _errors(lambda: services.term_end(term=term, reason="completed"))


def test_end_left_organization_is_not_alumni(in_org):
    term = _term()
    services.term_end(term=term, reason="left_organization")
    assert not AlumniProfile.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reason": "bored"}, "reason"),
        ({"reason": "renewed"}, "reason"),
        ({"reason": "completed", "ended_on": TODAY + timedelta(days=1)}, "ended_on"),
        ({"reason": "completed", "ended_on": TODAY - timedelta(days=1000)}, "ended_on"),
    ],
)
def test_end_refuses_bad_input(in_org, kwargs, field):
    term = _term()
    assert field in _errors(lambda: services.term_end(term=term, **kwargs))
    term.refresh_from_db()
    assert term.status == "active"


def test_renew_starts_a_linked_term_with_the_same_setup(in_org):
    coach = CoachFactory()
    term = _term(coach=coach)
    option = ContributionOptionFactory(role=term.role)
    TermOption.objects.create(term=term, option=option)
    CommitmentFactory(term=term, activities_target=3, hours_target=Decimal("6"))
    renewal = services.term_renew(term=term)
    term.refresh_from_db()
    assert (term.status, term.end_reason, term.ended_on) == ("ended", "renewed", TODAY)
    assert renewal.renewed_from_id == term.pk and renewal.status == "active"
    assert renewal.starts_on == TODAY and renewal.ends_on == services.add_months(term.ends_on, term.role.term_months)
    assert renewal.coach_id == coach.pk
    assert list(TermOption.objects.filter(term=renewal).values_list("option_id", flat=True)) == [option.pk]
    assert Commitment.objects.get(term=renewal).activities_target == 3
    assert "status" in _errors(lambda: services.term_renew(term=term))
    assert not AlumniProfile.objects.exists()


def test_commitment_refuses_bad_targets_and_writes_nothing(in_org):
    term = _term()
    errors = _errors(
        lambda: services.commitment_set(term=term, period="week", activities_target=-1, hours_target=Decimal("5000"))
    )
    assert set(errors) == {"period", "activities_target", "hours_target"}
    assert not Commitment.objects.exists()


def test_a_coach_at_capacity_is_refused(in_org):
    coach = CoachFactory(capacity=1)
    _term(coach=coach)
    term = _term()
    assert "coach" in _errors(lambda: services.term_set_coach(term=term, coach=coach))


# --- console pages -------------------------------------------------------------------------------------------


def _url(org, name, **kwargs):
    from django.urls import reverse

    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def term(org):
    with tenant_context(org):
        return _term()


def test_the_term_list_shows_pace_and_filters(org, program_manager, login):
    with tenant_context(org):
        silent = _term()
        busy = _term()
        CommitmentFactory(term=busy, activities_target=0, hours_target=Decimal("0"))
        ActivityFactory(term=busy, occurred_on=TODAY)
    client = login(program_manager)
    response = client.get(_url(org, "term_list"))
    assert response.status_code == 200
    assert silent.person.full_name in response.text and busy.person.full_name in response.text
    response = client.get(_url(org, "term_list") + "?pace=silent")
    assert [t.pk for t in response.context["terms"]] == [silent.pk]
    response = client.get(_url(org, "term_list") + "?pace=on_pace&status=active")
    assert [t.pk for t in response.context["terms"]] == [busy.pk]


@pytest.mark.parametrize("persona", ["ambassador_user", "viewer", "executive", "manager_user"])
def test_console_pages_are_for_program_managers(org, term, persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert client.get(_url(org, "term_list")).status_code == 403
    assert client.get(_url(org, "term_detail", pk=term.pk)).status_code == 403
    assert client.post(_url(org, "term_pause", pk=term.pk), {"reason": "x"}).status_code == 403
    assert client.get(_url(org, "coach_load")).status_code == 403
    with tenant_context(org):
        assert Term.objects.get(pk=term.pk).status == "active"


def test_another_organizations_admin_gets_404(org, term, outsider, login):
    client = login(outsider)
    for name, kwargs in (("term_list", {}), ("term_detail", {"pk": term.pk}), ("coach_load", {})):
        assert client.get(_url(org, name, **kwargs)).status_code == 404


def test_a_term_of_another_organization_is_404(org, other_org, program_manager, login):
    with tenant_context(other_org):
        foreign = TermFactory()
    client = login(program_manager)
    assert client.get(_url(org, "term_detail", pk=foreign.pk)).status_code == 404
    assert client.post(_url(org, "term_pause", pk=foreign.pk), {"reason": "x"}).status_code == 404
    with tenant_context(other_org):
        assert Term.objects.get(pk=foreign.pk).status == "active"


def test_the_term_page_pauses_resumes_renews_and_ends(org, term, program_manager, login):
    client = login(program_manager)
    assert client.get(_url(org, "term_detail", pk=term.pk)).status_code == 200
    response = client.post(_url(org, "term_pause", pk=term.pk), {"reason": "Sabbatical"})
    assert response.status_code == 302
    assert client.post(_url(org, "term_resume", pk=term.pk), {}).status_code == 302
    response = client.post(_url(org, "term_renew", pk=term.pk), {})
    with tenant_context(org):
        renewal = Term.objects.get(renewed_from=term)
    assert response.status_code == 302 and response["Location"].endswith(f"/terms/{renewal.pk}/")
    assert client.post(_url(org, "term_end", pk=renewal.pk), {"reason": "stepped_down"}).status_code == 302
    with tenant_context(org):
        renewal.refresh_from_db()
        assert (renewal.status, renewal.end_reason) == ("ended", "stepped_down")


def test_bad_input_answers_400_with_the_form_error_and_writes_nothing(org, term, program_manager, login):
    client = login(program_manager)
    response = client.post(_url(org, "term_pause", pk=term.pk), {"reason": ""})
    assert response.status_code == 400
    assert response.context["pause_form"].errors == {"reason": ["This field is required."]}
    response = client.post(_url(org, "term_resume", pk=term.pk), {})
    assert response.status_code == 400 and "status" not in response.context["resume_form"].fields
    assert response.context["resume_form"].non_field_errors()
    response = client.post(
        _url(org, "term_commitment", pk=term.pk),
        {
            "period": "month",
            "activities_target": "2",
            "hours_target": "8",
            "effective_from": str(TODAY + timedelta(days=5000)),
        },
    )
    assert response.status_code == 400 and "effective_from" in response.context["commitment_form"].errors
    with tenant_context(org):
        term.refresh_from_db()
        assert term.status == "active" and not Commitment.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_and_detail_queries_do_not_grow_with_data(org, program_manager, login):
    client = login(program_manager)
    with tenant_context(org):
        first = _term(coach=CoachFactory())
        ActivityFactory(term=first)
    counts = []
    for _ in range(2):
        counts.append(
            [
                _queries(client, _url(org, name, **kwargs))
                for name, kwargs in (("term_list", {}), ("term_detail", {"pk": first.pk}), ("coach_load", {}))
            ]
        )
        with tenant_context(org):
            for _ in range(10):
                other = _term(coach=CoachFactory(), org_unit=OrgUnitFactory())
                ActivityFactory(term=other)
                ActivityFactory(term=first)
    assert counts[0] == counts[1]


def test_coach_load_page_reassigns_in_one_click(org, program_manager, login):
    with tenant_context(org):
        gone = CoachFactory()
        gone.person.status = "left"
        gone.person.save()
        spare = CoachFactory(capacity=3)
        term = _term(coach=gone)
    client = login(program_manager)
    response = client.get(_url(org, "coach_load"))
    assert response.status_code == 200 and response.context["reassignments"][0]["coach"].pk == gone.pk
    response = client.post(_url(org, "coach_reassign"), {"term": term.pk, "coach": spare.pk})
    assert response.status_code == 302
    with tenant_context(org):
        term.refresh_from_db()
        assert term.coach_id == spare.pk
    response = client.post(_url(org, "coach_reassign"), {"term": term.pk, "coach": gone.pk})
    assert response.status_code == 400
