"""End-to-end: a handler and a leader carry a case through the real pages in Chromium — the ordinary
procedure from intake to archive with evidence uploaded by the page's chunked uploader and the documents
each step needs generated on the case page (a step without them refused), and the simple procedure on a phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.cases.test_evidence import png_bytes
from tests.e2e.conftest import PHONE
from tests.e2e.test_browser import log_in
from zhifa.cases.models import Case, Evidence
from zhifa.core import records
from zhifa.core.models import Record
from zhifa.core.validators import credit_code_with_check

pytestmark = pytest.mark.e2e


def act(page: Page, button: str, fields: dict[str, str], submit: str = "提交", checks=()) -> None:
    """Open a step from the case page's buttons, fill its form (fields by name), submit, and land back
    on the case page."""
    page.get_by_test_id("case-actions").get_by_role("link", name=button, exact=True).click()
    for name, value in fields.items():
        page.locator(f"#id_{name}").fill(value)
    for name in checks:
        page.locator(f"#id_{name}").check()
    page.get_by_role("button", name=submit, exact=True).click()
    expect(page.get_by_test_id("case-actions")).to_be_visible()


def generate(page: Page, kind: str, number: str) -> None:
    """Generate a document from the case page's 文书 panel and wait until it lists it with its number."""
    page.get_by_test_id(f"generate-{kind}").click()
    expect(page.locator(f'#documents-panel tr[data-kind="{kind}"]')).to_contain_text(number)


def test_ordinary_procedure_from_intake_to_archive(
    page: Page, context, catalogue, officers, handler_user, leader
):
    log_in(page, handler_user.username)
    page.goto("/cases/new/")
    page.locator("#id_summary").fill("销售不符合食品安全标准的食品")
    page.locator("#id_discovered_on").fill("2026-03-01")
    page.locator("#id_place").fill("东区人民路1号")
    page.get_by_label("法人或其他组织").check()
    page.locator("#id_party_name").fill("东区味美餐饮有限公司")
    page.locator("#id_party_credit_code").fill("91110101MA00000010")
    page.get_by_label("SCJG-CF-001 销售不符合食品安全标准的食品").check()
    page.get_by_role("button", name="登记").click()
    expect(page.locator(".has-error")).to_contain_text("统一社会信用代码")  # a wrong check digit
    assert not Case.objects.exists()
    page.locator("#id_party_credit_code").fill(credit_code_with_check("91110101MA0000001"))
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_test_id("case-title")).to_contain_text("（未立案）")
    case = Case.objects.get()

    page.get_by_test_id("case-actions").get_by_role("link", name="指定承办人员").click()
    page.locator("#id_lead").select_option(str(officers[0].pk))
    page.locator("#id_co").select_option(str(officers[1].pk))
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_test_id("handlers")).to_contain_text("李娜")

    context.clear_cookies()
    log_in(page, leader.username)
    page.goto(f"/cases/{case.pk}/")
    act(page, "立案", {"registered_on": "2026-03-02"}, submit="批准立案")
    expect(page.get_by_test_id("case-title")).not_to_contain_text("未立案")

    context.clear_cookies()
    log_in(page, handler_user.username)
    page.goto(f"/cases/{case.pk}/")
    act(page, "记录调查取证", {"note": "现场检查，发现过期食品12箱。"}, submit="记录")

    # Evidence through the page: the script uploads in chunks and records the file by its sha256.
    page.goto(f"/cases/{case.pk}/evidence/new/")
    content = png_bytes(50_000)
    page.locator("#id_file").set_input_files({"name": "现场.png", "mimeType": "image/png", "buffer": content})
    page.locator("#id_description").fill("现场照片")
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_test_id("evidence-panel")).to_contain_text("现场.png")
    evidence = Evidence.objects.get(case=case)
    assert evidence.size == len(content)

    # 调查终结 needs the 立案审批表 and the 现场检查笔录: refused, nothing written, until they are generated.
    needs = page.get_by_test_id("step-needs")
    expect(needs).to_contain_text("✗ 《立案审批表》")
    page.get_by_test_id("case-actions").get_by_role("link", name="调查终结，提交审核", exact=True).click()
    page.locator("#id_investigation_report").fill("事实清楚，证据确凿。")
    written = Record.objects.count()
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator("main")).to_contain_text(
        "缺少《立案审批表》、《现场检查（勘验）笔录》，请先生成并编号或上传签字扫描件"
    )
    case.refresh_from_db()
    assert (case.status, Record.objects.count()) == ("investigating", written)
    page.goto(f"/cases/{case.pk}/")
    generate(page, "register_approval", case.number)
    generate(page, "inspection_record", case.number)
    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_test_id("step-needs")).to_contain_text(f"✓ 《立案审批表》 已生成（{case.number}）")
    act(page, "调查终结，提交审核", {"investigation_report": "事实清楚，证据确凿。"})
    act(page, "事先告知", {"on": "2026-03-10", "proposed": "拟罚款70000元。"})
    generate(page, "penalty_notice", "告")

    context.clear_cookies()
    log_in(page, leader.username)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_test_id("case-actions").get_by_role("link", name="作出决定").click()
    page.locator("#id_decided_on").fill("2026-03-20")
    page.locator("#id_fine").fill("70000")
    page.locator("#id_fact_value").fill("3000")
    page.locator("#id_reasoning").fill("经查……依据《食品安全法》第一百二十四条。")
    page.get_by_role("button", name="作出决定").click()
    expect(page.get_by_test_id("decision")).to_contain_text("罚款¥70,000.00")

    # Documents from the case page; the decision document carries the decision's number.
    case.refresh_from_db()
    generate(page, "penalty_decision", case.decision.number)
    generate(page, "service_receipt", case.number)

    context.clear_cookies()
    log_in(page, handler_user.username)
    page.goto(f"/cases/{case.pk}/")
    act(page, "送达决定书", {"served_on": "2026-03-23", "recipient": "王经理"})
    act(page, "登记执行情况", {"on": "2026-04-01", "amount": "70000"})

    context.clear_cookies()
    log_in(page, leader.username)
    page.goto(f"/cases/{case.pk}/")
    act(page, "结案", {"on": "2026-04-02", "summary": "罚款已缴纳，结案。"}, submit="批准结案")
    generate(page, "closing_report", case.number)
    page.goto(f"/cases/{case.pk}/")
    act(page, "归档", {}, submit="归档")

    case.refresh_from_db()
    assert case.status == "archived"
    timeline = page.get_by_test_id("timeline")
    for label in ("案件登记", "立案", "上传证据", "事先告知", "作出决定", "送达", "执行", "结案", "归档"):
        expect(timeline).to_contain_text(label)
    assert records.verify(case.agency).ok


