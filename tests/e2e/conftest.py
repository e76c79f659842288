"""Browser fixtures: one headless Debian Chromium for the session, a fresh context and page per test.

The tests talk to pytest-django's `live_server`, which runs in another thread, so every e2e test uses
`transactional_db`: data must be committed for the server thread to see it.
"""

import os
from pathlib import Path

import pytest

from tests.cases.conftest import catalogue, handler_user, leader, officers  # noqa: F401  (case pages)

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    """One Chromium for all e2e tests: starting it is the slow part, contexts are cheap."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found; install Debian's chromium package to run the e2e tests"
        if os.environ.get("CI") == "true":
            # A skip would turn green in CI without testing anything.
            pytest.fail(f"{reason} (CI=true: e2e tests must not be skipped)", pytrace=False)
        pytest.skip(reason)

    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp:
        # Playwright's sync API leaves an asyncio loop running in this thread; Django would then refuse
        # ORM calls from the tests (SynchronousOnlyOperation). Allowed only while the browser lives.
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
            yield browser
            browser.close()


@pytest.fixture(autouse=True)
def _committed_data(transactional_db):
    """The live server runs in another thread: test data must be committed for it to see."""


@pytest.fixture
def context(browser, live_server):
    """A fresh context per test: no cookies (so no session) leak from one test to the next."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
