from django.conf import settings
from django.db import models

from ambassadors.models.programs import AmbassadorRole
from xmhub.directory.models import Person
from xmhub.tenancy.models import TenantModel


class Cohort(TenantModel):
    """Ambassadors who start together, with a kick-off event."""

    intake = models.OneToOneField(
        "ambassadors.Intake", null=True, blank=True, on_delete=models.SET_NULL, related_name="cohort"
    )
    name = models.CharField(max_length=200)
    kickoff_at = models.DateTimeField(null=True, blank=True)
    kickoff_location = models.CharField(max_length=200, blank=True)
    kickoff_link = models.URLField(blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-kickoff_at"]

    def __str__(self):
        return self.name


class OnboardingTemplateTask(TenantModel):
    """A task of a role's onboarding plan, due a number of days after the term starts."""

    class Category(models.TextChoices):
        FUNDAMENTALS = "fundamentals", "Program fundamentals and XM vision"
        SKILLS = "skills", "Skills"
        TOOLS = "tools", "Tools"
        COACHING = "coaching", "Coaching"

    role = models.ForeignKey(AmbassadorRole, on_delete=models.CASCADE, related_name="onboarding_template")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.FUNDAMENTALS)
    due_after_days = models.PositiveSmallIntegerField(default=14)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(TenantModel.Meta):
        ordering = ["position", "due_after_days"]


class OnboardingTask(TenantModel):
    term = models.ForeignKey("ambassadors.Term", on_delete=models.CASCADE, related_name="onboarding_tasks")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=OnboardingTemplateTask.Category.choices)
    due_on = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(TenantModel.Meta):
        ordering = ["due_on", "position"]
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(completed_at__isnull=True), name="onboarding_task_open_by_due"
            )
        ]


class Coach(TenantModel):
    """A core-team member who coaches ambassadors 1:1, up to a capacity."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="coach_profile")
    capacity = models.PositiveSmallIntegerField(default=8)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return str(self.person)


class CoachingSession(TenantModel):
    term = models.ForeignKey("ambassadors.Term", on_delete=models.CASCADE, related_name="coaching_sessions")
    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="sessions")
    scheduled_at = models.DateTimeField()
    notes = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["scheduled_at"]


class OfficeHourSlot(TenantModel):
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(default=1)

    class Meta(TenantModel.Meta):
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_times_ordered"),
        ]


class OfficeHourBooking(TenantModel):
    slot = models.ForeignKey(OfficeHourSlot, on_delete=models.CASCADE, related_name="bookings")
    term = models.ForeignKey("ambassadors.Term", on_delete=models.CASCADE, related_name="office_hour_bookings")
    topic = models.CharField(max_length=200, blank=True)
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "term"], condition=models.Q(cancelled_at__isnull=True), name="booking_one_per_slot"
            ),
        ]


class HelpRequest(TenantModel):
    """A request for specialised help, e.g. data analysis support."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"

    term = models.ForeignKey("ambassadors.Term", on_delete=models.CASCADE, related_name="help_requests")
    subject = models.CharField(max_length=200)
    description = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
