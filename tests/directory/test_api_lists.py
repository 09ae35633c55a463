"""List endpoints: pagination, filters (by external id), bounded query counts."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.directory.models import Person
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(org):
    retail = OrgUnitFactory(organization=org, external_id="BU-R", name="Retail")
    markets = OrgUnitFactory(organization=org, external_id="BU-M", name="Markets")
    emea = OrgUnitFactory(organization=org, external_id="RG-E", name="EMEA", parent=retail)
    boss = PersonFactory(organization=org, external_id="E-1", last_name="Aalto", org_unit=retail)
    PersonFactory(organization=org, external_id="E-2", last_name="Berg", org_unit=retail, manager=boss)
    PersonFactory(
        organization=org, external_id="E-3", last_name="Cruz", org_unit=markets, manager=boss, status=Person.Status.LEFT
    )
    return {"retail": retail, "markets": markets, "emea": emea, "boss": boss}


def external_ids(response):
    return [row["external_id"] for row in response.json()["results"]]


def test_people_list_is_paginated_and_ordered_by_name(api, directory):
    response = api.get("/api/v1/people/?page_size=2")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and body["next"] and body["previous"] is None
    assert external_ids(response) == ["E-1", "E-2"]
    assert body["results"][1]["manager"] == "E-1" and body["results"][1]["org_unit"] == "BU-R"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("org_unit=BU-R", ["E-1", "E-2"]),
        ("org_unit=BU-M", ["E-3"]),
        ("status=left", ["E-3"]),
        ("external_id=E-2", ["E-2"]),
        ("manager=E-1", ["E-2", "E-3"]),
        ("org_unit=NOPE", []),
    ],
)
def test_people_filters(api, directory, query, expected):
    response = api.get(f"/api/v1/people/?{query}")

    assert response.status_code == 200
    assert external_ids(response) == expected


def test_people_updated_since_filter(api, org, directory):
    with tenant_context(org):
        Person.objects.filter(external_id="E-2").update(updated_at=timezone.now() - datetime.timedelta(days=3))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    response = api.get("/api/v1/people/", {"updated_since": since})

    assert response.status_code == 200
    assert external_ids(response) == ["E-1", "E-3"]


def test_a_malformed_filter_is_a_400_with_a_field_map(api, directory):
    response = api.get("/api/v1/people/?status=retired&updated_since=yesterday")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status", "updated_since"}


def test_org_unit_list_and_filters(api, directory):
    response = api.get("/api/v1/org-units/")
    assert response.status_code == 200
    assert external_ids(response) == ["RG-E", "BU-M", "BU-R"]  # by name: EMEA, Markets, Retail
    assert response.json()["results"][0]["parent"] == "BU-R"

    assert external_ids(api.get("/api/v1/org-units/?parent=BU-R")) == ["RG-E"]
    assert external_ids(api.get("/api/v1/org-units/?external_id=BU-M")) == ["BU-M"]
    assert external_ids(api.get("/api/v1/org-units/?kind=region")) == []


def _people(org, count):
    unit = OrgUnitFactory(organization=org)
    boss = PersonFactory(organization=org, org_unit=unit)
    PersonFactory.create_batch(count - 1, organization=org, org_unit=unit, manager=boss)


@pytest.mark.parametrize("count", [3, 30])
def test_people_list_runs_a_fixed_number_of_queries(api, org, count, django_assert_num_queries):
    _people(org, count)
    api.get("/api/v1/people/")  # the token's last-used stamp is written at most once a minute

    # token lookup, savepoint (the test's transaction), tenant settings, count, page (manager and org unit
    # joined), tenant settings restored, release
    with django_assert_num_queries(7):
        response = api.get("/api/v1/people/?page_size=100")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [3, 30])
def test_org_unit_list_runs_a_fixed_number_of_queries(api, org, count, django_assert_num_queries):
    root = OrgUnitFactory(organization=org)
    OrgUnitFactory.create_batch(count - 1, organization=org, parent=root)
    api.get("/api/v1/org-units/")

    with django_assert_num_queries(7):
        response = api.get("/api/v1/org-units/?page_size=100")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [3, 30])
def test_people_list_with_a_filter_runs_a_fixed_number_of_queries(api, org, count, django_assert_num_queries):
    _people(org, count)
    api.get("/api/v1/people/")

    with django_assert_num_queries(6):  # an empty page: no page query after the count
        response = api.get("/api/v1/people/?status=active&org_unit=whatever")

    assert response.status_code == 200 and response.json()["results"] == []
