"""演示数据 of 执法监督: one function per feature, each idempotent and going through the services."""

from django.core.files.base import ContentFile
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.cases.documents import pdf
from zhifa.cases.documents.render import parse
from zhifa.cases.models import Case
from zhifa.core import workdays
from zhifa.core.models import Agency
from zhifa.supervision.actions import clocks, services
from zhifa.supervision.actions.choices import EscalationStep, Grade, SupervisionKind, TargetKind
from zhifa.supervision.models import SupervisionItem

from . import supervision_problems


def load(stdout) -> None:
    load_plans(stdout)
    load_actions(stdout)
    load_campaigns(stdout)
    supervision_problems.load(stdout)
    load_accountability(stdout)


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
            new_due=services.clocks.default_oversight_due(oversight.due, oversight.agency.region),
            reason="需委托第三方检测，检测周期较长，申请延期。",
        )
    stdout.write(
        f"监督计划：{SupervisionPlan.objects.count()} 个，工作台账："
        f"{LedgerEntry.objects.count()} 项，督办：{Oversight.objects.count()} 件"
    )


MAIN = "东湖区市场监督管理局"
TRANSPORT = "东湖区交通运输局"


def _report_pdf(title: str, text: str) -> bytes:
    """A small rectification report (整改报告) as the agency would upload it."""
    return pdf.render(parse(f"# {MAIN}\n# {title}\n{text}\n> {MAIN}"), title=title, author=MAIN)


def _found_and_issued(item, finding: str, grade: str, requirements: str, days_ago: int, **links):
    """A finding on `item` and an instrument of `grade` founded on it, issued `days_ago` working days ago."""
    made = services.finding_add(actor=None, item=item, text=finding, **links)
    services.instrument_issue(
        actor=None,
        item=item,
        grade=grade,
        requirements=requirements,
        finding_ids=[made.pk],
        on=workdays.add_workdays(clocks.today(), -days_ago),
    )


def load_actions(stdout) -> None:
    """监督事项 of 东湖区司法局 (周敏, dh_jd): one opened from a case of 东湖区市场监督管理局 whose notice is past
    its reply deadline (overdue on both sides' 工作台, the banner on the case page); one 意见书 answered with a
    rectification report, waiting for the supervisor's verdict; and a 专项监督 of 东湖区交通运输局 that missed
    its deadline and was escalated to 限期整改. All as the system, through the services."""
    if SupervisionItem.objects.exists():
        return
    main, transport = Agency.objects.get(name=MAIN), Agency.objects.get(name=TRANSPORT)

    # 1. from a case: a 通知书 issued 25 working days ago, its reply deadline missed
    case = Case.objects.filter(agency=main).exclude(number="").order_by("pk").first()
    assert case is not None  # the cases demo ran before
    item = services.item_open_from_case(
        actor=None, case=case, reason="当事人投诉办案人员多次上门检查", category="inspections"
    )
    _found_and_issued(
        item,
        "立案前三次入企检查未制作检查记录",
        Grade.NOTICE,
        "请核查入企检查情况，补正检查记录，并书面说明理由。",
        25,
        case_ids=[case.pk],
    )

    # 2. an 意见书 answered with a rectification report, waiting for the supervisor
    data = services.OpenInput(
        kind=SupervisionKind.KEY,
        target_kind=TargetKind.AGENCY,
        title="罚款裁量不统一重点监督",
        agencies=[main],
        category="fines",
        reason="案卷抽查发现同类案件罚款金额差异较大",
    )
    (item,) = services.item_open(actor=None, data=data)
    _found_and_issued(
        item,
        "同类违法行为罚款金额悬殊，决定书未说明裁量理由",
        Grade.OPINION,
        "严格执行裁量基准，对偏离基准的案件逐案说明理由，并组织全员培训。",
        5,
    )
    services.reply_submit(
        actor=User.objects.get(username="dh_jgfz"),
        item=item,
        text="已逐案补充裁量说明，组织全员裁量基准培训一次，修订内部审核要点。",
        files=[services.Upload("整改报告.pdf", _report_pdf("整改报告", "已逐案补充裁量说明并组织培训。"))],
    )

    # 3. a 专项监督 whose deadline was missed, escalated to 限期整改
    data = services.OpenInput(
        kind=SupervisionKind.SPECIAL,
        target_kind=TargetKind.THEME,
        theme="涉企行政检查专项监督",
        agencies=[transport],
        category="inspections",
    )
    (item,) = services.item_open(actor=None, data=data)
    _found_and_issued(
        item,
        "对同一企业一年内重复检查四次，未纳入检查计划",
        Grade.NOTICE,
        "清理检查计划外的入企检查，书面报告整改情况。",
        40,
    )
    services.escalate(
        actor=None, item=item, step=EscalationStep.DEADLINE, note="逾期未答复，责令十个工作日内整改完毕"
    )
    _load_from_sources(case)
    stdout.write(
        f"监督事项：{SupervisionItem.objects.count()} 项（逾期 1 项，待审查 1 项，已升级 1 项，"
        "从执法记录和行政检查立项各 1 项）"
    )


