from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xmhub.accounts"
    label = "accounts"
    verbose_name = "Accounts and memberships"
