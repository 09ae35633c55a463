from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "xmhub.audit"
    label = "audit"
    verbose_name = "Audit trail"
