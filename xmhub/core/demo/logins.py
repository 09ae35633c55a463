"""The demo logins: one user per role in each demo organization, all with the same known password.

``make run`` prints them (``logins_table()``); ``manage.py seed_demo`` creates them. Imports nothing from
Django, so it can be read before Django is set up.
"""

from __future__ import annotations

from typing import NamedTuple

from xmhub.core.demo.specs import DEMO_ORGS, OrgSpec

# Local demo data only: never used outside `manage.py seed_demo`.
DEMO_PASSWORD = "xmhub-demo-2025"  # noqa: S105

# Role value (xmhub.accounts.roles.Role) -> mailbox of the login, in the order they are printed.
ROLE_MAILBOXES = {
    "admin": "admin",
    "program_manager": "pm",
    "executive": "exec",
    "ambassador": "ambassador",
    "manager": "manager",
    "viewer": "viewer",
}


class DemoLogin(NamedTuple):
    org_slug: str
    role: str
    email: str
    password: str


def login_email(spec: OrgSpec, role: str) -> str:
    return f"{ROLE_MAILBOXES[role]}@{spec.email_domain}"


DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin(spec.slug, role, login_email(spec, role), DEMO_PASSWORD) for spec in DEMO_ORGS for role in ROLE_MAILBOXES
]


def demo_login(org_slug: str, role: str) -> DemoLogin:
    return next(login for login in DEMO_LOGINS if login.org_slug == org_slug and login.role == role)


def logins_table(logins: list[DemoLogin] | None = None) -> str:
    """The logins as a plain-text table (for a terminal)."""
    rows = [("organization", "role", "email", "password")]
    rows += [(f"/o/{login.org_slug}/", login.role, login.email, login.password) for login in logins or DEMO_LOGINS]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
