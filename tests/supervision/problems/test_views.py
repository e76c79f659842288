"""突出问题 pages: the loop from a problem to its 回头看 through the pages, the one-action 立项监督, the
device register with its search, export and summary, access (another agency: 404) and refusals shown
beside the field with nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import html, xlsx_rows
from tests.supervision.problems.conftest import pdf_bytes
from zhifa.core.workbench import pending_for
from zhifa.supervision.models import MonitoringDevice, Problem, RectificationTask, SupervisionItem
from zhifa.supervision.problems.choices import ProblemStatus, TaskStatus

pytestmark = pytest.mark.django_db
BASE = "/supervision/problems"


def test_the_loop_from_a_problem_to_its_follow_up(client, supervisor, head, market, records_of):
    client.force_login(head)
    response = client.post(
        f"{BASE}/new/",
        {"agency": market.pk, "category": "repeated", "title": "重复入企检查", "description": "一年检查四次"},
    )
    problem = Problem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}/{problem.pk}/"
    page = html(client.get(f"{BASE}/{problem.pk}/"))
    assert "重复检查" in page and "自查" in page and "2026年清单" in page

    client.force_login(supervisor)
    response = client.post(
        f"{BASE}/{problem.pk}/tasks/new/", {"measures": "制定年度检查计划", "due_on": "2026-03-20"}
    )
    task = RectificationTask.objects.get()
    assert response["Location"] == f"{BASE}/tasks/{task.pk}/"

    client.force_login(head)
    page = html(client.get(f"{BASE}/tasks/{task.pk}/"))
    assert f'href="{BASE}/tasks/{task.pk}/submit/"' in page and f"/tasks/{task.pk}/pass/" not in page
    upload = SimpleUploadedFile("检查计划.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(f"{BASE}/tasks/{task.pk}/submit/", {"text": "已制定检查计划", "files": [upload]})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED
    file_id = task.reports.get().files.get().pk
    download = client.get(f"{BASE}/files/{file_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf_bytes()

    client.force_login(supervisor)
    page = html(client.get(f"{BASE}/tasks/{task.pk}/"))
    assert "回头看通过，销号" in page and "检查计划.pdf" in page
    response = client.post(f"{BASE}/tasks/{task.pk}/pass/", {"note": "抽查企业三家，未再重复检查"})
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CLOSED
    page = html(client.get(f"{BASE}/{problem.pk}/"))
    assert "已整改销号" in page and "突出问题整改销号" in page
    assert records_of(task) == ["rectification.assign", "rectification.submit", "rectification.pass"]


def test_a_failed_follow_up_goes_back_with_its_reason(client, supervisor, submitted):
    client.force_login(supervisor)
    response = client.post(f"{BASE}/tasks/{submitted.pk}/fail/", {"note": "仍有两件未说明理由"})
    assert response.status_code == 302
    page = html(client.get(f"{BASE}/tasks/{submitted.pk}/"))
    assert "未通过" in page and "仍有两件未说明理由" in page and "回头看未通过，退回整改" in page


def test_a_deadline_in_the_past_is_refused_beside_the_field_and_nothing_written(
    client, supervisor, problem, writes
):
    client.force_login(supervisor)
    before = writes()
    response = client.post(f"{BASE}/{problem.pk}/tasks/new/", {"measures": "整改", "due_on": "2026-03-05"})
    assert response.status_code == 200
    assert response.context["form"].errors["due_on"] == [
        "整改期限（2026-03-05）已过去，不能早于今天（2026-03-06）"
    ]
    assert before.none


def test_a_supervisor_opens_supervision_from_the_problem_in_one_action(client, supervisor, problem):
    client.force_login(supervisor)
    assert "立项监督" in html(client.get(f"{BASE}/{problem.pk}/"))
    response = client.post(f"{BASE}/{problem.pk}/supervise/", {})
    item = SupervisionItem.objects.get()
    assert response["Location"] == f"/supervision/actions/{item.pk}/"
    assert "突出问题专项监督：罚款金额随意" in html(client.get(f"{BASE}/{problem.pk}/"))


def test_another_agency_gets_404_on_every_page_of_the_problem(client, third_head, submitted, device):
    client.force_login(third_head)
    problem = submitted.problem
    file_id = submitted.reports.get().files.get().pk
    for url in (
        f"{BASE}/{problem.pk}/",
        f"{BASE}/{problem.pk}/tasks/new/",
        f"{BASE}/{problem.pk}/supervise/",
        f"{BASE}/tasks/{submitted.pk}/",
        f"{BASE}/tasks/{submitted.pk}/report/",
        f"{BASE}/files/{file_id}/",
        f"{BASE}/devices/{device.pk}/",
        f"{BASE}/devices/{device.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert "罚款金额随意" not in html(client.get(f"{BASE}/"))
    assert "东湖路口测速设备" not in html(client.get(f"{BASE}/devices/"))


def test_the_agency_cannot_do_the_follow_up(client, head, submitted):
    client.force_login(head)
    assert client.post(f"{BASE}/tasks/{submitted.pk}/pass/", {}).status_code == 403


def test_the_list_shows_labels_and_counts_per_agency(client, supervisor, problem, task, today):
    today(__import__("datetime").date(2026, 3, 23))
    client.force_login(supervisor)
    page = html(client.get(f"{BASE}/"))
    assert "罚款金额随意" in page and "乱罚款" in page and "整改中" in page
    assert response_counts(client) == [("东区市场监督管理局", 1, 1, 1)]
    assert "罚款金额随意" not in html(client.get(f"{BASE}/?category=fees"))
    assert "罚款金额随意" in html(client.get(f"{BASE}/?overdue=1"))


def response_counts(client) -> list[tuple]:
    return [
        (r["agency__name"], r["total"], r["open"], r["overdue"])
        for r in client.get(f"{BASE}/").context["counts"]
    ]


def test_overdue_tasks_show_on_both_sides_workbench(supervisor, head, task, today):
    today(__import__("datetime").date(2026, 3, 23))
    assert [(i.title, i.overdue) for i in pending_for(head) if i.category == "突出问题整改"] == [
        ("罚款金额随意（整改逾期）", True)
    ]
    assert [(i.title, i.overdue) for i in pending_for(supervisor) if i.category == "突出问题整改"] == [
        ("东区市场监督管理局：罚款金额随意（整改逾期）", True)
    ]


def test_devices_are_registered_searched_exported_and_summed(client, head, supervisor, market, device):
    client.force_login(head)
    response = client.post(
        f"{BASE}/devices/new/",
        {"agency": market.pk, "name": "西湖路电子警察", "location": "西湖路", "legal_basis": "《道路交通安全法》",
         "status": "in_use"},
    )  # fmt: skip
    made = MonitoringDevice.objects.get(name="西湖路电子警察")
    assert response["Location"] == f"{BASE}/devices/{made.pk}/"
    response = client.post(
        f"{BASE}/devices/{made.pk}/edit/",
        {"name": "西湖路电子警察", "location": "西湖路", "legal_basis": "《道路交通安全法》", "status": "cleared",
         "note": "未经批准，已拆除"},
    )  # fmt: skip
    assert response.status_code == 302
    assert "已清理" in html(client.get(f"{BASE}/devices/{made.pk}/"))

    client.force_login(supervisor)
    page = html(client.get(f"{BASE}/devices/?q=东湖"))
    assert "东湖路口测速设备" in page and "西湖路电子警察" not in page
    rows = xlsx_rows(client.get(f"{BASE}/devices/export.xlsx?sort=name"))
    assert rows[0][:3] == ("设置机关", "设备名称", "设置地点")
    assert [(r[1], r[8], r[9]) for r in rows[1:]] == [
        ("东湖路口测速设备", "是", "在用"),
        ("西湖路电子警察", "否", "已清理"),
    ]
    summary = client.get(f"{BASE}/devices/summary/")
    assert [(r["agency__name"], r["total"], r["in_use"], r["cleared"]) for r in summary.context["rows"]] == [
        ("东区市场监督管理局", 2, 1, 1)
    ]


def test_a_device_without_legal_basis_is_refused_beside_the_field(client, head, market, writes):
    client.force_login(head)
    before = writes()
    response = client.post(
        f"{BASE}/devices/new/", {"agency": market.pk, "name": "x", "location": "y", "status": "in_use"}
    )
    assert response.context["form"].errors["legal_basis"] == ["请填写设置依据"]
    assert before.none
