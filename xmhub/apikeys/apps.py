from django.apps import AppConfig


class ApiKeysConfig(AppConfig):
    name = "xmhub.apikeys"
    label = "apikeys"
    verbose_name = "API tokens"
