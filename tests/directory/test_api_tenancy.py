"""The API sees only the token's organization; without a valid token it answers 401."""

import pytest

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.apikeys.services import api_token_revoke
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs_rows(org):
    unit = OrgUnitFactory(organization=org, external_id="BU-1")
    person = PersonFactory(organization=org, external_id="E-1", org_unit=unit)
    return unit, person


def counts(org):
    with tenant_context(org):
        return Person.objects.count(), OrgUnit.objects.count()


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("kind", ["people", "org-units"])
def test_another_organizations_token_gets_404_for_our_rows(other_api, org, orgs_rows, method, kind):
    unit, person = orgs_rows
    pk = person.pk if kind == "people" else unit.pk

    response = getattr(other_api, method)(
        f"/api/v1/{kind}/{pk}/", {"name": "Stolen", "title": "Stolen"}, content_type="application/json"
    )

    assert response.status_code == 404
    with tenant_context(org):
        assert Person.objects.get(pk=person.pk).title != "Stolen"
        assert OrgUnit.objects.get(pk=unit.pk).name != "Stolen"
    assert counts(org) == (1, 1)


@pytest.mark.parametrize("kind", ["people", "org-units"])
def test_another_organizations_lists_show_none_of_our_rows(other_api, orgs_rows, kind):
    response = other_api.get(f"/api/v1/{kind}/")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_filtering_by_our_external_ids_finds_nothing_for_another_organization(other_api, orgs_rows):
    assert other_api.get("/api/v1/people/?external_id=E-1").json()["count"] == 0
    assert other_api.get("/api/v1/people/?org_unit=BU-1").json()["count"] == 0


def test_references_to_another_organizations_external_ids_are_errors(other_api, org, other_org, orgs_rows):
    response = other_api.post(
        "/api/v1/people/",
        {
            "external_id": "X-1",
            "email": "x@example.com",
            "first_name": "X",
            "last_name": "Y",
            "manager": "E-1",
            "org_unit": "BU-1",
        },
        content_type="application/json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"manager", "org_unit"}
    assert counts(other_org) == (0, 0)


def test_bulk_references_to_another_organizations_external_ids_are_row_errors(other_api, other_org, orgs_rows):
    response = other_api.post(
        "/api/v1/people/bulk/",
        [
            {
                "external_id": "X-1",
                "email": "x@example.com",
                "first_name": "X",
                "last_name": "Y",
                "manager": "E-1",
                "org_unit": "BU-1",
            }
        ],
        content_type="application/json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]["0"]) == {"manager", "org_unit"}
    assert counts(other_org) == (0, 0)


def test_bulk_of_the_same_external_ids_in_two_organizations_keeps_them_apart(other_api, org, other_org, orgs_rows):
    response = other_api.post(
        "/api/v1/org-units/bulk/", [{"external_id": "BU-1", "name": "Theirs"}], content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0}
    with tenant_context(org):
        assert OrgUnit.objects.get(external_id="BU-1").name != "Theirs"
    with tenant_context(other_org):
        assert OrgUnit.objects.get(external_id="BU-1").name == "Theirs"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/people/"),
        ("get", "/api/v1/org-units/"),
        ("post", "/api/v1/people/bulk/"),
        ("post", "/api/v1/people/"),
        ("delete", "/api/v1/people/1/"),
    ],
)
def test_no_token_is_a_401(client, org, orgs_rows, method, path):
    response = getattr(client, method)(path, [], content_type="application/json")

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentication credentials were not provided")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert counts(org) == (1, 1)


@pytest.mark.parametrize("header", ["Bearer xmh_not-a-real-token", "Token abc", "Basic dXNlcjpwYXNz"])
def test_an_unknown_token_is_a_401(client, orgs_rows, header):
    response = client.get("/api/v1/people/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_a_revoked_token_is_a_401(api, org, api_token, orgs_rows):
    assert api.get("/api/v1/people/").status_code == 200
    with tenant_context(org):
        api_token_revoke(token=api_token[1])

    response = api.get("/api/v1/people/")

    assert response.status_code == 401
    assert api.post("/api/v1/people/bulk/", [], content_type="application/json").status_code == 401
