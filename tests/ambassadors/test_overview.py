"""The program overview on the organization home: figures, charts, empty state, who sees it, isolation,
query count and CSP-safe markup."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ambassadors.models import IntakeSeat, Term
from ambassadors.selectors.overview import month_starts, program_overview
from tests.factories import OrgUnitFactory
from tests.factories.ambassadors import AmbassadorRoleFactory, IntakeFactory, ProgramFactory, TermFactory
from tests.factories.ambassadors_terms import ActivityFactory, CommitmentFactory
from xmhub.core.sync_health import organization_today
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

# The program manager's organization home: the shell (session, user, organization, membership, tenant
# context, switcher, widgets), the three key counts and the overview's five queries.
QUERIES = 16


def _today(org):
    with tenant_context(org, actor="system:test"):
        return organization_today()


def seed_program(org, *, today, extra_units=0, extra_terms=0):
    """A small program in ``org``:

    units: North (top level, 2 active), South (top level, no ambassador: a gap), North/East (child, 1 active),
    North/West (child, seats only: a gap), North/Quiet (child, nothing: not shown);
    terms: on pace (North), silent (North), behind (East), paused (South), ended (an alumna), ended (a person who
    also has an active term: not alumni); activities: 3.5 h + 2 h + 1.5 h (10 + 5 + 4 people) in the last
    12 months, and one older activity that does not count.
    """
    ago = lambda days: today - datetime.timedelta(days=days)  # noqa: E731
    with tenant_context(org, actor="system:test"):
        role = AmbassadorRoleFactory(program=ProgramFactory())
        second_role = AmbassadorRoleFactory(program=role.program)
        north = OrgUnitFactory(name="North")
        south = OrgUnitFactory(name="South")
        east = OrgUnitFactory(name="North East", parent=north)
        west = OrgUnitFactory(name="North West", parent=north)
        OrgUnitFactory(name="North Quiet", parent=north)
        intake = IntakeFactory(role=role)
        IntakeSeat.objects.create(intake=intake, org_unit=west, seats=3)
        IntakeSeat.objects.create(intake=intake, org_unit=north, seats=2)

        on_pace = TermFactory(role=role, org_unit=north, starts_on=ago(200), ends_on=ago(-165))
        ActivityFactory(term=on_pace, occurred_on=ago(2), hours=Decimal("3.5"), people_reached=10)
        ActivityFactory(term=on_pace, occurred_on=ago(400), hours=Decimal("9"), people_reached=99)
        TermFactory(role=role, org_unit=north, starts_on=ago(200), ends_on=ago(-165))  # silent
        behind = TermFactory(role=role, org_unit=east, starts_on=ago(200), ends_on=ago(-165))
        CommitmentFactory(term=behind, activities_target=1000, hours_target=Decimal("8"))
        ActivityFactory(term=behind, occurred_on=ago(2), hours=Decimal("2"), people_reached=5)
        TermFactory(role=role, org_unit=south, status=Term.Status.PAUSED)
        alumna = TermFactory(
            role=role, org_unit=south, starts_on=ago(500), ends_on=ago(100), status=Term.Status.ENDED, ended_on=ago(100)
        )
        ActivityFactory(term=alumna, occurred_on=ago(120), hours=Decimal("1.5"), people_reached=4)
        TermFactory(
            role=second_role,
            person=on_pace.person,
            starts_on=ago(500),
            ends_on=ago(300),
            status=Term.Status.ENDED,
            ended_on=ago(300),
        )

        for index in range(extra_units):
            OrgUnitFactory(name=f"Extra {index}")
        for _ in range(extra_terms):
            term = TermFactory(role=role, org_unit=east, starts_on=ago(200), ends_on=ago(-165))
            ActivityFactory(term=term, occurred_on=ago(40), hours=Decimal("1"), people_reached=1)
            ActivityFactory(term=term, occurred_on=ago(2), hours=Decimal("1"), people_reached=1)
    return role


def org_home_url(org):
    return reverse("org_home", kwargs={"org_slug": org.slug})


# --- the selector -------------------------------------------------------------------------------------------


def test_month_starts_are_the_last_twelve_months_oldest_first():
    starts = month_starts(datetime.date(2026, 3, 15))
    assert len(starts) == 12
    assert starts[0] == datetime.date(2025, 4, 1) and starts[-1] == datetime.date(2026, 3, 1)


def test_overview_figures_of_a_small_program(org, other_org):
    today = _today(org)
    seed_program(org, today=today)
    seed_program(other_org, today=_today(other_org), extra_terms=3)  # never counted in org
    with tenant_context(org, actor="system:test"):
        overview = program_overview(today=today)

    assert overview.has_program
    assert overview.active_ambassadors == 3
    assert overview.alumni == 1
    assert overview.hours_12m == Decimal("7.0")
    assert overview.people_reached_12m == 19
    assert overview.activities_12m == 3
    assert overview.pace == (("on_pace", "On pace", 1), ("behind", "Behind", 1), ("silent", "Silent", 1))
    assert overview.on_pace_share == 33
    assert [(u.name, u.active, u.seats) for u in overview.units] == [
        ("North", 2, 2),
        ("North East", 1, 0),
        ("North West", 0, 3),
        ("South", 0, 0),
    ]
    assert overview.gaps == 2
    assert len(overview.months) == 12
    assert overview.months[-1].month == today.replace(day=1)
    assert sum(m.hours for m in overview.months) == Decimal("7.0")


def test_overview_without_a_program_has_nothing_to_show(in_org):
    overview = program_overview(today=organization_today())
    assert not overview.has_program
    assert overview.on_pace_share is None


def test_overview_of_a_program_without_terms_shows_empty_charts(in_org):
    ProgramFactory()
    OrgUnitFactory(name="Lonely")
    overview = program_overview(today=organization_today())
    assert overview.has_program and overview.active_ambassadors == 0 and overview.on_pace_share is None
    assert overview.trend_chart.is_empty and overview.pace_chart.is_empty
    assert [(u.name, u.active) for u in overview.units] == [("Lonely", 0)]


def test_overview_reads_in_five_queries_whatever_the_size(org, django_assert_num_queries):
    today = _today(org)
    seed_program(org, today=today)
    with tenant_context(org, actor="system:test"), django_assert_num_queries(5):
        program_overview(today=today)
    seed_program(org, today=today, extra_units=5, extra_terms=8)
    with tenant_context(org, actor="system:test"), django_assert_num_queries(5):
        program_overview(today=today)


# --- the page -----------------------------------------------------------------------------------------------


def _svg(body, kind):
    match = re.search(rf'<svg[^>]*data-chart="{kind}".*?</svg>', body, re.S)
    assert match, f"no {kind} chart"
    return match.group(0)


@pytest.mark.parametrize("persona", ["executive", "program_manager", "admin_user"])
def test_org_home_shows_the_program_overview_with_its_charts(request, login, org, persona):
    seed_program(org, today=_today(org))
    user = request.getfixturevalue(persona)
    response = login(user).get(org_home_url(org))
    assert response.status_code == 200
    assert response.context["overview"].active_ambassadors == 3
    body = response.content.decode()
    assert "Program overview" in body
    assert re.search(r'data-figure="active">.*?stat-value">3<', body, re.S)
    assert re.search(r'data-figure="on-pace">.*?stat-value">33%<', body, re.S)
    assert re.search(r'data-figure="hours">.*?stat-value">7<', body, re.S)
    assert re.search(r'data-figure="reached">.*?stat-value">19<', body, re.S)
    assert re.search(r'data-figure="alumni">.*?stat-value">1<', body, re.S)

    trend = _svg(body, "columns")
    assert len(re.findall(r'<rect class="chart-bar', trend)) == 12
    assert "<title id=" in trend and "<desc id=" in trend and 'role="img"' in trend

    pace = _svg(body, "stacked")
    assert len(re.findall(r'<rect class="chart-seg ', pace)) == 3
    assert "On pace: 1 (33%)" in pace

    coverage = _svg(body, "rows")
    assert len(re.findall(r'<g class="chart-row', coverage)) == 4
    assert len(re.findall(r"chart-row--gap", coverage)) == 2
    assert coverage.count("No ambassador") >= 2
    assert "North Quiet" not in coverage

    # Text alternatives: visually hidden data tables.
    assert '<table class="visually-hidden">' in body
    assert "<caption>Activity per month, last 12 months</caption>" in body
    assert "<caption>Active ambassadors per org unit</caption>" in body


@pytest.mark.parametrize("persona", ["ambassador_user", "viewer", "manager_user"])
def test_other_roles_keep_their_home_without_the_overview(request, login, org, persona):
    seed_program(org, today=_today(org))
    user = request.getfixturevalue(persona)
    response = login(user).get(org_home_url(org))
    assert response.status_code == 200
    assert response.context["overview"] is None
    body = response.content.decode()
    assert "Program overview" not in body and '<svg class="chart' not in body


def test_program_manager_without_a_program_is_invited_to_create_one(login, program_manager, org):
    response = login(program_manager).get(org_home_url(org))
    body = response.content.decode()
    assert "No ambassador program yet" in body
    assert "Create a program" in body
    assert reverse("ambassadors:program_create", kwargs={"org_slug": org.slug}) in body
    assert 'data-chart="' not in body


def test_executive_without_a_program_sees_the_empty_state_without_the_console_link(login, executive, org):
    body = login(executive).get(org_home_url(org)).content.decode()
    assert "No ambassador program yet" in body
    assert "Create a program" not in body


def test_another_organizations_program_is_never_counted(login, org, other_org, outsider):
    seed_program(org, today=_today(org), extra_terms=4)
    response = login(outsider).get(org_home_url(other_org))
    assert response.status_code == 200
    assert response.context["overview"].has_program is False
    assert "No ambassador program yet" in response.content.decode()
    # and the other organization's home is not reachable from outside
    assert login(outsider).get(org_home_url(org)).status_code == 404


def test_org_home_query_count_does_not_grow_with_the_program(login, program_manager, org, django_assert_num_queries):
    today = _today(org)
    seed_program(org, today=today)
    client = login(program_manager)
    client.get(org_home_url(org))  # warm the session
    with django_assert_num_queries(QUERIES):
        assert client.get(org_home_url(org)).status_code == 200
    seed_program(org, today=today, extra_units=6, extra_terms=10)
    with django_assert_num_queries(QUERIES):
        assert client.get(org_home_url(org)).status_code == 200


def test_the_overview_is_csp_safe(login, executive, org):
    seed_program(org, today=_today(org))
    body = login(executive).get(org_home_url(org)).content.decode()
    assert "style=" not in body
    assert re.findall(r"<style", body) == []
    assert re.findall(r"<script(?![^>]*\ssrc=)", body) == []
    assert re.findall(r"\son[a-z]+=", body) == []
