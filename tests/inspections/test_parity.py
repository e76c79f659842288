"""Page and API refuse the same ill-formed input of the inspections' writes alike (tests/parity.py)."""

from types import SimpleNamespace

import pytest

from tests.inspections.conftest import TODAY
from tests.parity import Door, check_door
from zhifa.inspections import services
from zhifa.inspections.models import Inspection, PriorReport

pytestmark = pytest.mark.django_db


def doors(subject, inspection) -> list[Door]:
    return [
        Door(
            "事前报备",
            "zhifa_inspections_api_report_file",
            page="/inspections/reports/",
            api="/api/inspections/reports",
            good={
                "subject": subject.pk,
                "reason": "投诉举报",
                "item_codes": "SCJG-JC-001",
                "planned_on": "2026-03-02",
            },
            text_fields={"reason": "检查事由"},
            bad=[("reason", "", "请写明检查事由")],
            to_api=lambda data: {
                "subject_id": data["subject"],
                "reason": data["reason"],
                "item_codes": [data["item_codes"]],
                "planned_on": data["planned_on"],
            },
        ),
        Door(
            "录入检查结果",
            "zhifa_inspections_api_inspection_finish",
            page=f"/inspections/inspections/{inspection.pk}/",
            api=f"/api/inspections/inspections/{inspection.pk}/finish",
            good={"result": "no_problem", "summary": "现场检查未发现问题", "on": "2026-03-03"},
            text_fields={"summary": "检查情况", "lenient_reason": "不适用包容审慎的理由（如需立案）"},
            bad=[("summary", "", "请填写检查情况")],
        ),
    ]


doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0))  # the table, for tests/test_parity_table.py


def test_page_and_api_refuse_alike(client, agencies, catalogues, subjects, drawn, inspector_user):
    started = services.inspection_start(
        actor=inspector_user, agency=agencies["east_market"], task=drawn.tasks.first(), on=TODAY, via_qr=True
    )
    for door in doors(subjects[0], started):
        check_door(client, inspector_user, door, counted=(PriorReport, Inspection))
