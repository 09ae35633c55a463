"""GET /api/v1/ambassadors/terms/: HR reads terms, time commitments and activity totals of its organization."""

from datetime import date
from decimal import Decimal

import pytest

from ambassadors.models import Term
from tests.factories import OrgUnitFactory, PersonFactory
from tests.factories.ambassadors import TermFactory
from tests.factories.ambassadors_terms import ActivityFactory
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

URL = "/api/v1/ambassadors/terms/"


@pytest.fixture
def data(org):
    with tenant_context(org):
        unit = OrgUnitFactory(external_id="BU-1")
        person = PersonFactory(external_id="E1", first_name="Ada", last_name="Lovelace")
        term = TermFactory(
            person=person, org_unit=unit, starts_on=date(2030, 1, 1), ends_on=date(2031, 1, 1), time_share=10
        )
        ActivityFactory(term=term, occurred_on=date(2030, 2, 1), hours=Decimal("2.5"), people_reached=10)
        ActivityFactory(term=term, occurred_on=date(2030, 3, 1), hours=Decimal("1.0"), people_reached=5)
        ended = TermFactory(
            starts_on=date(2028, 1, 1),
            ends_on=date(2029, 1, 1),
            status=Term.Status.ENDED,
            ended_on=date(2028, 6, 30),
            end_reason="left_organization",
        )
    return {"term": term, "ended": ended, "unit": unit}


def test_it_lists_terms_with_time_commitment_and_activity_totals(api, data):
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    row = next(r for r in body["results"] if r["id"] == data["term"].pk)
    assert row == {
        "id": data["term"].pk,
        "person": "E1",
        "person_name": "Ada Lovelace",
        "role": data["term"].role.name,
        "org_unit": "BU-1",
        "starts_on": "2030-01-01",
        "ends_on": "2031-01-01",
        "time_share": 10,
        "hours_per_week": 4.0,
        "status": "active",
        "paused_reason": "",
        "ended_on": None,
        "end_reason": "",
        "renewed_from": None,
        "activity_summary": {"activities": 2, "hours": "3.5", "people_reached": 15},
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=active", ["term"]),
        ("status=ended", ["ended"]),
        ("org_unit=BU-1", ["term"]),
        ("org_unit=NOPE", []),
        ("person=E1", ["term"]),
        ("active_on=2030-06-01", ["term"]),
        ("active_on=2028-03-01", ["ended"]),
        ("active_on=2028-07-01", []),  # ended early on 30 June
        ("active_on=2031-01-01", []),  # the end date is the first day without the term
        ("status=active&person=E2", []),
    ],
)
def test_it_filters(api, data, query, expected):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert sorted(r["id"] for r in response.json()["results"]) == sorted(data[k].pk for k in expected)


@pytest.mark.parametrize(("query", "field"), [("status=sleeping", "status"), ("active_on=yesterday", "active_on")])
def test_a_malformed_filter_is_a_400_with_a_field_map(api, data, query, field):
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input." and list(body["errors"]) == [field]


def test_it_retrieves_one_term(api, data):
    response = api.get(f"{URL}{data['term'].pk}/")
    assert response.status_code == 200
    assert response.json()["activity_summary"] == {"activities": 2, "hours": "3.5", "people_reached": 15}


def test_another_organizations_token_sees_none_of_it(other_api, data):
    assert other_api.get(URL).json()["count"] == 0
    assert other_api.get(f"{URL}{data['term'].pk}/").status_code == 404


def test_it_needs_a_token(client, data):
    assert client.get(URL).status_code in (401, 403)


def test_it_refuses_writes(api, org, data):
    assert api.post(URL, {}, content_type="application/json").status_code == 405
    with tenant_context(org):
        assert Term.objects.count() == 2


@pytest.mark.parametrize("extra", [0, 10])
def test_the_list_costs_the_same_queries_whatever_the_size(api, org, data, extra, django_assert_num_queries):
    with tenant_context(org):
        for _ in range(extra):
            term = TermFactory(starts_on=date(2030, 1, 1), ends_on=date(2031, 1, 1))
            ActivityFactory(term=term, occurred_on=date(2030, 1, 2))
            ActivityFactory(term=term, occurred_on=date(2030, 1, 3))
    # the request's tenancy and token bookkeeping, then count and page: the same for 1 term as for 11
    with django_assert_num_queries(QUERIES):
        response = api.get(f"{URL}?page_size=100&active_on={date(2030, 6, 1)}")
    assert len(response.json()["results"]) == extra + 1


QUERIES = 8


def test_the_endpoint_is_in_the_openapi_schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/ambassadors/terms/" in paths
    parameters = {p["name"] for p in paths["/api/v1/ambassadors/terms/"]["get"]["parameters"]}
    assert {"status", "org_unit", "person", "active_on", "page"} <= parameters


def test_hours_per_week_follow_the_organization_working_week(api, org, data):
    with tenant_context(org):
        org.working_hours_per_week = Decimal("37.5")
        org.save()
    row = api.get(f"{URL}{data['term'].pk}/").json()
    assert row["hours_per_week"] == 3.8 and row["time_share"] == 10
