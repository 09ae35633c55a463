from django.conf import settings
from django.db import models

from ambassadors.models.programs import ContributionOption
from ambassadors.models.terms import Term
from xmhub.directory.models import Person
from xmhub.tenancy.models import TenantModel


class Commitment(TenantModel):
    """Targets per period for a term, e.g. 2 activities and 8 hours a month."""

    class Period(models.TextChoices):
        MONTH = "month", "Month"
        QUARTER = "quarter", "Quarter"

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="commitments")
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.MONTH)
    activities_target = models.PositiveSmallIntegerField(default=2)
    hours_target = models.DecimalField(max_digits=5, decimal_places=1, default=8)
    effective_from = models.DateField()

    class Meta(TenantModel.Meta):
        ordering = ["-effective_from"]


class Activity(TenantModel):
    """A contribution an ambassador logged: what, when, hours, people reached, evidence."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="activities")
    contribution_option = models.ForeignKey(ContributionOption, on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    people_reached = models.PositiveIntegerField(default=0)
    description = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True)
    evidence_file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    attested_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["term", "occurred_on"], name="activity_term_date")]


class Award(TenantModel):
    """Formal recognition granted by the core team (an award, or a certificate issued as PDF)."""

    class Kind(models.TextChoices):
        AWARD = "award", "Award"
        CERTIFICATE = "certificate", "Certificate"

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.AWARD)
    title = models.CharField(max_length=200)
    citation = models.TextField(blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)


class Kudos(TenantModel):
    """Informal recognition: anyone can thank an ambassador."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="kudos")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)


class Milestone(TenantModel):
    """Granted automatically, once: first activity, 10 activities, 100 people reached, term completed."""

    class Key(models.TextChoices):
        FIRST_ACTIVITY = "first_activity", "First activity"
        TEN_ACTIVITIES = "ten_activities", "10 activities"
        HUNDRED_REACHED = "hundred_reached", "100 people reached"
        TERM_COMPLETED = "term_completed", "Term completed"

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="milestones")
    key = models.CharField(max_length=20, choices=Key.choices)
    achieved_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["term", "key"], name="milestone_once_per_term")]


class InputRequest(TenantModel):
    """The core team asks ambassadors (or alumni) a question, with a deadline."""

    class Audience(models.TextChoices):
        ACTIVE = "active", "Active ambassadors"
        ALUMNI = "alumni", "Alumni"
        BOTH = "both", "Ambassadors and alumni"

    title = models.CharField(max_length=200)
    question = models.TextField()
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.ACTIVE)
    deadline = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]


class InputResponse(TenantModel):
    request = models.ForeignKey(InputRequest, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    answer = models.TextField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["request", "person"], name="input_response_once")]


class SuccessStory(TenantModel):
    """An ambassador's success story or best practice; the core team approves and publishes it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Not published"

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        verbose_name_plural = "success stories"


class ExitFeedback(TenantModel):
    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="exit_feedback")
    rating = models.PositiveSmallIntegerField(help_text="1 (poor) to 5 (excellent)")
    highlights = models.TextField(blank=True)
    improvements = models.TextField(blank=True)
    would_recommend = models.BooleanField(default=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
