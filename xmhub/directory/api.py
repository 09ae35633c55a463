"""``/api/v1/org-units/`` and ``/api/v1/people/``: CRUD, filtered lists and bulk upserts for HR systems.

Thin: each method validates with an InputSerializer, calls one selector or service, and answers with an
OutputSerializer. References (``parent``, ``manager``, ``org_unit``) are external ids both ways; ``id`` is
ours. The organization is the API token's (TenantMiddleware). Errors: ``{"detail": …, "errors": …}``.
"""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from xmhub.core.errors import ApplicationError
from xmhub.directory import bulk, selectors, services
from xmhub.directory.filters import OrgUnitFilter, PersonFilter
from xmhub.directory.models import OrgUnit, Person

MAX_BULK_BYTES = 128 * 1024 * 1024

# --- shared pieces ---------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.STR)
class ExternalIdField(serializers.CharField):
    """A reference by external id, resolved to the row of the current organization (null or "" for none)."""

    default_error_messages = {
        "unknown": 'Unknown {label} external id "{value}".',
        "too_long": "Ensure this field has no more than 64 characters.",
    }

    def __init__(self, *, model, label, **kwargs):
        self.model = model
        self.label_text = label
        kwargs.setdefault("required", False)
        super().__init__(allow_null=True, allow_blank=True, **kwargs)

    def run_validation(self, data=serializers.empty):
        if data == "":
            return None
        return super().run_validation(data)

    def to_internal_value(self, data):
        external_id = super().to_internal_value(data)
        if not external_id:
            return None
        if len(external_id) > 64:
            self.fail("too_long")
        found = self.model.objects.filter(external_id=external_id).first()
        if found is None:
            self.fail("unknown", label=self.label_text, value=external_id)
        return found


ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(help_text="Messages per field: {field: [message, …]}."),
    },
)
BulkErrorSerializer = inline_serializer(
    "BulkError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(
            help_text='Messages per row index and field: {"<row index>": {"<field>": [message, …]}}. '
            "Nothing was written."
        ),
    },
)
BulkResultSerializer = inline_serializer(
    "BulkResult",
    fields={
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
    },
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such row in the token's organization.")
BULK_RESPONSES = {
    200: BulkResultSerializer,
    400: OpenApiResponse(
        BulkErrorSerializer, description="Invalid rows (or a body that is no JSON array); nothing was written."
    ),
    409: OpenApiResponse(ErrorSerializer, description="A concurrent write of the same external ids; send again."),
    413: OpenApiResponse(ErrorSerializer, description="The body is too large; split it into several requests."),
}
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input or a broken rule; nothing was written.")


def read_json_body(request):
    """The request body as JSON, read straight from the stream (no parser or upload-size copy in between)."""
    django_request = request._request
    try:
        length = int(django_request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BULK_BYTES:
        raise ApplicationError(f"The body is larger than {MAX_BULK_BYTES // (1024 * 1024)} MB; split it.", status=413)
    raw = django_request._body if hasattr(django_request, "_body") else django_request.read()
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ParseError(f"JSON parse error - {exc}") from exc


class DirectoryViewSet(viewsets.GenericViewSet):
    lookup_value_regex = r"\d+"

    def paginated(self, queryset):
        page = self.paginate_queryset(self.filter_queryset(queryset))
        return self.get_paginated_response(self.OutputSerializer(page, many=True).data)

    def validated(self, request, *, partial=False) -> dict:
        serializer = self.InputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


# --- org units -------------------------------------------------------------------------------------------


class OrgUnitOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=OrgUnit.Kind.choices)
    parent = serializers.CharField(
        source="parent.external_id", allow_null=True, help_text="External id of the parent org unit."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class OrgUnitInputSerializer(serializers.Serializer):
    external_id = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=OrgUnit.Kind.choices, default=OrgUnit.Kind.BUSINESS_UNIT)
    parent = ExternalIdField(
        model=OrgUnit, label="org unit", default=None, help_text="External id of the parent org unit."
    )


class OrgUnitBulkRowSerializer(serializers.Serializer):
    """Documentation only: bulk rows are validated by xmhub.directory.bulk."""

    external_id = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=OrgUnit.Kind.choices, required=False, default=OrgUnit.Kind.BUSINESS_UNIT)
    parent = serializers.CharField(
        max_length=64,
        required=False,
        allow_null=True,
        help_text="External id of the parent: a row of this payload or a stored unit.",
    )


