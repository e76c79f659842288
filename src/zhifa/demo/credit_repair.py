"""Demo 信用修复 (idempotent): a party of 东湖区生态环境局 whose penalty has been public for the minimum period
asked that it end earlier; 胡斌 (dh_d2_zf) registered the request and the agency agreed (提前结束公示). A party
of 东湖区市场监督管理局 has asked the same; 刘洋 (dh_cbfz) registered it and it waits for 陈静 (dh_fzsh) or
杨帆 (dh_jgfz) to decide. Only penalties published long enough ago qualify: demo/publicity.py publishes
these agencies' penalties on time. Everything goes through publicity.repair.services."""

from datetime import date, timedelta

from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.core import workdays
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus
from zhifa.publicity.models import CreditRepair, Disclosure
from zhifa.publicity.repair import clocks, selectors, services
from zhifa.publicity.repair.choices import RepairOutcome, Severity

DECIDED = ("东湖区生态环境局", "dh_d2_zf")
PENDING = ("东湖区市场监督管理局", "dh_cbfz")
PAID_WORKDAYS = 10  # the fine paid ten working days after the decision (行政处罚法 第六十七条: 十五日内)
STATEMENT = (
    "本单位已全额缴纳罚款并完成整改，建立了相关管理制度。现申请信用修复，并郑重承诺今后严格遵守相关法律法规，"
    "如有违反，愿意承担相应法律责任。"
)


def _repairable(agency_name: str, today: date) -> Disclosure | None:
    """The agency's oldest public penalty that has run the minimum period of 一般失信行为 a week ago."""
    rows = Disclosure.objects.filter(
        agency__name=agency_name,
        kind=DisclosureKind.PENALTY,
        status=DisclosureStatus.PUBLISHED,
        published_on__isnull=False,
    ).order_by("published_on", "id")
    return next(
        (d for d in rows if _earliest(d) <= today - timedelta(7)),
        None,
    )


def _earliest(disclosure: Disclosure) -> date:
    """The first day a request (as 一般失信行为) may be made: the penalty's 执法领域 may set a longer period."""
    return clocks.earliest_repair(
        disclosure.decided_on, Severity.GENERAL, selectors.penalty_fields(disclosure)
    )


def _register(disclosure: Disclosure, username: str, today: date):
    applied_on = max(_earliest(disclosure), today - timedelta(7))
    return services.credit_repair_register(
        actor=User.objects.get(username=username),
        disclosure=disclosure,
        data=services.RepairInput(
            applicant=disclosure.subject_name,
            applied_on=applied_on,
            severity=Severity.GENERAL,
            performed_on=min(workdays.add_workdays(disclosure.decided_on, PAID_WORKDAYS), applied_on),
            statement=STATEMENT,
        ),
    )


def load(out) -> None:
    if CreditRepair.objects.exists():
        out.write(f"信用修复：已有演示数据（{CreditRepair.objects.count()} 件）\n")
        return
    today = timezone.localdate()
    decided = _repairable(DECIDED[0], today)
    if decided is not None:
        repair = _register(decided, DECIDED[1], today)
        earliest = _earliest(decided)
        services.credit_repair_approve(
            actor=None,
            repair=repair,
            outcome=RepairOutcome.SHORTEN,
            end_on=max(today + timedelta(30), earliest),
            reason="当事人已履行行政处罚决定并完成整改，公示已满最短公示期，同意提前结束公示。",
        )
    pending = _repairable(PENDING[0], today)
    if pending is not None:
        _register(pending, PENDING[1], today)
    out.write(f"信用修复：{CreditRepair.objects.count()} 件申请（同意修复 {int(decided is not None)} 件）\n")
