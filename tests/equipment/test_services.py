"""The equipment register's services: 登记 (number unique per agency), 领用/归还 with who and when in the
record log, the ratio against the default and an agency's own standard, the device of a recording — and
every refusal names its field in Chinese with nothing written."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.equipment.conftest import EquipmentWrites, device_input, evidence
from tests.factories import OfficerFactory
from zhifa.core.models import Record
from zhifa.equipment import selectors, services
from zhifa.equipment.choices import DeviceStatus
from zhifa.registry.choices import PersonKind, PersonStatus

pytestmark = pytest.mark.django_db


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return {key: messages[0] for key, messages in caught.value.message_dict.items()}


def records(subject) -> list[tuple[str, dict]]:
    rows = Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))
    return [(r.action, json.loads(r.payload)) for r in rows.order_by("at", "id")]


def test_a_device_is_registered_with_its_record(device, market, head):
    assert (device.agency, device.kind, device.model, device.number, device.status, device.holder) == (
        market,
        "body_camera",
        "DSJ-K7",
        "ZFJLY-01",
        DeviceStatus.IN_USE,
        None,
    )
    assert records(device) == [
        (
            "equipment_device.register",
            {"kind": "body_camera", "model": "DSJ-K7", "number": "ZFJLY-01", "status": "in_use",
             "acquired_on": None, "note": ""},
        )
    ]  # fmt: skip


def test_the_number_is_unique_within_the_agency_only(device, market, head, agencies):
    writes = EquipmentWrites()
    assert refusal(lambda: services.device_register(actor=head, agency=market, data=device_input())) == {
        "number": "设备编号“ZFJLY-01”在东区市场监督管理局已登记，同一机关的设备编号不能重复"
    }
    assert writes.none
    other = services.device_register(actor=None, agency=agencies["west_market"], data=device_input())
    assert other.number == "ZFJLY-01"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (device_input(kind=""), {"kind": "请选择设备种类"}),
        (device_input(kind="drone"), {"kind": "“设备种类”的取值无效"}),
        (device_input(model=" "), {"model": "请填写品牌型号"}),
        (device_input(number=""), {"number": "请填写设备编号"}),
        (device_input(status="lost"), {"status": "“设备状态”的取值无效"}),
    ],
)
def test_a_registration_is_refused_by_field(market, head, data, expected):
    writes = EquipmentWrites()
    assert refusal(lambda: services.device_register(actor=head, agency=market, data=data)) == expected
    assert writes.none


def test_another_agency_head_may_not_register(market, west_head):
    writes = EquipmentWrites()
    with pytest.raises(PermissionDenied):
        services.device_register(actor=west_head, agency=market, data=device_input())
    assert writes.none


def test_issue_and_return_keep_who_and_when(device, staff, head):
    services.device_issue(actor=head, device=device, officer=staff[0])
    device.refresh_from_db()
    assert device.holder == staff[0] and device.held_since is not None
    since = device.held_since.isoformat()
    services.device_return(actor=head, device=device)
    device.refresh_from_db()
    assert (device.holder, device.held_since) == (None, None)
    assert records(device)[1:] == [
        ("equipment_device.issue", {"officer": staff[0].pk, "officer_name": "张伟"}),
        ("equipment_device.return", {"officer": staff[0].pk, "officer_name": "张伟", "held_since": since}),
    ]
    actors = Record.objects.filter(subject_type="equipment.device").values_list("actor_name", flat=True)
    assert set(actors) == {"杨帆"}


def test_issue_is_refused_for_a_held_device_and_for_an_officer_elsewhere(device, staff, head, agencies):
    services.device_issue(actor=head, device=device, officer=staff[0])
    writes = EquipmentWrites()
    assert refusal(lambda: services.device_issue(actor=head, device=device, officer=staff[1])) == {
        "officer": "设备已由张伟领用，请先办理归还"
    }
    services.device_return(actor=head, device=device)
    stranger = OfficerFactory(agency=agencies["west_market"], name="赵磊")
    writes = EquipmentWrites()
    assert refusal(lambda: services.device_issue(actor=head, device=device, officer=stranger)) == {
        "officer": "领用人赵磊不是东区市场监督管理局的执法人员"
    }
    assert refusal(lambda: services.device_issue(actor=head, device=device, officer=None)) == {
        "officer": "请选择领用人"
    }
    left = OfficerFactory(agency=device.agency, name="吴强", status=PersonStatus.LEFT)
    assert refusal(lambda: services.device_issue(actor=head, device=device, officer=left)) == {
        "officer": "领用人吴强不在岗（调离/退休）"
    }
    assert writes.none


def test_a_device_in_repair_is_not_issued_and_a_held_one_not_sent_to_repair(device, staff, head):
    repair = device_input(status=DeviceStatus.REPAIR)
    services.device_update(actor=head, device=device, data=repair)
    assert refusal(lambda: services.device_issue(actor=head, device=device, officer=staff[0])) == {
        "officer": "设备状态为“维修”，只有在用的设备可以领用"
    }
    services.device_update(actor=head, device=device, data=device_input())
    services.device_issue(actor=head, device=device, officer=staff[0])
    writes = EquipmentWrites()
    assert refusal(lambda: services.device_update(actor=head, device=device, data=repair)) == {
        "status": "设备已由执法人员领用，请先办理归还，再变更为在用以外的状态"
    }
    assert writes.none


def test_return_of_a_device_not_out_is_refused(device, head):
    writes = EquipmentWrites()
    assert refusal(lambda: services.device_return(actor=head, device=device)) == {
        "holder": "设备未被领用，无需归还"
    }
    assert writes.none


def test_the_ratio_against_the_default_and_an_own_standard(market, head, staff, supervisor, settings):
    OfficerFactory(agency=market, name="王芳", kind=PersonKind.AUXILIARY)  # not front-line: not counted
    for n in (1, 2):
        services.device_register(actor=head, agency=market, data=device_input(f"D-{n}"))
    services.device_register(
        actor=head, agency=market, data=device_input("D-3", status=DeviceStatus.SCRAPPED)
    )
    row = selectors.equipment_by_agency([market])[market.pk]
    assert (row.officers, row.devices, row.ratio, row.required, row.shortfall, row.below) == (
        3, 2, Decimal("1"), 3, 1, True
    )  # fmt: skip
    assert [r.agency for r in selectors.agencies_below(supervisor)] == [market]
    services.standard_set(actor=supervisor, agency=market, ratio="0.5", basis="省级部门标准")
    row = selectors.equipment_by_agency([market])[market.pk]
    assert (row.ratio, row.own_standard, row.required, row.below, row.actual) == (
        Decimal("0.50"), True, 2, False, Decimal("0.67")
    )  # fmt: skip
    assert selectors.agencies_below(supervisor) == []
    settings.ZHIFA_EQUIPMENT_RATIO = "2"
    other = selectors.equipment_by_agency([staff[0].agency])[market.pk]
    assert other.ratio == Decimal("0.50")  # the agency's own standard wins over the setting


def test_the_default_ratio_is_a_setting(market, head, staff, settings):
    settings.ZHIFA_EQUIPMENT_RATIO = "0.5"
    row = selectors.equipment_by_agency([market])[market.pk]
    assert (row.ratio, row.required) == (Decimal("0.5"), 2)


@pytest.mark.parametrize(
    ("ratio", "message"),
    [("", "配备标准应为数字，例如1或0.5"), ("0", "配备标准应大于0且不超过10（台/人）"),
     ("11", "配备标准应大于0且不超过10（台/人）"), ("0.333", "配备标准最多两位小数")],
)  # fmt: skip
def test_a_standard_is_refused_by_field(market, supervisor, ratio, message):
    writes = EquipmentWrites()
    assert refusal(lambda: services.standard_set(actor=supervisor, agency=market, ratio=ratio)) == {
        "ratio": message
    }
    assert writes.none


def test_only_the_justice_bureau_sets_a_standard(market, head):
    writes = EquipmentWrites()
    with pytest.raises((PermissionDenied, Http404)):
        services.standard_set(actor=head, agency=market, ratio="0.5")
    assert writes.none


def test_a_recording_names_its_device_once(case, device, head, agencies):
    video = evidence(case, "video", "现场.mp4")
    link = services.recording_link(actor=head, evidence=video, device=device)
    assert (link.evidence, link.device) == (video, device)
    assert records(case)[-1] == (
        "equipment_recording.link",
        {"evidence": video.pk, "sha256": video.sha256, "number": "ZFJLY-01"},
    )
    paper = evidence(case, "document", "合同.pdf")
    foreign = services.device_register(actor=None, agency=agencies["west_market"], data=device_input("W-1"))
    photo = evidence(case, "photo", "现场.jpg")
    writes = EquipmentWrites()
    assert refusal(lambda: services.recording_link(actor=head, evidence=video, device=device)) == {
        "device": "该证据已标注记录设备，不能更改"
    }
    assert refusal(lambda: services.recording_link(actor=head, evidence=paper, device=device)) == {
        "device": "“书证”不是音像证据，无需标注记录设备"
    }
    assert refusal(lambda: services.recording_link(actor=head, evidence=photo, device=foreign)) == {
        "device": "记录设备W-1不属于东区市场监督管理局"
    }
    assert writes.none