@extend_schema(tags=["org units"])
class OrgUnitViewSet(DirectoryViewSet):
    filterset_class = OrgUnitFilter
    OutputSerializer = OrgUnitOutputSerializer
    InputSerializer = OrgUnitInputSerializer
    serializer_class = OrgUnitOutputSerializer  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no tenant, no rows
            return OrgUnit.all_objects.none()
        return selectors.org_unit_list()

    @extend_schema(summary="List org units", responses=OrgUnitOutputSerializer(many=True))
    def list(self, request):
        return self.paginated(selectors.org_unit_list())

    @extend_schema(summary="Get an org unit", responses={200: OrgUnitOutputSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk):
        return Response(OrgUnitOutputSerializer(selectors.org_unit_detail(pk=pk)).data)

    @extend_schema(
        summary="Create an org unit",
        request=OrgUnitInputSerializer,
        responses={201: OrgUnitOutputSerializer, 400: INVALID},
    )
    def create(self, request):
        unit = services.org_unit_create(**self.validated(request))
        return Response(OrgUnitOutputSerializer(unit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Replace an org unit",
        description="Omitted optional fields take their defaults.",
        request=OrgUnitInputSerializer,
        responses={200: OrgUnitOutputSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def update(self, request, pk):
        unit = selectors.org_unit_detail(pk=pk)
        unit = services.org_unit_update(org_unit=unit, data=self.validated(request))
        return Response(OrgUnitOutputSerializer(unit).data)

    @extend_schema(
        summary="Change some fields of an org unit",
        request=OrgUnitInputSerializer(partial=True),
        responses={200: OrgUnitOutputSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def partial_update(self, request, pk):
        unit = selectors.org_unit_detail(pk=pk)
        unit = services.org_unit_update(org_unit=unit, data=self.validated(request, partial=True))
        return Response(OrgUnitOutputSerializer(unit).data)

    @extend_schema(
        summary="Delete an org unit",
        description="Refused (400) while the unit still has people or child units.",
        responses={204: None, 400: INVALID, 404: NOT_FOUND},
    )
    def destroy(self, request, pk):
        services.org_unit_delete(org_unit=selectors.org_unit_detail(pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Create or update many org units",
        description="Upserts a JSON array of org units by `external_id` in one transaction. `parent` may name a "
        "unit of the same payload or a stored one; cycles are refused. Any invalid row → 400 with "
        "errors per row index and field, and nothing is written.",
        request=OrgUnitBulkRowSerializer(many=True),
        responses=BULK_RESPONSES,
        examples=[
            OpenApiExample(
                "Two units",
                request_only=True,
                value=[
                    {"external_id": "BU-1", "name": "Retail Banking", "kind": "business_unit", "parent": None},
                    {"external_id": "RG-1", "name": "Retail EMEA", "kind": "region", "parent": "BU-1"},
                ],
            )
        ],
    )
    @action(detail=False, methods=["post"], url_path="bulk", filterset_class=None, pagination_class=None)
    def bulk(self, request):
        return Response(bulk.org_unit_bulk_upsert(rows=read_json_body(request)).as_dict())


# --- people ----------------------------------------------------------------------------------------------


class PersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    title = serializers.CharField()
    level = serializers.ChoiceField(choices=Person.Level.choices)
    status = serializers.ChoiceField(choices=Person.Status.choices)
    manager = serializers.CharField(
        source="manager.external_id", allow_null=True, help_text="External id of the manager."
    )
    org_unit = serializers.CharField(
        source="org_unit.external_id", allow_null=True, help_text="External id of the org unit."
    )
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PersonInputSerializer(serializers.Serializer):
    external_id = serializers.CharField(max_length=64)
    email = serializers.EmailField(max_length=254)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=200, allow_blank=True, default="")
    level = serializers.ChoiceField(choices=Person.Level.choices, default=Person.Level.INDIVIDUAL_CONTRIBUTOR)
    status = serializers.ChoiceField(choices=Person.Status.choices, default=Person.Status.ACTIVE)
    manager = ExternalIdField(model=Person, label="person", default=None, help_text="External id of the manager.")
    org_unit = ExternalIdField(model=OrgUnit, label="org unit", default=None, help_text="External id of the org unit.")
    start_date = serializers.DateField(allow_null=True, default=None)
    end_date = serializers.DateField(allow_null=True, default=None)


class PersonBulkRowSerializer(serializers.Serializer):
    """Documentation only: bulk rows are validated by xmhub.directory.bulk."""

    external_id = serializers.CharField(max_length=64)
    email = serializers.EmailField(max_length=254)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    level = serializers.ChoiceField(
        choices=Person.Level.choices, required=False, default=Person.Level.INDIVIDUAL_CONTRIBUTOR
    )
    status = serializers.ChoiceField(choices=Person.Status.choices, required=False, default=Person.Status.ACTIVE)
    manager = serializers.CharField(
        max_length=64,
        required=False,
        allow_null=True,
        help_text="External id of the manager: a row of this payload or a stored person.",
    )
    org_unit = serializers.CharField(
        max_length=64, required=False, allow_null=True, help_text="External id of a stored org unit."
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)


@extend_schema(tags=["people"])
class PersonViewSet(DirectoryViewSet):
    filterset_class = PersonFilter
    OutputSerializer = PersonOutputSerializer
    InputSerializer = PersonInputSerializer
    serializer_class = PersonOutputSerializer  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no tenant, no rows
            return Person.all_objects.none()
        return selectors.person_list()

    @extend_schema(summary="List people", responses=PersonOutputSerializer(many=True))
    def list(self, request):
        return self.paginated(selectors.person_list())

    @extend_schema(summary="Get a person", responses={200: PersonOutputSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk):
        return Response(PersonOutputSerializer(selectors.person_detail(pk=pk)).data)

    @extend_schema(
        summary="Create a person", request=PersonInputSerializer, responses={201: PersonOutputSerializer, 400: INVALID}
    )
    def create(self, request):
        person = services.person_create(**self.validated(request))
        return Response(PersonOutputSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Replace a person",
        description="Omitted optional fields take their defaults "
        "(no manager, no org unit, individual contributor, active).",
        request=PersonInputSerializer,
        responses={200: PersonOutputSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def update(self, request, pk):
        person = selectors.person_detail(pk=pk)
        person = services.person_update(person=person, data=self.validated(request))
        return Response(PersonOutputSerializer(person).data)

    @extend_schema(
        summary="Change some fields of a person",
        request=PersonInputSerializer(partial=True),
        responses={200: PersonOutputSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def partial_update(self, request, pk):
        person = selectors.person_detail(pk=pk)
        person = services.person_update(person=person, data=self.validated(request, partial=True))
        return Response(PersonOutputSerializer(person).data)

    @extend_schema(
        summary="Delete a person",
        description="Their reports keep working with no manager.",
        responses={204: None, 400: INVALID, 404: NOT_FOUND},
    )
    def destroy(self, request, pk):
        services.person_delete(person=selectors.person_detail(pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Create or update many people",
        description="Upserts a JSON array of people by `external_id` in one transaction (100k rows in seconds). "
        "Each row is the person's full record: omitted optional fields take their defaults. "
        "`manager` may name a person of the same payload or a stored one (management cycles are "
        "refused); `org_unit` names a stored org unit (push org units first). Rows whose data did "
        "not change are left alone. Any invalid row → 400 with errors per row index and field, "
        "and nothing is written.",
        request=PersonBulkRowSerializer(many=True),
        responses=BULK_RESPONSES,
        examples=[
            OpenApiExample(
                "A manager and a report",
                request_only=True,
                value=[
                    {
                        "external_id": "E1",
                        "email": "ada@example.com",
                        "first_name": "Ada",
                        "last_name": "Lovelace",
                        "level": "senior_leader",
                        "org_unit": "BU-1",
                        "manager": None,
                    },
                    {
                        "external_id": "E2",
                        "email": "alan@example.com",
                        "first_name": "Alan",
                        "last_name": "Turing",
                        "title": "Analyst",
                        "org_unit": "BU-1",
                        "manager": "E1",
                        "start_date": "2024-01-15",
                    },
                ],
            )
        ],
    )
    @action(detail=False, methods=["post"], url_path="bulk", filterset_class=None, pagination_class=None)
    def bulk(self, request):
        return Response(bulk.person_bulk_upsert(rows=read_json_body(request)).as_dict())
