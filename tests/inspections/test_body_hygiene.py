"""A NUL in a JSON body that reaches PostgreSQL (a code list stored as JSON, jsonb refuses \\u0000) is
refused before the handler with a 422 naming the field (zhifa.api.ApiParser), not a 500."""

import pytest

from zhifa.core.models import Record
from zhifa.inspections.models import PriorReport

from .test_api import api


@pytest.mark.parametrize("field", ["reason", "item_codes"])
def test_a_nul_in_a_prior_report_is_a_422(agencies, catalogues, inspector_user, subjects, field):
    body = {
        "subject_id": subjects[0].pk,
        "reason": "投诉",
        "item_codes": ["SCJG-JC-001"],
        "planned_on": "2026-03-02",
    }
    body[field] = ["SCJG\x00-JC-001"] if field == "item_codes" else "投\x00诉"
    before = (PriorReport.objects.count(), Record.objects.count())
    response = api(inspector_user).post("/api/inspections/reports", body, content_type="application/json")
    assert response.status_code == 422, response.content
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", field]
    assert (
        error["msg"]
        == {"reason": "“检查事由”不能包含控制字符", "item_codes": "“执法事项”不能包含控制字符"}[field]
    )
    assert (PriorReport.objects.count(), Record.objects.count()) == before
