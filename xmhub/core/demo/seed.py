"""Write a demo organization: org units, people, a user and membership per role. Idempotent.

Only missing rows are inserted (looked up by external id / email), in bulk and managers first, so a
second run writes nothing at all, and the audit trail records one statement per batch, not per row.
Everything runs in ``tenant_context(organization, actor="system:seed_demo")``: it works under the
row-level-security role as well as the owner role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from xmhub.accounts.models import Membership, User
from xmhub.accounts.services import membership_create, user_create
from xmhub.core.demo.ambassadors import demo_ambassadors_seed, summary
from xmhub.core.demo.generators import ACTIVE, INDIVIDUAL_CONTRIBUTOR, Directory, build_directory
from xmhub.core.demo.logins import DEMO_PASSWORD, ROLE_MAILBOXES, login_email
from xmhub.core.demo.specs import OrgSpec
from xmhub.directory.models import OrgUnit, Person
from xmhub.tenancy.context import tenant_context
from xmhub.tenancy.models import Organization

ACTOR = "system:seed_demo"
BATCH_SIZE = 2000


@dataclass
class SeedResult:
    organization: Organization
    created: dict[str, int] = field(default_factory=dict)


def demo_directory(spec: OrgSpec) -> tuple[Directory, dict[str, str]]:
    """The organization's directory with the demo logins' people picked: (directory, role -> external id).

    The executive heads the customer-experience unit; the program manager and the admin work in it;
    the ambassador is a front-line team member and the manager is that member's team lead; the viewer
    works in a back-office unit. Their email is their login email.
    """
    directory = build_directory(spec)
    people = directory.people

    def members(unit: str) -> list:
        return [
            p
            for p in people
            if p.org_unit == unit and p.level == INDIVIDUAL_CONTRIBUTOR and p.status == ACTIVE and p.manager is not None
        ]

    cx = members(spec.cx_unit)
    frontline = [p for p in members(spec.frontline_unit) if p.manager != directory.heads[spec.frontline_unit]]
    ambassador = frontline[0]
    picked = {
        "admin": (cx[1], "XM Platform Administrator"),
        "program_manager": (cx[0], "XM Program Manager"),
        "executive": (directory.person(directory.heads[spec.cx_unit]), None),
        "ambassador": (ambassador, None),
        "manager": (directory.person(ambassador.manager), None),
        "viewer": (members(spec.back_office_unit)[0], None),
    }
    assert picked.keys() == ROLE_MAILBOXES.keys()
    for role, (person, title) in picked.items():
        person.email = login_email(spec, role)
        if title:
            person.title = title
    return directory, {role: person.external_id for role, (person, _) in picked.items()}


def demo_organization_seed(*, spec: OrgSpec, password_hash: Callable[[], str] | None = None) -> SeedResult:
    """Create what is missing of ``spec``'s demo organization; change nothing that exists."""
    directory, login_people = demo_directory(spec)
    by_external_id = {p.external_id: p for p in directory.people}
    organization, org_created = Organization.objects.get_or_create(
        slug=spec.slug, defaults={"name": spec.name, "time_zone": spec.time_zone}
    )
    result = SeedResult(organization, {"organizations": int(org_created)})
    hash_once = password_hash or password_hasher()

    with tenant_context(organization, actor=ACTOR):
        # Users (global rows), through the accounts service: one per role, named after their person. The
        # service would hash the password once per user (a good part of a second each): hash it once instead.
        emails = {role: login_email(spec, role) for role in ROLE_MAILBOXES}
        users = {u.email: u for u in User.objects.filter(email__in=emails.values())}
        new_users = [
            user_create(email=email, password=None, name=by_external_id[login_people[role]].full_name)
            for role, email in emails.items()
            if email not in users
        ]
        if new_users:
            User.objects.filter(pk__in=[u.pk for u in new_users]).update(password=hash_once())
        users.update((u.email, u) for u in new_users)
        result.created["users"] = len(new_users)
        user_of_person = {login_people[role]: users[email].pk for role, email in emails.items()}

        # Org units, parents first.
        unit_ids = dict(OrgUnit.objects.values_list("external_id", "pk"))
        created = 0
        for depth in sorted({u.depth for u in directory.units}):
            batch = [
                OrgUnit(
                    external_id=u.external_id,
                    name=u.name,
                    kind=u.kind,
                    parent_id=unit_ids[u.parent] if u.parent else None,
                )
                for u in directory.units
                if u.depth == depth and u.external_id not in unit_ids
            ]
            for unit in OrgUnit.objects.bulk_create(batch):
                unit_ids[unit.external_id] = unit.pk
            created += len(batch)
        result.created["org_units"] = created

        # People, managers first.
        existing = {
            ext: (pk, user_id) for ext, pk, user_id in Person.objects.values_list("external_id", "pk", "user_id")
        }
        person_ids = {ext: pk for ext, (pk, _) in existing.items()}
        created = 0
        for depth in range(max(p.depth for p in directory.people) + 1):
            batch = [
                Person(
                    external_id=p.external_id,
                    email=p.email,
                    first_name=p.first_name,
                    last_name=p.last_name,
                    title=p.title,
                    level=p.level,
                    status=p.status,
                    start_date=p.start_date,
                    end_date=p.end_date,
                    manager_id=person_ids[p.manager] if p.manager else None,
                    org_unit_id=unit_ids[p.org_unit],
                    user_id=user_of_person.get(p.external_id),
                )
                for p in directory.people
                if p.depth == depth and p.external_id not in person_ids
            ]
            for person in Person.objects.bulk_create(batch, batch_size=BATCH_SIZE):
                person_ids[person.external_id] = person.pk
            created += len(batch)
        result.created["people"] = created
        # A login created after its person (an earlier, partial seed): link them, if the person is unlinked.
        for ext, user_id in user_of_person.items():
            if ext in existing and existing[ext][1] is None:
                Person.objects.filter(pk=existing[ext][0], user__isnull=True).update(user_id=user_id)

        # Memberships: one per login, with that role.
        members = set(Membership.objects.filter(user__in=users.values()).values_list("user_id", flat=True))
        created = 0
        for role, email in emails.items():
            if users[email].pk not in members:
                membership_create(organization=organization, user=users[email], roles=[role], actor=ACTOR)
                created += 1
        result.created["memberships"] = created
        result.created.update(summary(demo_ambassadors_seed(spec=spec, login_people=login_people)))
    return result


def password_hasher() -> Callable[[], str]:
    """Hash the demo password at most once (a password hash costs a good part of a second)."""
    cache: list[str] = []

    def hash_once() -> str:
        if not cache:
            cache.append(make_password(DEMO_PASSWORD))
        return cache[0]

    return hash_once
