"""备案 of 执法流程图 and 执法工作手册 (seed 000 §13; 003 五(二)): filed with the county justice bureau, which
acknowledges or returns them within ZHIFA_FILING_REVIEW_WORKDAYS working days; the same rules through the
service, the pages and the API; and the 法制审核流程图 drawn from the review's transition table."""

import base64

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.helpers import buttons
from tests.parity import Door, check_door
from zhifa.core import workdays
from zhifa.core.models import Record
from zhifa.filings import services
from zhifa.filings.models import Filing, FilingFile
from zhifa.filings.workbench import pending
from zhifa.notifications.models import Message
from zhifa.review.transitions import MACHINE as REVIEW
from zhifa.supervision.attachments import Upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit(people, agencies, **overrides):
    data = {
        "kind": "flow_chart",
        "title": "行政处罚流程图",
        "files": [Upload("流程图.pdf", PDF)],
        **overrides,
    }
    return services.filing_submit(actor=people["head"], agency=agencies["east_market"], **data)


def test_a_filing_goes_to_the_county_bureau_with_a_review_period(people, agencies):
    filing = submit(people, agencies)
    today = timezone.localdate()
    assert filing.bureau == agencies["east_justice"] and filing.status == "submitted"
    assert (filing.submitted_on, filing.due_on) == (today, workdays.add_workdays(today, 10))
    assert list(filing.files.values_list("name", "round")) == [("流程图.pdf", 1)]
    assert Record.objects.filter(action="filing.submit").count() == 1
    message = Message.objects.get(recipient=people["bureau"])
    assert message.title == "东区市场监督管理局报送备案：行政处罚流程图"


def test_the_review_period_is_a_setting(people, agencies, settings):
    settings.ZHIFA_FILING_REVIEW_WORKDAYS = 3
    filing = submit(people, agencies)
    assert filing.due_on == workdays.add_workdays(timezone.localdate(), 3)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": " "}, "title", "请填写名称"),
        ({"kind": "other"}, "kind", "请选择备案材料（行政执法流程图或行政执法工作手册）"),
        ({"files": []}, "files", "请上传备案材料"),
        ({"files": [Upload("说明.txt", b"plain words")]}, "files", None),
    ],
)
def test_refusals_name_the_field_and_write_nothing(people, agencies, overrides, field, message):
    records = Record.objects.count()
    with pytest.raises(ValidationError) as refused:
        submit(people, agencies, **overrides)
    assert field in refused.value.message_dict
    if message:
        assert refused.value.message_dict[field] == [message]
    assert not Filing.objects.exists() and not FilingFile.objects.exists()
    assert Record.objects.count() == records and not Message.objects.exists()


