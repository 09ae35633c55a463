"""The roles a user can hold in an organization. Permission checks live in xmhub.accounts.permissions."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    PROGRAM_MANAGER = "program_manager", "Program manager"
    EXECUTIVE = "executive", "Executive"
    AMBASSADOR = "ambassador", "Ambassador"
    MANAGER = "manager", "Manager"
    VIEWER = "viewer", "Viewer"


# What each capability needs. An admin can do everything.
CONSOLE = {Role.ADMIN, Role.PROGRAM_MANAGER}
DIRECTORY = {Role.ADMIN, Role.PROGRAM_MANAGER, Role.EXECUTIVE, Role.VIEWER}
DASHBOARD = {Role.ADMIN, Role.PROGRAM_MANAGER, Role.EXECUTIVE, Role.VIEWER}
ADMINISTER = {Role.ADMIN}
