"""POST /api/v1/org-units/bulk/: upsert the org-unit tree by external id, all or nothing."""

import pytest

from tests.factories import OrgUnitFactory
from xmhub.audit.models import AuditEvent
from xmhub.directory.models import OrgUnit
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

URL = "/api/v1/org-units/bulk/"


def units(org):
    with tenant_context(org):
        return {u.external_id: u for u in OrgUnit.objects.select_related("parent")}


def test_it_creates_a_tree_with_parents_anywhere_in_the_payload(api, org, api_token):
    rows = [
        {"external_id": "RG-1", "name": "EMEA", "kind": "region", "parent": "BU-1"},
        {"external_id": "BU-1", "name": "Retail", "parent": None},
        {"external_id": "PL-1", "name": "Cards", "kind": "product_line", "parent": "RG-1"},
    ]

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 3, "updated": 0, "unchanged": 0}
    stored = units(org)
    assert stored["RG-1"].parent == stored["BU-1"] and stored["PL-1"].parent == stored["RG-1"]
    assert stored["BU-1"].kind == "business_unit" and stored["PL-1"].kind == "product_line"
    with tenant_context(org):
        actors = set(AuditEvent.objects.filter(table_name="directory_orgunit").values_list("actor", flat=True))
    assert actors == {f"token:{api_token[1].pk}"}


def test_a_repush_is_unchanged_and_a_rename_is_an_update(api, org):
    rows = [{"external_id": "BU-1", "name": "Retail"}, {"external_id": "BU-2", "name": "Markets", "parent": "BU-1"}]
    api.post(URL, rows, content_type="application/json")

    assert api.post(URL, rows, content_type="application/json").json() == {"created": 0, "updated": 0, "unchanged": 2}

    rows[1]["name"] = "Global Markets"
    response = api.post(URL, rows, content_type="application/json")
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 1}
    assert units(org)["BU-2"].name == "Global Markets"


def test_parents_may_be_stored_units(api, org):
    group = OrgUnitFactory(organization=org, external_id="GROUP")

    response = api.post(
        URL, [{"external_id": "BU-1", "name": "Retail", "parent": "GROUP"}], content_type="application/json"
    )

    assert response.status_code == 200
    assert units(org)["BU-1"].parent == group


def test_invalid_rows_are_reported_by_index_and_nothing_is_written(api, org):
    rows = [
        {"external_id": "BU-1", "name": "Retail"},
        {"external_id": "BU-2", "name": "", "kind": "galaxy"},
        {"external_id": "BU-3", "name": "X", "parent": "GHOST"},
        {"external_id": "BU-1", "name": "Again"},
    ]

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors == {
        "1": {"name": ["This field may not be blank."], "kind": ['"galaxy" is not a valid choice.']},
        "2": {"parent": ['Unknown org unit external id "GHOST".']},
        "3": {"external_id": ["Duplicate external id in this payload (first in row 0)."]},
    }
    assert units(org) == {}


def test_a_parent_cycle_in_the_payload_is_refused(api, org):
    rows = [
        {"external_id": "A", "name": "A", "parent": "B"},
        {"external_id": "B", "name": "B", "parent": "A"},
        {"external_id": "C", "name": "C", "parent": "A"},
    ]

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"0", "1"}  # C hangs below the cycle but is not on it
    assert units(org) == {}


def test_a_cycle_through_stored_units_is_refused(api, org):
    root = OrgUnitFactory(organization=org, external_id="ROOT")
    OrgUnitFactory(organization=org, external_id="LEAF", parent=root)

    response = api.post(
        URL, [{"external_id": "ROOT", "name": "Root", "parent": "LEAF"}], content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["0"] == {"parent": ["This parent would put the org unit inside itself (a cycle)."]}
    assert units(org)["ROOT"].parent is None
