"""POST /api/v1/people/bulk/: upsert by external id in one transaction, all or nothing."""

import datetime

import pytest

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.audit.models import AuditEvent
from xmhub.directory.models import Person
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

URL = "/api/v1/people/bulk/"


def row(external_id, **fields):
    data = {
        "external_id": external_id,
        "email": f"{str(external_id).strip().lower()}@example.com",
        "first_name": "First",
        "last_name": f"Last {external_id}",
    }
    data.update(fields)
    return data


def people(org):
    with tenant_context(org):
        return {p.external_id: p for p in Person.objects.select_related("manager", "org_unit")}


def audit(org, action=None):
    with tenant_context(org):
        events = AuditEvent.objects.filter(table_name="directory_person")
        if action:
            events = events.filter(action=action)
        return list(events)


@pytest.fixture
def unit(org):
    return OrgUnitFactory(organization=org, external_id="BU-1")


def test_it_creates_people_with_managers_from_the_same_payload(api, org, unit, api_token):
    rows = [
        row("E3", manager="E2", org_unit="BU-1"),  # the manager comes later in the payload
        row("E1", level="senior_leader", title="CEO", start_date="2020-01-01"),
        row("E2", manager="E1", level="middle_manager", status="on_leave"),
    ]

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 3, "updated": 0, "unchanged": 0}
    stored = people(org)
    assert stored["E3"].manager == stored["E2"] and stored["E2"].manager == stored["E1"]
    assert stored["E1"].manager is None and stored["E3"].org_unit == unit
    assert stored["E1"].title == "CEO" and stored["E1"].level == "senior_leader"
    assert stored["E1"].start_date == datetime.date(2020, 1, 1)
    assert stored["E2"].status == "on_leave" and stored["E3"].level == "individual_contributor"
    events = audit(org, "insert")
    assert len(events) == 3
    assert {e.actor for e in events} == {f"token:{api_token[1].pk}"}
    assert {e.row_id for e in events} == {p.pk for p in stored.values()}


def test_a_second_identical_push_changes_nothing(api, org, unit):
    rows = [row("E1"), row("E2", manager="E1", org_unit="BU-1", start_date="2021-02-03")]
    api.post(URL, rows, content_type="application/json")
    before = {p.external_id: p.updated_at for p in people(org).values()}
    events = len(audit(org))

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"created": 0, "updated": 0, "unchanged": 2}
    assert {p.external_id: p.updated_at for p in people(org).values()} == before
    assert len(audit(org)) == events


def test_it_updates_changed_rows_only_and_counts_each_kind(api, org, unit):
    PersonFactory(
        organization=org, external_id="E1", email="e1@example.com", first_name="First", last_name="Last E1", title=""
    )
    PersonFactory(organization=org, external_id="E2", title="Old")
    before = people(org)

    response = api.post(
        URL, [row("E1"), row("E2", title="New"), row("E3", manager="E2")], content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 1, "unchanged": 1}
    after = people(org)
    assert after["E2"].title == "New" and after["E2"].pk == before["E2"].pk
    assert after["E2"].updated_at > before["E2"].updated_at
    assert after["E1"].updated_at == before["E1"].updated_at
    assert after["E3"].manager == after["E2"]
    (update,) = audit(org, "update")
    assert update.row_id == before["E2"].pk and ("title", "Old", "New") in update.changes()


def test_managers_may_be_people_already_stored(api, org):
    boss = PersonFactory(organization=org, external_id="BOSS")

    response = api.post(URL, [row("E1", manager="BOSS")], content_type="application/json")

    assert response.status_code == 200
    assert people(org)["E1"].manager == boss


