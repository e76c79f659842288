"""End-to-end on a phone: an officer of 东区市场监督管理局 transfers a case from its page to 东区综合行政执法局
with its evidence; the leader approves (the 移送函 takes its number); an officer of the receiving agency finds
it among 待接收, acknowledges it (the evidence hash verified) and accepts it into its own case — through the
real pages in Chromium."""

import pytest
from playwright.sync_api import Page, expect

from tests.cases import conftest as cases
from tests.collaboration.transfers import conftest as tr
from tests.e2e import conftest as e2e
from tests.e2e.test_browser import log_in
from zhifa.cases.choices import CaseSource
from zhifa.collaboration.models import Transfer
from zhifa.collaboration.transfers.choices import TransferStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
now, urban, receiver_user, photo = tr.now, tr.urban, tr.receiver_user, tr.photo
new_case = cases.new_case


def act(page: Page, button: str) -> None:
    page.get_by_test_id("transfer-actions").get_by_role("link", name=button, exact=True).click()
    page.get_by_test_id("transfer-step-form").locator("button[type=submit]").click()


def test_one_transfer_from_sender_to_receiver(
    page: Page, handler_user, leader, receiver_user, new_case, photo
):
    page.set_viewport_size(e2e.PHONE)
    log_in(page, handler_user.username)
    page.goto(f"/cases/{new_case.pk}/")
    page.get_by_test_id("transfer-panel").get_by_role("link", name="移送本案").click()
    page.locator("#id_receiver").select_option(label="东区综合行政执法局")
    page.locator("#id_discovered_at").fill("2026-03-05T09:30")
    page.locator("#id_facts").fill("当事人在店外人行道上摆放餐桌经营")
    page.locator("#id_source_material").fill("2026年3月5日现场检查记录")
    page.locator("#id_reasons").fill("当事人另有店外占道经营行为")
    page.get_by_label("现场.png").check()
    page.get_by_test_id("transfer-form").locator("button[type=submit]").click()
    # the case's item is 东区市场监督管理局's own: the competence warning, nothing written
    expect(page.locator(".has-error")).to_contain_text("东区综合行政执法局不是事项SCJG-CF-001的主管机关")
    assert not Transfer.objects.exists()
    page.locator("#id_item_code").fill("ZHZF-CF-001")
    page.get_by_test_id("transfer-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("transfer-status")).to_have_text("待领导批准")
    expect(page.get_by_test_id("transfer-due")).to_contain_text("2026-03-10")

    page.context.clear_cookies()
    log_in(page, leader.username)
    page.goto(f"/collaboration/transfers/{Transfer.objects.get().pk}/")
    act(page, "批准移送")
    expect(page.get_by_test_id("transfer-status")).to_have_text("已移送待签收")

    page.context.clear_cookies()
    log_in(page, receiver_user.username)
    page.goto("/collaboration/transfers/?view=in")
    page.get_by_test_id("transfer-row").get_by_role("link").first.click()
    act(page, "签收")
    expect(page.get_by_test_id("transfer-status")).to_have_text("已签收待处理")
    expect(page.get_by_text("哈希值一致")).to_be_visible()
    act(page, "接收")
    expect(page.get_by_test_id("transfer-status")).to_have_text("已接收")
    transfer = Transfer.objects.get()
    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.receiver_case.agency_id == transfer.receiver_id
    assert transfer.receiver_case.source == CaseSource.TRANSFER
    assert transfer.receiver_case.evidence.get().sha256 == photo.sha256
