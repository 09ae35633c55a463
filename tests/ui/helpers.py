"""Shared helpers of the page tests: persona sets by role and a query counter."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

DIRECTORY_ALLOWED = ["admin_user", "program_manager", "executive", "viewer"]
DIRECTORY_DENIED = ["ambassador_user", "manager_user"]
ADMIN_ALLOWED = ["admin_user"]
ADMIN_DENIED = ["program_manager", "executive", "viewer", "ambassador_user", "manager_user"]


@contextmanager
def count_queries():
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
