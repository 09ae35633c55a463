#!/usr/bin/env python
"""Django's command-line utility for XM Hub."""

import os
import sys

# Commands that create or change the schema, or load data for every organization, keep the
# database owner role; everything else (web, workers, shell) runs as the row-level-security role.
OWNER_COMMANDS = {
    "migrate",
    "makemigrations",
    "sqlmigrate",
    "showmigrations",
    "flush",
    "sqlflush",
    "dbshell",
    "createorg",
    "createtoken",
    "seed_demo",
    "createsuperuser",
    "changepassword",
    "check",
}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xmhub.settings.local")
    if len(sys.argv) > 1 and sys.argv[1] in OWNER_COMMANDS:
        os.environ["XMHUB_DB_OWNER"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
