"""End-to-end tests in headless Chromium (Debian's /usr/bin/chromium; never a downloaded browser).

Each test module skips itself when that browser or Playwright is absent (``support.skip_without_chromium``).
The app runs under pytest-django's ``live_server`` (transactional database); the demo organizations
come from ``manage.py seed_demo``.
"""

import os
import re

import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. While Playwright's sync API runs, an event loop is set in this
    thread, so Django would refuse the (plain synchronous) ORM calls of the tests and fixtures: allow
    them for exactly that time, and stop Playwright before the next module."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """``new_page()`` → a page in a fresh browser context (its own cookies: one signed-in user each)."""
    contexts = []

    def _new_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo organizations and logins (manage.py seed_demo)."""
    from django.core.management import call_command

    call_command("seed_demo", "--no-logins", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def sign_in(new_page):
    """``sign_in(login)`` → a page signed in through the login form as a DemoLogin."""
    from playwright.sync_api import expect

    def _sign_in(login):
        page = new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(login.email)
        page.get_by_label("Password").fill(login.password)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(re.compile(rf"/o/{re.escape(login.org_slug)}/$"))
        return page

    return _sign_in
