"""报送 pages and API: the agency's list, the fill form pre-filled with the platform's figures, the bureau's
汇总表 with totals and its xlsx; another agency gets 404 through either door."""

from datetime import datetime

import pytest

from tests.helpers import exported_rows, xlsx_rows
from tests.stats.conftest import ReportWrites, sub
from zhifa.stats.reports import services

pytestmark = pytest.mark.django_db


def test_the_agency_fills_the_form_pre_filled_and_sends_it(client, quarter, cases_q1, agencies, market_head):
    market = sub(quarter, agencies["east_market"])
    client.force_login(market_head)
    listed = client.get("/stats/reports/").content.decode()
    assert "2026年第一季度季度执法数据" in listed and "东区市场监督管理局 → 东区司法局" in listed
    form = client.get(f"/stats/reports/{market.pk}/submit/").context["form"]
    assert (form["f_fine_total"].value(), form["f_registered"].value()) == ("70000.00", "2")
    data = {"f_registered": "2", "f_penalties": "1", "f_fine_total": "70000.00", "f_confiscation_total": "0",
            "f_no_penalty": "1", "f_transfers": "0", "f_hearings": "0", "note": "经核对无误"}  # fmt: skip
    response = client.post(f"/stats/reports/{market.pk}/submit/", data)
    assert response.status_code == 302
    page = client.get(f"/stats/reports/{market.pk}/").content.decode()
    assert "已报送待审核" in page and "70,000.00" in page


def test_the_bureau_sees_the_aggregate_and_exports_it(
    client, quarter, cases_q1, agencies, market_head, supervisor
):
    market = sub(quarter, agencies["east_market"])
    services.submission_submit(actor=market_head, submission=market, figures=services.prefill(market))
    services.submission_accept(actor=supervisor, submission=market)
    client.force_login(supervisor)
    page = client.get(f"/stats/reports/rounds/{quarter.pk}/").content.decode()
    assert "应报2个，已报1个，审核通过1个，逾期未报0个" in page
    rows = xlsx_rows(client.get(f"/stats/reports/rounds/{quarter.pk}/export.xlsx"))
    assert rows[0][:7] == (
        "报送单位",
        "状态",
        "报送期限",
        "是否逾期",
        "立案数",
        "作出行政处罚决定数",
        "罚款金额（元）",
    )
    assert (rows[1][0], rows[1][1], rows[1][4], rows[1][6]) == (
        "东区市场监督管理局",
        "已审核通过",
        "2",
        "70000.00",
    )
    assert rows[2][0] == "东区综合行政执法局" and rows[2][4] == "未报送"
    assert rows[-1][0] == "合计（审核通过的单位）" and rows[-1][1] == "1/2" and rows[-1][6] == "70000.00"
    detail = client.get(f"/api/stats/reports/rounds/{quarter.pk}").json()
    assert (detail["accepted"], detail["totals"]["fine_total"]) == (1, "70000.00")
    assert [line["figures"]["fine_total"] for line in detail["lines"]] == ["70000.00", None]


def test_the_api_offers_the_prefill_and_sends(client, quarter, cases_q1, agencies, market_head):
    market = sub(quarter, agencies["east_market"])
    client.force_login(market_head)
    detail = client.get(f"/api/stats/reports/submissions/{market.pk}").json()
    assert (detail["prefill"]["fine_total"], detail["actions"]) == ("70000.00", ["submit"])
    body = {"figures": {**detail["prefill"], "hearings": "-3"}, "reasons": {"hearings": "核对"}}
    writes = ReportWrites()
    refused = client.post(
        f"/api/stats/reports/submissions/{market.pk}/submit", body, content_type="application/json"
    )
    assert refused.status_code == 422 and writes.none
    assert refused.json()["detail"][0]["msg"] == "“举行听证数”不能为负数"
    sent = client.post(f"/api/stats/reports/submissions/{market.pk}/submit", {"figures": detail["prefill"]},
                       content_type="application/json")  # fmt: skip
    assert (sent.status_code, sent.json()["status_label"]) == (200, "已报送待审核")


def test_another_agency_gets_404(client, quarter, agencies, west_head):
    market = sub(quarter, agencies["east_market"])
    client.force_login(west_head)
    writes = ReportWrites()
    assert client.get(f"/stats/reports/{market.pk}/").status_code == 404
    assert client.post(f"/stats/reports/{market.pk}/submit/", {"note": "x"}).status_code == 404
    assert client.get(f"/api/stats/reports/submissions/{market.pk}").status_code == 404
    assert client.post(f"/api/stats/reports/submissions/{market.pk}/submit", {"figures": {}},
                       content_type="application/json").status_code == 404  # fmt: skip
    assert client.get(f"/stats/reports/rounds/{quarter.pk}/").status_code == 404
    assert writes.none


def test_the_submissions_as_excel(client, quarter, agencies, supervisor, market_head):
    header = ("报送事项", "报送期间", "报送单位", "接收机关", "状态", "报送期限", "是否逾期", "报送时间")
    urban = (
        "季度执法数据",
        "2026年第一季度",
        "东区综合行政执法局",
        "东区司法局",
        "待填报",
        datetime(2026, 4, 15),
        None,
        None,
    )
    market = (
        "季度执法数据",
        "2026年第一季度",
        "东区市场监督管理局",
        "东区司法局",
        "待填报",
        datetime(2026, 4, 15),
        None,
        None,
    )
    client.force_login(supervisor)
    assert exported_rows(client, "/stats/reports/export.xlsx") == [header, urban, market]
    client.force_login(market_head)  # an agency: its own submission only
    assert exported_rows(client, "/stats/reports/export.xlsx") == [header, market]
