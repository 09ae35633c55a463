from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from xmhub.tenancy.context import current_organization, require_organization_id
from xmhub.tenancy.managers import TenantManager

MONTHS = [
    (i, m)
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
]


class Organization(models.Model):
    """The tenant. Everything an organization owns carries its id."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    fiscal_year_start_month = models.PositiveSmallIntegerField(choices=MONTHS, default=1)
    default_term_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    default_time_share = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percent of working time an ambassador commits by default.",
    )
    working_hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, default=40)
    require_mfa = models.BooleanField(
        default=False, help_text="Members must set up two-factor authentication to open this organization."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org_home", kwargs={"org_slug": self.slug})

    def hours_per_week(self, time_share_percent) -> float:
        return round(float(self.working_hours_per_week) * float(time_share_percent) / 100, 1)


class TenantModel(models.Model):
    """Base of every tenant-owned model.

    ``objects`` is scoped to the current organization; PostgreSQL row-level security enforces the same
    rule below the ORM (see xmhub.tenancy.rls). ``all_objects`` is unscoped by the ORM but still
    under RLS; Django uses it for related-object access and cascades.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", editable=False)

    objects = TenantManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def org_slug(self) -> str:
        """The organization's slug for URLs, without a query when it is the current organization."""
        current = current_organization()
        if current is not None and current.pk == self.organization_id:
            return current.slug
        return self.organization.slug

    def save(self, *args, **kwargs):
        if self.organization_id is None:
            self.organization_id = require_organization_id()
        super().save(*args, **kwargs)
