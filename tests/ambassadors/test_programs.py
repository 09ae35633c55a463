"""Console: programs and roles, contribution options, weighted criteria, onboarding template."""

import pytest
from django.urls import reverse

from ambassadors.models import AmbassadorRole, ContributionOption, OnboardingTemplateTask, Program, SelectionCriterion
from ambassadors.services.programs import DEFAULT_CONTRIBUTION_OPTIONS
from tests.factories.ambassadors import (
    AmbassadorRoleFactory,
    ProgramFactory,
    SelectionCriterionFactory,
)
from tests.factories.ambassadors_intake import scored
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

CONSOLE_ALLOWED = ["admin_user", "program_manager"]
CONSOLE_DENIED = ["executive", "viewer", "ambassador_user", "manager_user"]


def _url(name, org, **kwargs):
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def role(org):
    return AmbassadorRoleFactory(organization=org, name="XM Ambassador", time_share=10, term_months=12)


def _routes(org, role):
    return [
        _url("program_list", org),
        _url("program_create", org),
        _url("program_detail", org, pk=role.program_id),
        _url("program_edit", org, pk=role.program_id),
        _url("role_create", org, pk=role.program_id),
        _url("role_detail", org, pk=role.pk),
        _url("role_edit", org, pk=role.pk),
        _url("role_options", org, pk=role.pk),
        _url("role_criteria", org, pk=role.pk),
        _url("role_onboarding", org, pk=role.pk),
    ]


@pytest.mark.parametrize("persona", CONSOLE_ALLOWED)
def test_program_pages_render_for_program_managers(request, login, org, role, persona):
    client = login(request.getfixturevalue(persona))
    for url in _routes(org, role):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", CONSOLE_DENIED)
def test_program_pages_are_forbidden_to_other_roles(request, login, org, role, persona):
    client = login(request.getfixturevalue(persona))
    for url in _routes(org, role):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code in (403, 405), url


def test_program_pages_are_404_for_another_organization(login, outsider, org, role):
    client = login(outsider)
    for url in _routes(org, role):
        assert client.get(url).status_code == 404, url


def test_a_role_of_another_organization_is_404_inside_mine(login, program_manager, org, other_org):
    foreign = AmbassadorRoleFactory(organization=other_org)
    client = login(program_manager)
    assert client.get(_url("role_detail", org, pk=foreign.pk)).status_code == 404
    assert client.get(_url("program_detail", org, pk=foreign.program_id)).status_code == 404
    assert client.post(_url("role_edit", org, pk=foreign.pk), {"name": "x"}).status_code == 404


def test_program_manager_creates_a_program_then_a_role_with_default_menu(login, program_manager, org):
    client = login(program_manager)
    response = client.post(
        _url("program_create", org),
        {"name": "XM Champions", "audience": "employee", "description": "Our champions", "is_active": "on"},
    )
    with tenant_context(org):
        program = Program.objects.get()
    assert response.status_code == 302 and response.url == _url("role_create", org, pk=program.pk)
    response = client.post(
        _url("role_create", org, pk=program.pk),
        {
            "name": "XM Catalyst",
            "purpose": "Carry the XM vision into every team.",
            "responsibilities": "Run sessions",
            "time_share": 15,
            "term_months": 24,
            "ideal_characteristics": "Passion for XM",
            "skills": "Facilitation",
        },
    )
    with tenant_context(org):
        role = AmbassadorRole.objects.get()
        options = list(ContributionOption.objects.filter(role=role).values_list("name", flat=True))
        assert role.time_share == 15 and role.term_months == 24 and role.program_id == program.pk
        assert options == [name for name, _ in DEFAULT_CONTRIBUTION_OPTIONS]
        assert SelectionCriterion.objects.filter(role=role).count() == 4
        titles = list(OnboardingTemplateTask.objects.filter(role=role).values_list("title", flat=True))
    assert "Meet your coach" in titles and "Journey maps" in titles and "Design thinking basics" in titles
    assert response.url == _url("role_detail", org, pk=role.pk)
    body = client.get(response.url).content.decode()
    assert "6.0 hours a week" in body  # 15 % of 40 hours


def test_role_form_rejects_bad_input_and_writes_nothing(login, program_manager, org):
    program = ProgramFactory(organization=org)
    response = login(program_manager).post(
        _url("role_create", org, pk=program.pk), {"name": "", "purpose": "x", "time_share": 150, "term_months": 0}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "time_share", "term_months"}
    with tenant_context(org):
        assert not AmbassadorRole.objects.exists()


def test_empty_program_post_shows_errors(login, program_manager, org):
    response = login(program_manager).post(_url("program_create", org), {})
    assert response.status_code == 400 and "name" in response.context["form"].errors


def _options_post(rows):
    data = {"rows-TOTAL_FORMS": len(rows), "rows-INITIAL_FORMS": 0, "rows-MIN_NUM_FORMS": 0, "rows-MAX_NUM_FORMS": 50}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{i}-{key}"] = value
    return data


