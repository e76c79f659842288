"""The layout promises of docs/architecture.md that a later change could silently break: no runtime module
imports the demo data, and the API's operation ids do not depend on where a handler's module lives."""

import os
import subprocess
import sys

import pytest

from tests import crawling
from zhifa.api import api

demo_site = crawling.demo_site

# Every zhifa module except the demo data itself and `python -m zhifa` (which would run the CLI); walked
# by hand, because pkgutil.walk_packages imports every package it passes, the skipped ones included.
IMPORT_ALL = """
import importlib, pkgutil, sys
import django
django.setup()
skipped = {"zhifa.demo", "zhifa.__main__"}
def walk(package):
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__, package + "."):
        if module.name not in skipped:
            importlib.import_module(module.name)
            if module.ispkg:
                walk(module.name)
walk("zhifa")
loaded = sorted(name for name in sys.modules if name == "zhifa.demo" or name.startswith("zhifa.demo."))
print(",".join(loaded))
"""


def test_no_runtime_module_imports_the_demo_data():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "zhifa.settings"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("path", "method", "operation_id"),
    [
        ("/api/cases/", "get", "zhifa_cases_api_list_cases"),
        ("/api/cases/{case_id}/uploads", "post", "zhifa_cases_api_evidence_upload_start"),
        ("/api/cases/{case_id}/documents", "post", "zhifa_cases_api_documents_document_generate"),
        ("/api/catalog/recommend", "post", "zhifa_catalog_api_recommend"),
        ("/api/review/{review_id}/opinion", "post", "zhifa_review_api_opinion"),
        ("/api/accounts/me", "get", "zhifa_accounts_api_me"),
        ("/api/health", "get", "zhifa_api_health"),
    ],
)
def test_operation_ids_name_the_app_and_the_handler(path, method, operation_id):
    assert api.get_openapi_schema()["paths"][path][method]["operationId"] == operation_id


def _card_tables() -> list[tuple[str, str]]:
    """(template, table) for every list table that becomes cards on a phone (class "cards")."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "src" / "zhifa"
    tables = []
    for template in sorted(root.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for table in re.findall(r'<table class="[^"]*\bcards\b[^"]*".*?</table>', text, flags=re.S):
            tables.append((str(template.relative_to(root)), table))
    return tables


def test_list_tables_on_a_phone_label_every_cell():
    """A table.cards row is shown as "label：value" lines under 600px (zhifa.css): a body cell without its
    data-label would show a bare value. Only the one "nothing found" cell spanning the row has none."""
    import re

    tables = _card_tables()
    assert {name for name, _ in tables} >= {"cases/templates/cases/case_list.html"}
    for name, table in tables:
        body = table.split("</thead>", 1)[-1]
        bare = [td for td in re.findall(r"<td(?![^>]*data-label)[^>]*>", body) if "colspan" not in td]
        assert bare == [], name


# ---- no page is wider than a phone ------------------------------------------------------------------


@pytest.mark.e2e
def test_no_page_is_wider_than_a_phone(demo_site, client, db):
    """Every page the crawl opens for the demo roles (tests/crawling.py; one address per URL name, the first
    role that reaches it), drawn by Chromium 390px wide with the console's stylesheets and scripts, is no
    wider than the screen: document.documentElement.scrollWidth <= window.innerWidth. A wide table must
    become cards or scroll inside its .table-wrap.

    The crawl renders the pages first; only then is Chromium started, given those pages and the static files
    (_Server, no live server), and stopped again before the test ends: while Playwright's event loop runs,
    Django would give this thread another database connection, one that cannot see the shared demo's open
    transaction. On SQLite only: the layout does not depend on the database, and the PostgreSQL run would
    pay the crawl a second time."""
    from django.db import connection
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS
    from tests.test_crawl import ROLE_USERS
    from zhifa.accounts.models import User

    if connection.vendor != "sqlite":
        pytest.skip("layout does not depend on the database: checked on SQLite only")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found")
    server = _Server()
    to_draw: list[tuple[str, str]] = []
    checked: set[str] = set()
    for username in ROLE_USERS:
        client.force_login(User.objects.get(username=username))
        recording = _Recording(client)
        crawling.crawl(recording, ["/"], username, per_pattern=1)  # one address per URL name is drawn
        for url, page in recording.pages.items():
            name = crawling.url_name(url.split("?")[0]) or url
            if name not in checked:
                checked.add(name)
                server.pages[url] = page
                to_draw.append((username, url))
    too_wide = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        context = chromium.new_context(viewport=PHONE, locale="zh-CN")
        context.route("http://testserver/**", server.answer)
        page = context.new_page()
        page.set_default_timeout(20_000)  # a page that never finishes loading fails the test, not the run
        for username, url in to_draw:
            page.goto(f"http://testserver{url}")
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if widths[0] > widths[1]:
                too_wide.append(f"{username} {url}：{widths[0]}px")
        chromium.close()
    assert len(checked) > 100
    assert too_wide == []


PHONE = {"width": 390, "height": 844}


class _Recording:
    """The test client as the crawl uses it, keeping the HTML pages it answered (address → headers, body)."""

    def __init__(self, client):
        self.client = client
        self.pages: dict[str, tuple[dict, bytes]] = {}

    def __setattr__(self, name, value):
        if name in ("client", "pages"):
            object.__setattr__(self, name, value)
        else:
            setattr(self.client, name, value)

    def get(self, url):
        response = self.client.get(url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            headers = {key: value for key, value in response.items() if key.lower() != "content-length"}
            self.pages[url] = (headers, response.content)
        return response


class _Server:
    """Chromium's requests answered without the database: Playwright calls this in a greenlet of its own,
    which Django would give another connection (one that cannot see the shared demo's open transaction).
    Pages come from what the crawl rendered, static files from the finders; anything else (an htmx
    request) is not needed for the layout and is refused."""

    def __init__(self):
        self.pages: dict[str, tuple[dict, bytes]] = {}

    def answer(self, route):
        from django.conf import settings
        from django.contrib.staticfiles import finders

        request = route.request
        path = request.url.removeprefix("http://testserver").split("#")[0]
        if request.method == "GET" and path in self.pages:
            headers, body = self.pages[path]
            route.fulfill(status=200, headers=headers, body=body)
            return
        if request.method == "GET" and path.startswith(settings.STATIC_URL):
            found = finders.find(path.split("?")[0].removeprefix(settings.STATIC_URL))
            if found:
                route.fulfill(path=found)
                return
        route.abort()
