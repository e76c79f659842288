"""Page and API refuse the same ill-formed input of the 问题线索 handling alike (tests/parity.py): control
characters in every free-text field, a missing reason, a missing 督办情形."""

import pytest

from tests.parity import Door, check_door
from zhifa.detection import services
from zhifa.detection.models import Hit, ParamSetting, Run
from zhifa.supervision.models import Oversight, SupervisionItem

from .conftest import TODAY

pytestmark = pytest.mark.django_db
COUNTED = (Hit, Run, SupervisionItem, Oversight, ParamSetting)
OP = "zhifa_detection_api_"


@pytest.fixture
def hit(make_case):
    make_case(fine="80000", low="50000", high="70000")
    services.run_model(actor=None, model="discretion", today=TODAY)
    return Hit.objects.get()


def _door(hit_id: int, action: str, name: str, **kwargs) -> Door:
    return Door(name, f"{OP}hit_{action}", page=f"/detection/hits/{hit_id}/{action}/",
                api=f"/api/detection/hits/{hit_id}/{action}", **kwargs)  # fmt: skip


def handling_door(hit_id: int, action: str, what: str) -> Door:
    return _door(hit_id, action, f"{what}问题线索", good={"reason": "核实"}, text_fields={"reason": "理由"},
                 bad=[("reason", "", f"请填写{what}理由")])  # fmt: skip


def supervise_door(hit_id: int) -> Door:
    return _door(
        hit_id, "supervise", "转为监督事项", good={"reason": "立项"}, text_fields={"reason": "立项理由"}
    )


def oversee_door(hit_id: int) -> Door:
    return _door(
        hit_id, "oversee", "转为督办", good={"ground": "repeated", "description": "限期纠正"},
        text_fields={"description": "督办要求"},
        bad=[("ground", "", "请选择督办情形（有重大社会影响、反复发生或造成严重后果）")],
    )  # fmt: skip


def params_door() -> Door:
    return Door(
        "设定模型参数", f"{OP}params_set", page="/detection/parameters/set/?model=not_filing",
        api="/api/detection/parameters", good={"grace_days": "3"}, text_fields={},
        to_api=lambda data: {"model": "not_filing", "values": data},
        bad=[("grace_days", "三", "“有案不立”的参数“宽限天数”须为数字"),
             ("grace_days", "0.5", "“有案不立”的参数“宽限天数”须为整数"),
             ("grace_days", "-1", "“有案不立”的参数“宽限天数”不能小于0日")],
    )  # fmt: skip


# declared at import, so tests/test_parity_table.py finds them
DECLARED = [
    params_door(),
    handling_door(0, "confirm", "确认"),
    handling_door(0, "dismiss", "排除"),
    supervise_door(0),
    oversee_door(0),
]


@pytest.mark.parametrize(("action", "what"), [("confirm", "确认"), ("dismiss", "排除")])
def test_handling(client, supervisor, hit, action, what):
    check_door(client, supervisor, handling_door(hit.pk, action, what), counted=COUNTED)


def test_follow_ups(client, supervisor, hit):
    services.hit_confirm(actor=supervisor, hit=hit, reason="核实属实")
    check_door(client, supervisor, supervise_door(hit.pk), counted=COUNTED)
    check_door(client, supervisor, oversee_door(hit.pk), counted=COUNTED)


def test_parameters(client, supervisor):
    check_door(client, supervisor, params_door(), counted=COUNTED)
