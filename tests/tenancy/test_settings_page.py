"""The organization settings page (admins): validated fields, stored values, nothing written on errors."""

from decimal import Decimal

import pytest
from django.urls import reverse

from xmhub.core.errors import ApplicationError
from xmhub.tenancy.models import Organization
from xmhub.tenancy.services import organization_update

pytestmark = pytest.mark.django_db

URL = "/o/acme/settings/"
VALID = {
    "name": "Acme Bank Group",
    "time_zone": "Europe/Berlin",
    "fiscal_year_start_month": 4,
    "default_term_months": 18,
    "default_time_share": 20,
    "working_hours_per_week": "37.5",
    "require_mfa": "on",
}


def _stored(org):
    return Organization.objects.values(
        "name",
        "time_zone",
        "fiscal_year_start_month",
        "default_term_months",
        "default_time_share",
        "working_hours_per_week",
        "require_mfa",
    ).get(pk=org.pk)


def test_url_name(org):
    assert reverse("tenancy:settings", kwargs={"org_slug": "acme"}) == URL


def test_admin_sees_the_current_settings(login, org, admin_user):
    response = login(admin_user).get(URL)
    assert response.status_code == 200
    assert response.context["form"].initial["name"] == "Acme Bank"
    assert b"Europe/Berlin" in response.content


def test_admin_saves_every_setting(login, org, admin_user):
    response = login(admin_user).post(URL, VALID)
    assert response.status_code == 302
    assert _stored(org) == {
        "name": "Acme Bank Group",
        "time_zone": "Europe/Berlin",
        "fiscal_year_start_month": 4,
        "default_term_months": 18,
        "default_time_share": 20,
        "working_hours_per_week": Decimal("37.5"),
        "require_mfa": True,
    }


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", ""),
        ("time_zone", "Mars/Olympus_Mons"),
        ("fiscal_year_start_month", 13),
        ("default_term_months", 0),
        ("default_term_months", 61),
        ("default_time_share", 101),
        ("working_hours_per_week", "-1"),
        ("working_hours_per_week", "abc"),
    ],
)
def test_bad_input_shows_the_field_error_and_writes_nothing(login, org, admin_user, field, value):
    before = _stored(org)
    response = login(admin_user).post(URL, {**VALID, field: value})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert _stored(org) == before


def test_the_service_validates_on_its_own(org, admin_user):
    before = _stored(org)
    with pytest.raises(ApplicationError) as error:
        organization_update(actor=admin_user, organization=org, time_zone="Nowhere/City", default_time_share=0)
    assert set(error.value.errors) == {"time_zone", "default_time_share"}
    with pytest.raises(ApplicationError):
        organization_update(actor=admin_user, organization=org, slug="renamed")
    assert _stored(org) == before
