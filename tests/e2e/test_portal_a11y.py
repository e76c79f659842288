"""Accessibility of the 公示 portal (GB/T 37668-2019, WCAG 2.1 AA): axe-core (node_modules/axe-core, the
npm package, never a CDN) finds no serious or critical violation on any portal page reachable from /gs/
in a demo-like portal, and with text enlarged to 200% no page scrolls sideways at 1280 px or 390 px."""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.publicity.conftest import published, simple_decision  # noqa: F401
from zhifa.publicity import services as publicity
from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.models import Disclosure

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FILES = re.compile(r"\.(json|csv|docx|xlsx|svg|zip|pdf)$")
MAX_PAGES = 40


@pytest.fixture
def portal(agencies, simple_decision):  # noqa: F811
    """What the portal shows in the demo, in small: a penalty decided in a case (with its 处罚依据), a
    licence, an inspection result and a decision of another county, all published."""
    simple_decision()
    for disclosure in Disclosure.objects.filter(status=DisclosureStatus.DRAFT):
        publicity.disclosure_publish(actor=None, disclosure=disclosure)
    published(agencies["east_market"])
    published(
        agencies["east_market"],
        kind="inspection",
        number="",
        items="食品销售日常检查",
        conclusion="未发现问题",
        summary="现场检查未发现问题。",
    )
    published(agencies["west_market"], number="西市监许〔2026〕9号", subject_name="西县好运超市")


def portal_pages(page: Page) -> list[str]:
    """Every HTML page reachable from /gs/ by links, one per shape of address (one entry page stands for
    all): files, later pages of a list and other sites are not followed."""
    seen, shapes, queue, pages = set(), set(), deque(["/gs/"]), []
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        pages.append(path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            url = urlsplit(href)
            if (
                url.netloc
                or not url.path.startswith("/gs/")
                or FILES.search(url.path)
                or "page=" in url.query
            ):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            shape = re.sub(r"\d+", "N", target)
            if target not in seen and shape not in shapes:
                seen.add(target)
                shapes.add(shape)
                queue.append(target)
    return pages


def serious_violations(page: Page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())  # evaluated by the test harness, so the page's CSP does not apply
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
          return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
        }""",
        WCAG_AA,
    )


def test_axe_finds_no_serious_violation_on_any_portal_page(page: Page, portal):
    pages = portal_pages(page)
    assert {"/gs/", "/gs/regions/", "/gs/decisions/", "/gs/inspections/verify/"} <= set(pages), pages
    assert any(re.fullmatch(r"/gs/decisions/\d+/", p) for p in pages)
    found = {}
    for path in pages:
        page.goto(path)
        if violations := serious_violations(page):
            found[path] = violations
    assert found == {}


# Text at twice its size, as a reader enlarging text does: every element's computed size doubled at once
# (through the CSSOM, which the page's CSP allows), the layout width unchanged.
ENLARGE_TEXT = """() => {
  const all = Array.from(document.querySelectorAll("body, body *"));
  const sizes = all.map(el => parseFloat(getComputedStyle(el).fontSize));
  all.forEach((el, i) => { el.style.fontSize = (sizes[i] * 2) + "px"; });
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [1280, 390])
def test_enlarged_text_never_scrolls_sideways(page: Page, portal, width):
    pages = portal_pages(page)
    page.set_viewport_size({"width": width, "height": 800})
    overflow = {}
    for path in pages:
        page.goto(path)
        page.evaluate(ENLARGE_TEXT)
        if (extra := page.evaluate(OVERFLOW)) > 0:
            overflow[path] = extra
    assert overflow == {}
