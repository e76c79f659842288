"""演示数据 of 投诉举报, through the services as the system (idempotent). In 东湖区, about 东湖区市场监督管理局
(routed by the item SCJG-CF-001 of its catalogue) unless said otherwise:

- an anonymous report on the portal, waiting for acceptance;
- a named complaint from the window, accepted and being handled (and a duplicate of it from 12345);
- a 12345 complaint answered, rated 满意 and closed;
- a complaint answered and rated 不满意, sent to 东湖区司法局 for supervision;
- a complaint 东湖区市场监督管理局 disputed, waiting for the justice bureau to settle it;
- a report accepted six weeks ago that led to no case (有案不立 signal);
- a 12345 report whose facts the agency had already put on file: linked to that case (关联已立案件);
- the 定期通报 of every justice bureau for last month and last quarter."""

from contextlib import contextmanager
from datetime import date

from zhifa.complaints import clocks, services
from zhifa.complaints.choices import Channel, Kind, Rating, Wish
from zhifa.complaints.models import Complaint
from zhifa.core import workdays
from zhifa.core.models import Region

ITEM = "SCJG-CF-001"


@contextmanager
def _on(day: date):
    """Act as on `day` (the demo's history), restoring the clock after."""
    original = clocks.today
    clocks.today = lambda: day
    try:
        yield
    finally:
        clocks.today = original


def _ago(n: int) -> date:
    return workdays.add_workdays(clocks.today(), -n)


def _enter(region: Region, channel: str, title: str, content: str, subject: str, **extra):
    extra.setdefault("item_code", ITEM)
    data = services.ComplaintInput(
        channel=channel,
        title=title,
        content=content,
        subject_name=subject,
        region=region,
        **extra,
    )
    if channel == Channel.PORTAL:
        return services.complaint_submit(data=data)
    return services.complaint_enter(actor=None, data=data)


def load(stdout) -> None:
    if Complaint.objects.exists():
        return
    east = Region.objects.get(code="990102")
    named = {"name": "钱多多", "phone": "13800000001"}

    _enter(east, Channel.PORTAL, "超市销售过期食品", "东湖路某超市货架上有过期酸奶出售。", "东湖鲜生超市",
           kind=Kind.REPORT, anonymous=True)  # fmt: skip

    with _on(_ago(4)):
        handling, _ = _enter(east, Channel.WINDOW, "饭店后厨卫生差", "就餐时看到后厨污水横流。", "东湖大酒店",
                             received_on=_ago(4), **named)  # fmt: skip
        services.complaint_accept(actor=None, complaint=handling)
        services.complaint_handle(actor=None, complaint=handling, note="已安排执法人员现场核查。")
    _enter(east, Channel.HOTLINE, "饭店后厨卫生差", "东湖大酒店后厨卫生状况差。", "东湖大酒店",
           hotline_number="12345-2026-000101", name="孙小姐", phone="13900000002")  # fmt: skip

    with _on(_ago(12)):
        rated, code = _enter(east, Channel.HOTLINE, "药店无证经营", "某药店未取得许可即开业经营。", "康宁大药房",
                             hotline_number="12345-2026-000057", received_on=_ago(12), **named)  # fmt: skip
        services.complaint_accept(actor=None, complaint=rated)
    with _on(_ago(5)):
        services.complaint_reply(
            actor=None,
            complaint=rated,
            reply="经核查，该药店已于本月取得药品经营许可证，对其此前无证经营行为已立案调查。",
        )
        services.complaint_rate(code=code, rating=Rating.SATISFIED, comment="处理及时。")
        services.complaint_close(actor=None, complaint=rated, conclusion="已答复，投诉人满意。")

    with _on(_ago(10)):
        unhappy, code = _enter(east, Channel.PORTAL, "执法人员态度恶劣", "检查时执法人员未出示证件且态度恶劣。",
                               "东湖区市场监督管理局", received_on=_ago(10), name="李先生", phone="13700000003")  # fmt: skip
        services.complaint_accept(actor=None, complaint=unhappy)
    with _on(_ago(2)):
        services.complaint_reply(
            actor=None,
            complaint=unhappy,
            reply="经调查，当日检查人员已出示执法证件，已对相关人员进行文明执法教育。",
        )
        services.complaint_rate(
            code=code, rating=Rating.UNSATISFIED, wish=Wish.SUPERVISE, comment="未说明为何不出示证件。"
        )

    disputed, _ = _enter(east, Channel.LETTER, "小区内违规设置广告牌", "小区门口新设大型广告牌，存在安全隐患。",
                         "东湖广告有限公司", item_code="", agency_hint="东湖区市场监督管理局", **named)  # fmt: skip
    services.complaint_dispute(
        actor=None, complaint=disputed, reason="户外广告设施设置属城市管理部门职责，不属本局管辖。"
    )

    with _on(_ago(30)):
        unfiled, _ = _enter(east, Channel.SUPERVISOR, "商场虚假促销", "商场先涨价后打折，涉嫌价格欺诈。", "东湖购物中心",
                            kind=Kind.REPORT, received_on=_ago(30), name="行政执法监督员 黄某", phone="13600000004")  # fmt: skip
        services.complaint_accept(actor=None, complaint=unfiled)
    _link_case(east, named)
    _bulletins()
    stdout.write(f"投诉举报：{Complaint.objects.count()}件\n")


def _link_case(east: Region, named: dict) -> None:
    """A report accepted five weeks ago whose facts 东湖区市场监督管理局 had already put on file (a case of
    its own): 关联已立案件, so it is no 有案不立 signal."""
    from zhifa.cases.models import Case

    with _on(_ago(25)):
        linked, _ = _enter(east, Channel.HOTLINE, "销售不合格食品", "某食品店销售过期食品。", "东湖第一食品店",
                           kind=Kind.REPORT, hotline_number="12345-2026-000033", received_on=_ago(25), **named)  # fmt: skip
        services.complaint_accept(actor=None, complaint=linked)
    case = Case.objects.filter(agency=linked.agency).exclude(number="").order_by("pk").first()
    if case is not None:
        services.complaint_link_case(
            actor=None,
            complaint=linked,
            case_number=case.number,
            note="日常检查中已发现并立案查处，系同一事实。",
        )


def _bulletins() -> None:
    """The 定期通报 the monthly task would have made: last month's, and last quarter's (with its month)."""
    from zhifa.complaints import bulletins

    today = clocks.today()
    bulletins.bulletins_due(today)
    bulletins.bulletins_due(date(today.year, 3 * ((today.month - 1) // 3) + 1, 1))
