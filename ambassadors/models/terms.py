from django.db import models

from ambassadors.models.programs import AmbassadorRole, ContributionOption
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.models import TenantModel


class Term(TenantModel):
    """An ambassador's term: active, paused, or ended (the person then counts as alumni)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        ENDED = "ended", "Ended"

    class EndReason(models.TextChoices):
        COMPLETED = "completed", "Term completed"
        LEFT_ORGANIZATION = "left_organization", "Left the organization"
        STEPPED_DOWN = "stepped_down", "Stepped down"
        RENEWED = "renewed", "Renewed"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ambassador_terms")
    role = models.ForeignKey(AmbassadorRole, on_delete=models.PROTECT, related_name="terms")
    application = models.ForeignKey(
        "ambassadors.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cohort = models.ForeignKey(
        "ambassadors.Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="terms"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The org unit this ambassador represents.",
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    time_share = models.PositiveSmallIntegerField(help_text="Percent of working time.")
    contribution_options = models.ManyToManyField(
        ContributionOption, blank=True, related_name="+", through="TermOption"
    )
    coach = models.ForeignKey(
        "ambassadors.Coach", null=True, blank=True, on_delete=models.SET_NULL, related_name="terms"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    paused_reason = models.CharField(max_length=200, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    renewed_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="renewal"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="term_dates_ordered"),
            # At most one open (active or paused) term per person and role.
            models.UniqueConstraint(
                fields=["person", "role"], condition=~models.Q(status="ended"), name="term_one_open_per_person_role"
            ),
        ]
        indexes = [
            # The expiry sweep: open terms by end date.
            models.Index(fields=["ends_on"], condition=~models.Q(status="ended"), name="term_open_by_end"),
            models.Index(fields=["organization", "status"], name="term_org_status"),
        ]

    def __str__(self):
        return f"{self.person} ({self.starts_on:%b %Y}–{self.ends_on:%b %Y})"


class TermOption(TenantModel):
    """A contribution option chosen for a term (explicit join table so it carries the organization)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(ContributionOption, on_delete=models.CASCADE, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["term", "option"], name="term_option_unique")]


class AlumniProfile(TenantModel):
    """An alumnus' choices about staying involved."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="alumni_profile")
    opt_in_special_projects = models.BooleanField(default=True)
    opt_in_input_requests = models.BooleanField(default=True)
    opt_in_reviewing = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)


class AlumniUpdate(TenantModel):
    """A post in the alumni communication stream."""

    title = models.CharField(max_length=200)
    body = models.TextField()
    published_at = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["-published_at"]