def _load_from_sources(supervised: Case) -> None:
    """One-action items (supervision.actions.sources): from the 作出决定 record of another case of
    东湖区市场监督管理局 (its 全过程记录; the banner on the case and the record page), and from a finished
    inspection in 东湖区 (the banner on the inspection page)."""
    from zhifa.core.models import Record
    from zhifa.inspections.models import Inspection

    decisions = Record.objects.filter(
        subject_type="cases.case", action="case.decide", agency__name=MAIN
    ).exclude(subject_id=str(supervised.pk))
    record = decisions.order_by("pk").first()
    assert record is not None  # the cases demo decided cases of the department
    services.item_open_from_source(actor=None, source=record, reason="当事人反映处罚决定未说明裁量理由")
    inspection = (
        Inspection.objects.filter(agency__region__code="990102").exclude(result="").order_by("pk").first()
    )
    assert inspection is not None  # the inspections demo recorded results in 东湖区
    services.item_open_from_source(
        actor=None, source=inspection, reason="企业反映检查时未出示执法证件", category="inspections"
    )


def load_campaigns(stdout) -> None:
    """A 评查 campaign of 东湖区司法局 in progress: drawn (the seed revealed), two reviewers of other
    agencies on every file, two files graded, one disputed and waiting for a third reviewer."""
    from decimal import Decimal

    from django.db.models import Count

    from zhifa.accounts import services as accounts
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.models import User
    from zhifa.cases.models import Case
    from zhifa.core.models import Agency
    from zhifa.supervision.campaigns import services
    from zhifa.supervision.campaigns.choices import ReviewStatus
    from zhifa.supervision.models import Campaign, FileReview

    from .accounts import DEMO_PASSWORD

    bureau = Agency.objects.get(name="东湖区司法局")
    if Campaign.objects.filter(agency=bureau).exists():
        return
    if not User.objects.filter(username="dh_pc").exists():  # a legal reviewer of another department
        accounts.user_create(
            actor=None,
            username="dh_pc",
            real_name="林涛",
            agency=Agency.objects.get(name="东湖区生态环境局"),
            password=DEMO_PASSWORD,
            roles=[RoleCode.LEGAL_REVIEWER],
        )
    closed = (
        Case.objects.filter(agency__region__path__startswith=bureau.region.path, status__in=services.CLOSED)
        .values("decision__decided_on__year")
        .annotate(n=Count("id"))
        .order_by("-n", "-decision__decided_on__year")
        .first()
    )
    if closed is None:
        return
    year = closed["decision__decided_on__year"]
    campaign = services.campaign_create(
        actor=None, agency=bureau, title=f"{year}年度行政执法案卷评查", year=year
    )
    services.campaign_commit(actor=None, campaign=campaign, per_agency=services.min_files_per_agency())
    services.campaign_draw(actor=None, campaign=campaign)
    services.campaign_assign_auto(actor=None, campaign=campaign)
    files = list(campaign.files.order_by("order")[:3])
    # the first two files: both reviewers adopt the pre-scoring and deduct a little on 事实与证据
    # the third: 2 and 16 points apart on it, more than the threshold — a third reviewer is needed
    for file, deductions in zip(files, [(2, 3), (4, 4), (2, 16)], strict=False):
        for review, c1 in zip(file.reviews.order_by("id"), deductions, strict=True):
            review = FileReview.objects.select_related("reviewer").get(pk=review.pk)
            if review.status == ReviewStatus.PENDING:
                services.review_submit(
                    actor=review.reviewer,
                    review=review,
                    scores={"C1": services.ItemInput(deduction=Decimal(c1))},
                )
    stdout.write(f"案卷评查：{campaign.title}，抽取{campaign.files.count()}卷")


