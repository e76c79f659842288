"""Page and API refuse the same ill-formed input of the 突出问题 writes alike (tests/parity.py): control
characters in every free-text field, and the bad input of the issue (a deadline in the past, a missing
reason, a missing category)."""

import pytest

from tests.parity import Door, check_parity
from zhifa.supervision.models import (
    FollowUp,
    MonitoringDevice,
    Problem,
    ProblemList,
    RectificationTask,
    SupervisionItem,
    TaskReport,
)

pytestmark = pytest.mark.django_db
COUNTED = (ProblemList, Problem, RectificationTask, TaskReport, FollowUp, MonitoringDevice, SupervisionItem)
BASE = "/supervision/problems"
OP = "zhifa_supervision_api_problems_"
DEVICE = {"name": "测速设备", "location": "东湖路", "legal_basis": "《道路交通安全法》", "status": "in_use"}
DEVICE_TEXTS = {
    "name": "设备名称",
    "location": "设置地点",
    "legal_basis": "设置依据",
    "purpose": "监控的违法行为",
    "approval_authority": "批准机关",
    "approval_number": "批准文号",
    "note": "备注",
}


def check_every_variant(client, user, door: Door) -> None:
    for _, name, value, message in door.variants():
        check_parity(client, user, door, name, value, message, counted=COUNTED)


def record_door(agency_id: int) -> Door:
    return Door(
        "录入突出问题",
        f"{OP}problem_record",
        page=f"{BASE}/new/",
        api="/api/supervision/problems",
        good={"agency": agency_id, "category": "fines", "title": "罚款随意", "description": "金额悬殊"},
        text_fields={"title": "问题名称", "description": "问题表现"},
        bad=[("category", "", "请选择问题类别"), ("title", " ", "请填写问题名称")],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "agency"}, "agency_id": d["agency"]},
    )


def supervise_door(problem_id: int) -> Door:
    return Door(
        "对突出问题立项监督",
        f"{OP}problem_supervise",
        page=f"{BASE}/{problem_id}/supervise/",
        api=f"/api/supervision/problems/{problem_id}/supervise",
        good={"reason": "群众反映强烈"},
        text_fields={"reason": "监督事由"},
    )


def assign_door(problem_id: int) -> Door:
    return Door(
        "下达整改任务",
        f"{OP}task_assign",
        page=f"{BASE}/{problem_id}/tasks/new/",
        api=f"/api/supervision/problems/{problem_id}/tasks",
        good={"measures": "逐案说明理由"},
        text_fields={"measures": "整改措施"},
        bad=[
            ("due_on", "2026-03-05", "整改期限（2026-03-05）已过去，不能早于今天（2026-03-06）"),
            ("measures", "", "请填写整改措施"),
        ],
    )


def report_door(task_id: int, action: str) -> Door:
    return Door(
        "报告整改情况",
        f"{OP}task_{action}",
        page=f"{BASE}/tasks/{task_id}/{action}/",
        api=f"/api/supervision/rectifications/{task_id}/{action}",
        good={"text": "已整改"},
        text_fields={"text": "整改情况"},
        bad=[("text", "", "请填写整改情况")],
    )


def pass_door(task_id: int) -> Door:
    return Door(
        "回头看通过",
        f"{OP}follow_up_pass",
        page=f"{BASE}/tasks/{task_id}/pass/",
        api=f"/api/supervision/rectifications/{task_id}/pass",
        good={"note": "整改到位"},
        text_fields={"note": "回头看意见"},
    )


def fail_door(task_id: int) -> Door:
    return Door(
        "回头看未通过",
        f"{OP}follow_up_fail",
        page=f"{BASE}/tasks/{task_id}/fail/",
        api=f"/api/supervision/rectifications/{task_id}/fail",
        good={"note": "仍未整改"},
        text_fields={"note": "回头看意见（未通过的理由）"},
        bad=[
            ("note", "", "请填写回头看意见（未通过的理由）"),
            ("due_on", "2026-03-05", "新的整改期限（2026-03-05）已过去，不能早于今天（2026-03-06）"),
        ],
    )


def device_new_door(agency_id: int) -> Door:
    return Door(
        "登记电子技术监控设备",
        f"{OP}device_register",
        page=f"{BASE}/devices/new/",
        api="/api/supervision/devices",
        good={**DEVICE, "agency": agency_id},
        text_fields=DEVICE_TEXTS,
        bad=[
            ("legal_basis", "", "请填写设置依据"),
            ("approved_on", "2026-03-09", "批准日期（2026-03-09）不能晚于今天"),
        ],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "agency"}, "agency_id": d["agency"]},
    )


def device_edit_door(device_id: int) -> Door:
    return Door(
        "更新电子技术监控设备",
        f"{OP}device_update",
        page=f"{BASE}/devices/{device_id}/edit/",
        api=f"/api/supervision/devices/{device_id}",
        good=dict(DEVICE),
        text_fields=DEVICE_TEXTS,
        bad=[("location", "", "请填写设置地点"), ("status", "", "请选择设备状态")],
    )


# the table only, at import: tests/test_parity_table.py reads the Doors declared here
TABLE = [
    record_door(0),
    supervise_door(0),
    assign_door(0),
    report_door(0, "report"),
    report_door(0, "submit"),
    pass_door(0),
    fail_door(0),
    device_new_door(0),
    device_edit_door(0),
]


def test_recording_refuses_alike(client, head, market):
    check_every_variant(client, head, record_door(market.pk))


def test_supervising_refuses_alike(client, supervisor, problem):
    check_every_variant(client, supervisor, supervise_door(problem.pk))


def test_assigning_refuses_alike(client, supervisor, problem):
    check_every_variant(client, supervisor, assign_door(problem.pk))


@pytest.mark.parametrize("action", ["report", "submit"])
def test_reporting_refuses_alike(client, head, task, action):
    check_every_variant(client, head, report_door(task.pk, action))


def test_passing_refuses_alike(client, supervisor, submitted):
    check_every_variant(client, supervisor, pass_door(submitted.pk))


def test_failing_refuses_alike(client, supervisor, submitted):
    check_every_variant(client, supervisor, fail_door(submitted.pk))


def test_registering_a_device_refuses_alike(client, head, market):
    check_every_variant(client, head, device_new_door(market.pk))


def test_updating_a_device_refuses_alike(client, head, device):
    check_every_variant(client, head, device_edit_door(device.pk))
