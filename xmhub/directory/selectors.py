"""Reads of the directory (people and org units), for the API and the console pages alike.

Every function returns rows of the current organization only (the tenant manager) and is already
``select_related`` for what its page shows, so a list page costs the same number of queries for 3 rows
as for 3,000.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from xmhub.directory.models import OrgUnit, Person


def _pk(value) -> int | None:
    """An instance or a primary key → the primary key."""
    return getattr(value, "pk", value)


def person_list(
    *,
    search: str | None = None,
    org_unit=None,
    status: str | None = None,
    level: str | None = None,
    updated_since: datetime | date | None = None,
    external_id: str | None = None,
) -> QuerySet[Person]:
    """People of the current organization, by name, with their manager and org unit joined.

    ``org_unit`` is an OrgUnit or its pk; ``search`` matches name, email, title or external id.
    """
    qs = Person.objects.select_related("manager", "org_unit").order_by("last_name", "first_name", "id")
    if search:
        for word in search.split():
            qs = qs.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(title__icontains=word)
                | Q(external_id__iexact=word)
            )
    if org_unit is not None:
        qs = qs.filter(org_unit_id=_pk(org_unit))
    if status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=updated_since)
    if external_id:
        qs = qs.filter(external_id=external_id)
    return qs


def person_detail(*, pk: int) -> Person:
    """One person of the current organization with manager and org unit, or Http404."""
    return get_object_or_404(Person.objects.select_related("manager", "org_unit"), pk=pk)


def org_unit_list(
    *,
    search: str | None = None,
    parent=None,
    kind: str | None = None,
    updated_since: datetime | date | None = None,
    external_id: str | None = None,
) -> QuerySet[OrgUnit]:
    """Org units of the current organization, by name, with their parent joined.

    ``parent`` is an OrgUnit or its pk.
    """
    qs = OrgUnit.objects.select_related("parent").order_by("name", "id")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(external_id__iexact=search))
    if parent is not None:
        qs = qs.filter(parent_id=_pk(parent))
    if kind:
        qs = qs.filter(kind=kind)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=updated_since)
    if external_id:
        qs = qs.filter(external_id=external_id)
    return qs


def org_unit_detail(*, pk: int) -> OrgUnit:
    """One org unit of the current organization with its parent, or Http404."""
    return get_object_or_404(OrgUnit.objects.select_related("parent"), pk=pk)


# --- Console pages (appended by the UI work) ---------------------------------------------------------


def direct_reports(*, person) -> QuerySet[Person]:
    """The people whose manager is ``person``, with their org unit joined."""
    return Person.objects.filter(manager_id=_pk(person)).select_related("org_unit").order_by("last_name", "first_name")


def org_unit_tree() -> list[OrgUnit]:
    """Every org unit in tree order (depth first, by name), one query.

    Each unit carries ``depth``, ``people_count`` (people directly in it) and ``total_people`` (including
    every unit below it).
    """
    from django.db.models import Count

    units = list(OrgUnit.objects.annotate(people_count=Count("people")).order_by("name", "id"))
    return _tree_order(units)


def _tree_order(units: list[OrgUnit]) -> list[OrgUnit]:
    by_id = {u.pk: u for u in units}
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in by_id else None
        children.setdefault(parent, []).append(unit)
    ordered: list[OrgUnit] = []
    seen: set[int] = set()

    def walk(unit, depth):
        if unit.pk in seen:  # a cycle in bad HR data must not loop forever
            return unit.people_count
        seen.add(unit.pk)
        unit.depth = depth
        ordered.append(unit)
        unit.total_people = unit.people_count + sum(walk(c, depth + 1) for c in children.get(unit.pk, []))
        return unit.total_people

    for root in children.get(None, []):
        walk(root, 0)
    for unit in units:  # units only reachable through a cycle
        if unit.pk not in seen:
            walk(unit, 0)
    return ordered


def org_unit_ancestors(*, org_unit) -> list[OrgUnit]:
    """The units above ``org_unit``, root first (one query, however deep)."""
    units = {u.pk: u for u in OrgUnit.objects.only("id", "name", "parent_id")}
    chain, seen = [], {org_unit.pk}
    parent_id = org_unit.parent_id
    while parent_id in units and parent_id not in seen:
        seen.add(parent_id)
        chain.append(units[parent_id])
        parent_id = units[parent_id].parent_id
    return list(reversed(chain))


def org_unit_children(*, org_unit) -> QuerySet[OrgUnit]:
    """The units directly below ``org_unit``, each with ``people_count``."""
    from django.db.models import Count

    return OrgUnit.objects.filter(parent_id=_pk(org_unit)).annotate(people_count=Count("people")).order_by("name")
