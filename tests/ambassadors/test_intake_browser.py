"""The whole intake journey in headless Chromium, each step by its own user in their own browser:
program manager defines a program and role and opens an intake → an employee applies in the portal →
their manager approves from the emailed link (signed out) → the program manager scores and selects on the
panel → the candidate accepts → ticks an onboarding task off → the program manager sees the progress."""

import os
import re

import pytest
from django.core import mail

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, skip_without_chromium
from tests.factories import MembershipFactory, OrgUnitFactory, PersonFactory, UserFactory
from xmhub.accounts.roles import Role

skip_without_chromium()

SHOTS = os.environ.get("SHOTS_DIR")


@pytest.fixture
def pw(monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    monkeypatch.setattr("xmhub.notifications.tasks.email_notifications.delay", lambda **kwargs: None)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, live_server, user=None):
    from django.test import Client

    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return page


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_intake_journey_in_the_browser(pw, live_server, org):
    pm = UserFactory(email="pm@acme.test", name="Pat Manager")
    MembershipFactory(organization=org, user=pm, roles=[Role.PROGRAM_MANAGER])
    unit = OrgUnitFactory(organization=org, name="Retail")
    boss = PersonFactory(
        organization=org, first_name="Grace", last_name="Hopper", email="grace@acme.test", org_unit=unit
    )
    ada_user = UserFactory(email="ada@acme.test", name="Ada Lovelace")
    MembershipFactory(organization=org, user=ada_user, roles=[Role.AMBASSADOR])
    PersonFactory(
        organization=org,
        first_name="Ada",
        last_name="Lovelace",
        email="ada@acme.test",
        user=ada_user,
        org_unit=unit,
        manager=boss,
    )

    # 1. The program manager defines the program and the role, and opens an intake.
    page = _page(pw, live_server, pm)
    page.goto("/o/acme/ambassadors/programs/")
    page.click("text=New program")
    page.fill("#id_name", "XM Champions")
    page.click("main button[type=submit]")
    page.fill("#id_name", "XM Ambassador")
    page.fill("#id_purpose", "Carry the XM vision into every team.")
    page.fill("#id_time_share", "15")
    page.fill("#id_term_months", "12")
    page.click("main button[type=submit]")
    assert "6.0 hours a week" in page.content() and "Lunch-and-learns" in page.content()
    _shot(page, "role_detail")
    page.click("text=Open an intake")
    page.fill("#id_name", "Spring intake")
    from datetime import date, timedelta

    today = date.today()
    page.fill("#id_opens_on", today.isoformat())
    page.fill("#id_closes_on", (today + timedelta(days=14)).isoformat())
    page.fill("#id_term_starts_on", (today + timedelta(days=30)).isoformat())
    page.select_option("#id_seats-0-org_unit", label="Retail")
    page.fill("#id_seats-0-seats", "2")
    page.click("main button[type=submit]")
    assert "Spring intake" in page.locator("h1").inner_text()

    # 2. Ada applies in the portal.
    ada = _page(pw, live_server, ada_user)
    ada.goto("/o/acme/portal/apply/")
    ada.get_by_role("link", name="Apply", exact=True).click()
    ada.fill("#id_motivation", "I want to help my team act on what customers tell us.")
    ada.check("text=Lunch-and-learns")
    ada.click("main button[type=submit]")
    assert "Awaiting manager approval" in ada.content()

    # 3. Grace approves from the emailed link, signed out.
    link = re.search(r"http://\S+/links/manager-approval/\S+/", mail.outbox[-1].body).group(0)
    grace = _page(pw, live_server)
    grace.goto(link.replace("http://localhost:8000", live_server.url))
    grace.check("text=Approve the time commitment")
    grace.click("main button[type=submit]")
    assert "you approved" in grace.content()

    # 4. The program manager scores Ada (blind) and selects her on the panel.
    page.goto("/o/acme/ambassadors/intakes/")
    page.click("text=Spring intake")
    page.click("text=Review candidates")
    page.click("text=Ada Lovelace")
    for group in page.locator("main fieldset").all():
        group.locator("input[type=radio]").last.check()
    page.click("text=Submit review")
    assert "Review submitted" in page.content()
    page.goto(page.url.split("/applications/")[0] + "/intakes/")
    page.click("text=Panel")
    assert "100.0 %" in page.content()
    page.check("input[name=applications]")
    page.select_option("#id_decision", "select")
    page.click("text=Apply decision")
    assert "1 candidate selected. Each has been told." in page.content()
    _shot(page, "panel")

    # 5. Ada accepts and ticks her first onboarding task off.
    ada.goto("/o/acme/portal/offers/")
    ada.click("text=Accept")
    assert "Your onboarding" in ada.content()
    ada.locator("text=Mark done").first.click()
    assert "1 of 7 done" in ada.content()
    _shot(ada, "onboarding")

    # 6. The program manager sees the cohort's progress.
    page.goto("/o/acme/ambassadors/cohorts/")
    page.click("text=Spring intake")
    assert page.locator("progress").first.get_attribute("value") == "14"
    _shot(page, "cohort")
    for p in (page, ada, grace):
        assert not p.errors, p.errors