def test_simple_procedure_on_a_phone(page: Page, catalogue, officers, handler_user):
    page.set_viewport_size(PHONE)
    log_in(page, handler_user.username)
    page.goto("/cases/simple/new/")
    page.locator("#id_item_code").select_option("SCJG-CF-004")
    page.locator("#id_summary").fill("占道经营")
    page.locator("#id_place").fill("东区人民路2号")
    page.get_by_label("自然人").check()
    page.locator("#id_party_name").fill("王小明")
    page.locator("#id_party_id_number").fill("11010519491231002X")
    page.locator("#id_lead").select_option(str(officers[0].pk))
    page.locator("#id_co").select_option(str(officers[1].pk))
    page.locator("#id_fine").fill("500")
    page.get_by_role("button", name="当场处罚").click()
    expect(page.locator(".errorlist").first).to_contain_text("200")  # a person: at most 200 yuan
    assert not Case.objects.exists()

    page.locator("#id_fine").fill("100")
    page.get_by_role("button", name="当场处罚").click()
    expect(page.get_by_test_id("case-title")).to_contain_text("简罚")
    case = Case.objects.get()
    assert case.status == "served"

    # The evidence page asks the phone's camera for the on-the-spot video.
    page.goto(f"/cases/{case.pk}/evidence/new/")
    camera = page.locator("#id_file")
    assert camera.get_attribute("capture") == "environment"
    assert "video/*" in camera.get_attribute("accept")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing wider than the phone
