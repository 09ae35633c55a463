"""``/api/v1/ambassadors/terms/``: ambassador terms and time commitments for HR systems (read-only).

Thin: query-string filters validated by a FilterSet-like InputSerializer, one selector, an OutputSerializer.
References are external ids (person, org unit), like the directory API. The organization is the bearer
token's (TenantMiddleware); another organization's term is a 404. Activity totals are annotations of the
list query, so a page costs the same queries for 1 term as for 500.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from ambassadors.models import Term
from ambassadors.selectors import terms as selectors
from xmhub.directory.api import ErrorSerializer

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such term in the token's organization.")
INVALID = OpenApiResponse(ErrorSerializer, description="A malformed filter; errors per parameter.")


class TermFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Term.Status.choices, required=False)
    org_unit = serializers.CharField(
        max_length=64, required=False, help_text="External id of the org unit the ambassador represents."
    )
    person = serializers.CharField(max_length=64, required=False, help_text="External id of the person.")
    active_on = serializers.DateField(
        required=False, help_text="Only terms running on this date (started, not yet ended)."
    )


class ActivitySummarySerializer(serializers.Serializer):
    activities = serializers.IntegerField(source="activities_count")
    hours = serializers.DecimalField(max_digits=12, decimal_places=1)
    people_reached = serializers.IntegerField()


class TermOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.CharField(source="person.external_id", help_text="External id of the person.")
    person_name = serializers.CharField(source="person.full_name")
    role = serializers.CharField(source="role.name")
    org_unit = serializers.CharField(
        source="org_unit.external_id", allow_null=True, help_text="External id of the org unit represented."
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    time_share = serializers.IntegerField(help_text="Percent of working time.")
    hours_per_week = serializers.SerializerMethodField(
        help_text="The time share in hours a week, from the organization's working week."
    )
    status = serializers.ChoiceField(choices=Term.Status.choices)
    paused_reason = serializers.CharField()
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.CharField(help_text="completed, left_organization, stepped_down, renewed or empty.")
    renewed_from = serializers.IntegerField(source="renewed_from_id", allow_null=True)
    activity_summary = ActivitySummarySerializer(source="*")

    def get_hours_per_week(self, term) -> float:
        return self.context["organization"].hours_per_week(term.time_share)


@extend_schema(tags=["ambassador terms"])
class TermViewSet(viewsets.GenericViewSet):
    serializer_class = TermOutputSerializer  # for the schema
    lookup_value_regex = r"\d+"
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Term.all_objects.none()
        return selectors.term_api_list()

    def _context(self):
        return {"organization": self.request.organization}

    @extend_schema(
        summary="List ambassador terms",
        description="Ambassador terms of the token's organization with their time commitment and activity "
        "totals, oldest first. Filters combine.",
        parameters=[
            OpenApiParameter("status", enum=Term.Status.values, description="Only terms in this status."),
            OpenApiParameter("org_unit", str, description="External id of the org unit represented."),
            OpenApiParameter("person", str, description="External id of the person."),
            OpenApiParameter("active_on", OpenApiTypes.DATE, description="ISO date: only terms running on that day."),
        ],
        responses={200: TermOutputSerializer(many=True), 400: INVALID},
    )
    def list(self, request):
        filters = TermFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.term_api_list(**filters.validated_data))
        return self.get_paginated_response(TermOutputSerializer(page, many=True, context=self._context()).data)

    @extend_schema(summary="Get an ambassador term", responses={200: TermOutputSerializer, 404: NOT_FOUND})
    def retrieve(self, request, pk):
        return Response(TermOutputSerializer(selectors.term_api_detail(pk=pk), context=self._context()).data)
