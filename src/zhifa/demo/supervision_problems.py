"""演示数据 of 突出问题清单 and the 电子技术监控设备 register, as the system through the services (idempotent):

- 东湖区市场监督管理局's list of the year: a 乱罚款 problem (自查) carried through its 回头看 — completed, failed
  once with the reason, completed again and passed (the problem is 已整改销号); a 重复检查 problem added by
  东湖区司法局 (监督发现) whose task is overdue (on both sides' 工作台);
- 东湖区交通运输局's list: an 电子技术监控设备设置不规范 problem, and its three devices — one approved and
  published, one in use without approval or publication, one cleared."""

from datetime import date

from zhifa.core import workdays
from zhifa.core.models import Agency
from zhifa.supervision.models import MonitoringDevice, Problem
from zhifa.supervision.problems import clocks, services
from zhifa.supervision.problems.choices import DeviceStatus, Source

MAIN = "东湖区市场监督管理局"
TRANSPORT = "东湖区交通运输局"


def _problem(agency: Agency, category: str, title: str, description: str, source: str) -> Problem:
    data = services.ProblemInput(
        agency=agency, category=category, title=title, description=description, source=source
    )
    return services.problem_record(actor=None, data=data)


def _ago(days: int) -> date:
    return workdays.add_workdays(clocks.today(), -days)


def load(stdout) -> None:
    if Problem.objects.exists():
        return
    main, transport = Agency.objects.get(name=MAIN), Agency.objects.get(name=TRANSPORT)

    # 1. through its 回头看: completed, failed once, completed again and passed
    problem = _problem(
        main,
        "fines",
        "涉企罚款裁量随意",
        "同类违法行为罚款金额悬殊，部分案件随意顶格处罚，决定书未说明裁量理由。",
        Source.SELF,
    )
    task = services.task_assign(
        actor=None, problem=problem, measures="逐案复查近一年涉企罚款案件，补充裁量说明；组织裁量基准培训。"
    )
    services.task_report(actor=None, task=task, text="已复查案件42件，发现未说明裁量理由的6件。")
    services.task_submit(actor=None, task=task, text="6件案件均已补充裁量说明，组织培训一次。")
    services.follow_up_fail(
        actor=None, task=task, note="抽查发现培训未覆盖执法辅助人员，裁量说明模板未修订。"
    )
    services.task_submit(actor=None, task=task, text="已对执法辅助人员补训，修订裁量说明模板并印发。")
    services.follow_up_pass(actor=None, task=task, note="回头看抽查10件案件，裁量说明完整，整改到位。")

    # 2. added by the justice bureau, its task overdue
    problem = _problem(
        main,
        "repeated",
        "对同一企业重复入企检查",
        "对同一食品企业一年内入企检查四次，均未纳入年度检查计划。",
        Source.SUPERVISION,
    )
    services.task_assign(
        actor=None,
        problem=problem,
        measures="清理计划外检查，制定年度检查计划并公示，推行“综合查一次”。",
        on=_ago(30),
    )

    # 3. the devices of 东湖区交通运输局 (seed 001 §17)
    problem = _problem(
        transport,
        "devices",
        "电子技术监控设备设置不规范",
        "部分超限检测设备未经审核、未向社会公布设置地点。",
        Source.SELF,
    )
    services.task_assign(
        actor=None, problem=problem, measures="全面清理执法类电子技术监控设备，报送清理结果。"
    )
    devices = [
        services.DeviceInput(
            name="东湖大道超限检测点",
            location="东湖大道与环城路交叉口",
            purpose="货车超限超载",
            legal_basis="《公路安全保护条例》第六十六条",
            approval_authority="东湖区人民政府",
            approval_number="东府函〔2024〕12号",
            approved_on=date(2024, 6, 3),
            published=True,
        ),
        services.DeviceInput(
            name="滨江路测速抓拍设备",
            location="滨江路3公里处",
            purpose="超速行驶",
            legal_basis="《道路交通安全法》第一百一十四条",
        ),
        services.DeviceInput(
            name="工业园区路口抓拍设备",
            location="工业园区一路",
            legal_basis="无明确依据",
            status=DeviceStatus.CLEARED,
            note="设置依据不足，2024年10月已拆除并报区政府。",
        ),
    ]
    for data in devices:
        services.device_register(actor=None, agency=transport, data=data)
    stdout.write(
        f"突出问题：{Problem.objects.count()} 个（回头看通过 1 个，整改逾期 1 个）；"
        f"电子技术监控设备：{MonitoringDevice.objects.count()} 台"
    )
