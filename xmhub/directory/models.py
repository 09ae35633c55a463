from django.conf import settings
from django.db import models
from django.urls import reverse

from xmhub.tenancy.models import TenantModel


class OrgUnit(TenantModel):
    """A line of business: business unit, function, region or product line. A tree."""

    class Kind(models.TextChoices):
        BUSINESS_UNIT = "business_unit", "Business unit"
        FUNCTION = "function", "Function"
        REGION = "region", "Region"
        PRODUCT_LINE = "product_line", "Product line"

    external_id = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BUSINESS_UNIT)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta(TenantModel.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "external_id"], name="orgunit_unique_external_id"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:orgunit_detail", kwargs={"org_slug": self.org_slug, "pk": self.pk})


class Person(TenantModel):
    """An employee, synced from HR. A person need not have a login."""

    class Level(models.TextChoices):
        SENIOR_LEADER = "senior_leader", "Senior leader"
        MIDDLE_MANAGER = "middle_manager", "Middle manager"
        INDIVIDUAL_CONTRIBUTOR = "individual_contributor", "Individual contributor"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ON_LEAVE = "on_leave", "On leave"
        LEFT = "left", "Left"

    external_id = models.CharField(max_length=64)
    email = models.EmailField()
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    title = models.CharField(max_length=200, blank=True)
    level = models.CharField(max_length=30, choices=Level.choices, default=Level.INDIVIDUAL_CONTRIBUTOR)
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    org_unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "external_id"], name="person_unique_external_id"),
            models.UniqueConstraint(
                fields=["organization", "user"], condition=models.Q(user__isnull=False), name="person_unique_user"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "updated_at"], name="person_org_updated"),
            models.Index(fields=["organization", "org_unit"], name="person_org_unit"),
            models.Index(fields=["organization", "last_name", "first_name"], name="person_org_name"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self):
        return reverse("directory:person_detail", kwargs={"org_slug": self.org_slug, "pk": self.pk})
