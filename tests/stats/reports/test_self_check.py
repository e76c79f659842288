"""“三项制度”自查及工作总结 (seed 003 五(四)): a 报送 kind of its own — due 10月31日 each year (a setting), the
工作总结 text required beside the two figures, on the same round → submit → accept flow; page and API alike."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.helpers import errors
from tests.stats.conftest import ReportWrites, sub
from zhifa.stats.reports import services

pytestmark = pytest.mark.django_db

SUMMARY = "一、自查情况：发现问题2个。二、整改情况：均已整改。"


@pytest.fixture
def self_check(agencies, urban, supervisor):
    return services.round_issue(
        actor=supervisor, bureau=agencies["east_justice"], data=services.RoundInput("self_check", "2026")
    )


def test_due_on_31_october_or_the_setting(self_check, agencies, urban, city_supervisor, settings):
    assert (self_check.due_on, sub(self_check, urban).due_on, self_check.period_label) == (
        date(2026, 10, 31),
        date(2026, 10, 31),
        "2026年度",
    )
    settings.ZHIFA_SELF_CHECK_DUE = "11-15"
    again = services.round_issue(
        actor=city_supervisor, bureau=agencies["city_justice"], data=services.RoundInput("self_check", "2026")
    )
    assert again.due_on == date(2026, 11, 15)


def test_the_summary_is_required_and_named(self_check, agencies, market_head):
    market = sub(self_check, agencies["east_market"])
    writes = ReportWrites()
    with pytest.raises(ValidationError) as info:
        services.submission_submit(
            actor=market_head, submission=market, figures={"problems": "2", "rectified": "2"}, note=" "
        )
    assert info.value.message_dict == {"note": ["请填写自查情况及工作总结"]}
    assert writes.none
    sent = services.submission_submit(
        actor=market_head, submission=market, figures={"problems": "2", "rectified": "2"}, note=SUMMARY
    )
    assert (sent.status, sent.figures, sent.note) == (
        "submitted",
        {"problems": "2", "rectified": "2"},
        SUMMARY,
    )


def test_page_and_api_give_the_same_refusal(client, self_check, agencies, market_head):
    market = sub(self_check, agencies["east_market"])
    client.force_login(market_head)
    form = client.get(f"/stats/reports/{market.pk}/submit/").content.decode()
    assert "自查情况及工作总结" in form and "自查发现问题（个）" in form
    writes = ReportWrites()
    page = client.post(
        f"/stats/reports/{market.pk}/submit/", {"f_problems": "1", "f_rectified": "1", "note": ""}
    )
    assert page.context["form"].errors["note"] == ["请填写自查情况及工作总结"]
    api = client.post(
        f"/api/stats/reports/submissions/{market.pk}/submit",
        {"figures": {"problems": "1", "rectified": "1"}, "note": ""},
        content_type="application/json",
    )
    assert errors(api) == {"note": "请填写自查情况及工作总结"}
    assert writes.none
