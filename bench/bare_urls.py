"""``GET /bare/people/``: a plain ModelSerializer ListAPIView over ``directory_person`` (bench baseline).

Same rows, order, joins, page size and JSON fields as ``GET /api/v1/people/``; no auth, no tenancy. The
organization is a plain WHERE (XMHUB_BENCH_ORG_ID) so both list the same 100k rows.
"""

import os

from django.urls import path
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination

from xmhub.directory.models import Person


class BarePersonSerializer(serializers.ModelSerializer):
    manager = serializers.SlugRelatedField(slug_field="external_id", read_only=True)
    org_unit = serializers.SlugRelatedField(slug_field="external_id", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "external_id",
            "email",
            "first_name",
            "last_name",
            "title",
            "level",
            "status",
            "manager",
            "org_unit",
            "start_date",
            "end_date",
            "created_at",
            "updated_at",
        ]


class BarePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class BarePersonList(ListAPIView):
    serializer_class = BarePersonSerializer
    pagination_class = BarePagination
    authentication_classes = []
    permission_classes = []

    def get_queryset(self):
        return (
            Person.all_objects.filter(organization_id=int(os.environ["XMHUB_BENCH_ORG_ID"]))
            .select_related("manager", "org_unit")
            .order_by("last_name", "first_name", "id")
        )


urlpatterns = [path("bare/people/", BarePersonList.as_view())]
