"""演示数据 of the 执法信息系统台账, through the services (idempotent):

- every agency with officers uses the province's “双随机、一公开” platform, connected to this one;
- 东湖区市场监督管理局 also keeps the ministry's 办案系统 — registered 对接中, then linked to the exchange source
  whose files 江州市司法局 imported (demo/exchange.py, ZF320199), so it is 已对接 from the day of that first
  import, recorded by the exchange link, not typed — the national credit system (未对接) and an old system of
  its own it has retired (停用): its 摸底统计 row reads 3 systems, 2 connected;
- 青山县交通运输局 uses the province's 交通运输综合执法系统, not yet connected.
"""

from datetime import date

from django.utils import timezone

from zhifa.core.models import Agency
from zhifa.demo.exchange import OTHER_INSTANCE
from zhifa.equipment.systems import exchange_source, services
from zhifa.equipment.systems.choices import Connection, SystemKind, SystemLevel, SystemStatus
from zhifa.equipment.systems.models import InformationSystem
from zhifa.registry.choices import PersonKind

MAIN = "东湖区市场监督管理局"
TRANSPORT = "青山县交通运输局"


def _register(agency: Agency, **values) -> InformationSystem:
    return services.system_register(actor=None, agency=agency, data=services.SystemInput(**values))


def load(stdout) -> None:
    if InformationSystem.objects.exists():
        return
    year = timezone.localdate().year
    agencies = Agency.objects.filter(officers__kind=PersonKind.OFFICER).distinct().order_by("pk")
    for agency in agencies:
        _register(
            agency,
            name="“双随机、一公开”监管工作平台",
            kind=SystemKind.RANDOM_INSPECTION,
            level=SystemLevel.PROVINCIAL,
            builder="省市场监督管理局",
            in_use_since=date(year - 3, 3, 1),
            connection=Connection.CONNECTED,
            connected_on=date(year - 1, 9, 30),
        )
    main = Agency.objects.filter(name=MAIN).first()
    if main is not None:
        case_system = _register(
            main,
            name="市场监管综合执法办案系统",
            kind=SystemKind.CASE_HANDLING,
            level=SystemLevel.NATIONAL,
            builder="国家市场监督管理总局",
            in_use_since=date(year - 2, 1, 1),
            connection=Connection.IN_PROGRESS,
        )
        exchange_source.system_link_exchange(actor=None, system=case_system, source=OTHER_INSTANCE)
        _register(
            main,
            name="国家企业信用信息公示系统",
            kind=SystemKind.CREDIT,
            level=SystemLevel.NATIONAL,
            in_use_since=date(year - 5, 7, 1),
        )
        _register(
            main,
            name="东湖区市场监管移动执法客户端",
            kind=SystemKind.MOBILE,
            level=SystemLevel.OWN,
            builder="江州信息技术有限公司",
            in_use_since=date(year - 6, 5, 1),
            status=SystemStatus.RETIRED,
            note="已由省级统建系统替代",
        )
    transport = Agency.objects.filter(name=TRANSPORT).first()
    if transport is not None:
        _register(
            transport,
            name="交通运输综合执法管理信息系统",
            kind=SystemKind.CASE_HANDLING,
            level=SystemLevel.PROVINCIAL,
            builder="省交通运输厅",
            in_use_since=date(year - 2, 6, 1),
        )
    stdout.write(f"执法信息系统：{InformationSystem.objects.count()} 个")
