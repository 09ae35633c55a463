from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from xmhub.tenancy.models import TenantModel


class Program(TenantModel):
    """An ambassador program. An organization may run several, for employees or customers."""

    class Audience(models.TextChoices):
        EMPLOYEE = "employee", "Employees"
        CUSTOMER = "customer", "Customers"

    name = models.CharField(max_length=200)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EMPLOYEE)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["name"]

    def __str__(self):
        return self.name


class AmbassadorRole(TenantModel):
    """What an ambassador is asked to do, for how long and how much of their time."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=200)
    purpose = models.TextField()
    responsibilities = models.TextField(blank=True)
    time_share = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="Percent of working time."
    )
    term_months = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(60)])
    ideal_characteristics = models.TextField(blank=True)
    skills = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["program__name", "name"]

    def __str__(self):
        return self.name


class ContributionOption(TenantModel):
    """One way to contribute (lunch-and-learns, gathering input from peers, podcasting…): one size does
    not fit all, so a role offers a menu."""

    role = models.ForeignKey(AmbassadorRole, on_delete=models.CASCADE, related_name="contribution_options")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta(TenantModel.Meta):
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["role", "name"], name="contribution_option_unique_name")]

    def __str__(self):
        return self.name


class SelectionCriterion(TenantModel):
    """A measurable, repeatable selection criterion with a weight, a scale and guidance per score."""

    role = models.ForeignKey(AmbassadorRole, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(100)])
    scale_max = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(2), MaxValueValidator(10)])
    guidance = models.JSONField(default=dict, blank=True, help_text='{"1": "No evidence", …, "5": "…"}')
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(TenantModel.Meta):
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["role", "name"], name="criterion_unique_name")]

    def __str__(self):
        return self.name
