from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "xmhub.directory"
    label = "directory"
    verbose_name = "People and org units"
