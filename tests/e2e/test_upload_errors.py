"""A refused evidence upload in Chromium: the error is shown alone — the progress bar and its
"正在校验并保存…" go away, so nobody reads a full bar as a saved file."""

import pytest
from playwright.sync_api import Page, expect

from tests.cases.conftest import ON, intake
from tests.e2e.test_browser import log_in
from zhifa.cases import services
from zhifa.cases.choices import HandlerRole
from zhifa.cases.models import Evidence

pytestmark = pytest.mark.e2e


def test_a_refused_file_clears_the_progress_and_shows_why(
    page: Page, agencies, catalogue, officers, handler_user, leader
):
    case = services.case_intake(actor=handler_user, agency=agencies["east_market"], data=intake())
    services.case_assign(
        actor=handler_user,
        case=case,
        handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
    )
    services.case_register(actor=leader, case=case, on=ON)
    log_in(page, handler_user.username)
    page.goto(f"/cases/{case.pk}/evidence/new/")

    # Named and declared a photo, but the content is text: the server refuses it once it has it all.
    page.locator("#id_file").set_input_files(
        {"name": "现场.png", "mimeType": "image/png", "buffer": "这不是照片".encode() * 2000}
    )
    expect(page.locator("#evidence-progress-text")).to_contain_text("已选择：现场.png")
    page.get_by_role("button", name="上传").click()

    error = page.get_by_test_id("evidence-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("与声明的证据类型“照片”不符")
    expect(page.locator("#evidence-progress-row")).to_be_hidden()
    expect(page.locator("#evidence-progress-text")).to_have_text("")
    assert page.locator("#evidence-progress").evaluate("bar => bar.value") == 0
    assert not Evidence.objects.filter(case=case).exists()
