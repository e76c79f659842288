"""演示数据 of 培训管理, as the system through the services (idempotent):

- 年度培训计划: 东湖区市场监督管理局's plan for this year, reported to 东湖区司法局 (four content items);
  东湖区生态环境局's still a draft (its own; the bureau does not see it yet); 青山县市场监督管理局's reported;
- 培训师资库: two trainers of 东湖区司法局 (shared with every agency of 东湖区) and one of 东湖区市场监督管理局;
  one of the bureau's withdrawn;
- 领导干部学法: two sessions of 东湖区市场监督管理局 this year (刘洋, 杨帆's officers), one of 东湖区生态环境局.

The 全员轮训 completion rate needs nothing more: it reads the officers' training records of demo/registry.py
(孙浩 is short of this year's hours)."""

from datetime import date

from django.utils import timezone

from zhifa.core.models import Agency
from zhifa.registry.models import Officer
from zhifa.training.models import TrainingPlan
from zhifa.training.services import leader_study, plans, trainers

MARKET = "东湖区市场监督管理局"
ECOLOGY = "东湖区生态环境局"
QS_MARKET = "青山县市场监督管理局"
BUREAU = "东湖区司法局"

MARKET_ITEMS = [
    ("行政处罚法及配套规定专题培训", "全体行政执法人员", "16", 3),
    ("行政执法监督条例解读", "全体行政执法人员", "8", 4),
    ("食品安全抽检与案件查办实务", "市场监管执法一队、二队", "24", 6),
    ("执法记录仪使用与执法文书制作实训", "新任执法人员", "12", 9),
]


def _plan(agency: Agency, year: int, title: str, items, *, submit: bool) -> None:
    plan = plans.plan_create(actor=None, data=plans.PlanInput(year=year, title=title, agency=agency))
    for content, audience, hours, month in items:
        plans.plan_item_add(
            actor=None,
            plan=plan,
            data=plans.ItemInput(content=content, audience=audience, hours=hours, month=month),
        )
    if submit:
        plans.plan_submit(actor=None, plan=plan)


def _officers(agency: Agency, names) -> list[int]:
    return list(Officer.objects.filter(agency=agency, name__in=names).values_list("pk", flat=True))


def load(stdout) -> None:
    if TrainingPlan.objects.exists():
        return
    today = timezone.localdate()
    year = today.year
    market, ecology, qs_market, bureau = (
        Agency.objects.get(name=n) for n in (MARKET, ECOLOGY, QS_MARKET, BUREAU)
    )
    _plan(market, year, f"{year}年度行政执法人员培训计划", MARKET_ITEMS, submit=True)
    _plan(
        ecology,
        year,
        f"{year}年度生态环境执法培训计划",
        [("环境行政处罚案卷制作", "执法大队", "8", 5)],
        submit=False,
    )
    _plan(
        qs_market,
        year,
        f"{year}年度执法培训计划",
        [("市场监管法律法规更新", "全体执法人员", "20", 4)],
        submit=True,
    )

    def trainer(agency, name, unit, specialty, title, phone):
        return trainers.trainer_add(
            actor=None,
            data=trainers.TrainerInput(
                name=name, unit=unit, specialty=specialty, title=title, phone=phone, agency=agency
            ),
        )

    trainer(bureau, "陈立言", "江州大学法学院", "行政处罚法、行政复议与应诉", "教授", "13905710101")
    gone = trainer(bureau, "方敏", "江州市律师协会", "行政执法程序、证据规则", "律师", "13805710102")
    trainers.trainer_withdraw(actor=None, trainer=gone, reason="本人申请退出师资库")
    trainer(market, "刘洋", MARKET, "市场监管案件查办实务", "执法稽查科科长", "13705710103")

    sessions = [
        (market, date(year, 3, 12), "学习行政执法监督条例", "2", "陈立言", ["刘洋", "陈建国", "马丽华"]),
        (market, date(year, 6, 18), "民法典与市场监管执法", "1.5", "刘洋", ["刘洋", "陈建国"]),
        (ecology, date(year, 4, 9), "生态环境损害赔偿制度", "2", "陈立言", ["胡斌", "何志刚"]),
    ]
    for agency, held_on, topic, hours, lecturer, names in sessions:
        if held_on > today:
            held_on = date(year, 1, 5)
        leader_study.leader_study_record(
            actor=None,
            data=leader_study.StudyInput(
                agency=agency, held_on=held_on, topic=topic, hours=hours, lecturer=lecturer,
                attendee_ids=_officers(agency, names),
            ),
            today=today,
        )  # fmt: skip
    stdout.write("培训管理：年度培训计划 3 份、培训师资 3 人、领导干部学法 3 次\n")
