from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "xmhub.notifications"
    label = "notifications"
    verbose_name = "Notifications"
