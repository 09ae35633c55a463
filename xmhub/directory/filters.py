"""Query-string filters of the directory API (django-filter; documented in the OpenAPI schema).

They narrow the selectors' querysets (``person_list()``, ``org_unit_list()``); references are external
ids, like everywhere in the API. A malformed value is a 400 with a field map.
"""

import django_filters

from xmhub.directory.models import OrgUnit, Person


class PersonFilter(django_filters.FilterSet):
    external_id = django_filters.CharFilter(help_text="Exactly this external id.")
    org_unit = django_filters.CharFilter(
        field_name="org_unit__external_id", help_text="External id of the org unit the people belong to."
    )
    manager = django_filters.CharFilter(
        field_name="manager__external_id", help_text="External id of the people's manager."
    )
    status = django_filters.ChoiceFilter(choices=Person.Status.choices)
    level = django_filters.ChoiceFilter(choices=Person.Level.choices)
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only people changed at or after this ISO 8601 date-time (for incremental syncs).",
    )

    class Meta:
        model = Person
        fields = ["external_id", "org_unit", "manager", "status", "level", "updated_since"]


class OrgUnitFilter(django_filters.FilterSet):
    external_id = django_filters.CharFilter(help_text="Exactly this external id.")
    parent = django_filters.CharFilter(
        field_name="parent__external_id", help_text="External id of the parent org unit."
    )
    kind = django_filters.ChoiceFilter(choices=OrgUnit.Kind.choices)
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only org units changed at or after this ISO 8601 date-time (for incremental syncs).",
    )

    class Meta:
        model = OrgUnit
        fields = ["external_id", "parent", "kind", "updated_since"]
