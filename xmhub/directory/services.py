"""Writes of the directory, one row at a time (the API's CRUD and the console pages).

Bulk upserts from HR systems live in ``xmhub.directory.bulk`` (set-based SQL, no ORM per row).
Every function is keyword-only and atomic, works in the current organization, and raises
ApplicationError with a field map for anything the caller can fix. The audit trail is written by
database triggers; the actor comes from the tenant context, so ``actor`` is accepted for the house
signature only.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError, RestrictedError

from xmhub.core.errors import ApplicationError
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import require_organization_id

PERSON_FIELDS = frozenset(
    {
        "external_id",
        "email",
        "first_name",
        "last_name",
        "title",
        "level",
        "manager",
        "org_unit",
        "status",
        "start_date",
        "end_date",
    }
)
ORG_UNIT_FIELDS = frozenset({"external_id", "name", "kind", "parent"})

# Walks up a self-referencing foreign key from one row; UNION (not ALL) stops on an existing cycle.
_ANCESTORS_SQL = """
WITH RECURSIVE up(id, ref) AS (
    SELECT id, {fk} FROM {table} WHERE id = %s AND organization_id = %s
    UNION
    SELECT t.id, t.{fk} FROM {table} t JOIN up ON t.id = up.ref WHERE t.organization_id = %s
)
SELECT EXISTS (SELECT 1 FROM up WHERE id = %s)
"""


# --- helpers ---------------------------------------------------------------------------------------------


def _invalid(errors: dict, message: str = "Invalid input.") -> ApplicationError:
    return ApplicationError(message, errors=errors)


def _full_clean(instance, *, exclude: list[str]) -> None:
    """Field-level checks of the model (lengths, choices, email) as ApplicationError."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise _invalid(exc.message_dict) from exc


def _check_same_organization(field: str, related) -> None:
    if related is not None and related.organization_id != require_organization_id():
        raise _invalid({field: ["Unknown reference."]})


def _is_ancestor(*, model, fk: str, start_id: int, candidate_id: int) -> bool:
    """True when ``candidate_id`` is ``start_id`` or above it in the chain of ``fk`` (one query)."""
    org_id = require_organization_id()
    sql = _ANCESTORS_SQL.format(table=connection.ops.quote_name(model._meta.db_table), fk=fk)
    with connection.cursor() as cursor:
        cursor.execute(sql, [start_id, org_id, org_id, candidate_id])
        return cursor.fetchone()[0]


def _save(instance, *, label: str, update_fields=None) -> None:
    """Save; a duplicate external id (also one created concurrently) is a field error, not a 500."""
    model = type(instance)
    duplicate = model.objects.filter(external_id=instance.external_id)
    if instance.pk is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        raise _invalid({"external_id": [f"A {label} with this external id already exists."]})
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise _invalid({"external_id": [f"A {label} with this external id already exists."]}) from exc


def _apply(instance, data: dict, allowed: frozenset) -> list[str]:
    """Set the given fields on ``instance``; return the names of the fields that changed."""
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _invalid({name: ["Unknown field."] for name in unknown})
    changed = []
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            new_id = getattr(value, "pk", value)
            if getattr(instance, field.attname) != new_id:
                setattr(instance, name, value)
                changed.append(name)
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


# --- org units -------------------------------------------------------------------------------------------


def _org_unit_validate(unit: OrgUnit) -> None:
    _full_clean(unit, exclude=["organization", "parent"])
    parent = unit.parent
    _check_same_organization("parent", parent)
    if parent is not None and unit.pk is not None:
        if parent.pk == unit.pk:
            raise _invalid({"parent": ["An org unit cannot be its own parent."]})
        if _is_ancestor(model=OrgUnit, fk="parent_id", start_id=parent.pk, candidate_id=unit.pk):
            raise _invalid({"parent": ["This parent would put the org unit inside itself (a cycle)."]})


@transaction.atomic
def org_unit_create(
    *,
    external_id: str,
    name: str,
    kind: str = OrgUnit.Kind.BUSINESS_UNIT,
    parent: OrgUnit | None = None,
    actor: str | None = None,
) -> OrgUnit:
    unit = OrgUnit(external_id=external_id, name=name, kind=kind, parent=parent)
    _org_unit_validate(unit)
    _save(unit, label="org unit")
    return unit


@transaction.atomic
def org_unit_update(*, org_unit: OrgUnit, data: dict, actor: str | None = None) -> OrgUnit:
    """Change the given fields (``external_id``, ``name``, ``kind``, ``parent``); no write if nothing changed."""
    changed = _apply(org_unit, data, ORG_UNIT_FIELDS)
    if not changed:
        return org_unit
    _org_unit_validate(org_unit)
    _save(org_unit, label="org unit", update_fields=[*changed, "updated_at"])
    return org_unit


@transaction.atomic
def org_unit_delete(*, org_unit: OrgUnit, actor: str | None = None) -> None:
    """Delete an empty org unit. One that still has people or child units is refused (400)."""
    people = Person.objects.filter(org_unit=org_unit).count()
    children = OrgUnit.objects.filter(parent=org_unit).count()
    if people or children:
        parts = []
        if people:
            parts.append(f"{people} {'person' if people == 1 else 'people'}")
        if children:
            parts.append(f"{children} child unit{'' if children == 1 else 's'}")
        raise ApplicationError(
            f"Org unit {org_unit.external_id} still has {' and '.join(parts)}; move or delete them first."
        )
    try:
        with transaction.atomic():
            org_unit.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ApplicationError(f"Org unit {org_unit.external_id} is still in use and cannot be deleted.") from exc


# --- people ----------------------------------------------------------------------------------------------


def _person_validate(person: Person) -> None:
    _full_clean(person, exclude=["organization", "manager", "org_unit", "user"])
    start, end = person.start_date, person.end_date
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise _invalid({"end_date": ["End date must not be before the start date."]})
    _check_same_organization("manager", person.manager)
    _check_same_organization("org_unit", person.org_unit)
    manager = person.manager
    if manager is not None and person.pk is not None:
        if manager.pk == person.pk:
            raise _invalid({"manager": ["A person cannot be their own manager."]})
        if _is_ancestor(model=Person, fk="manager_id", start_id=manager.pk, candidate_id=person.pk):
            raise _invalid({"manager": ["This manager reports to the person already (a cycle)."]})


@transaction.atomic
def person_create(
    *,
    external_id: str,
    email: str,
    first_name: str,
    last_name: str,
    title: str = "",
    level: str = Person.Level.INDIVIDUAL_CONTRIBUTOR,
    manager: Person | None = None,
    org_unit: OrgUnit | None = None,
    status: str = Person.Status.ACTIVE,
    start_date: date | None = None,
    end_date: date | None = None,
    actor: str | None = None,
) -> Person:
    person = Person(
        external_id=external_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        title=title,
        level=level,
        manager=manager,
        org_unit=org_unit,
        status=status,
        start_date=start_date,
        end_date=end_date,
    )
    _person_validate(person)
    _save(person, label="person")
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict, actor: str | None = None) -> Person:
    """Change the given fields (any of PERSON_FIELDS); no write if nothing changed."""
    changed = _apply(person, data, PERSON_FIELDS)
    if not changed:
        return person
    _person_validate(person)
    _save(person, label="person", update_fields=[*changed, "updated_at"])
    return person


@transaction.atomic
def person_delete(*, person: Person, actor: str | None = None) -> None:
    """Delete a person; their reports keep working with no manager."""
    try:
        with transaction.atomic():
            person.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ApplicationError(f"Person {person.external_id} is still in use and cannot be deleted.") from exc
