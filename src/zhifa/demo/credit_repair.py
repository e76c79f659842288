"""演示数据 of 信用修复 (idempotent): a party of 东湖区市场监督管理局 whose penalty was published at least the
minimum period ago (一般失信, 3 months by default) applies for credit repair; 张伟 (dh_zf1) registers the
request, which waits for the agency's decision."""

from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus
from zhifa.publicity.models import Disclosure
from zhifa.publicity.repair import clocks, services
from zhifa.publicity.repair.choices import Severity
from zhifa.publicity.repair.models import CreditRepair


def load(stdout) -> None:
    clerk = User.objects.get(username="dh_zf1")
    if CreditRepair.objects.filter(agency=clerk.agency).exists():
        return
    today = timezone.localdate()
    published = Disclosure.objects.filter(
        agency=clerk.agency, kind=DisclosureKind.PENALTY, status=DisclosureStatus.PUBLISHED
    ).order_by("published_on", "id")
    disclosure = next(
        (d for d in published if clocks.earliest_repair(d.published_on, Severity.GENERAL) <= today), None
    )
    if disclosure is None:
        return
    services.credit_repair_register(
        actor=clerk,
        disclosure=disclosure,
        data=services.RepairInput(
            applicant=disclosure.subject_name,
            applied_on=today,
            severity=Severity.GENERAL,
            performed_on=disclosure.published_on,
            statement="当事人已全额缴纳罚款并完成整改，承诺今后依法经营，申请提前结束公示。",
        ),
    )
    stdout.write("信用修复：1 件申请待决定\n")
