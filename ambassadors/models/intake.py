from django.conf import settings
from django.db import models

from ambassadors.models.programs import AmbassadorRole, ContributionOption, SelectionCriterion
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.models import TenantModel


class Intake(TenantModel):
    """A recruitment round for one role, open between two dates, with seats per org unit."""

    role = models.ForeignKey(AmbassadorRole, on_delete=models.PROTECT, related_name="intakes")
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    term_starts_on = models.DateField(help_text="Start of the terms of the ambassadors selected in this intake.")
    selection_completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="intake_dates_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on and self.selection_completed_at is None


class IntakeSeat(TenantModel):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="seats")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField()

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["intake", "org_unit"], name="intake_seat_unique_unit")]


class IntakeReviewer(TenantModel):
    """Someone who scores the candidates of an intake: the core team, and alumni where invited."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["intake", "user"], name="intake_reviewer_unique_user")]


class Application(TenantModel):
    """A candidate in an intake, by self-application, manager nomination or referral."""

    class Source(models.TextChoices):
        SELF = "self", "Self-application"
        MANAGER = "manager", "Manager nomination"
        PEER = "peer", "Peer referral"
        ALUMNI = "alumni", "Alumni referral"

    class Status(models.TextChoices):
        AWAITING_MANAGER = "awaiting_manager", "Awaiting manager approval"
        MANAGER_DECLINED = "manager_declined", "Manager declined"
        IN_REVIEW = "in_review", "In review"
        SELECTED = "selected", "Selected"
        WAITLISTED = "waitlisted", "Waitlisted"
        DECLINED = "declined", "Not selected"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Declined by candidate"

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ambassador_applications")
    source = models.CharField(max_length=10, choices=Source.choices)
    referred_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    motivation = models.TextField(blank=True)
    contribution_options = models.ManyToManyField(
        ContributionOption, blank=True, related_name="+", through="ApplicationOption"
    )
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    manager = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The manager asked to approve the time commitment.",
    )
    manager_decided_at = models.DateTimeField(null=True, blank=True)
    manager_note = models.TextField(blank=True)
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["intake", "person"], name="application_unique_person")]

    def __str__(self):
        return f"{self.person} → {self.intake}"


class ApplicationOption(TenantModel):
    """A contribution option a candidate chose (an explicit join table so it carries the organization)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(ContributionOption, on_delete=models.CASCADE, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["application", "option"], name="application_option_unique")]


class Review(TenantModel):
    """One reviewer's scores for one application. Blind: others' scores show only once submitted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_unique_reviewer")]


class ReviewScore(TenantModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(SelectionCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique_criterion")]
