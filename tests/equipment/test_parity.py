"""Page and API refuse the same ill-formed input of the equipment writes alike (tests/parity.py): control
characters in every free-text field, and the bad input of 登记 and 配备标准."""

import pytest

from tests import parity
from tests.parity import Door, check_door
from zhifa.equipment.models import Device, EquipmentStandard, InformationSystem, RecordingDevice

pytestmark = pytest.mark.django_db
COUNTED = (Device, EquipmentStandard, RecordingDevice, InformationSystem)
OP = "zhifa_equipment_api_"
GOOD = {"kind": "body_camera", "model": "DSJ-K7", "number": "ZFJLY-09", "status": "in_use", "note": "备用"}
TEXTS = {"model": "品牌型号", "number": "设备编号", "note": "备注"}


@pytest.fixture(autouse=True)
def _doors_of_this_test_only():
    """These Doors are built inside the tests, on the fixtures' ids, not declared at import: the parity table
    (tests/test_parity_table.py) lists them under NO_DOOR, so they leave the registry after each test —
    whichever order a worker runs the two modules in."""
    before = list(parity.DOORS)
    yield
    parity.DOORS[:] = before


def test_register(client, head, market):
    door = Door(
        "登记音像记录设备",
        f"{OP}device_register",
        page="/equipment/new/",
        api="/api/equipment/devices",
        good={**GOOD, "agency": market.pk},
        text_fields=TEXTS,
        bad=[("kind", "", "请选择设备种类"), ("number", " ", "请填写设备编号")],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "agency"}, "agency_id": d["agency"]},
    )
    check_door(client, head, door, counted=COUNTED)


def test_update(client, head, device):
    door = Door(
        "更新音像记录设备信息",
        f"{OP}device_update",
        page=f"/equipment/{device.pk}/edit/",
        api=f"/api/equipment/devices/{device.pk}",
        good=GOOD,
        text_fields=TEXTS,
        bad=[("status", "", "请选择设备状态")],
    )
    check_door(client, head, door, counted=COUNTED)


def test_standard(client, supervisor, market):
    door = Door(
        "设置音像记录设备配备标准",
        f"{OP}standard_set",
        page=f"/equipment/ratios/{market.pk}/standard/",
        api=f"/api/equipment/agencies/{market.pk}/standard",
        good={"ratio": "0.5", "basis": "省级部门标准"},
        text_fields={"basis": "依据"},
        bad=[
            ("ratio", "abc", "配备标准应为数字，例如1或0.5"),
            ("ratio", "0", "配备标准应大于0且不超过10（台/人）"),
        ],
    )
    check_door(client, supervisor, door, counted=COUNTED)


SYSTEM = {"name": "执法办案系统", "kind": "case_handling", "level": "own", "builder": "承建公司",
          "connection": "none", "status": "in_use", "note": "自建"}  # fmt: skip
SYSTEM_TEXTS = {"name": "系统名称", "builder": "建设（承建）单位", "note": "备注"}


def test_register_system(client, head, market):
    door = Door(
        "登记执法信息系统",
        f"{OP}systems_system_register",
        page="/equipment/systems/new/",
        api="/api/equipment/systems",
        good={**SYSTEM, "agency": market.pk},
        text_fields=SYSTEM_TEXTS,
        bad=[("kind", "", "请选择系统类别"), ("name", " ", "请填写系统名称")],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "agency"}, "agency_id": d["agency"]},
    )
    check_door(client, head, door, counted=COUNTED)


def test_update_system(client, head, market):
    from zhifa.equipment.systems import services as systems

    system = systems.system_register(
        actor=head, agency=market, data=systems.SystemInput(name="旧名", kind="other", level="own")
    )
    door = Door(
        "更新执法信息系统",
        f"{OP}systems_system_update",
        page=f"/equipment/systems/{system.pk}/edit/",
        api=f"/api/equipment/systems/{system.pk}",
        good=SYSTEM,
        text_fields=SYSTEM_TEXTS,
        bad=[("level", "", "请选择建设层级")],
    )
    check_door(client, head, door, counted=COUNTED)


def test_link_system_exchange(client, head, market):
    from zhifa.equipment.systems import services as systems

    system = systems.system_register(
        actor=head,
        agency=market,
        data=systems.SystemInput(name="办案系统", kind="case_handling", level="own"),
    )
    door = Door(
        "关联数据交换来源",
        f"{OP}systems_system_link_exchange",
        page=f"/equipment/systems/{system.pk}/exchange/",
        api=f"/api/equipment/systems/{system.pk}/exchange-source",
        good={"exchange_source": "ZF320199"},
        text_fields={"exchange_source": "数据交换来源系统标识"},
        bad=[
            (
                "exchange_source",
                "ZF 32",
                "数据交换来源系统标识只能由字母、数字和“_”“.”“-”组成，最多64位（如ZF320199）",
            )
        ],
    )
    check_door(client, head, door, counted=COUNTED)
