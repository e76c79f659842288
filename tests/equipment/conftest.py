"""音像记录设备 fixtures: 东区市场监督管理局 (three officers, its head keeps the register), 西县市场监督管理局
(another county), 东区司法局's supervisor, and a case of the market agency with a video and a document."""

from datetime import date

import pytest

from tests.factories import OfficerFactory
from tests.helpers import Writes
from tests.stats.rows import case as make_case
from zhifa.accounts.choices import RoleCode
from zhifa.cases.models import Evidence
from zhifa.equipment import services
from zhifa.equipment.models import Device, EquipmentStandard, RecordingDevice


class EquipmentWrites(Writes):
    counted = (Device, EquipmentStandard, RecordingDevice)


@pytest.fixture
def market(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(market, make_user):
    return make_user(market, RoleCode.AGENCY_HEAD, username="east_head", real_name="杨帆")


@pytest.fixture
def supervisor(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def staff(market):
    """Three front-line officers of the market agency."""
    return [OfficerFactory(agency=market, name=name) for name in ("张伟", "李娜", "刘洋")]


def device_input(number: str = "ZFJLY-01", **more) -> services.DeviceInput:
    values = {"kind": "body_camera", "model": "DSJ-K7", "number": number, **more}
    return services.DeviceInput(**values)


@pytest.fixture
def device(market, head):
    return services.device_register(actor=head, agency=market, data=device_input())


@pytest.fixture
def case(market):
    return make_case(market)


def evidence(case, kind: str, name: str) -> Evidence:
    return Evidence.objects.create(
        case=case,
        step="on_site",
        kind=kind,
        sha256=f"{kind:0<64}"[:64],
        size=10,
        media_type="video/mp4",
        original_name=name,
        captured_at=None,
    )


TODAY = date(2026, 3, 6)
