"""The console navigation: which entries a member sees, by role, in one place.

Later apps add their entries to ``SECTIONS`` (an entry whose URL name does not resolve yet is left
out, so a half-built app never shows a dead link). Roles come from ``xmhub.accounts.roles``; an
admin sees everything (``Membership.has_role``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from xmhub.accounts import roles
from xmhub.accounts.roles import Role


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    icon: str
    roles: frozenset = field(default_factory=frozenset)  # empty: every member
    # URL names (or "namespace:" prefixes) that mark this entry as the current one
    matches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    label: str
    entries: tuple[Entry, ...]


SECTIONS: list[Section] = [
    Section("Overview", (Entry("Home", "org_home", "home", matches=("org_home",)),)),
    Section(
        "Directory",
        (
            Entry(
                "People", "directory:person_list", "people", frozenset(roles.DIRECTORY), matches=("directory:person_",)
            ),
            Entry(
                "Org units",
                "directory:orgunit_list",
                "tree",
                frozenset(roles.DIRECTORY),
                matches=("directory:orgunit_",),
            ),
        ),
    ),
    Section(
        "Ambassadors",
        (
            Entry(
                "Programs",
                "ambassadors:program_list",
                "star",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:program_", "ambassadors:role_"),
            ),
            Entry(
                "Intakes",
                "ambassadors:intake_list",
                "calendar",
                frozenset(roles.CONSOLE),
                matches=(
                    "ambassadors:intake_",
                    "ambassadors:panel",
                    "ambassadors:review_",
                    "ambassadors:reviewer_",
                    "ambassadors:my_reviews",
                ),
            ),
            Entry(
                "Cohorts",
                "ambassadors:cohort_list",
                "people",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:cohort_",),
            ),
            Entry(
                "Terms",
                "ambassadors:term_list",
                "calendar",
                frozenset(roles.CONSOLE),
                matches=(
                    "ambassadors:term_list",
                    "ambassadors:term_detail",
                    "ambassadors:term_pause",
                    "ambassadors:term_resume",
                    "ambassadors:term_end",
                    "ambassadors:term_renew",
                    "ambassadors:term_commitment",
                    "ambassadors:term_coach",
                ),
            ),
            Entry(
                "Coaches",
                "ambassadors:coach_load",
                "members",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:coach_",),
            ),
            Entry(
                "Recognition",
                "ambassadors:recognition",
                "star",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:recognition", "ambassadors:term_recognition", "ambassadors:award_"),
            ),
            Entry(
                "Stories", "ambassadors:story_review", "book", frozenset(roles.CONSOLE), matches=("ambassadors:story_",)
            ),
            Entry(
                "Input requests",
                "ambassadors:input_request_list",
                "mail",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:input_request_",),
            ),
            Entry(
                "Alumni",
                "ambassadors:alumni_directory",
                "people",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:alumni_", "ambassadors:exit_feedback_summary"),
            ),
            Entry(
                "Office hours",
                "ambassadors:office_hours",
                "calendar",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:office_hour", "ambassadors:coaching_"),
            ),
            Entry(
                "Help requests",
                "ambassadors:help_request_list",
                "mail",
                frozenset(roles.CONSOLE),
                matches=("ambassadors:help_request_",),
            ),
        ),
    ),
    Section(
        "Take part",
        (
            Entry(
                "My term",
                "portal:my_term",
                "home",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:my_term", "portal:term_detail", "portal:activity_log"),
            ),
            Entry(
                "Attest activities",
                "portal:attestations",
                "shield",
                frozenset({Role.MANAGER}),
                matches=("portal:attest",),
            ),
            Entry(
                "Become an ambassador",
                "portal:apply_list",
                "star",
                frozenset({Role.AMBASSADOR, Role.MANAGER}),
                matches=(
                    "portal:apply",
                    "portal:apply_",
                    "portal:nominate",
                    "portal:refer",
                    "portal:offer_",
                    "portal:offers",
                ),
            ),
            Entry(
                "Onboarding",
                "portal:onboarding",
                "book",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:onboarding", "portal:task_", "portal:kickoff_"),
            ),
            Entry(
                "Recognition",
                "portal:recognition",
                "star",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:recognition", "portal:award_", "portal:term_certificate", "portal:exit_feedback"),
            ),
            Entry(
                "Stories",
                "portal:stories",
                "book",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:stories", "portal:story_"),
            ),
            Entry(
                "Input requests",
                "portal:input_requests",
                "mail",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:input_requests", "portal:input_request_"),
            ),
            Entry(
                "Alumni",
                "portal:alumni",
                "people",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:alumni", "portal:alumni_"),
            ),
            Entry(
                "Support",
                "portal:support",
                "members",
                frozenset({Role.AMBASSADOR}),
                matches=("portal:support", "portal:office_hour_", "portal:coaching_", "portal:help_request_"),
            ),
            # Ambassadors send kudos from their Recognition and Stories pages (the portal tabs are full).
            Entry(
                "Send kudos",
                "portal:kudos",
                "star",
                frozenset({Role.EXECUTIVE, Role.MANAGER, Role.VIEWER, Role.PROGRAM_MANAGER}),
                matches=("portal:kudos",),
            ),
        ),
    ),
    Section(
        "Administration",
        (
            Entry(
                "Members", "accounts:member_list", "members", frozenset(roles.ADMINISTER), matches=("accounts:member",)
            ),
            Entry(
                "Invitations",
                "accounts:invitation_list",
                "mail",
                frozenset(roles.ADMINISTER),
                matches=("accounts:invitation",),
            ),
            Entry("API tokens", "apikeys:list", "key", frozenset(roles.ADMINISTER), matches=("apikeys:",)),
            Entry("Audit log", "audit:list", "history", frozenset(roles.ADMINISTER), matches=("audit:",)),
            Entry("Settings", "tenancy:settings", "settings", frozenset(roles.ADMINISTER), matches=("tenancy:",)),
        ),
    ),
]


@dataclass
class NavItem:
    label: str
    url: str
    icon: str
    current: bool


def _visible(entry: Entry, membership) -> bool:
    return not entry.roles or membership.has_role(*entry.roles)


def _is_current(entry: Entry, view_name: str) -> bool:
    return any(view_name == m or (m.endswith((":", "_")) and view_name.startswith(m)) for m in entry.matches)


def navigation_for(request) -> list[tuple[str, list[NavItem]]]:
    """[(section label, [NavItem, ...]), ...] for the current member; empty outside an organization."""
    membership = getattr(request, "membership", None)
    organization = getattr(request, "organization", None)
    if membership is None or organization is None:
        return []
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    sections = []
    for section in SECTIONS:
        items = []
        for entry in section.entries:
            if not _visible(entry, membership):
                continue
            try:
                url = reverse(entry.url_name, kwargs={"org_slug": organization.slug})
            except NoReverseMatch:
                continue
            items.append(NavItem(entry.label, url, entry.icon, _is_current(entry, view_name)))
        if items:
            sections.append((section.label, items))
    return sections


def audience_for(membership) -> str:
    """Which of the three browser audiences a member mostly is: console, dashboard or portal."""
    if membership is None:
        return "console"
    if membership.has_role(*roles.CONSOLE):
        return "console"
    if membership.has_role(Role.EXECUTIVE):
        return "dashboard"
    if membership.has_role(Role.AMBASSADOR, Role.MANAGER):
        return "portal"
    return "console"


LAYOUTS = {
    "console": "layouts/console.html",
    "dashboard": "layouts/dashboard.html",
    "portal": "layouts/portal.html",
}

# Organization-home widgets of later apps: (template name, roles that see it; empty = every member).
HOME_WIDGETS: list[tuple[str, frozenset]] = []


def home_widgets_for(membership) -> list[str]:
    return [template for template, needed in HOME_WIDGETS if not needed or membership.has_role(*needed)]
