"""The list kit on a phone (390px): each row of a list table is a card of "label：value" lines, nothing is
wider than the screen, and the sortable headers stay usable above the cards."""

import pytest
from playwright.sync_api import Page

from tests.cases.conftest import intake
from tests.e2e.conftest import PHONE
from tests.e2e.test_browser import log_in
from zhifa.cases import services

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("path", "table"), [("/cases/", "case-table"), ("/registry/officers/", "officer-table")]
)
def test_list_rows_are_cards_on_a_phone(page: Page, agencies, catalogue, officers, handler_user, path, table):
    services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
    page.set_viewport_size(PHONE)
    log_in(page, handler_user.username)
    page.goto(path)
    cell = page.get_by_test_id(table).locator("tbody tr").first.locator("td").nth(1)
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    label = cell.get_attribute("data-label")
    assert label and cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{label}："'
    assert page.get_by_test_id(table).locator("thead th.sortable").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
