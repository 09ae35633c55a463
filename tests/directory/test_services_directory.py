"""Directory services and selectors called directly (as the console pages do)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrgUnitFactory, PersonFactory
from xmhub.core.errors import ApplicationError
from xmhub.directory import selectors, services
from xmhub.directory.bulk import person_bulk_upsert
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def test_person_create_and_update_write_the_row(in_org):
    unit = OrgUnitFactory()
    person = services.person_create(
        external_id="E1", email="a@example.com", first_name="Ada", last_name="L", org_unit=unit
    )

    services.person_update(person=person, data={"title": "CTO", "level": Person.Level.SENIOR_LEADER})

    stored = Person.objects.get(pk=person.pk)
    assert stored.title == "CTO" and stored.level == "senior_leader" and stored.org_unit == unit


def test_person_update_with_nothing_changed_writes_nothing(in_org):
    person = PersonFactory(title="Same")

    with CaptureQueriesContext(connection) as queries:
        services.person_update(person=person, data={"title": "Same"})

    assert not [q for q in queries if "UPDATE" in q["sql"]]


def test_person_update_refuses_unknown_fields(in_org):
    person = PersonFactory()

    with pytest.raises(ApplicationError) as error:
        services.person_update(person=person, data={"organization": 1})

    assert list(error.value.errors) == ["organization"]


def test_services_refuse_a_manager_of_another_organization(org, other_org):
    foreign = PersonFactory(organization=other_org)
    with tenant_context(org), pytest.raises(ApplicationError) as error:
        services.person_create(external_id="E1", email="a@example.com", first_name="A", last_name="B", manager=foreign)
    assert list(error.value.errors) == ["manager"]


def test_model_rules_become_field_errors(in_org):
    with pytest.raises(ApplicationError) as error:
        services.person_create(external_id="E1", email="not-an-email", first_name="A", last_name="B", level="x")

    assert set(error.value.errors) == {"email", "level"}
    assert Person.objects.count() == 0


def test_org_unit_delete_refuses_a_unit_in_use(in_org):
    unit = OrgUnitFactory(external_id="BU-1")
    PersonFactory(org_unit=unit)
    OrgUnitFactory(parent=unit)

    with pytest.raises(ApplicationError) as error:
        services.org_unit_delete(org_unit=unit)

    assert error.value.message == "Org unit BU-1 still has 1 person and 1 child unit; move or delete them first."
    assert OrgUnit.objects.filter(pk=unit.pk).exists()


def test_selectors_filter_and_find_only_the_current_organization(org, other_org):
    theirs = PersonFactory(organization=other_org, last_name="Zed")
    with tenant_context(org):
        unit = OrgUnitFactory()
        ada = PersonFactory(first_name="Ada", last_name="Lovelace", org_unit=unit)
        PersonFactory(first_name="Alan", last_name="Turing", status=Person.Status.LEFT)

        assert list(selectors.person_list(search="love")) == [ada]
        assert list(selectors.person_list(org_unit=unit)) == [ada]
        assert list(selectors.person_list(org_unit=unit.pk)) == [ada]
        assert [p.last_name for p in selectors.person_list(status="left")] == ["Turing"]
        assert selectors.person_detail(pk=ada.pk) == ada
        assert list(selectors.org_unit_list(search=unit.name)) == [unit]
        with pytest.raises(Exception, match="No Person matches"):
            selectors.person_detail(pk=theirs.pk)


def test_bulk_upsert_runs_a_bounded_number_of_queries(in_org, django_assert_max_num_queries):
    unit = OrgUnitFactory(external_id="BU-1")
    rows = [
        {
            "external_id": f"E{i}",
            "email": f"e{i}@example.com",
            "first_name": "F",
            "last_name": "L",
            "manager": f"E{i // 3}" if i else None,
            "org_unit": "BU-1",
        }
        for i in range(300)
    ]

    # savepoint, lock, existing people, org units, new ids, savepoint, planner setting, upsert, setting, releases
    with django_assert_max_num_queries(12):
        result = person_bulk_upsert(rows=rows)

    assert result.created == 300
    assert Person.objects.filter(org_unit=unit).count() == 300