# 责任追究: a certified 东湖区 officer whom no other demo flow uses (he handles no case and inspects for no
# task, and no demo account is his), so that his revoked certificate leaves every other demo flow as it was
ACCOUNTABLE_AGENCY, ACCOUNTABLE = "东湖街道办事处", ("曾伟", "彭丽")


def _accountable_officer():
    from zhifa.cases.models import CaseHandler
    from zhifa.inspections.models import TaskInspector
    from zhifa.registry import selectors as registry
    from zhifa.registry.models import Officer

    busy = set(CaseHandler.objects.values_list("officer_id", flat=True))
    busy |= set(TaskInspector.objects.values_list("officer_id", flat=True))
    officers = Officer.objects.filter(agency__name=ACCOUNTABLE_AGENCY, user__isnull=True).exclude(pk__in=busy)
    today = timezone.localdate()
    free = {o.name: o for o in officers if registry.officer_refusal(o, o.name, [], on=today) is None}
    return next((free[name] for name in ACCOUNTABLE if name in free), None)


def load_accountability(stdout) -> None:
    """A 责任追究案件 of 东湖区司法局 from a complaint, carried through 调查、告知、听取陈述申辩 to 收回执法证 —
    so the officer's 执法档案 shows it and his right to enforce has ended. As the system, through the
    services."""
    from zhifa.supervision.accountability import services as accountability
    from zhifa.supervision.accountability.choices import Outcome, SourceKind
    from zhifa.supervision.models import AccountabilityCase

    if AccountabilityCase.objects.exists():
        return
    officer = _accountable_officer()
    if officer is None:
        return
    (proceeding,) = accountability.proceeding_open(
        actor=None,
        data=accountability.OpenInput(
            source_kind=SourceKind.COMPLAINT,
            officers=[officer],
            source_text="群众投诉：执法人员在路面检查中索要财物，未出示执法证件。",
            source_reference="投诉〔2026〕17号",
            facts=f"{officer.name}在路面执法检查中违规收受管理对象财物，未按规定出示执法证件。",
        ),
    )
    accountability.proceeding_investigate(
        actor=None,
        proceeding=proceeding,
        investigation="经调取执法记录仪视频、询问当事人和同班执法人员，投诉反映的情况属实。",
    )
    accountability.proceeding_notify(
        actor=None, proceeding=proceeding, notice="拟收回行政执法证，并告知其有权在五个工作日内陈述、申辩。"
    )
    accountability.proceeding_hear(
        actor=None, proceeding=proceeding, statement="本人对事实无异议，请求从轻处理。"
    )
    accountability.proceeding_decide(
        actor=None,
        proceeding=proceeding,
        outcome=Outcome.REVOKE,
        reason="违规收受管理对象财物，情节严重，不宜继续从事行政执法工作，收回行政执法证。",
    )
    stdout.write(f"责任追究案件：1 件（{officer.name}，收回执法证）")
