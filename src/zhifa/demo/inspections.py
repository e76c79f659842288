"""Demo data: 东湖区市场监督管理局's 检查对象名录库 of 2,000 enterprises (bulk), a published yearly plan,
one completed draw (committed, drawn, seed revealed), and results on part of its tasks (one taken to a
case, some published), an unplanned inspection after 事前报备, and an anonymous rating."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.catalog import selectors as catalog
from zhifa.core import records
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.inspections import services
from zhifa.inspections.choices import InspectionResult, RiskLevel, SubjectKind
from zhifa.inspections.models import Plan, Subject

MAIN = "东湖区市场监督管理局"
SUBJECTS = 2000
INDUSTRIES = ["餐饮服务", "食品销售", "药品零售", "化妆品经营", "特种设备使用", "计量器具使用"]
NAMES = ["味美", "百佳", "惠民", "康泰", "鑫源", "和顺", "福满", "新潮", "金桥", "明珠"]
SHAPES = ["餐饮店", "超市", "大药房", "商行", "食品店", "贸易有限公司"]
RESULTS = [InspectionResult.NO_PROBLEM] * 6 + [InspectionResult.RECTIFY] * 2 + [InspectionResult.NOT_FOUND]


def _risk(n: int) -> str:
    share = n % 20  # A 40 %, B 35 %, C 20 %, D 5 %
    return (
        RiskLevel.A
        if share < 8
        else RiskLevel.B
        if share < 15
        else RiskLevel.C
        if share < 19
        else RiskLevel.D
    )


def _subjects(agency: Agency) -> None:
    region = Region.objects.filter(code="990102001").first() or agency.region
    rows = [
        Subject(
            agency=agency,
            kind=SubjectKind.INDIVIDUAL_BUSINESS if n % 5 == 0 else SubjectKind.ORGANISATION,
            name=f"东湖区{NAMES[n % 10]}{NAMES[(n // 10) % 10]}{SHAPES[n % 6]}（{n}号）",
            code=(code := credit_code_with_check(f"9199010200{n:07d}")),
            credit_code=code,
            industry=INDUSTRIES[n % len(INDUSTRIES)],
            region=region,
            address=f"东湖区人民路{n}号",
            risk_level=_risk(n),
        )
        for n in range(1, SUBJECTS + 1)
    ]
    created = Subject.objects.bulk_create(rows, batch_size=1000)
    if created and created[0].pk is None:
        created = list(Subject.objects.filter(agency=agency))
    records.append_many(
        agency=agency, items=((s, "inspections.subject_import", {"code": s.code}) for s in created)
    )


@transaction.atomic
def load(out) -> None:
    agency = Agency.objects.filter(name=MAIN).first()
    lead, inspector = (
        User.objects.filter(username="dh_cbfz").first(),
        User.objects.filter(username="dh_zf1").first(),
    )
    if agency is None or lead is None or inspector is None:
        out.write("双随机抽查：缺少演示机关或用户，跳过")
        return
    if Plan.objects.filter(agency=agency).exists():
        out.write(f"双随机抽查：已有演示数据（检查对象 {Subject.objects.filter(agency=agency).count()} 个）")
        return
    version = catalog.version_in_force(agency)
    items = list(catalog.items_of_list(version, "random")[:2]) if version else []
    if not items:
        out.write("双随机抽查：东湖区市场监督管理局没有随机抽查事项，跳过")
        return
    _subjects(agency)
    year = timezone.localdate().year
    plan = services.plan_create(
        actor=lead,
        agency=agency,
        data=services.PlanInput(
            title=f"{year}年度市场监管领域“双随机、一公开”抽查计划",
            year=year,
            items=[(agency, item.code) for item in items],
            ends_on=date(year, 12, 31),
            frequency=2,
        ),
    )
    services.plan_publish(actor=lead, plan=plan, on=date(year, 3, 15))
    draw = services.draw_commit(actor=lead, plan=plan)
    try:
        draw = services.draw_run(actor=lead, draw=draw)
    except Exception as exc:  # too few certified inspectors in the demo registry: the commit stays
        out.write(f"双随机抽查：检查对象 {SUBJECTS} 个，计划已公布，已公布承诺；未能抽取：{exc}")
        return
    services.draw_reveal(actor=lead, draw=draw)
    done = _results(agency, draw, inspector)
    out.write(
        f"双随机抽查：检查对象 {SUBJECTS} 个；计划“{plan.title}”；第1批抽中 {draw.tasks.count()} 个对象"
        f"（种子已公开，可下载抽取文件校验）；已录入结果 {done} 个"
    )


def _publish(inspection) -> None:
    from zhifa.publicity import services as publicity
    from zhifa.publicity.choices import DisclosureStatus
    from zhifa.publicity.models import Disclosure

    drafts = Disclosure.objects.filter(
        source_type=inspection._meta.label_lower, source_id=str(inspection.pk), status=DisclosureStatus.DRAFT
    )
    for draft in drafts:
        publicity.disclosure_publish(actor=None, disclosure=draft)


def _results(agency: Agency, draw, inspector: User) -> int:
    today = timezone.localdate()
    tasks = list(draw.tasks.select_related("subject").order_by("id")[:24])
    for index, task in enumerate(tasks):
        inspection = services.inspection_start(
            actor=inspector, agency=agency, task=task, on=today, via_qr=index % 3 == 0
        )
        result = InspectionResult.CASE_OPENED if index == 0 else RESULTS[index % len(RESULTS)]
        summary = (
            "现场检查经营场所、进货查验记录，未发现问题"
            if result == InspectionResult.NO_PROBLEM
            else "发现进货查验记录不全"
        )
        if result == InspectionResult.CASE_OPENED:
            summary = "现场发现货架上陈列销售超过保质期的预包装食品3种共计27件，已拍照取证并责令下架"
        done = services.inspection_finish(
            actor=inspector, inspection=inspection, result=result, summary=summary, on=today
        )
        if index % 2 == 0:  # publicity drafted the 公示; half of them are approved
            _publish(done)
        if index == 1:
            services.rating_submit(
                token=task.subject.qr_token,
                inspection_id=done.pk,
                score=5,
                comment="检查规范，没有打扰正常经营",
            )
    return len(tasks)