def test_editing_the_option_menu_adds_renames_and_removes(login, program_manager, org, role):
    with tenant_context(org):
        a = ContributionOption.objects.create(role=role, name="Lunch-and-learns", position=0)
        b = ContributionOption.objects.create(role=role, name="Podcasting", position=1)
    response = login(program_manager).post(
        _url("role_options", org, pk=role.pk),
        _options_post(
            [
                {"id": a.pk, "name": "Podcasting", "is_active": "on"},  # swaps names with b
                {"id": b.pk, "name": "Lunch-and-learns", "is_active": "on"},
                {"name": "Design", "description": "Graphic design for the program", "is_active": "on"},
            ]
        ),
    )
    assert response.status_code == 302
    with tenant_context(org):
        assert list(ContributionOption.objects.filter(role=role).order_by("position").values_list("pk", "name")) == [
            (a.pk, "Podcasting"),
            (b.pk, "Lunch-and-learns"),
            (ContributionOption.objects.get(name="Design").pk, "Design"),
        ]
    response = login(program_manager).post(
        _url("role_options", org, pk=role.pk),
        _options_post(
            [
                {"id": a.pk, "name": "Podcasting", "is_active": "on", "delete": "on"},
                {"id": b.pk, "name": "Lunch-and-learns", "is_active": "on"},
            ]
        ),
    )
    assert response.status_code == 302
    with tenant_context(org):
        assert not ContributionOption.objects.filter(pk=a.pk).exists()


def test_duplicate_option_names_are_a_field_error_and_nothing_changes(login, program_manager, org, role):
    response = login(program_manager).post(
        _url("role_options", org, pk=role.pk),
        _options_post([{"name": "Design", "is_active": "on"}, {"name": "design", "is_active": "on"}]),
    )
    assert response.status_code == 400
    assert response.context["formset"].forms[1].errors["name"] == ["Appears twice."]
    with tenant_context(org):
        assert not ContributionOption.objects.filter(role=role).exists()


def test_criteria_are_weighted_with_guidance_per_score(login, program_manager, org, role):
    response = login(program_manager).post(
        _url("role_criteria", org, pk=role.pk),
        _options_post(
            [
                {"name": "Passion for XM", "weight": 3, "scale_max": 4, "guidance": "1: None\n4: Lives it"},
                {"name": "Skills", "weight": 1, "scale_max": 5, "guidance": ""},
            ]
        ),
    )
    assert response.status_code == 302
    with tenant_context(org):
        passion = SelectionCriterion.objects.get(role=role, name="Passion for XM")
    assert (passion.weight, passion.scale_max, passion.guidance) == (3, 4, {"1": "None", "4": "Lives it"})


def test_guidance_outside_the_scale_is_a_field_error(login, program_manager, org, role):
    response = login(program_manager).post(
        _url("role_criteria", org, pk=role.pk),
        _options_post([{"name": "Passion", "weight": 3, "scale_max": 4, "guidance": "7: Too high"}]),
    )
    assert response.status_code == 400
    assert "outside the scale" in response.context["formset"].forms[0].errors["guidance"][0]
    with tenant_context(org):
        assert not SelectionCriterion.objects.filter(role=role).exists()


def test_a_scored_criterion_cannot_be_removed(login, program_manager, org):
    application, criterion = scored(org)
    response = login(program_manager).post(
        _url("role_criteria", org, pk=criterion.role_id),
        _options_post(
            [
                {"id": criterion.pk, "name": criterion.name, "weight": 1, "scale_max": 5, "delete": "on"},
                {"name": "Another", "weight": 1, "scale_max": 5},
            ]
        ),
    )
    assert response.status_code == 400
    with tenant_context(org):
        assert SelectionCriterion.objects.filter(pk=criterion.pk).exists()


def test_onboarding_template_is_editable(login, program_manager, org, role):
    response = login(program_manager).post(
        _url("role_onboarding", org, pk=role.pk),
        _options_post([{"title": "Read the XM vision", "category": "fundamentals", "due_after_days": 10}]),
    )
    assert response.status_code == 302
    with tenant_context(org):
        assert list(OnboardingTemplateTask.objects.filter(role=role).values_list("title", "due_after_days")) == [
            ("Read the XM vision", 10)
        ]


@pytest.mark.parametrize("n", [2, 12])
def test_program_list_and_detail_query_counts_do_not_grow(login, program_manager, org, n, django_assert_num_queries):
    programs = ProgramFactory.create_batch(n, organization=org)
    for _ in range(n):
        role = AmbassadorRoleFactory(organization=org, program=programs[0])
        SelectionCriterionFactory(organization=org, role=role)
    client = login(program_manager)
    client.get(_url("program_list", org))
    with django_assert_num_queries(PROGRAM_LIST_QUERIES):
        assert len(client.get(_url("program_list", org)).context["programs"]) == n
    with django_assert_num_queries(PROGRAM_DETAIL_QUERIES):
        assert len(client.get(_url("program_detail", org, pk=programs[0].pk)).context["roles"]) == n


PROGRAM_LIST_QUERIES = 9
PROGRAM_DETAIL_QUERIES = 10
