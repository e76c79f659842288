"""End-to-end on a phone: a supervisor opens a 监督事项 from the case page in one action, records a finding
and issues a 通知书; the agency's head sees the banner and the item, answers with a rectification file; the
supervisor accepts it — through the real pages in Chromium."""

import pytest
from playwright.sync_api import Page, expect

from tests.cases import conftest as cases
from tests.e2e import conftest as e2e
from tests.e2e.test_browser import log_in
from tests.supervision.actions import conftest as sup
from tests.supervision.actions.conftest import pdf_bytes
from zhifa.supervision.actions.choices import ItemStatus
from zhifa.supervision.models import SupervisionItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# the supervision tests' fixtures (its clock included) and the case to supervise
today, bureau, supervisor, head, records_of = sup.today, sup.bureau, sup.supervisor, sup.head, sup.records_of
new_case = cases.new_case


def submit(tab: Page) -> None:
    tab.get_by_test_id("supervision-form").locator("button[type=submit]").click()


def step(tab: Page, button: str, fields: dict[str, str], selects=None, checks=()) -> None:
    """Open an action from the item page's buttons, fill its form, submit, and land back on the item."""
    tab.get_by_test_id("item-actions").get_by_role("link", name=button, exact=True).click()
    for name, value in fields.items():
        tab.locator(f"#id_{name}").fill(value)
    for name, label in (selects or {}).items():
        tab.locator(f"#id_{name}").select_option(label=label)
    for label in checks:
        tab.get_by_label(label).check()
    submit(tab)
    expect(tab.get_by_test_id("item-status")).to_be_visible()


def test_one_item_from_the_case_page_to_accepted_rectification(
    page: Page, supervisor, head, new_case, tmp_path, records_of
):
    page.set_viewport_size(e2e.PHONE)
    log_in(page, supervisor.username)
    page.goto(f"/cases/{new_case.pk}/")
    page.get_by_test_id("supervision-banner").get_by_role("link", name="发起监督").click()
    page.locator("#id_reason").fill("群众举报办案拖延")
    submit(page)
    expect(page.get_by_test_id("item-status")).to_have_text("核查中")
    step(page, "记录发现的问题", {"text": "登记后十五日未作立案决定"})

    page.get_by_test_id("item-actions").get_by_role("link", name="制发监督文书", exact=True).click()
    page.locator("#id_requirements").fill("依法及时作出立案决定")
    page.locator("#id_grade").select_option(label="行政执法监督通知书")
    submit(page)  # no finding chosen: refused beside the field, nothing issued
    expect(page.locator(".has-error")).to_contain_text("制发监督文书须依据已记录的问题")
    assert SupervisionItem.objects.get().status == ItemStatus.OPEN
    page.get_by_label("登记后十五日未作立案决定").check()
    submit(page)
    expect(page.get_by_test_id("item-due")).to_contain_text("2026-03-20")

    page.context.clear_cookies()  # sign out
    log_in(page, head.username)
    page.goto(f"/cases/{new_case.pk}/")
    banner = page.get_by_test_id("supervision-banner")
    expect(banner).to_contain_text("本案正在接受东区司法局的日常监督")
    banner.get_by_role("link").click()
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(pdf_bytes())
    page.get_by_test_id("item-actions").get_by_role("link", name="答复并提交整改材料", exact=True).click()
    page.locator("#id_text").fill("已作出立案决定")
    page.locator("#id_files").set_input_files(str(report))
    submit(page)
    expect(page.get_by_test_id("item-status")).to_have_text("整改待审查")

    page.context.clear_cookies()
    log_in(page, supervisor.username)
    page.goto(f"/supervision/actions/{SupervisionItem.objects.get().pk}/")
    step(page, "整改验收通过", {"note": "整改到位"})
    expect(page.get_by_test_id("item-status")).to_have_text("已办结")
    assert records_of(SupervisionItem.objects.get())[-2:] == [
        "supervision_item.reply",
        "supervision_item.accept",
    ]
