"""Console directory pages: people list (search, filters, pagination), person, org units."""

import pytest
from django.urls import reverse

from tests.factories import OrgUnitFactory, PersonFactory
from tests.ui.helpers import DIRECTORY_ALLOWED, DIRECTORY_DENIED
from xmhub.directory.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(org):
    """A small tree: Retail (Service, North) and Wealth; four people; one of another organization."""
    retail = OrgUnitFactory(organization=org, name="Retail")
    service = OrgUnitFactory(organization=org, name="Service", parent=retail)
    north = OrgUnitFactory(organization=org, name="North", parent=retail)
    wealth = OrgUnitFactory(organization=org, name="Wealth")
    boss = PersonFactory(
        organization=org,
        first_name="Grace",
        last_name="Hopper",
        email="grace@acme.test",
        external_id="HR-1",
        org_unit=retail,
        level=Person.Level.SENIOR_LEADER,
    )
    ada = PersonFactory(
        organization=org,
        first_name="Ada",
        last_name="Lovelace",
        email="ada@acme.test",
        external_id="HR-2",
        org_unit=service,
        manager=boss,
        level=Person.Level.MIDDLE_MANAGER,
    )
    alan = PersonFactory(
        organization=org,
        first_name="Alan",
        last_name="Turing",
        email="alan@acme.test",
        external_id="HR-3",
        org_unit=service,
        manager=ada,
        status=Person.Status.ON_LEAVE,
    )
    left = PersonFactory(
        organization=org,
        first_name="Ken",
        last_name="Thompson",
        email="ken@acme.test",
        external_id="HR-4",
        org_unit=north,
        status=Person.Status.LEFT,
    )
    return {
        "retail": retail,
        "service": service,
        "north": north,
        "wealth": wealth,
        "boss": boss,
        "ada": ada,
        "alan": alan,
        "left": left,
    }


def _url(name, org, **kwargs):
    return reverse(f"directory:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _routes(org, directory):
    return [
        _url("person_list", org),
        _url("person_detail", org, pk=directory["ada"].pk),
        _url("orgunit_list", org),
        _url("orgunit_detail", org, pk=directory["retail"].pk),
    ]


def _names(response):
    return [p.full_name for p in response.context["people"]]


@pytest.mark.parametrize("persona", DIRECTORY_ALLOWED)
def test_directory_pages_render_for_directory_roles(request, login, org, directory, persona):
    client = login(request.getfixturevalue(persona))
    for url in _routes(org, directory):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", DIRECTORY_DENIED)
def test_directory_pages_are_forbidden_to_other_members(request, login, org, directory, persona):
    client = login(request.getfixturevalue(persona))
    for url in _routes(org, directory):
        assert client.get(url).status_code == 403, url


def test_directory_pages_are_404_for_another_organizations_admin(login, outsider, org, directory):
    client = login(outsider)
    for url in _routes(org, directory):
        assert client.get(url).status_code == 404, url


def test_a_person_of_another_organization_is_404_inside_mine(login, admin_user, org, other_org):
    stranger = PersonFactory(organization=other_org)
    unit = OrgUnitFactory(organization=other_org)
    client = login(admin_user)
    assert client.get(_url("person_detail", org, pk=stranger.pk)).status_code == 404
    assert client.get(_url("orgunit_detail", org, pk=unit.pk)).status_code == 404


def test_people_list_shows_everyone_by_name(login, viewer, org, directory, other_org):
    PersonFactory(organization=other_org, first_name="Zed", last_name="Outsider")
    response = login(viewer).get(_url("person_list", org))
    assert _names(response) == ["Grace Hopper", "Ada Lovelace", "Ken Thompson", "Alan Turing"]
    assert "Outsider" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lovelace", ["Ada Lovelace"]),
        ("alan@acme", ["Alan Turing"]),
        ("HR-4", ["Ken Thompson"]),
        ("ada lovelace", ["Ada Lovelace"]),
        ("nobody", []),
    ],
)
def test_people_search_matches_name_email_and_hr_id(login, viewer, org, directory, query, expected):
    response = login(viewer).get(_url("person_list", org), {"q": query})
    assert _names(response) == expected


def test_people_filters_by_org_unit_level_and_status(login, viewer, org, directory):
    client = login(viewer)
    assert _names(client.get(_url("person_list", org), {"org_unit": directory["service"].pk})) == [
        "Ada Lovelace",
        "Alan Turing",
    ]
    assert _names(client.get(_url("person_list", org), {"level": "senior_leader"})) == ["Grace Hopper"]
    assert _names(client.get(_url("person_list", org), {"status": "left"})) == ["Ken Thompson"]
    assert _names(
        client.get(_url("person_list", org), {"status": "on_leave", "org_unit": directory["service"].pk, "q": "turing"})
    ) == ["Alan Turing"]


