from django.db import models

from xmhub.tenancy.models import TenantModel


class SyncHealthReport(TenantModel):
    """One organization's people-sync health on one day (its local date), computed from the directory.

    Written by the nightly ``directory.check_people_sync`` task; running it again the same day updates the
    day's row. Read with ``xmhub.core.selectors.latest_sync_report()``.
    """

    date = models.DateField()
    total_people = models.PositiveIntegerField(default=0)
    active_people = models.PositiveIntegerField(default=0)
    people_without_org_unit = models.PositiveIntegerField(
        default=0, help_text="People who have not left and belong to no org unit."
    )
    people_with_departed_manager = models.PositiveIntegerField(
        default=0, help_text="People who have not left whose manager has left."
    )
    last_change_at = models.DateTimeField(
        null=True, blank=True, help_text="Latest change of a person or org unit (max updated_at)."
    )
    stale_after_days = models.PositiveSmallIntegerField(
        help_text="The feed counts as stale after this many days with no change (PEOPLE_SYNC_STALE_DAYS)."
    )
    is_stale = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="synchealthreport_unique_day"),
        ]

    def __str__(self):
        return f"People sync health {self.date}"

    @property
    def has_issues(self) -> bool:
        return self.is_stale or bool(self.people_without_org_unit or self.people_with_departed_manager)
