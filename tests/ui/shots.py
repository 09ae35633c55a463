"""Screenshots of the key pages, for design review (not part of the suite: run it by path).

    XMHUB_TEST_DB=test_xmhub_ui .venv/bin/python -m pytest tests/ui/shots.py -p no:xdist -s
Writes PNGs to $SHOTS_DIR (default /tmp/xmhub-shots). Needs Chromium (/usr/bin/chromium).
"""

import os
import random
from pathlib import Path

import pytest

from tests.factories import (
    ApiTokenFactory,
    MembershipFactory,
    OrganizationFactory,
    OrgUnitFactory,
    PersonFactory,
    UserFactory,
)
from xmhub.accounts.roles import Role
from xmhub.directory.models import Person
from xmhub.tenancy.context import tenant_context

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/xmhub-shots"))


def _seed(org, admin):
    random.seed(4)
    with tenant_context(org, actor=f"user:{admin.pk}", actor_label=admin.email):
        root = OrgUnitFactory(name="Retail Banking", external_id="BU-RB")
        units = [root]
        for name, kind in [
            ("Customer Service", "function"),
            ("Branches North", "region"),
            ("Branches South", "region"),
            ("Mortgages", "product_line"),
        ]:
            units.append(OrgUnitFactory(name=name, parent=root, kind=kind))
        wealth = OrgUnitFactory(name="Wealth Management", external_id="BU-WM")
        units += [wealth, OrgUnitFactory(name="Private Banking", parent=wealth, kind="function")]
        leaders = [PersonFactory(org_unit=u, level=Person.Level.SENIOR_LEADER) for u in units[:2]]
        levels = [Person.Level.INDIVIDUAL_CONTRIBUTOR] * 4 + [Person.Level.MIDDLE_MANAGER]
        for _ in range(64):
            PersonFactory(
                org_unit=random.choice(units),
                manager=random.choice(leaders),
                level=random.choice(levels),
                status=random.choice(["active"] * 8 + ["on_leave", "left"]),
            )
        ada = PersonFactory(
            first_name="Ada",
            last_name="Lovelace",
            title="Head of Customer Experience",
            org_unit=units[1],
            manager=leaders[0],
            level=Person.Level.MIDDLE_MANAGER,
        )
        for p in Person.objects.all()[:5]:
            p.manager = ada
            p.save()
        ada.title = "VP Customer Experience"
        ada.status = "active"
        ada.save()
        ApiTokenFactory(name="Workday people sync", prefix="xmh_Q3fk9a2L", created_by=admin)
        return ada, root


@pytest.mark.django_db(transaction=True)
def test_screenshots(live_server, org):
    from playwright.sync_api import sync_playwright

    admin = UserFactory(email="grace@acme.test", name="Grace Hopper")
    MembershipFactory(organization=org, user=admin, roles=[Role.ADMIN])
    MembershipFactory(
        organization=OrganizationFactory(name="Globex Retail", slug="globex"), user=admin, roles=[Role.VIEWER]
    )
    amb = UserFactory(email="amb@acme.test", name="Alan Turing")
    MembershipFactory(organization=org, user=amb, roles=[Role.AMBASSADOR])
    ada, root = _seed(org, admin)
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "org_home": "/o/acme/",
        "people": "/o/acme/directory/",
        "people_search": "/o/acme/directory/?q=zzzz",
        "person": f"/o/acme/directory/people/{ada.pk}/",
        "orgunits": "/o/acme/directory/org-units/",
        "orgunit": f"/o/acme/directory/org-units/{root.pk}/",
        "tokens": "/o/acme/settings/api-tokens/",
        "token_new": "/o/acme/settings/api-tokens/new/",
        "audit": "/o/acme/audit/",
        "audit_record": f"/o/acme/audit/directory_person/{ada.pk}/",
        "audit_filtered": "/o/acme/audit/?action=update",
        "home": "/",
    }
    from django.test import Client

    cookies = {}
    for user in (admin, amb):
        c = Client()
        c.force_login(user)
        cookies[user.pk] = c.cookies["sessionid"].value
    admin_cookie, amb_cookie = cookies[admin.pk], cookies[amb.pk]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for who, cookie, todo in [("admin", admin_cookie, pages), ("amb", amb_cookie, {"portal": "/o/acme/"})]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            page = context.new_page()
            errors = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            for name, path in todo.items():
                page.goto(live_server.url + path)
                page.screenshot(path=str(SHOTS / f"{who}_{name}.png"), full_page=name not in {"people", "audit"})
            if "people" in todo:
                page.goto(live_server.url + "/o/acme/directory/")
                page.fill("#id_q", "Ada")
                page.wait_for_timeout(900)
                page.screenshot(path=str(SHOTS / "admin_people_live.png"))
                assert "Lovelace" in page.content()
                page.goto(live_server.url + "/o/acme/")
                page.click("summary[aria-label^='Switch organization']")
                page.screenshot(path=str(SHOTS / "admin_switcher.png"))
                page.goto(live_server.url + "/o/acme/settings/api-tokens/new/")
                page.fill("#id_name", "Test feed")
                page.click("main button[type=submit]")
                page.screenshot(path=str(SHOTS / "admin_token_created.png"), full_page=True)
                page.set_viewport_size({"width": 390, "height": 844})
                page.goto(live_server.url + "/o/acme/directory/")
                page.screenshot(path=str(SHOTS / "admin_mobile_people.png"))
                page.click("[data-nav-toggle]")
                page.screenshot(path=str(SHOTS / "admin_mobile_nav.png"))
            context.close()
            assert not errors, errors
        browser.close()
