"""演示数据 of 报送, through the services (idempotent):

- 东湖区司法局 issued the last complete quarter's 季度执法数据 the day after it ended: 东湖区市场监督管理局 sent the
  platform's figures and they were accepted; 东湖区综合行政执法局 sent a changed fine total with its reason and
  was returned (待修改); the others have not sent (overdue once its 10 working days have passed);
- 江州市司法局 issued the same quarter to the county bureaus: 东湖区司法局 forwarded its accepted totals (待审核),
  青山县司法局 has not;
- 东湖区司法局 issued last year's 统计年报 on 5 January: nobody has sent it yet (due 31 January);
- 东湖区司法局 asked for this year's “三项制度”自查及工作总结 (due 10月31日): 东湖区市场监督管理局 sent it, accepted."""

from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

from zhifa.accounts.models import User
from zhifa.core.models import Agency
from zhifa.stats.models import ReportRound, Submission
from zhifa.stats.reports import clocks, services
from zhifa.stats.reports.kinds import KINDS, ReportKind


@contextmanager
def _on(day: date):
    with mock.patch.object(clocks, "today", lambda: day):
        yield


def _user(name: str) -> User | None:
    return User.objects.filter(username=name).first()


def last_quarter(today: date):
    spec = KINDS[ReportKind.QUARTERLY]
    ended = [p for y in (today.year - 1, today.year) for p in spec.periods(y) if p.end < today]
    return ended[-1]


def load(stdout) -> None:
    if ReportRound.objects.exists():
        return
    today = clocks.today()
    county, city = Agency.objects.get(name="东湖区司法局"), Agency.objects.get(name="江州市司法局")
    county_jd, city_jd, head = _user("dh_jd"), _user("js_jd"), _user("dh_jgfz")
    quarter = last_quarter(today)
    issued = quarter.end + timedelta(days=1)
    with _on(issued):
        data = services.RoundInput(ReportKind.QUARTERLY, quarter.code, "请各单位按期报送本季度行政执法数据。")
        round_ = services.round_issue(actor=county_jd, bureau=county, data=data)
        city_round = services.round_issue(actor=city_jd, bureau=city, data=data)
        subs = {s.agency.name: s for s in round_.submissions.select_related("agency", "round")}
        market = subs["东湖区市场监督管理局"]
        services.submission_submit(actor=head, submission=market, figures=services.prefill(market),
                                   note="数据由平台统计，经核对无误。")  # fmt: skip
        services.submission_accept(actor=county_jd, submission=market)
        urban = subs.get("东湖区综合行政执法局")
        if urban is not None:
            figures = services.prefill(urban)
            figures["fine_total"] = f"{Decimal(figures['fine_total']) + Decimal('500'):.2f}"
            services.submission_submit(
                actor=None, submission=urban, figures=figures,
                reasons={"fine_total": "含一起线下办理、尚未录入平台的简易程序罚款500元"},
            )  # fmt: skip
            services.submission_return(actor=county_jd, submission=urban,
                                       reason="线下办理的案件请先补录平台，再按平台数据报送。")  # fmt: skip
        services.round_forward(actor=county_jd, round=round_)
    assert Submission.objects.filter(round=city_round).exists()
    with _on(date(today.year, 1, 5)):
        annual = services.RoundInput(
            ReportKind.ANNUAL, str(today.year - 1), "请于1月31日前报送上年度统计年报。"
        )
        services.round_issue(actor=county_jd, bureau=county, data=annual)
    _self_check(today, county, county_jd, head)
    stdout.write("统计分析：报送任务、报送和汇总演示数据已加载\n")


def _self_check(today: date, county: Agency, county_jd, head) -> None:
    """东湖区司法局 asked on 1 September for the year's “三项制度”自查及工作总结 (due 10月31日):
    东湖区市场监督管理局 sent its own on 20 October and it was accepted; the others have not sent."""
    year = today.year if today >= date(today.year, 9, 2) else today.year - 1
    with _on(date(year, 9, 1)):
        data = services.RoundInput(
            ReportKind.SELF_CHECK, str(year), "请组织“三项制度”自查，10月31日前报送工作总结。"
        )
        round_ = services.round_issue(actor=county_jd, bureau=county, data=data)
    market = round_.submissions.select_related("agency", "round").get(agency__name="东湖区市场监督管理局")
    with _on(date(year, 10, 20)):
        services.submission_submit(
            actor=head, submission=market, figures={"problems": "3", "rectified": "3"},
            note="一、自查情况：对照三项制度逐项自查，发现公示不及时、音像记录归档不全等问题3个。\n"
                 "二、整改情况：3个问题均已整改到位。\n三、下一步工作：完善执法记录仪使用管理办法。",
        )  # fmt: skip
        services.submission_accept(actor=county_jd, submission=market)
