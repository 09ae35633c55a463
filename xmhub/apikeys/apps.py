from django.apps import AppConfig


class ApiKeysConfig(AppConfig):
    name = "xmhub.apikeys"
    label = "apikeys"
    verbose_name = "API tokens"

    def ready(self):
        from xmhub.apikeys import schema  # noqa: F401  (registers the OpenAPI auth extension)