def test_people_filter_rejects_an_org_unit_of_another_organization(login, viewer, org, other_org, directory):
    foreign = OrgUnitFactory(organization=other_org)
    response = login(viewer).get(_url("person_list", org), {"org_unit": foreign.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["org_unit"]


def test_empty_search_says_what_to_do(login, viewer, org, directory):
    body = login(viewer).get(_url("person_list", org), {"q": "nobody"}).content.decode()
    assert "No one matches" in body and "Clear search and filters" in body


def test_empty_directory_points_admins_to_api_tokens(login, admin_user, org):
    body = login(admin_user).get(_url("person_list", org)).content.decode()
    assert "No people in the directory yet" in body
    assert reverse("apikeys:list", kwargs={"org_slug": org.slug}) in body


def test_htmx_search_returns_only_the_results(login, viewer, org, directory):
    response = login(viewer).get(_url("person_list", org), {"q": "ada"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Ada Lovelace" in body and "Ken Thompson" not in body
    assert "HX-Request" in response["Vary"]


def test_people_list_paginates_by_fifty(login, viewer, org):
    PersonFactory.create_batch(51, organization=org)
    client = login(viewer)
    first = client.get(_url("person_list", org))
    assert len(first.context["people"]) == 50
    assert first.context["page_obj"].paginator.count == 51
    second = client.get(_url("person_list", org), {"page": 2})
    assert len(second.context["people"]) == 1
    assert 'rel="next"' in first.content.decode()


def _people(org, n):
    units = [OrgUnitFactory(organization=org) for _ in range(3)]
    boss = PersonFactory(organization=org, org_unit=units[0])
    PersonFactory.create_batch(n - 1, organization=org, org_unit=units[1], manager=boss)


@pytest.mark.parametrize("n", [3, 30])
def test_people_list_query_count_does_not_grow_with_people(login, viewer, org, n, django_assert_num_queries):
    _people(org, n)
    client = login(viewer)
    client.get(_url("person_list", org))  # warm the session
    with django_assert_num_queries(PEOPLE_LIST_QUERIES):
        response = client.get(_url("person_list", org), {"q": ""})
    assert len(response.context["people"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_org_unit_list_query_count_does_not_grow_with_units(login, viewer, org, n, django_assert_num_queries):
    parent = OrgUnitFactory(organization=org)
    for _ in range(n - 1):
        unit = OrgUnitFactory(organization=org, parent=parent)
        PersonFactory(organization=org, org_unit=unit)
    client = login(viewer)
    client.get(_url("orgunit_list", org))
    with django_assert_num_queries(ORGUNIT_LIST_QUERIES):
        response = client.get(_url("orgunit_list", org))
    assert len(response.context["units"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_org_unit_detail_query_count_does_not_grow(login, viewer, org, n, django_assert_num_queries):
    parent = OrgUnitFactory(organization=org)
    for _ in range(n):
        OrgUnitFactory(organization=org, parent=parent)
    PersonFactory.create_batch(n, organization=org, org_unit=parent)
    client = login(viewer)
    client.get(_url("orgunit_detail", org, pk=parent.pk))
    with django_assert_num_queries(ORGUNIT_DETAIL_QUERIES):
        client.get(_url("orgunit_detail", org, pk=parent.pk))


@pytest.mark.parametrize("n", [3, 30])
def test_person_detail_query_count_does_not_grow_with_reports(login, viewer, org, n, django_assert_num_queries):
    unit = OrgUnitFactory(organization=org)
    boss = PersonFactory(organization=org, org_unit=unit)
    PersonFactory.create_batch(n, organization=org, manager=boss, org_unit=unit)
    client = login(viewer)
    client.get(_url("person_detail", org, pk=boss.pk))
    with django_assert_num_queries(PERSON_DETAIL_QUERIES):
        response = client.get(_url("person_detail", org, pk=boss.pk))
    assert len(response.context["reports"]) == n


def test_person_detail_shows_unit_manager_reports_and_history_link_for_admins(
    login, admin_user, viewer, org, directory
):
    ada = directory["ada"]
    body = login(admin_user).get(_url("person_detail", org, pk=ada.pk)).content.decode()
    assert "Service" in body and "Grace Hopper" in body and "Alan Turing" in body
    history = reverse("audit:record", kwargs={"org_slug": org.slug, "table": "directory_person", "row_id": ada.pk})
    assert history in body
    assert history not in login(viewer).get(_url("person_detail", org, pk=ada.pk)).content.decode()


def test_org_unit_list_is_a_tree_with_people_counts(login, viewer, org, directory):
    units = login(viewer).get(_url("orgunit_list", org)).context["units"]
    assert [(u.name, u.depth, u.people_count, u.total_people) for u in units] == [
        ("Retail", 0, 1, 4),
        ("North", 1, 1, 1),
        ("Service", 1, 2, 2),
        ("Wealth", 0, 0, 0),
    ]


def test_org_unit_detail_shows_ancestors_children_and_people(login, viewer, org, directory):
    response = login(viewer).get(_url("orgunit_detail", org, pk=directory["service"].pk))
    assert [u.name for u in response.context["ancestors"]] == ["Retail"]
    assert _names(response) == ["Ada Lovelace", "Alan Turing"]
    retail = login(viewer).get(_url("orgunit_detail", org, pk=directory["retail"].pk))
    assert [(c.name, c.people_count) for c in retail.context["children"]] == [("North", 1), ("Service", 2)]


# Pinned: user, organization, savepoint + tenant settings, membership, the page's own reads, the switcher's
# memberships, tenant reset + release. People list: count, org units (filter), people page.
PEOPLE_LIST_QUERIES = 11
# Org-unit list: one annotated query for the whole tree.
ORGUNIT_LIST_QUERIES = 9
# Org-unit detail: unit, ancestors (one query), children, people count + page.
ORGUNIT_DETAIL_QUERIES = 13
# Person detail: person (with unit and manager), direct reports.
PERSON_DETAIL_QUERIES = 10
