from django.db import models

from xmhub.tenancy.models import Organization, TenantModel


class AuditEvent(TenantModel):
    """One insert, update or delete of a tenant row. Written only by database triggers
    (xmhub.audit.sql), so bulk writes, raw SQL and the ORM are all recorded alike."""

    class Action(models.TextChoices):
        INSERT = "insert", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"

    # No database constraint: the trail outlives rows, and cascaded deletes of an organization write
    # audit rows in the same statement that removes it.
    organization = models.ForeignKey(
        Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", editable=False
    )
    occurred_at = models.DateTimeField(db_default=models.functions.Now())
    table_name = models.CharField(max_length=100)
    row_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.CharField(max_length=200, blank=True, help_text='"user:12", "token:3", "task:…", "system:…"')
    actor_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)

    class Meta(TenantModel.Meta):
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-occurred_at", "-id"], name="audit_org_time"),
            models.Index(fields=["organization", "table_name", "row_id"], name="audit_org_row"),
        ]

    def __str__(self):
        return f"{self.action} {self.table_name}#{self.row_id}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field that differs."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [
            (k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k) and k not in IGNORED_FIELDS
        ]


IGNORED_FIELDS = {"updated_at", "last_used_at", "organization_id"}