def test_an_invalid_row_is_a_400_by_index_and_field_and_nothing_is_written(api, org, unit):
    rows = [
        row("E1"),
        row("E2", email="nope", level="intern"),
        row("E3", manager="GHOST", org_unit="NOWHERE", start_date="2024-13-01"),
        {"external_id": "E4"},
        "not an object",
        row("E1"),
        row("E6", start_date="2024-02-01", end_date="2024-01-01", first_name="x" * 101),
    ]

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "6 of 7 rows invalid; nothing was written."
    errors = body["errors"]
    assert set(errors) == {"1", "2", "3", "4", "5", "6"}
    assert set(errors["1"]) == {"email", "level"}
    assert errors["1"]["level"] == ['"intern" is not a valid choice.']
    assert errors["2"] == {
        "manager": ['Unknown person external id "GHOST".'],
        "org_unit": ['Unknown org unit external id "NOWHERE".'],
        "start_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    }
    assert errors["3"] == {f: ["This field is required."] for f in ("email", "first_name", "last_name")}
    assert list(errors["4"]) == ["non_field_errors"]
    assert errors["5"] == {"external_id": ["Duplicate external id in this payload (first in row 0)."]}
    assert set(errors["6"]) == {"end_date", "first_name"}
    assert people(org) == {}
    assert audit(org) == []


def test_a_management_cycle_is_refused(api, org):
    response = api.post(
        URL,
        [row("A", manager="C"), row("B", manager="A"), row("C", manager="B"), row("D")],
        content_type="application/json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"0", "1", "2"}
    assert response.json()["errors"]["0"] == {"manager": ["This manager reports to the person already (a cycle)."]}
    assert people(org) == {}


def test_a_cycle_through_stored_people_is_refused(api, org):
    top = PersonFactory(organization=org, external_id="TOP")
    PersonFactory(organization=org, external_id="MID", manager=top)

    response = api.post(URL, [row("TOP", manager="MID")], content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()["errors"]["0"]) == ["manager"]
    assert people(org)["TOP"].manager is None


def test_a_person_cannot_manage_themselves(api, org):
    response = api.post(URL, [row("A", manager="A")], content_type="application/json")

    assert response.status_code == 400
    assert people(org) == {}


def test_the_body_must_be_a_json_array(api, org):
    response = api.post(URL, {"external_id": "E1"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Expected a JSON array of rows."

    response = api.post(URL, "[{", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_an_empty_array_writes_nothing(api, org):
    response = api.post(URL, [], content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"created": 0, "updated": 0, "unchanged": 0}


def test_values_are_normalized_like_the_single_row_api(api, org):
    rows = [
        row("  E1 ", first_name="  Ada ", title=None, manager="", start_date="", org_unit=None),
        row("E2", email="o'brien+hr@sub.example.co.uk", title='Quote " and back\\slash', manager=" E1 "),
        row(12345, email="unicode@bücher.example", first_name="Zoë", last_name="Ñandú"),
    ]

    response = api.post(URL, rows, content_type="application/json")

    assert response.status_code == 200, response.json()
    stored = people(org)
    assert stored["E1"].first_name == "Ada" and stored["E1"].title == "" and stored["E1"].start_date is None
    assert stored["E2"].title == 'Quote " and back\\slash' and stored["E2"].manager == stored["E1"]
    assert stored["12345"].first_name == "Zoë" and stored["12345"].email == "unicode@bücher.example"


def test_control_characters_are_stored_exactly_and_null_characters_refused(api, org):
    response = api.post(URL, [row("E1", title="Line\none\ttab")], content_type="application/json")
    assert response.status_code == 200
    assert people(org)["E1"].title == "Line\none\ttab"

    response = api.post(URL, [row("E2", title="bad\x00")], content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]["0"]) == ["title"]


def test_emails_are_checked_like_django_does(api, org):
    response = api.post(
        URL,
        [
            row("E1", email="a@b"),
            row("E2", email="two@@example.com"),
            row("E3", email="ok@localhost"),
            row("E4", email="x" * 250 + "@example.com"),
            row("E5", email="digits@example.c0m"),
            row("E6", email="puny@example.xn--p1ai"),
            row("E7", email="a.b-c+d@mail-1.example.museum"),
        ],
        content_type="application/json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"0", "1", "3", "4"}
