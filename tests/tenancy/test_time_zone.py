from datetime import UTC, datetime

import pytest
from django.urls import reverse

from ambassadors.models import Cohort
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def test_pages_show_times_in_the_organizations_time_zone(login, org, program_manager):
    with tenant_context(org):
        org.time_zone = "Asia/Tokyo"  # UTC+9, no daylight saving
        org.save()
        Cohort.objects.create(name="Spring cohort", kickoff_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC))

    response = login(program_manager).get(reverse("ambassadors:cohort_list", kwargs={"org_slug": org.slug}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 Mar 2026, 21:00" in html and "12:00" not in html
