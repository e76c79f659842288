"""报送: a bureau's round reaches each agency of its region with the kind's deadline; the agency sends the
platform's figures (a changed one with its reason); the bureau accepts or returns; totals and forwarding up;
each refusal says why in Chinese, naming the field, and writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tests.stats.conftest import ReportWrites, sub
from zhifa.core.models import Record
from zhifa.stats.models import Submission
from zhifa.stats.reports import selectors, services
from zhifa.stats.reports.workbench import pending

pytestmark = pytest.mark.django_db

FIGS = {"registered": "2", "penalties": "1", "fine_total": "70000.00", "confiscation_total": "0.00",
        "no_penalty": "1", "transfers": "0", "hearings": "0"}  # fmt: skip


def refused(call, **kwargs) -> dict:
    writes = ReportWrites()
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    assert writes.none
    return info.value.message_dict


def test_a_quarter_reaches_every_agency_of_the_county_due_ten_working_days_after(quarter, agencies, urban):
    subs = Submission.objects.filter(round=quarter).order_by("agency__name")
    assert [s.agency.name for s in subs] == ["东区市场监督管理局", "东区综合行政执法局"]
    # 2026-03-31 + 10 working days, across 清明 (04-04 to 04-06 off) = Wednesday 04-15
    assert {s.due_on for s in subs} == {date(2026, 4, 15)}
    assert (quarter.due_on, quarter.period_label) == (date(2026, 4, 15), "2026年第一季度")
    assert Record.objects.filter(action="submission.issue").count() == 2


def test_the_annual_report_is_due_on_31_january(agencies, urban, supervisor, today):
    today(date(2026, 1, 5))
    round_ = services.round_issue(actor=supervisor, bureau=agencies["east_justice"],
                                  data=services.RoundInput("annual", "2025"))  # fmt: skip
    assert (round_.due_on, sub(round_, urban).due_workdays) == (date(2026, 1, 31), None)


def test_the_platform_counts_the_quarter_in_one_grouped_query_each(
    quarter, cases_q1, agencies, django_assert_num_queries
):
    market = sub(quarter, agencies["east_market"])
    ids = [agencies["east_market"].pk, quarter.submissions.last().agency_id]
    with django_assert_num_queries(2):
        counted = services.computed_figures(
            services.KINDS["quarterly"], ids,
            services.KINDS["quarterly"].period("2026-Q1"),
        )  # fmt: skip
    assert counted[agencies["east_market"].pk] == FIGS
    assert services.prefill(market) == FIGS


def test_sent_as_counted_accepted_and_totalled(quarter, cases_q1, agencies, market_head, supervisor):
    market = sub(quarter, agencies["east_market"])
    services.submission_submit(actor=market_head, submission=market, figures=FIGS, note="经核对无误")
    market.refresh_from_db()
    assert (market.status, market.reasons, market.first_submitted_on) == ("submitted", {}, date(2026, 4, 1))
    services.submission_accept(actor=supervisor, submission=market)
    table = selectors.table(quarter)
    assert [(line.submission.agency.name, line.counted, line.overdue) for line in table.lines] == [
        ("东区市场监督管理局", True, False), ("东区综合行政执法局", False, False)]  # fmt: skip
    assert table.totals == ["2", "1", "70000.00", "0.00", "1", "0", "0"]
    assert (table.expected, table.received, table.accepted) == (2, 1, 1)


def test_a_changed_figure_needs_its_reason(quarter, cases_q1, agencies, market_head):
    market = sub(quarter, agencies["east_market"])
    changed = {**FIGS, "fine_total": "70500"}
    assert refused(services.submission_submit, actor=market_head, submission=market, figures=changed) == {
        "r_fine_total": ["“罚款金额（元）”与系统统计值（70000.00）不同，请填写调整原因"]}  # fmt: skip
    services.submission_submit(actor=market_head, submission=market, figures=changed,
                               reasons={"fine_total": "一起简易程序罚款未录入平台"})  # fmt: skip
    market.refresh_from_db()
    assert (market.figures["fine_total"], market.computed["fine_total"]) == ("70500.00", "70000.00")
    assert market.reasons == {"fine_total": "一起简易程序罚款未录入平台"}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("registered", "", "请填写“立案数”"),
        ("registered", "-1", "“立案数”不能为负数"),
        ("fine_total", "-5.00", "“罚款金额（元）”不能为负数"),
        ("penalties", "1.5", "“作出行政处罚决定数”应为整数"),
        ("fine_total", "12.345", "“罚款金额（元）”最多保留两位小数"),
        ("hearings", "三", "“举行听证数”应为整数"),
    ],
)
def test_bad_figures_are_refused_naming_the_field(quarter, agencies, urban_head, urban, key, value, message):
    # 东区综合行政执法局 has no cases: every computed figure is 0
    figures = {**{k: "0" for k in FIGS}, key: value}
    assert refused(services.submission_submit, actor=urban_head, submission=sub(quarter, urban),
                   figures=figures, reasons={key: "核对"}) == {f"f_{key}": [message]}  # fmt: skip


def test_empty_figures_are_refused(quarter, urban, urban_head):
    assert refused(services.submission_submit, actor=urban_head, submission=sub(quarter, urban), figures={}) == {
        "f_registered": ["请填写“立案数”"]}  # fmt: skip


def test_a_third_agency_never_sees_it_and_the_bureau_cannot_send_for_it(quarter, agencies, urban, west_head,
                                                                       supervisor):  # fmt: skip
    market = sub(quarter, agencies["east_market"])
    writes = ReportWrites()
    with pytest.raises(Http404):
        services.submission_submit(actor=west_head, submission=market, figures=FIGS)
    assert writes.none
    with pytest.raises(Http404):
        selectors.get_submission(west_head, market.pk)
    assert refused(services.submission_submit, actor=supervisor, submission=market, figures=FIGS) == {
        "agency": ["只有报送单位（东区市场监督管理局）可以填报"]}  # fmt: skip


def test_returned_with_reason_and_not_resent_unchanged(
    quarter, cases_q1, agencies, market_head, supervisor, today
):
    market = sub(quarter, agencies["east_market"])
    services.submission_submit(actor=market_head, submission=market, figures=FIGS)
    assert refused(services.submission_return, actor=supervisor, submission=market, reason=" ") == {
        "reason": ["请填写退回理由"]}  # fmt: skip
    today(date(2026, 4, 14))
    services.submission_return(actor=supervisor, submission=market, reason="请补充情况说明")
    market.refresh_from_db()
    # due again 5 working days after the return (later than the first deadline, 04-15)
    assert (market.status, market.due_on, market.due_workdays) == ("returned", date(2026, 4, 21), 5)
    assert refused(services.submission_submit, actor=market_head, submission=market, figures=FIGS) == {
        "figures": ["报送已被退回（退回理由：请补充情况说明），请按退回意见修改数据或情况说明后再报送"]}  # fmt: skip
    services.submission_submit(actor=market_head, submission=market, figures=FIGS, note="已补充")
    market.refresh_from_db()
    assert market.status == "submitted"


def test_only_the_issuing_bureau_reviews(quarter, cases_q1, agencies, market_head, city_supervisor):
    market = sub(quarter, agencies["east_market"])
    services.submission_submit(actor=market_head, submission=market, figures=FIGS)
    assert refused(services.submission_accept, actor=city_supervisor, submission=market) == {
        "status": ["只有发起报送任务的东区司法局可以审核"]}  # fmt: skip
    assert refused(services.submission_accept, actor=market_head, submission=market) == {
        "status": ["只有发起报送任务的东区司法局可以审核"]}  # fmt: skip


def test_overdue_shows_on_both_workbenches(quarter, agencies, urban, urban_head, supervisor, today):
    today(date(2026, 4, 16))
    assert [(i.title, i.overdue) for i in pending(urban_head)] == [
        ("2026年第一季度季度执法数据：待填报（已逾期）", True)
    ]
    assert sorted(i.title for i in pending(supervisor)) == [
        "2026年第一季度季度执法数据：东区市场监督管理局逾期未报送",
        "2026年第一季度季度执法数据：东区综合行政执法局逾期未报送",
    ]
    assert selectors.table(quarter).overdue == 2


def test_issue_refusals(agencies, urban, supervisor, market_head, today):
    bureau = agencies["east_justice"]
    assert refused(services.round_issue, actor=supervisor, bureau=bureau,
                   data=services.RoundInput("quarterly", "2026-Q3")) == {"period": ["2026年第三季度尚未开始，不能下发报送任务"]}  # fmt: skip
    assert refused(services.round_issue, actor=supervisor, bureau=bureau,
                   data=services.RoundInput("campaign", "2026-Q1")) == {"period": ["请选择报送期间"]}  # fmt: skip
    assert refused(services.round_issue, actor=supervisor, bureau=bureau,
                   data=services.RoundInput("annual", "2024")) == {
        "period": ["2024年度行政执法统计年报的报送期限（2025年1月31日）已过，不能再下发"]}  # fmt: skip
    with pytest.raises(Exception) as info:
        services.round_issue(
            actor=market_head,
            bureau=agencies["east_market"],
            data=services.RoundInput("quarterly", "2026-Q1"),
        )
    assert info.type.__name__ in ("PermissionDenied", "Http404")


def test_a_county_forwards_its_accepted_totals_to_the_city(quarter, cases_q1, agencies, market_head, supervisor,
                                                          city_supervisor):  # fmt: skip
    city_round = services.round_issue(actor=city_supervisor, bureau=agencies["city_justice"],
                                      data=services.RoundInput("quarterly", "2026-Q1"))  # fmt: skip
    assert sorted(s.agency.name for s in city_round.submissions.all()) == ["东区司法局"]
    assert refused(services.round_forward, actor=supervisor, round=quarter) == {
        "round": ["尚无审核通过的报送，不能汇总上报"]}  # fmt: skip
    market = sub(quarter, agencies["east_market"])
    services.submission_submit(actor=market_head, submission=market, figures=FIGS)
    services.submission_accept(actor=supervisor, submission=market)
    forwarded = services.round_forward(actor=supervisor, round=quarter)
    assert (forwarded.status, forwarded.figures, forwarded.forwarded_from) == ("submitted", FIGS, quarter)
    assert forwarded.note == "汇总东区1个单位审核通过的报送（应报2个）"
    services.submission_accept(actor=city_supervisor, submission=forwarded)
    assert selectors.table(city_round).totals == ["2", "1", "70000.00", "0.00", "1", "0", "0"]
    assert refused(services.round_forward, actor=supervisor, round=quarter) == {
        "status": ["报送当前为“已审核通过”，不能填报并报送（应为：待填报、已退回待修改）"]}  # fmt: skip


@pytest.mark.parametrize("period", ["0000", "-001-Q1", "2026-Q9", "abcd", "", "9999"])
def test_a_period_that_is_no_period_is_refused(agencies, urban, supervisor, period):
    assert refused(
        services.round_issue, actor=supervisor, bureau=agencies["east_justice"],
        data=services.RoundInput("quarterly" if "Q" in period else "annual", period),
    ) == {"period": ["请选择报送期间"]}  # fmt: skip
