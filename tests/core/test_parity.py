"""Page and API refuse the same ill-formed input of 节假日调整 and 文号格式 alike (tests/parity.py)."""

import pytest

from tests.parity import Door, check_door
from zhifa.accounts.choices import RoleCode
from zhifa.audit.models import AuditEntry
from zhifa.core.models import HolidayOverride, NumberFormat

pytestmark = pytest.mark.django_db

HOLIDAY = Door(
    "新增节假日调整",
    "zhifa_core_api_create_holiday_override",
    page="/org/calendar/new/",
    api="/api/calendar/overrides",
    good={"date": "2027-10-09", "kind": "workday", "name": "国庆节调休上班"},
    text_fields={"name": "说明"},
    bad=[
        ("date", "1999-12-31", "“日期”应在2000年至2100年之间"),
        ("date", "2101-01-01", "“日期”应在2000年至2100年之间"),
        ("kind", "", "请选择类型（法定节假日或调休上班）"),
        ("name", "节" * 65, "“说明”最多64个字符"),
    ],
)


def number_format_door(agency_id: int = 0) -> Door:
    return Door(
        "新增文号格式",
        "zhifa_core_api_create_number_format",
        page="/org/number-formats/new/",
        api="/api/number-formats",
        good={"agency": agency_id, "kind": "罚决", "prefix": "东市监罚"},
        text_fields={"prefix": "文号前缀"},
        to_api=lambda data: {"agency_id": data["agency"], "kind": data["kind"], "prefix": data["prefix"]},
        bad=[
            ("kind", "", "请选择文书种类"),
            ("prefix", "", "请填写文号前缀"),
            ("prefix", "罚" * 33, "“文号前缀”最多32个字符"),
        ],
    )


DECLARED = [HOLIDAY, number_format_door()]


def test_holiday_overrides(client, agencies, make_user):
    sysadmin = make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="city_sys")
    check_door(client, sysadmin, HOLIDAY, counted=(HolidayOverride, AuditEntry))


def test_number_formats(client, agencies, make_user):
    sysadmin = make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN, username="east_sys")
    door = number_format_door(agencies["east_market"].pk)
    check_door(client, sysadmin, door, counted=(NumberFormat, AuditEntry))
