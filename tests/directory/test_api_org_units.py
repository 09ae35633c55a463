"""/api/v1/org-units/: CRUD through the HR API, checked in the response and in the database."""

import pytest

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.directory.models import OrgUnit
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

URL = "/api/v1/org-units/"


def detail(pk):
    return f"{URL}{pk}/"


def stored(org, **filters):
    with tenant_context(org):
        return list(OrgUnit.objects.filter(**filters).select_related("parent"))


def test_it_creates_an_org_unit_under_a_parent(api, org):
    parent = OrgUnitFactory(organization=org, external_id="BU-1")

    response = api.post(
        URL,
        {"external_id": "RG-1", "name": "EMEA", "kind": "region", "parent": "BU-1"},
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    (unit,) = stored(org, external_id="RG-1")
    assert response.json() == {
        "id": unit.pk,
        "external_id": "RG-1",
        "name": "EMEA",
        "kind": "region",
        "parent": "BU-1",
        "created_at": response.json()["created_at"],
        "updated_at": response.json()["updated_at"],
    }
    assert unit.parent_id == parent.pk and unit.kind == "region"


def test_invalid_input_is_a_400_and_nothing_is_written(api, org):
    response = api.post(
        URL, {"external_id": "", "name": "x" * 201, "kind": "galaxy", "parent": "NOPE"}, content_type="application/json"
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"external_id", "name", "kind", "parent"}
    assert stored(org) == []


def test_put_and_patch_change_the_unit(api, org):
    unit = OrgUnitFactory(organization=org, external_id="BU-1", name="Retail")
    OrgUnitFactory(organization=org, external_id="BU-0", name="Group")

    response = api.put(
        detail(unit.pk),
        {"external_id": "BU-1", "name": "Retail Banking", "parent": "BU-0"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["parent"] == "BU-0"

    response = api.patch(detail(unit.pk), {"kind": "function"}, content_type="application/json")
    assert response.status_code == 200

    (unit,) = stored(org, external_id="BU-1")
    assert unit.name == "Retail Banking" and unit.parent.external_id == "BU-0" and unit.kind == "function"


def test_a_parent_cycle_is_refused(api, org):
    root = OrgUnitFactory(organization=org, external_id="A")
    child = OrgUnitFactory(organization=org, external_id="B", parent=root)
    grandchild = OrgUnitFactory(organization=org, external_id="C", parent=child)

    response = api.patch(detail(root.pk), {"parent": grandchild.external_id}, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["parent"]
    assert stored(org, external_id="A")[0].parent is None


def test_a_unit_cannot_be_its_own_parent(api, org):
    unit = OrgUnitFactory(organization=org, external_id="A")

    response = api.patch(detail(unit.pk), {"parent": "A"}, content_type="application/json")

    assert response.status_code == 400
    assert stored(org, external_id="A")[0].parent is None


def test_changing_the_external_id_to_a_taken_one_is_a_field_error(api, org):
    OrgUnitFactory(organization=org, external_id="A")
    unit = OrgUnitFactory(organization=org, external_id="B")

    response = api.patch(detail(unit.pk), {"external_id": "A"}, content_type="application/json")

    assert response.status_code == 400
    assert "external_id" in response.json()["errors"]
    assert stored(org, pk=unit.pk)[0].external_id == "B"


def test_delete_removes_an_empty_unit(api, org):
    unit = OrgUnitFactory(organization=org)

    response = api.delete(detail(unit.pk))

    assert response.status_code == 204
    assert stored(org) == []


def test_delete_of_a_unit_with_people_is_a_400_with_a_clear_message(api, org):
    unit = OrgUnitFactory(organization=org, external_id="BU-1")
    PersonFactory.create_batch(2, organization=org, org_unit=unit)

    response = api.delete(detail(unit.pk))

    assert response.status_code == 400
    assert response.json()["detail"] == "Org unit BU-1 still has 2 people; move or delete them first."
    assert len(stored(org)) == 1


def test_delete_of_a_unit_with_children_is_a_400(api, org):
    unit = OrgUnitFactory(organization=org, external_id="BU-1")
    OrgUnitFactory(organization=org, parent=unit)

    response = api.delete(detail(unit.pk))

    assert response.status_code == 400
    assert "1 child unit" in response.json()["detail"]
    assert len(stored(org)) == 2
