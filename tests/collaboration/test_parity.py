"""Page and API refuse the same ill-formed input of the 协同 writes alike (tests/parity.py): control
characters in the free-text fields and the missing texts — 录入审批决定抄告, 书面答复, 不予协助."""

import pytest

from tests.parity import Door, check_door
from zhifa.collaboration.assistance import services as assistance
from zhifa.collaboration.models import AssistanceRequest, Notice, SharingEntry

pytestmark = pytest.mark.django_db
COUNTED = (Notice, SharingEntry, AssistanceRequest)
OP = "zhifa_collaboration_api_"


def enter_door() -> Door:
    return Door(
        "录入审批决定抄告",
        f"{OP}notices_notice_enter",
        page="/collaboration/notices/new/",
        api="/api/collaboration/notices/",
        good={
            "title": "准予食品经营许可",
            "party": "东区百味轩餐饮店",
            "decided_on": "2026-03-02",
            "number": "许1号",
        },
        text_fields={
            "title": "决定事项",
            "party": "当事人",
            "number": "决定文号",
            "content": "决定内容",
            "note": "抄告说明",
        },
        bad=[
            ("title", " ", "请填写决定事项"),
            ("party", "", "请填写当事人"),
            ("decided_on", "", "请填写决定日期"),
        ],
        to_api=lambda d: {k: (v or None) if k == "decided_on" else v for k, v in d.items()},
    )


def step_door(request_id: int, action: str, name: str, label: str, message: str) -> Door:
    return Door(
        label,
        f"{OP}assistance_request_{action}",
        page=f"/collaboration/assistance/{request_id}/{action}/",
        api=f"/api/collaboration/assistance/{request_id}/{action}",
        good={name: "经认定，属于应当取得许可的情形。"},
        text_fields={name: label},
        bad=[(name, " ", message)],
    )


# the table only, at import: tests/test_parity_table.py reads the Doors declared here
TABLE = [
    enter_door(),
    step_door(0, "answer", "answer", "书面答复", "请填写书面答复"),
    step_door(0, "decline", "reason", "不予协助的理由", "请填写不予协助的理由"),
]


def test_entering_an_approval_refuses_alike(client, clerk, urban):
    check_door(client, clerk, enter_door(), counted=COUNTED)


@pytest.fixture
def received(urban, urban_officer, agencies, clerk):
    made = assistance.assistance_request(
        actor=urban_officer, agency=urban,
        data=assistance.RequestInput(kind="identify", helper=agencies["east_market"], subject="认定", questions="请认定"),
    )  # fmt: skip
    return assistance.assistance_receive(actor=clerk, request=made)


def test_answering_refuses_alike(client, clerk, received):
    check_door(
        client, clerk, step_door(received.pk, "answer", "answer", "书面答复", "请填写书面答复"), COUNTED
    )


def test_declining_refuses_alike(client, clerk, received):
    door = step_door(received.pk, "decline", "reason", "不予协助的理由", "请填写不予协助的理由")
    check_door(client, clerk, door, COUNTED)
