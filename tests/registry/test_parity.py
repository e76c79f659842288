"""Page and API refuse the same ill-formed input of the registry's writes alike (tests/parity.py)."""

from types import SimpleNamespace

import pytest

from tests.factories import OfficerFactory
from tests.parity import Door, check_parity
from zhifa.accounts.choices import RoleCode
from zhifa.registry.models import Assessment, TrainingRecord

pytestmark = pytest.mark.django_db

YEAR = "“年度”应为2000至2100之间的整数"
REQUIRED = "这个字段是必填项。"


def doors(officer) -> list[Door]:
    return [
        Door(
            "培训记录",
            page=f"/registry/officers/{officer.pk}/trainings/new/",
            api=f"/api/registry/officers/{officer.pk}/trainings",
            good={
                "on": "2026-03-02",
                "hours": "8",
                "kind": "business",
                "title": "行政执法规范",
                "provider": "市司法局",
            },
            text_fields={"title": "培训名称", "provider": "组织单位"},
            bad=[
                ("title", "", REQUIRED),
                ("hours", "0", "确保该值大于或等于0.5。"),
                ("hours", "200.5", "确保该值小于或等于200。"),
            ],
        ),
        Door(
            "年度考核",
            page=f"/registry/officers/{officer.pk}/assessments/new/",
            api=f"/api/registry/officers/{officer.pk}/assessments/{{year}}",
            method="put",
            good={"year": "2025", "grade": "excellent", "note": "全年无差错"},
            text_fields={"note": "评语"},
            bad=[("year", "1999", YEAR), ("year", "2101", YEAR), ("year", "-210", YEAR)],
        ),
    ]


def cases():
    sample = doors(SimpleNamespace(pk=0))  # the table only, at collection
    return [
        pytest.param(i, name, value, message, id=f"{d.name}:{vid}")
        for i, d in enumerate(sample)
        for vid, name, value, message in d.variants()
    ]


@pytest.mark.parametrize(("index", "field_name", "value", "message"), cases())
def test_page_and_api_refuse_alike(client, agencies, make_user, index, field_name, value, message):
    head = make_user(agencies["east_market"], RoleCode.UNIT_HEAD)
    officer = OfficerFactory(agency=agencies["east_market"], name="张伟")
    door = doors(officer)[index]
    check_parity(client, head, door, field_name, value, message, counted=(TrainingRecord, Assessment))
