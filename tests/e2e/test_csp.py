"""The Content Security Policy in a real browser (docs/security.md, Web 加固): staff pages and the public
portal load, and their scripts run, without a single violation reported."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_browser import log_in

pytestmark = pytest.mark.e2e

# Injected by the browser itself, not by a page: the policy does not apply to it.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


@pytest.fixture
def watched(page: Page):
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(WATCH)
    return page, console


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def test_staff_pages_pass_the_policy(watched, officer, live_server):
    page, console = watched
    log_in(page, "east_officer")
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    seen = {"/": violations(page)}
    for path in ["/cases/", "/accounts/tokens/"]:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)
    assert seen == {path: [] for path in seen} and console == []


def test_the_public_portal_passes_the_policy(watched):
    page, console = watched
    for path in ["/gs/", "/gs/complaints/"]:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    assert console == []
