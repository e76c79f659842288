"""演示数据 of 执法监督: one function per feature, each idempotent and going through the services."""

from django.core.files.base import ContentFile
from django.utils import timezone


def load(stdout) -> None:
    load_plans(stdout)


PLAN_AGENCIES = ("江州市司法局", "东湖区司法局")
OVERDUE_AGENCY = "东湖区生态环境局"  # its latest past entry of 东湖区司法局's plan is left unreported
OVERSEEN = "东湖区市场监督管理局"


def load_plans(stdout) -> None:
    """The current year's supervision plans of the city and of 东湖区 (published, the seeds' milestones);
    every entry whose deadline has passed is reported except one (overdue); a 督办 in progress opened
    from a case of 东湖区市场监督管理局, with a progress report and an extension."""
    from zhifa.cases.models import Case
    from zhifa.core.models import Agency
    from zhifa.supervision.models import LedgerEntry, Oversight, SupervisionPlan
    from zhifa.supervision.plans import services
    from zhifa.supervision.plans.choices import EntryStatus, OversightGround

    today = timezone.localdate()
    for name in PLAN_AGENCIES:
        agency = Agency.objects.get(name=name)
        if SupervisionPlan.objects.filter(agency=agency, year=today.year).exists():
            continue
        plan = services.plan_create(
            actor=None, agency=agency, year=today.year, title=f"{name}{today.year}年度行政执法监督工作计划"
        )
        services.plan_publish(actor=None, plan=plan)
        past = LedgerEntry.objects.filter(task__plan=plan, due__lt=today, status=EntryStatus.PENDING)
        left = (
            past.filter(agency__name=OVERDUE_AGENCY).order_by("-due", "-id").first()
            if name == "东湖区司法局"
            else None
        )
        for index, entry in enumerate(past.select_related("agency", "task").order_by("due", "id")):
            if entry == left:
                continue
            attachment = (
                ContentFile(
                    f"{entry.agency.name}：{entry.task.title}".encode(), name=f"{entry.task.title[:20]}.pdf"
                )
                if index % 5 == 0
                else None
            )
            services.ledger_report(
                actor=None,
                entry=entry,
                text=f"{entry.agency.name}已按要求完成“{entry.task.title}”，情况报告见附件或另行报送。",
                attachment=attachment,
            )
    agency = Agency.objects.get(name=OVERSEEN)
    if not Oversight.objects.filter(agency=agency).exists():
        case = Case.objects.filter(agency=agency).exclude(number="").order_by("id").first()
        oversight = services.oversight_open(
            actor=None,
            case=case,
            agency=agency,
            title=f"{case.summary if case else '群众反映的重复检查问题'}（群众多次投诉）",
            ground=OversightGround.REPEATED,
            description="同类问题反复发生，请查明事实、依法处理，并于办理期限内报告办理结果。",
        )
        services.oversight_report(
            actor=None, oversight=oversight, text="已成立专班，调取执法记录并约谈当事人，正在核查。"
        )
        services.oversight_extend(
            actor=None,
            oversight=oversight,
            new_due=services.clocks.default_oversight_due(oversight.due),
            reason="需委托第三方检测，检测周期较长，申请延期。",
        )
    stdout.write(
        f"监督计划：{SupervisionPlan.objects.count()} 个，工作台账："
        f"{LedgerEntry.objects.count()} 项，督办：{Oversight.objects.count()} 件"
    )
