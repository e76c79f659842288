"""Page and API refuse the same ill-formed input of the 报送 writes alike (tests/parity.py): control characters
in the free texts, a negative figure, a missing return reason — 填报并报送, 退回修改, 下发报送任务."""

import pytest

from tests.parity import Door, check_door
from tests.stats.conftest import sub
from zhifa.stats.models import ReportRound, Submission
from zhifa.stats.reports import services

pytestmark = pytest.mark.django_db
COUNTED = (ReportRound, Submission)
OP = "zhifa_stats_api_reports_"
ZEROS = {"f_registered": "0", "f_penalties": "0", "f_fine_total": "0.00", "f_confiscation_total": "0.00",
         "f_no_penalty": "0", "f_transfers": "0", "f_hearings": "0"}  # fmt: skip


def _submit_api(data: dict) -> dict:
    return {
        "figures": {k[2:]: v for k, v in data.items() if k.startswith("f_")},
        "reasons": {k[2:]: v for k, v in data.items() if k.startswith("r_") and v},
        "note": data.get("note", ""),
    }


def submit_door(pk: int) -> Door:
    return Door(
        "填报并报送",
        f"{OP}submission_submit",
        page=f"/stats/reports/{pk}/submit/",
        api=f"/api/stats/reports/submissions/{pk}/submit",
        good={**ZEROS, "note": "经核对无误"},
        text_fields={"note": "情况说明"},
        bad=[("f_registered", "-1", "“立案数”不能为负数"), ("f_fine_total", "", "请填写“罚款金额（元）”")],
        to_api=_submit_api,
    )


def return_door(pk: int) -> Door:
    return Door(
        "退回修改",
        f"{OP}submission_return",
        page=f"/stats/reports/{pk}/return/",
        api=f"/api/stats/reports/submissions/{pk}/return",
        good={"reason": "请补充情况说明"},
        text_fields={"reason": "退回理由"},
        bad=[("reason", " ", "请填写退回理由")],
    )


def issue_door() -> Door:
    return Door(
        "下发报送任务",
        f"{OP}round_issue",
        page="/stats/reports/rounds/new/",
        api="/api/stats/reports/rounds",
        good={"kind": "quarterly", "period": "2026-Q1", "note": "请按期报送"},
        text_fields={"note": "报送要求"},
        bad=[("period", "", "请选择报送期间"), ("kind", "", "请选择报送事项")],
    )


TABLE = [submit_door(0), return_door(0), issue_door()]


def test_submitting_refuses_alike(client, quarter, urban, urban_head):
    check_door(client, urban_head, submit_door(sub(quarter, urban).pk), COUNTED)


def test_returning_refuses_alike(client, quarter, urban, urban_head, supervisor):
    submission = services.submission_submit(
        actor=urban_head, submission=sub(quarter, urban), figures={k[2:]: v for k, v in ZEROS.items()}
    )
    check_door(client, supervisor, return_door(submission.pk), COUNTED)


def test_issuing_refuses_alike(client, agencies, urban, supervisor):
    check_door(client, supervisor, issue_door(), COUNTED)