def test_the_bureau_acknowledges_and_nobody_else(people, agencies):
    filing = submit(people, agencies)
    with pytest.raises(PermissionDenied):
        services.filing_accept(actor=people["head"], filing=filing)
    with pytest.raises(Http404):
        services.filing_accept(actor=people["other_bureau"], filing=filing)
    filing = services.filing_accept(actor=people["bureau"], filing=filing)
    assert (filing.status, filing.decided_by, filing.decided_on) == (
        "accepted",
        people["bureau"],
        timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        services.filing_accept(actor=people["bureau"], filing=filing)
    assert refused.value.message_dict["status"] == ["备案当前为“备案通过”，不能备案通过（应为：待备案审查）"]
    assert Message.objects.get(recipient=people["head"]).title == "备案已通过：行政处罚流程图"


def test_returned_with_a_reason_then_filed_again(people, agencies):
    filing = submit(people, agencies)
    with pytest.raises(ValidationError) as refused:
        services.filing_return(actor=people["bureau"], filing=filing, reason="")
    assert refused.value.message_dict == {"reason": ["请填写退回理由"]}
    filing.refresh_from_db()
    assert filing.status == "submitted"
    filing = services.filing_return(actor=people["bureau"], filing=filing, reason="缺少普通程序期限")
    assert filing.status == "returned" and filing.return_reason == "缺少普通程序期限"
    assert [i.category for i in pending(people["head"])] == ["备案退回"]
    filing = services.filing_resubmit(
        actor=people["head"], filing=filing, files=[Upload("流程图（修订）.pdf", PDF)]
    )
    assert (filing.status, filing.round, filing.decided_on) == ("submitted", 2, None)
    assert list(filing.files.order_by("round").values_list("round", flat=True)) == [1, 2]


def test_the_bureaus_workbench_shows_what_waits_with_its_period(people, agencies):
    filing = submit(people, agencies)
    (item,) = pending(people["bureau"])
    assert item.title == "东区市场监督管理局报送的行政执法流程图“行政处罚流程图”待备案审查"
    assert (item.due, item.overdue, item.url) == (filing.due_on, False, f"/filings/{filing.pk}/")
    assert pending(people["other_bureau"]) == []


def test_the_pages_file_show_and_acknowledge(people, agencies, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["head"])
    response = client.post(
        "/filings/new/",
        {"agency": agencies["east_market"].pk, "kind": "manual", "title": "执法工作手册",
         "files": [SimpleUploadedFile("手册.pdf", PDF, content_type="application/pdf")]},
    )  # fmt: skip
    filing = Filing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/filings/{filing.pk}/"
    assert "执法工作手册" in client.get("/filings/").content.decode()
    refused = client.post(
        "/filings/new/", {"agency": agencies["east_market"].pk, "kind": "manual", "title": ""}
    )
    assert "请填写名称" in refused.content.decode() and Filing.objects.count() == 1
    client.force_login(people["bureau"])
    page = client.get(f"/filings/{filing.pk}/").content.decode()
    assert "备案通过" in page and "退回" in page
    assert client.post(f"/filings/{filing.pk}/accept/").status_code == 302
    filing.refresh_from_db()
    assert filing.status == "accepted"
    file_id = filing.files.get().pk
    assert client.get(f"/filings/files/{file_id}/").status_code == 200
    client.force_login(people["other_bureau"])
    assert client.get(f"/filings/{filing.pk}/").status_code == 404
    assert client.get(f"/filings/files/{file_id}/").status_code == 404


def test_the_api_files_and_returns(people, agencies, client):
    client.force_login(people["head"])
    created = client.post(
        "/api/filings/",
        {"agency_id": agencies["east_market"].pk, "kind": "flow_chart", "title": "流程图",
         "files": [{"name": "流程图.pdf", "content_base64": base64.b64encode(PDF).decode()}]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert (body["bureau_name"], body["status_label"], len(body["files"])) == ("东区司法局", "待备案审查", 1)
    refused = client.post(
        "/api/filings/",
        {"agency_id": agencies["east_market"].pk, "kind": "flow_chart"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert {"loc": ["body", "title"], "msg": "请填写名称"} in refused.json()["detail"]
    assert Filing.objects.count() == 1
    client.force_login(people["bureau"])
    returned = client.post(
        f"/api/filings/{body['id']}/return", {"reason": "请补充"}, content_type="application/json"
    )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"


def return_door(pk: int) -> Door:
    return Door(
        "退回备案", "zhifa_filings_api_return_filing", page=f"/filings/{pk}/return/",
        api=f"/api/filings/{pk}/return", good={"reason": "请补充期限"}, text_fields={"reason": "退回理由"},
        bad=[("reason", "", "请填写退回理由")], page_form="return_form",
    )  # fmt: skip


return_door(0)  # declared at import, for tests/test_parity_table.py


def test_return_refuses_alike_through_page_and_api(people, agencies, client):
    filing = submit(people, agencies)
    check_door(client, people["bureau"], return_door(filing.pk), counted=(Filing,))


def test_the_review_flowchart_is_the_review_table(people, client):
    client.force_login(people["head"])
    page = client.get("/filings/review-flowchart/").content.decode()
    assert "东区市场监督管理局重大执法决定法制审核流程图" in page
    edges = {(str(a), str(b)) for a, b in REVIEW.edges()}
    for source, target in edges:
        assert f'data-from="{source}" data-to="{target}"' in page
    svg = client.get("/filings/review-flowchart.svg")
    assert svg["Content-Type"] == "image/svg+xml" and "attachment" in svg["Content-Disposition"]


def test_the_next_step_is_the_pages_main_button_and_a_return_is_red(people, agencies, client):
    """备案通过 is the bureau's next step (btn-primary), 退回 a refusal; once returned, 修改后重新报送 is the
    filing agency's (docs/architecture.md §5: buttons from the transition table, `Machine.buttons`)."""
    filing = submit(people, agencies)
    client.force_login(people["bureau"])
    shown = buttons(client.get(f"/filings/{filing.pk}/").content.decode())
    assert (shown["备案通过"], shown["退回"]) == ("btn btn-primary", "btn btn-outline-danger")
    client.force_login(people["head"])
    assert "备案通过" not in buttons(client.get(f"/filings/{filing.pk}/").content.decode())
    services.filing_return(actor=people["bureau"], filing=filing, reason="缺少普通程序期限")
    assert buttons(client.get(f"/filings/{filing.pk}/").content.decode())["重新报送"] == "btn btn-primary"
