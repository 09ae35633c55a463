"""The foundation's "done when", end to end in a browser, plus the portal and the executive home.

1. A program manager signs in and searches the people directory; an admin creates an API token in the
   console and sees it once; 10,000 people are pushed through the bulk API with it; the people and
   the audit entries show in the console; a user of the other organization sees none of it (404).
2. An ambassador signs in and lands in the portal.
3. An executive signs in and lands on the dashboard home.
"""

import re

import pytest
import requests

from tests.browser.support import skip_without_chromium

skip_without_chromium()
from playwright.sync_api import expect  # noqa: E402

from xmhub.core.demo.generators import build_directory  # noqa: E402
from xmhub.core.demo.logins import demo_login  # noqa: E402
from xmhub.core.demo.seed import demo_directory  # noqa: E402
from xmhub.core.demo.specs import BANK  # noqa: E402
from xmhub.directory.models import Person  # noqa: E402
from xmhub.tenancy.context import tenant_context  # noqa: E402
from xmhub.tenancy.models import Organization  # noqa: E402

pytestmark = pytest.mark.browser

PUSHED = 10_000


def _search_people(page, slug, text):
    page.goto(f"/o/{slug}/directory/")
    page.get_by_label("Search").fill(text)
    page.get_by_role("button", name="Search").click()
    return page.get_by_role("region", name="People")


def _hr_feed(people=PUSHED):
    """10,000 people of the bank's org units, as the HR system sends them (external ids HR000001…)."""
    return [
        p.as_payload()
        for p in build_directory(BANK, people=people, seed="browser-hr-feed", employee_prefix="HR").people
    ]


def test_the_foundation_journey(demo, sign_in, live_server):
    bank_people, login_people = demo_directory(BANK)
    executive = bank_people.person(login_people["executive"])

    # A program manager signs in and finds the executive in the directory.
    pm = sign_in(demo_login("demo-bank", "program_manager"))
    pm.get_by_role("link", name="People").first.click()
    expect(pm.get_by_role("heading", name="People", level=1)).to_be_visible()
    results = _search_people(pm, "demo-bank", executive.last_name)
    expect(results.get_by_role("link", name=executive.full_name).first).to_be_visible()

    # An admin creates an API token in the console and reads it, once.
    admin = sign_in(demo_login("demo-bank", "admin"))
    admin.goto("/o/demo-bank/settings/api-tokens/")
    admin.get_by_role("link", name="New token").click()
    admin.get_by_label("Name").fill("Workday people feed")
    admin.get_by_role("button", name="Create token").click()
    expect(admin.get_by_role("heading", name=re.compile("Workday people feed"))).to_be_visible()
    raw_token = admin.get_by_label("Your new token").input_value()
    assert raw_token.startswith("xmh_")
    admin.goto("/o/demo-bank/settings/api-tokens/")
    expect(admin.get_by_role("cell", name="Workday people feed", exact=True)).to_be_visible()
    assert raw_token not in admin.content()

    # The HR system pushes 10,000 people with it.
    feed = _hr_feed()
    response = requests.post(
        f"{live_server.url}/api/v1/people/bulk/",
        json=feed,
        timeout=120,
        headers={"Authorization": f"Bearer {raw_token}"},
    )
    assert response.status_code == 200, response.text[:1000]
    assert response.json() == {"created": PUSHED, "updated": 0, "unchanged": 0}
    bank = Organization.objects.get(slug="demo-bank")
    with tenant_context(bank):
        assert Person.objects.count() == BANK.people + PUSHED
        assert Person.objects.filter(external_id__startswith="HR").count() == PUSHED

    # The people are in the console, found by HR id and by name.
    pushed = feed[-1]
    results = _search_people(admin, "demo-bank", pushed["external_id"])
    expect(results.get_by_role("link", name=f"{pushed['first_name']} {pushed['last_name']}").first).to_be_visible()

    # The audit log names the token as the author of the new people.
    admin.goto("/o/demo-bank/audit/")
    events = admin.get_by_role("list", name=re.compile("Audit events"))
    expect(events.get_by_text("API token Workday people feed").first).to_be_visible()

    # A user of the other organization sees none of it.
    outsider = sign_in(demo_login("demo-retail", "admin"))
    for path in (
        "/o/demo-bank/",
        "/o/demo-bank/directory/",
        "/o/demo-bank/audit/",
        "/o/demo-bank/settings/api-tokens/",
    ):
        assert outsider.goto(path).status == 404, path
    results = _search_people(outsider, "demo-retail", pushed["external_id"])
    expect(results.get_by_role("link", name=f"{pushed['first_name']} {pushed['last_name']}")).to_have_count(0)
    outsider.goto("/o/demo-retail/audit/")
    expect(outsider.get_by_text("Workday people feed")).to_have_count(0)
    # Nor can the other organization's token reach the bank's people.
    with tenant_context(Organization.objects.get(slug="demo-retail")):
        assert not Person.objects.filter(external_id__startswith="HR").exists()


def test_an_ambassador_signs_in_to_the_portal(demo, sign_in):
    page = sign_in(demo_login("demo-bank", "ambassador"))
    expect(page.get_by_role("heading", name="Northwind Bank", level=1)).to_be_visible()
    expect(page.get_by_text("Your space")).to_be_visible()
    expect(page.get_by_text("Your ambassador journey")).to_be_visible()
    # The portal is not the console: no directory for an ambassador.
    expect(page.get_by_role("link", name="People")).to_have_count(0)
    assert page.goto("/o/demo-bank/directory/").status == 403


@pytest.mark.parametrize("slug,name", [("demo-bank", "Northwind Bank"), ("demo-retail", "Lakeside Outfitters")])
def test_an_executive_signs_in_to_the_dashboard(demo, sign_in, slug, name):
    page = sign_in(demo_login(slug, "executive"))
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.get_by_text("Executive overview")).to_be_visible()
    expect(page.get_by_text("Active people")).to_be_visible()
    expect(page.get_by_role("link", name="People").first).to_be_visible()
