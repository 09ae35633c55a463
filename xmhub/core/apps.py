from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xmhub.core"
    label = "core"
    verbose_name = "XM Hub core"
