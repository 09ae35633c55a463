"""/api/v1/people/: CRUD through the HR API, checked in the response and in the database."""

import datetime

import pytest

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.audit.models import AuditEvent
from xmhub.directory.models import Person
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

URL = "/api/v1/people/"


def detail(pk):
    return f"{URL}{pk}/"


def stored(org, **filters):
    with tenant_context(org):
        return list(Person.objects.filter(**filters).select_related("manager", "org_unit"))


@pytest.fixture
def unit(org):
    return OrgUnitFactory(organization=org, external_id="BU-1", name="Retail")


@pytest.fixture
def boss(org, unit):
    return PersonFactory(organization=org, external_id="E-BOSS", org_unit=unit, level=Person.Level.SENIOR_LEADER)


def payload(**overrides):
    data = {
        "external_id": "E-1",
        "email": "ada@example.com",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "title": "Analyst",
        "level": "middle_manager",
        "status": "active",
        "manager": "E-BOSS",
        "org_unit": "BU-1",
        "start_date": "2024-01-15",
        "end_date": None,
    }
    data.update(overrides)
    return data


def test_it_creates_a_person_with_references_by_external_id(api, org, boss, api_token):
    response = api.post(URL, payload(), content_type="application/json")

    assert response.status_code == 201, response.json()
    body = response.json()
    (person,) = stored(org, external_id="E-1")
    assert body["id"] == person.pk
    assert body["manager"] == "E-BOSS" and body["org_unit"] == "BU-1"
    assert body["level"] == "middle_manager" and body["start_date"] == "2024-01-15"
    assert person.manager_id == boss.pk and person.org_unit.external_id == "BU-1"
    assert person.email == "ada@example.com" and person.start_date == datetime.date(2024, 1, 15)
    with tenant_context(org):
        event = AuditEvent.objects.get(table_name="directory_person", row_id=person.pk)
    assert event.action == "insert" and event.actor == f"token:{api_token[1].pk}"


def test_optional_fields_take_their_defaults(api, org):
    response = api.post(
        URL,
        {"external_id": "E-2", "email": "b@example.com", "first_name": "B", "last_name": "C"},
        content_type="application/json",
    )

    assert response.status_code == 201
    (person,) = stored(org, external_id="E-2")
    assert person.level == Person.Level.INDIVIDUAL_CONTRIBUTOR and person.status == Person.Status.ACTIVE
    assert person.manager is None and person.org_unit is None and person.title == ""
    assert response.json()["manager"] is None


def test_invalid_input_is_a_400_with_a_field_map_and_nothing_is_written(api, org, boss):
    response = api.post(
        URL,
        payload(email="not-an-email", level="intern", manager="NOPE", first_name=""),
        content_type="application/json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert set(body["errors"]) == {"email", "level", "manager", "first_name"}
    assert body["errors"]["manager"] == ['Unknown person external id "NOPE".']
    assert stored(org, external_id="E-1") == []


def test_a_duplicate_external_id_is_a_field_error(api, org, boss):
    response = api.post(URL, payload(external_id="E-BOSS"), content_type="application/json")

    assert response.status_code == 400
    assert "external_id" in response.json()["errors"]
    assert len(stored(org)) == 1


def test_an_end_date_before_the_start_date_is_refused(api, org):
    response = api.post(
        URL, payload(manager=None, org_unit=None, end_date="2023-01-01"), content_type="application/json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["end_date"]
    assert stored(org) == []


def test_it_retrieves_a_person(api, org, boss):
    report = PersonFactory(organization=org, manager=boss)

    response = api.get(detail(report.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == report.pk and body["external_id"] == report.external_id
    assert body["manager"] == "E-BOSS" and body["org_unit"] is None


def test_put_replaces_the_record(api, org, boss):
    person = PersonFactory(organization=org, external_id="E-1", title="Old")

    response = api.put(detail(person.pk), payload(title="New", manager="E-BOSS"), content_type="application/json")

    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "New"
    (person,) = stored(org, external_id="E-1")
    assert person.title == "New" and person.manager_id == boss.pk and person.level == "middle_manager"


def test_put_resets_omitted_optional_fields_to_their_defaults(api, org, boss, unit):
    person = PersonFactory(
        organization=org, external_id="E-1", title="Old", manager=boss, org_unit=unit, level=Person.Level.MIDDLE_MANAGER
    )

    response = api.put(
        detail(person.pk),
        {"external_id": "E-1", "email": "e1@example.com", "first_name": "E", "last_name": "One"},
        content_type="application/json",
    )

    assert response.status_code == 200
    (person,) = stored(org, external_id="E-1")
    assert person.title == "" and person.manager is None and person.org_unit is None
    assert person.level == Person.Level.INDIVIDUAL_CONTRIBUTOR


def test_put_without_a_required_field_is_a_400(api, org):
    person = PersonFactory(organization=org, external_id="E-1", first_name="Ada")

    response = api.put(detail(person.pk), {"external_id": "E-1"}, content_type="application/json")

    assert response.status_code == 400
    assert {"email", "first_name", "last_name"} <= set(response.json()["errors"])
    assert stored(org)[0].first_name == "Ada"


def test_patch_changes_only_the_given_fields_and_clears_a_manager_with_null(api, org, boss):
    person = PersonFactory(organization=org, external_id="E-1", title="Old", manager=boss)

    response = api.patch(detail(person.pk), {"status": "on_leave", "manager": None}, content_type="application/json")

    assert response.status_code == 200
    (person,) = stored(org, external_id="E-1")
    assert person.status == "on_leave" and person.manager is None and person.title == "Old"


def test_an_empty_string_reference_means_none(api, org, boss, unit):
    person = PersonFactory(organization=org, external_id="E-1", manager=boss, org_unit=unit)

    response = api.patch(detail(person.pk), {"manager": "", "org_unit": ""}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["manager"] is None and response.json()["org_unit"] is None
    (person,) = stored(org, external_id="E-1")
    assert person.manager is None and person.org_unit is None


def test_patch_refuses_a_management_cycle(api, org, boss):
    report = PersonFactory(organization=org, external_id="E-1", manager=boss)

    response = api.patch(detail(boss.pk), {"manager": report.external_id}, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["manager"]
    (boss,) = stored(org, external_id="E-BOSS")
    assert boss.manager is None


def test_patch_refuses_a_person_as_their_own_manager(api, org, boss):
    response = api.patch(detail(boss.pk), {"manager": "E-BOSS"}, content_type="application/json")

    assert response.status_code == 400
    assert stored(org, external_id="E-BOSS")[0].manager is None


def test_delete_removes_the_person_and_their_reports_keep_no_manager(api, org, boss):
    report = PersonFactory(organization=org, manager=boss)

    response = api.delete(detail(boss.pk))

    assert response.status_code == 204
    assert stored(org, pk=boss.pk) == []
    assert stored(org, pk=report.pk)[0].manager is None


def test_an_unknown_id_is_a_404_in_the_error_shape(api):
    response = api.get(detail(999999))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_a_malformed_body_is_a_400(api, org):
    response = api.post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()
    assert stored(org) == []
