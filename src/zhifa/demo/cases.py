"""Demo cases: 60 cases across the ten departments of 东湖区 and 青山县, in every status — 待立案, 调查取证,
审核, 已告知, 听证, 已决定, 已送达, 执行完毕, 已结案, 已归档, 不予立案 — plus cases transferred (移送),
withdrawn, decided not to penalise (首违不罚) and simple-procedure cases (简易程序) decided on the spot.

Among them, in 东湖区市场监督管理局 (handled by 张伟 and 李娜, who log in as dh_zf1 / dh_zf2): one decision
overdue, one due tomorrow, one decision served late, and one fine above the benchmark with its written
reason. Parties are companies with valid 统一社会信用代码 and persons with valid ID numbers; fines come from
the discretion calculator of the item's benchmark in force on the decision date.

Every case is driven through cases.services as the system (actor=None), so the record log holds the
whole process; the audio-video recordings the catalogue requires (and a photo or two) are uploaded as
small generated files through cases.evidence, and a few documents generated through cases.documents.
A major decision (重大执法决定) is not made here: the case stops before it,
in `awaiting_review`, and the review demo (which runs next) passes its 法制审核 and calls `carry_on`.
Dates are in 2026, before today. A case whose agency, summary and
party already exist is skipped, so a second run creates nothing."""

import hashlib
import io
import struct
import wave
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import ric

from zhifa.accounts.models import User
from zhifa.cases import gates, services, transitions
from zhifa.cases.choices import CaseStatus, DecisionKind, ExecutionKind, HandlerRole, PartyKind, ServiceMethod
from zhifa.cases.clocks import HEARING_REQUEST_WORKDAYS, statement_workdays
from zhifa.cases.documents import requirements
from zhifa.cases.documents import services as document_services
from zhifa.cases.evidence import services as evidence_services
from zhifa.cases.models import Case
from zhifa.catalog import discretion
from zhifa.catalog import selectors as catalog
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core import workdays
from zhifa.core.models import Agency
from zhifa.core.validators import credit_code_with_check, id_number_with_check
from zhifa.registry import selectors as registry
from zhifa.registry.choices import PersonKind, PersonStatus
from zhifa.registry.models import Officer

FIRST_DAY = date(2026, 1, 5)
D = Decimal

FIELD_BY_DEPARTMENT = {
    "市场监督管理局": "market",
    "生态环境局": "ecology",
    "交通运输局": "transport",
    "综合行政执法局": "urban",
    "应急管理局": "emergency",
}
REGION_CODE = {"东湖区": "990102", "青山县": "990121"}
# real 行政区划 codes for the birthplace part of the parties' ID numbers
BIRTHPLACES = ["360102", "360121", "360122", "360103", "360111", "360123", "360124", "360104"]


# ---- what happened ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    code: str
    summary: str
    facts: str  # {party} {place} {value}
    discretion: dict  # facts for the calculator; "value" stands for the case's value
    values: tuple = ()  # the measured fact, varied case by case
    statement: str = "当事人对违法事实无异议，表示已认识到错误并积极整改，请求从轻处罚。"


SCENARIOS: dict[str, list[Scenario]] = {
    "market": [
        Scenario(
            "SCJG-CF-001",
            "销售超过保质期的食品",
            "执法人员对{party}位于{place}的经营场所进行现场检查，发现其货架上陈列销售超过保质期的预包装食品共计{n}种，"
            "货值金额{value}元，当事人未能提供相关处置记录。",
            {"fact_value": "value"},
            (D(1500), D(3200), D(4600), D(6800), D(2500)),
        ),
        Scenario(
            "SCJG-CF-002",
            "食品经营者进货时未查验许可证和相关证明文件",
            "执法人员检查发现，{party}采购的冷冻肉制品等{n}批次食品未查验供货者的许可证和产品合格证明文件，"
            "未建立进货查验记录；经责令改正后逾期仍未改正。",
            {"circumstance": "ordinary"},
        ),
        Scenario(
            "SCJG-CF-003",
            "未将营业执照置于主要经营场所醒目位置",
            "执法人员检查发现，{party}未将营业执照置于{place}经营场所的醒目位置，经责令改正后拒不改正。",
            {"circumstance": "minor"},
        ),
    ],
    "ecology": [
        Scenario(
            "STHJ-CF-001",
            "超过大气污染物排放标准排放大气污染物",
            "执法人员会同监测人员对{party}废气排放口进行监督性监测，颗粒物排放浓度超过《大气污染物综合排放标准》限值"
            "{value}倍。",
            {"fact_value": "value"},
            (D("0.3"), D("0.7"), D("1.5"), D("0.4")),
        ),
        Scenario(
            "STHJ-CF-002",
            "未密闭易产生扬尘的物料",
            "执法人员巡查发现，{party}在{place}露天堆放砂土、水泥等易产生扬尘的物料约{n}百立方米，未采取密闭或者覆盖措施。",
            {"circumstance": "ordinary"},
        ),
    ],
    "transport": [
        Scenario(
            "JTYS-CF-001",
            "未取得道路运输经营许可擅自从事道路客运经营",
            "执法人员在{place}检查发现，{party}驾驶的小型普通客车未取得道路运输经营许可，擅自从事城际客运经营，"
            "车上载有乘客{n}名，按每人60元收取车费。",
            {"circumstance": "minor"},
        ),
        Scenario(
            "JTYS-CF-002",
            "擅自占用公路堆放物料",
            "执法人员巡查发现，{party}未经许可在{place}公路用地范围内堆放建筑材料，占用公路面积约{n}十平方米。",
            {"circumstance": "ordinary"},
        ),
    ],
    "urban": [
        Scenario(
            "ZHZF-CF-001",
            "单位随意倾倒生活垃圾",
            "执法人员接群众举报后到{place}核查，发现{party}将餐厨垃圾及其他生活垃圾随意倾倒在道路绿化带旁，数量约{value}吨。",
            {"fact_value": "value"},
            (D("0.6"), D("2.5"), D("0.8")),
        ),
        Scenario(
            "ZHZF-CF-002",
            "在城市建筑物上张贴宣传品",
            "执法人员巡查发现，{party}未经批准在{place}沿街建筑物外墙张贴小广告{n}十余张。",
            {},
        ),
    ],
    "emergency": [
        Scenario(
            "YJGL-CF-001",
            "未按照规定对从业人员进行安全生产教育和培训",
            "执法人员对{party}进行安全生产检查，抽查发现{value}名从业人员未经安全生产教育和培训即上岗作业，"
            "企业无法提供培训记录。",
            {"fact_value": "value"},
            (D(2), D(5), D(4)),
        ),
        Scenario(
            "YJGL-CF-002",
            "未采取措施消除事故隐患",
            "执法人员检查发现，{party}生产车间存在安全出口堵塞、配电箱未设置防护等一般事故隐患{n}处，"
            "经责令限期整改，逾期未全部消除。",
            {"circumstance": "ordinary"},
        ),
    ],
}

# (kind, name, representative or ID seed, address)
COMPANIES = {
    "market": ["江州市{c}惠民超市有限公司", "江州市{c}味美餐饮管理有限公司", "江州{c}百味坊食品店", "江州市{c}鲜丰生鲜超市有限公司", "江州市{c}好客来酒店有限公司", "江州{c}老街烘焙店", "江州市{c}金谷粮油贸易有限公司", "江州{c}兴隆副食品店"],
    "ecology": ["江州{c}恒达建材有限公司", "江州市{c}宏远化工有限公司", "江州市{c}金石砂石有限公司", "江州{c}华盛铸造有限公司", "江州市{c}绿源混凝土有限公司", "江州{c}瑞丰陶瓷有限公司", "江州市{c}东方印染有限公司", "江州{c}正大塑业有限公司"],
    "transport": ["江州市{c}通达物流有限公司", "江州{c}顺发建筑工程有限公司", "江州市{c}安捷货运有限公司", "江州市{c}畅通路桥工程有限公司", "江州{c}鑫源建材有限公司", "江州市{c}远航汽车运输有限公司", "江州{c}宏基市政工程有限公司", "江州市{c}速达快运有限公司"],
    "urban": ["江州市{c}福满楼餐饮有限公司", "江州{c}新城物业管理有限公司", "江州市{c}鸿运装饰工程有限公司", "江州{c}美家家居广场有限公司", "江州市{c}城建渣土运输有限公司", "江州{c}香满园酒楼", "江州市{c}佳和房地产开发有限公司", "江州{c}华联商贸有限公司"],
    "emergency": ["江州市{c}精工机械制造有限公司", "江州{c}宏发家具有限公司", "江州市{c}永安五金制品有限公司", "江州{c}恒通化工有限公司", "江州市{c}金盾消防器材有限公司", "江州{c}长青木业有限公司", "江州市{c}华强电子有限公司", "江州{c}祥云纺织有限公司"],
}  # fmt: skip
REPRESENTATIVES = ["陈志强", "刘海燕", "黄国华", "周建平", "吴晓梅", "郑立新", "王德明", "钱文静"]
PERSONS = [
    ("王建华", "m", "19780312"),
    ("李秀英", "f", "19820705"),
    ("张国强", "m", "19901118"),
    ("刘桂兰", "f", "19750423"),
    ("陈伟", "m", "19950907"),
    ("杨丽", "f", "19880130"),
]
STREETS = {
    "东湖区": ["东湖区人民路128号", "东湖区滨江大道66号", "东湖区八一大道305号", "东湖区胜利路42号", "东湖区象山北路17号"],
    "青山县": ["青山县青山镇解放路8号", "青山县工业园区创业大道9号", "青山县温圳镇兴业路31号", "青山县青山镇建设路56号"],
}  # fmt: skip
ROADS = {"东湖区": "G320国道东湖段K12+300处", "青山县": "S205省道青山段K8+150处"}


# ---- the plan: what each department's cases come to ---------------------------------------------------

# targets: a status reached through the ordinary procedure, or one of
#   near_due (investigating, decision due tomorrow), overdue (notified, decision overdue), late_service,
#   deviation (fine above the benchmark with a reason), transferred, withdrawn, no_penalty, simple[_executed,
#   _closed, _archived]
PLAN = {
    "东湖区市场监督管理局": ["intake", "near_due", "overdue", "deviation", "late_service", "hearing", "simple", "no_penalty"],
    "东湖区生态环境局": ["investigating", "reviewing", "decided", "executed", "archived", "transferred"],
    "东湖区交通运输局": ["intake", "notified", "served", "closed", "declined", "simple_executed"],
    "东湖区综合行政执法局": ["hearing", "decided", "archived", "simple_closed", "simple", "reviewing", "executed"],
    "东湖区应急管理局": ["investigating", "notified", "served", "closed", "archived", "declined"],
    "青山县市场监督管理局": ["intake", "reviewing", "decided", "executed", "archived", "no_penalty"],
    "青山县生态环境局": ["investigating", "hearing", "closed", "transferred", "declined"],
    "青山县交通运输局": ["notified", "served", "archived", "simple_archived", "intake"],
    "青山县综合行政执法局": ["decided", "executed", "closed", "simple", "withdrawn"],
    "青山县应急管理局": ["investigating", "reviewing", "served", "archived", "closed", "intake"],
}  # fmt: skip

ORDINARY_STEPS = ["registered", "reviewing", "notified", "hearing", "decided", "served", "executed", "closed", "archived"]  # fmt: skip
REACH = {  # how far along the ordinary procedure each target goes
    "intake": None,
    "declined": None,
    "investigating": "registered",
    "near_due": "registered",
    "reviewing": "reviewing",
    "notified": "notified",
    "overdue": "notified",
    "hearing": "hearing",
    "decided": "decided",
    "served": "served",
    "late_service": "served",
    "executed": "executed",
    "closed": "closed",
    "deviation": "archived",
    "archived": "archived",
}
ECONOMIC_IMPACT = (
    "经评估，罚款约占企业上年度营业收入的百分之二，不影响企业正常生产经营和职工就业；"
    "当事人确有困难的，可依法申请延期或者分期缴纳罚款。"
)
DEVIATION_REASON = (
    "当事人一年内因销售过期食品受过行政处罚，本次涉案食品已销往学校周边，社会影响较大，依据《江州市市场监督管理"
    "行政处罚裁量权适用规则》第十二条第（二）项从重处罚，罚款高于基准推荐幅度。"
)


@dataclass
class Made:
    """A case as planned: who, what, where, when."""

    agency: Agency
    county: str
    target: str
    index: int
    scenario: Scenario
    party: services.PartyInput
    place: str
    value: Decimal | None
    n: int
    dates: dict = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.scenario.summary

    @property
    def facts(self) -> str:
        return self.scenario.facts.format(
            party=self.party.name, place=self.place, value=_plain(self.value), n=self.n
        )


def _plain(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _party(field_code: str, county: str, index: int, person: bool) -> services.PartyInput:
    """The index-th party of the field in the county (distinct for every case of a department)."""
    region = REGION_CODE[county]
    address = STREETS[county][index % len(STREETS[county])]
    if person:
        name, sex, born = PERSONS[index % len(PERSONS)]
        sequence = 200 + 2 * index + (40 if county == "青山县" else 0) + (1 if sex == "m" else 0)
        for offset in range(len(BIRTHPLACES)):
            number = id_number_with_check(
                f"{BIRTHPLACES[(index + offset) % len(BIRTHPLACES)]}{born}{sequence:03d}"
            )
            if ric.is_valid(number):
                break
        return services.PartyInput(
            kind=PartyKind.PERSON, name=name, id_number=number, address=address, phone=f"1390791{index:04d}"
        )
    names = COMPANIES[field_code]
    name = names[index % len(names)].format(c=county)
    kind_digit = "2" if name.endswith("店") else "1"  # 个体工商户 92, 企业 91
    serial = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10_000_000
    code = credit_code_with_check(f"9{kind_digit}{region}MA{serial:07d}")
    return services.PartyInput(
        kind=PartyKind.ORGANISATION,
        name=name,
        credit_code=code,
        representative=REPRESENTATIVES[index % len(REPRESENTATIVES)],
        address=address,
        phone=f"0791-8{index:03d}{index * 37 % 1000:03d}"[:13],
    )


def _plan(today: date) -> list[Made]:
    made = []
    for agency_name, targets in PLAN.items():
        agency = Agency.objects.filter(name=agency_name).first()
        if agency is None:
            continue
        county = agency_name[:3]
        field_code = next(
            code for suffix, code in FIELD_BY_DEPARTMENT.items() if agency_name.endswith(suffix)
        )
        scenarios = SCENARIOS[field_code]
        for index, target in enumerate(targets):
            simple = target.startswith("simple")
            if simple:
                scenario = _simple_scenario(field_code, scenarios)
            elif target in ("deviation", "near_due", "overdue", "late_service"):
                scenario = scenarios[0]
            elif target == "no_penalty":
                scenario = (
                    next(s for s in scenarios if s.code.endswith("CF-003"))
                    if field_code == "market"
                    else scenarios[-1]
                )
            else:
                scenario = scenarios[index % len(scenarios)]
            person = simple and scenario.code in ("ZHZF-CF-002", "JTYS-CF-002") and index % 2 == 0
            person = person or (scenario.code == "JTYS-CF-001")
            seed = len(made)
            value = scenario.values[seed % len(scenario.values)] if scenario.values else None
            if target == "deviation":
                value = D(3200)
            place = (
                ROADS[county]
                if field_code == "transport"
                else STREETS[county][(seed + 2) % len(STREETS[county])]
            )
            made.append(
                Made(
                    agency=agency,
                    county=county,
                    target=target,
                    index=seed,
                    scenario=scenario,
                    party=_party(field_code, county, index, person),
                    place=place,
                    value=value,
                    n=2 + seed % 5,
                )
            )
    for case in made:
        case.dates = _dates(case, today)
    return made


def _simple_scenario(field_code: str, scenarios: list[Scenario]) -> Scenario:
    by_code = {s.code: s for s in scenarios}
    for code in ("ZHZF-CF-002", "SCJG-CF-003", "JTYS-CF-002"):
        if code in by_code:
            return by_code[code]
    return scenarios[-1]


def _day(today: date, days_ago: int) -> date:
    return max(FIRST_DAY, today - timedelta(days=days_ago))


def _periods_end(notified: date) -> date:
    """The last day of the 陈述申辩 and hearing request periods of a notice given on `notified`."""
    return workdays.add_workdays(notified, max(HEARING_REQUEST_WORKDAYS, statement_workdays()))


def _dates(case: Made, today: date) -> dict:
    """The dates of each step, all in 2026 and before today; the clocks of open cases run from today."""
    i, target = case.index, case.target
    if target == "intake":
        return {"discovered": _day(today, 2 + i % 8)}
    if target == "declined":
        return {"discovered": _day(today, 20 + (i * 3) % 90)}
    if target.startswith("simple"):
        return {"discovered": _day(today, 12 + (i * 17) % 200)}
    if target == "near_due":
        registered = today - timedelta(days=89)  # the 90-day limit ends tomorrow
        return {"discovered": registered - timedelta(days=4), "registered": registered}
    if target == "overdue":
        registered = today - timedelta(days=100)  # ten days past the 90-day limit, no extension
        notified = registered + timedelta(days=45)
        return {
            "discovered": registered - timedelta(days=3),
            "registered": registered,
            "notified": notified,
            "decided": notified + timedelta(days=12),
        }
    if target == "decided":  # decided the last working day: the service clock has just started
        decided = workdays.add_workdays(today, -1)
        start = decided - timedelta(days=40)
    elif target in ("investigating", "reviewing"):
        start = _day(today, 12 + i % 25)
    elif target in ("notified", "hearing"):
        start = _day(today, 34 + i % 15)
    elif target in ("transferred", "withdrawn"):
        start = _day(today, 40 + (i * 11) % 120)
    else:  # served and beyond
        start = _day(today, 75 + (i * 13) % 160)
    dates = {
        "discovered": start,
        "registered": start + timedelta(days=3),
        "notified": start + timedelta(days=26),
    }
    dates["hearing_request"] = dates["notified"] + timedelta(days=2)
    dates["hearing"] = dates["notified"] + timedelta(days=9)
    # a penalty decision waits for the periods of the notice (or, for a few, a written waiver: _waives)
    dates["decided"] = max(
        dates["notified"] + timedelta(days=12), _periods_end(dates["notified"]) + timedelta(days=1)
    )
    if target == "decided":
        dates["decided"] = decided
    if target in ("transferred", "withdrawn"):
        dates["decided"] = start + timedelta(days=18)
    dates["served"] = (
        workdays.add_workdays(dates["decided"], 10)
        if target == "late_service"
        else dates["decided"] + timedelta(days=2)
    )
    dates["executed"] = dates["served"] + timedelta(days=12)
    dates["closed"] = dates["executed"] + timedelta(days=3)
    return dates


# ---- small generated files for the evidence -----------------------------------------------------------


def _wav(seed: int) -> bytes:
    """A second of quiet 8 kHz sound, different for each seed (so each recording has its own hash)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(8000)
        sound.writeframes(bytes((128 + (k * (seed % 7 + 1)) % 9) for k in range(8000)))
    return buffer.getvalue()


def _png(seed: int) -> bytes:
    """A 16×16 picture in one colour of the seed."""
    color = bytes([(seed * 53) % 256, (seed * 97) % 256, (seed * 193) % 256])
    raw = b"".join(b"\x00" + color * 16 for _ in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# the step a signed scan of each 文书 is filed under
SCAN_STEPS = {
    "inspection_record": "on_site",
    "inquiry_record": "inquiry",
    "penalty_decision": "service",
    "no_penalty_decision": "service",
    "service_receipt": "service",
}
STEP_TITLES = {
    "on_site": "现场检查录音录像",
    "inquiry": "询问过程录音",
    "hearing": "听证会录音",
    "service": "送达过程录音",
    "seizure": "查封扣押过程录音",
    "simple_decision": "当场处罚执法记录仪录音",
}


class Evidence:
    """The recordings the items require and a photo of the scene, uploaded through cases.evidence."""

    def __init__(self):
        self.module = evidence_services
        self.count = 0

    def required(self, case: Case, step: str) -> bool:
        return any(step in (item.av_steps or []) for item in case.items.all())

    def record(self, case: Case, step: str, on: date, seed: int, *, force: bool = False) -> None:
        if not (force or self.required(case, step)):
            return
        self._upload(case, step, "audio", f"{STEP_TITLES.get(step, step)}_{on:%Y%m%d}.wav", _wav(seed), on)

    def photo(self, case: Case, on: date, seed: int) -> None:
        self._upload(case, "on_site", "photo", f"现场照片_{on:%Y%m%d}.png", _png(seed), on)

    def waiver(self, case: Case, on: date, seed: int) -> None:
        """The party's signed waiver of 陈述、申辩 and 听证, scanned (recorded at 送达 of the notice)."""
        self._upload(case, "service", "waiver", f"放弃陈述申辩听证声明_{on:%Y%m%d}.png", _png(seed), on)

    def scan(self, case: Case, kind: str, title: str) -> None:
        """The signed paper of a 文书, scanned, in place of the generated one."""
        step = SCAN_STEPS.get(kind, "evidence")
        on = timezone.localdate()
        self._upload(case, step, "photo", f"{title}（签字）.png", _png(case.pk * 10 + len(kind)), on, kind)

    def _upload(self, case, step, kind, name, content, on, signed_document=""):
        captured = timezone.make_aware(datetime.combine(on, time(10, 30)))
        data = self.module.UploadInput(
            name=name,
            size=len(content),
            kind=kind,
            step=step,
            media_type="audio/wav" if kind == "audio" else "image/png",
            description=STEP_TITLES.get(step, "")
            if kind == "audio"
            else "当事人签署的放弃陈述、申辩和听证权利的书面声明"
            if kind == "waiver"
            else ("签字文书扫描件" if signed_document else "违法现场照片"),
            signed_document=signed_document,
            captured_at=min(captured, timezone.now()),
            latitude=D("28.683210") + D(case.pk % 97) / 10000,
            longitude=D("115.857940") + D(case.pk % 89) / 10000,
        )
        self.module.upload_file(actor=None, case=case, data=data, chunks=[content])
        self.count += 1


class Documents:
    """The documents each step needs (cases.documents.requirements): the first LIMIT generated and
    numbered (rendering a PDF takes a while), the rest as signed scans uploaded in their place."""

    LIMIT = 24

    def __init__(self, evidence: "Evidence"):
        self.generate = document_services.generate
        self.evidence = evidence
        self.count = 0
        self.scans = 0

    def before(self, case: Case, action: str, *variants: str) -> Case:
        """Put in the case file what `action` (of `variants`) needs; returns the case as it now is."""
        case.refresh_from_db()
        for need in requirements.needs_of(case, transitions.MACHINE.open_rows(case, action, *variants)):
            if need.present:
                continue
            if self.count < self.LIMIT:
                self.generate(actor=None, case=case, kind=need.kind)
                self.count += 1
            else:
                self.evidence.scan(case, need.kind, need.title)
                self.scans += 1
        case.refresh_from_db()
        return case

    def make(self, case: Case, *kinds: str) -> None:
        for kind in kinds:
            if self.count >= self.LIMIT:
                return
            try:
                self.generate(actor=None, case=case, kind=kind)
            except ValidationError:  # not possible in this case's state: simply not generated
                continue
            self.count += 1


# ---- driving a case ------------------------------------------------------------------------------------


def _clerk(agency: Agency):
    """A certified officer of the agency who registers cases and decides on the spot (see `_intake`):
    those acts are an officer's, never auxiliary staff's (issue 20)."""
    today = timezone.localdate()
    officers = Officer.objects.filter(
        agency=agency, kind=PersonKind.OFFICER, user__isnull=False, user__is_active=True
    ).select_related("user")
    for officer in officers:
        if registry.acting_refusal(officer.user, [], on=today) is None:
            return officer.user
    return None


def _assistant_intake(made: Made, data: services.IntakeInput, supervisor: Officer) -> Case | None:
    """受案登记 by the agency's 执法辅助人员 who logs in (dh_fz1), assisting `supervisor` (seed 000 §10)."""
    helper = Officer.objects.filter(
        agency=made.agency, kind=PersonKind.AUXILIARY, user__isnull=False, user__is_active=True
    ).first()
    if helper is None:
        return None
    return services.case_intake(actor=helper.user, agency=made.agency, data=data, supervisor=supervisor)


def _as_system_or_clerk(call, agency: Agency, **kwargs):
    """Intake as the system. While cases.services still refuse an empty 登记人 (created_by is checked by
    full_clean), the agency's own officer registers the clue instead."""
    try:
        return call(actor=None, agency=agency, **kwargs)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict") or set(exc.error_dict) != {"created_by"}:
            raise
    return call(actor=_clerk(agency), agency=agency, **kwargs)


def _hearing_host(case: Case) -> Officer | None:
    """听证主持人: an officer of the agency who is not one of the case's 承办人员 (第六十四条（四）) —
    its 法制 staff in a real agency; here the first such officer by name. None in an agency whose only
    officers handle the case: its party is not made to ask for a hearing no one could host."""
    return (
        Officer.objects.filter(agency=case.agency, kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE)
        .exclude(case_roles__case=case)
        .order_by("name", "id")
        .first()
    )


def _handlers(agency: Agency, field_code: str, on: date, today: date, index: int) -> list[Officer]:
    """Two officers certified for the field on the day of discovery and today; those who log in (their
    工作台 shows the cases) first. Index 0 of a department is its first two."""
    officers = Officer.objects.filter(
        agency=agency, kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE
    ).order_by("id")
    certified = [
        o
        for o in officers
        if registry.can_enforce(o, field_code, on=on) and registry.can_enforce(o, field_code, on=today)
    ]
    if len(certified) < 2:
        return []
    heads = set(User.objects.filter(roles__code="agency_head").values_list("pk", flat=True))
    certified = [o for o in certified if o.user_id not in heads]  # the agency head decides, not handles
    pool = [o for o in certified if o.user_id] + [o for o in certified if not o.user_id]
    first = index % min(len(pool), 3)
    return [pool[first], pool[(first + 1) % len(pool)]]


def _fine(item, facts: dict, on: date) -> tuple[Decimal | None, object]:
    """A fine in the middle of the recommended range (rounded to 500 yuan), or None when the level has
    no fine; with the recommendation."""
    if not hasattr(item, "benchmark"):
        return None, None
    recommendation = discretion.recommend(item, facts, on=on)
    if recommendation.fine_min is None:
        return None, recommendation
    middle = (recommendation.fine_min + recommendation.fine_max) / 2
    step = D(500) if recommendation.fine_max >= 2000 else D(50)
    fine = (middle / step).quantize(D(1), rounding=ROUND_HALF_UP) * step
    return min(max(fine, recommendation.fine_min), recommendation.fine_max), recommendation


def _discretion_facts(made: Made) -> dict:
    facts = {
        key: (made.value if value == "value" else value) for key, value in made.scenario.discretion.items()
    }
    if made.target == "no_penalty":
        facts.update(first_offence=True, harm_minor=True, corrected_in_time=True)
    return facts


def _reasoning(case: Case, made: Made, penalty_text: str, recommendation) -> str:
    basis = case.items.order_by("code").first().legal_bases.order_by("id").first()
    level = f"属“{recommendation.level_label}”情节，" if recommendation and recommendation.level_label else ""
    return (
        f"经查，{made.facts}\n"
        "上述事实有现场检查笔录、询问笔录、现场照片、录音录像及当事人营业执照（身份证明）复印件等证据证实，"
        "当事人在陈述申辩中对违法事实无异议。\n"
        f"当事人的行为违反了《{basis.law_name}》的有关规定，依据《{basis.law_name}》{basis.article}的规定，"
        f"{level}综合考虑违法行为的事实、性质、情节、社会危害程度以及当事人整改情况，依照本机关行政处罚裁量基准，"
        f"决定{penalty_text}。"
    )


def _penalty_text(decision: services.DecisionInput) -> str:
    parts = []
    if PenaltyMeasure.WARNING in decision.measures:
        parts.append("给予警告")
    if decision.fine:
        parts.append(f"处罚款{_plain(decision.fine)}元")
    return "、".join(parts) or "不予行政处罚"


def _exists(made: Made) -> bool:
    return Case.objects.filter(agency=made.agency, summary=made.summary, party_name=made.party.name).exists()


def _intake_input(made: Made, items: tuple[str, ...], discovered: date) -> services.IntakeInput:
    return services.IntakeInput(
        source=["inspection", "complaint", "inspection", "assigned", "monitoring", "transfer"][
            made.index % 6
        ],
        summary=made.summary,
        discovered_on=discovered,
        place=made.place,
        item_codes=items,
        party=made.party,
        facts=made.facts,
        occurred_at=timezone.make_aware(datetime.combine(discovered, time(9, 20 + made.index % 30))),
    )


def _load_simple(made: Made, today: date, evidence: Evidence, documents: Documents) -> Case | None:
    on = made.dates["discovered"]
    field_code = next(code for code, scenarios in SCENARIOS.items() if made.scenario in scenarios)
    pair = _handlers(made.agency, field_code, on, today, made.index)
    if not pair:
        return None
    person = made.party.kind == PartyKind.PERSON
    fine = D(100) if person else D(2000)  # the demo's simple items provide a fine, not a warning
    decision = services.DecisionInput(
        kind=DecisionKind.PENALTY,
        decided_on=on,
        reasoning=f"{made.facts}当事人对违法事实无异议。依据《行政处罚法》第五十一条，当场处罚款{fine}元。",
        fine=fine,
    )
    case = _as_system_or_clerk(
        services.case_simple,
        made.agency,
        data=_intake_input(made, (made.scenario.code,), on),
        handlers=[(pair[0], HandlerRole.LEAD), (pair[1], HandlerRole.CO)],
        decision=decision,
        recipient=made.party.name if person else made.party.representative,
    )
    evidence.record(case, "simple_decision", on, made.index, force=True)
    if made.target == "simple":
        return case
    case = services.case_execute(
        actor=None,
        case=case,
        kind=ExecutionKind.PAID,
        on=on,
        amount=fine,
        note="当场收缴罚款，出具财政部门统一制发的专用票据",
    )
    if made.target == "simple_executed":
        return case
    case = services.case_close(
        actor=None,
        case=documents.before(case, "close"),
        on=on + timedelta(days=3),
        summary="当场处罚决定已履行，报所属机关备案。",
    )
    if made.target == "simple_archived":
        case = services.case_archive(actor=None, case=documents.before(case, "archive"))
    return case


def _load_ordinary(made: Made, today: date, evidence: Evidence, documents: Documents) -> Case | None:
    dates, target, seed = made.dates, made.target, made.index
    field_code = next(code for code, scenarios in SCENARIOS.items() if made.scenario in scenarios)
    special = target in ("near_due", "overdue", "late_service", "deviation")  # 张伟 and 李娜 (dh_zf1, dh_zf2)
    pair = _handlers(made.agency, field_code, dates["discovered"], today, 0 if special else seed)
    if not pair:
        return None
    data = _intake_input(made, (made.scenario.code,), dates["discovered"])
    case = (target == "intake" and _assistant_intake(made, data, pair[0])) or _as_system_or_clerk(
        services.case_intake, made.agency, data=data
    )
    handlers = [(pair[0], HandlerRole.LEAD), (pair[1], HandlerRole.CO)]
    assistant = Officer.objects.filter(
        agency=made.agency, kind=PersonKind.AUXILIARY, status=PersonStatus.ACTIVE
    ).first()
    if assistant is not None and seed % 3 == 0:
        handlers.append((assistant, HandlerRole.ASSISTANT))
    case = services.case_assign(actor=None, case=case, handlers=handlers)
    if target == "intake":
        return case
    if target == "declined":
        return services.case_decline(
            actor=None, case=case, reason="经核查，举报反映的问题不存在违法事实，依法不予立案，已告知举报人。"
        )
    case = services.case_register(actor=None, case=case, on=dates["registered"])
    on_site = dates["registered"] + timedelta(days=1)
    case = services.case_record_step(
        actor=None,
        case=case,
        step="on_site",
        note=f"现场检查：{made.facts}已制作现场检查笔录，当事人签字确认。",
    )
    evidence.record(case, "on_site", on_site, seed)
    if seed % 3 == 0:
        evidence.photo(case, on_site, seed)
    reach = REACH.get(target)
    if target in ("transferred", "withdrawn"):
        return _end_early(case, made, evidence, documents)
    case = services.case_record_step(
        actor=None,
        case=case,
        step="inquiry",
        note=f"询问{made.party.representative or made.party.name}，当事人如实陈述了违法经过，对检查发现的问题无异议。",
    )
    evidence.record(case, "inquiry", on_site + timedelta(days=2), seed + 1)
    if reach == "registered":
        if seed % 2:  # ready for 调查终结
            case = documents.before(case, "submit-review")
        return case
    case = services.case_submit_for_review(
        actor=None,
        case=documents.before(case, "submit-review"),
        report=f"调查终结报告：{made.facts}事实清楚，证据确凿，建议依法予以行政处罚。",
        is_complex=target == "hearing",
    )
    if reach == "reviewing":
        return case
    item = case.items.order_by("code").first()
    facts = _discretion_facts(made)
    if target == "no_penalty":
        return _no_penalty(case, made, facts, evidence, documents)
    fine, recommendation = _fine(item, facts, dates["decided"])
    if target == "deviation":
        fine = (recommendation.fine_max + D(10000)).min(item.legal_bases.first().statutory_max or fine)
    proposed = services.DecisionInput(
        kind=DecisionKind.PENALTY,
        decided_on=dates["decided"],
        reasoning="",
        measures=(PenaltyMeasure.WARNING,)
        if bool(recommendation and recommendation.warning) or fine is None
        else (),
        fine=fine,
        facts=facts,
        deviation_reason=DEVIATION_REASON if target == "deviation" else "",
    )
    hearing_rights = bool(fine and fine >= D(10000)) or target == "hearing"
    case = services.case_notify(
        actor=None,
        case=case,
        on=dates["notified"],
        proposed=f"拟{_penalty_text(proposed)}。事实、理由及依据：{made.facts}",
        hearing_rights=hearing_rights,
    )
    # the 告知书 handed to the party the day it is made: the periods run from that day (rules.periods_start)
    case = services.case_serve_notice(
        actor=None,
        case=case,
        on=dates["notified"],
        method=ServiceMethod.DIRECT,
        recipient=made.party.representative or made.party.name,
    )
    if seed % 2 == 0:
        case = services.case_record_statement(actor=None, case=case, statement=made.scenario.statement)
    requests_hearing = target == "hearing" or (
        hearing_rights and seed % 4 == 1 and _hearing_host(case) is not None
    )
    if not requests_hearing and (seed % 5 == 0 or dates["decided"] <= _periods_end(dates["notified"])):
        evidence.waiver(case, dates["notified"] + timedelta(days=1), seed)
    if reach == "notified":
        return case
    if requests_hearing:
        case = services.case_request_hearing(actor=None, case=case, on=dates["hearing_request"])
        if target == "hearing":
            if seed % 2:
                case = services.case_extend(
                    actor=None,
                    case=case,
                    days=30,
                    reason="当事人申请听证，案情较为复杂，报经负责人批准延长办案期限。",
                )
            return case
        evidence.record(case, "hearing", dates["hearing"], seed + 2)
        case = services.case_hold_hearing(
            actor=None,
            case=case,
            host=_hearing_host(case),
            on=dates["hearing"],
            summary="听证会公开举行，调查人员提出违法事实、证据和处罚建议，当事人进行了申辩和质证。",
        )
    decision = services.DecisionInput(
        kind=DecisionKind.PENALTY,
        decided_on=dates["decided"],
        reasoning=_reasoning(case, made, _penalty_text(proposed), recommendation),
        measures=proposed.measures,
        fine=fine,
        facts=facts,
        deviation_reason=proposed.deviation_reason,
        # 涉企经济影响评估: stated on every penalty against an enterprise (required when it is major)
        economic_impact=ECONOMIC_IMPACT if case.party_kind == PartyKind.ORGANISATION else "",
    )
    try:
        gates.check(case, decision)
    except ValidationError:  # a major decision: demo/review.py reviews it, then calls carry_on()
        awaiting_review.append(Waiting(case, made, decision, evidence, documents))
        return case
    return carry_on(case, made, decision, evidence, documents)


@dataclass
class Waiting:
    """A case stopped before its major decision (重大执法决定), waiting for its 法制审核."""

    case: Case
    made: Made
    decision: services.DecisionInput
    evidence: Evidence
    documents: Documents


awaiting_review: list[Waiting] = []


def carry_on(case: Case, made: Made, decision, evidence: Evidence, documents: Documents) -> Case:
    """From the decision to where the plan takes the case."""
    dates, seed, reach, fine = made.dates, made.index, REACH.get(made.target), decision.fine
    case = services.case_decide(
        actor=None, case=documents.before(case, "decide", "penalty"), decision=decision
    )
    if reach == "decided":
        return case
    evidence.record(case, "service", dates["served"], seed + 3)
    case = services.case_serve(
        actor=None,
        case=documents.before(case, "serve"),
        on=dates["served"],
        method=[ServiceMethod.DIRECT, ServiceMethod.POST, ServiceMethod.DIRECT, ServiceMethod.ELECTRONIC][
            seed % 4
        ],
        recipient=made.party.representative or made.party.name,
        note="邮寄送达，EMS单号已附卷" if seed % 4 == 1 else "",
    )
    if reach == "served":
        return case
    case = services.case_execute(
        actor=None,
        case=case,
        kind=ExecutionKind.PAID if fine else ExecutionKind.DONE,
        on=dates["executed"],
        amount=fine,
        note="当事人已通过非税收入缴款书足额缴纳罚款" if fine else "当事人已履行",
    )
    if reach == "executed":
        return case
    case = services.case_close(
        actor=None,
        case=documents.before(case, "close"),
        on=dates["closed"],
        summary="处罚决定已执行完毕，案件材料齐全，报请结案。",
    )
    if reach == "archived" or seed % 2:  # the 结案报告 of an archived case, and of some closed ones
        case = documents.before(case, "archive")
    if reach == "archived":
        case = services.case_archive(actor=None, case=case)
    return case


def _end_early(case: Case, made: Made, evidence: Evidence, documents: Documents) -> Case:
    if made.target == "transferred":
        decision = services.DecisionInput(
            kind=DecisionKind.TRANSFER,
            decided_on=made.dates["decided"],
            reasoning=f"经查，{made.facts}涉案情节严重，当事人的行为涉嫌构成犯罪，依据《行政执法机关移送涉嫌犯罪案件的规定》，"
            "决定将案件移送公安机关依法处理。",
            transfer_to=f"{made.county}公安局",
        )
    else:
        decision = services.DecisionInput(
            kind=DecisionKind.WITHDRAW,
            decided_on=made.dates["decided"],
            reasoning="经进一步调查，现有证据不足以认定当事人实施了违法行为，经负责人批准撤销立案。",
        )
    case = services.case_decide(actor=None, case=documents.before(case, "decide", "ends"), decision=decision)
    if made.index % 2:
        case = services.case_archive(actor=None, case=documents.before(case, "archive"))
    return case


def _no_penalty(case: Case, made: Made, facts: dict, evidence: Evidence, documents: Documents) -> Case:
    dates = made.dates
    decision = services.DecisionInput(
        kind=DecisionKind.NO_PENALTY,
        decided_on=dates["decided"],
        reasoning=f"经查，{made.facts}当事人系初次违法，危害后果轻微并已及时改正，依据《中华人民共和国行政处罚法》"
        "第三十三条第一款的规定，决定不予行政处罚，并对当事人进行了批评教育。",
        facts=facts,
    )
    case = services.case_decide(
        actor=None, case=documents.before(case, "decide", "no_penalty"), decision=decision
    )
    evidence.record(case, "service", dates["served"], made.index + 3)
    case = services.case_serve(
        actor=None,
        case=documents.before(case, "serve"),
        on=dates["served"],
        method=ServiceMethod.DIRECT,
        recipient=made.party.representative or made.party.name,
    )
    if made.index % 2:
        case = services.case_close(
            actor=None,
            case=documents.before(case, "close", "no_penalty"),
            on=dates["closed"],
            summary="不予行政处罚决定书已送达，报请结案。",
        )
    return case


def load(out) -> None:
    today = timezone.localdate()
    evidence = Evidence()
    documents = Documents(evidence)
    created = 0
    for made in _plan(today):
        if _exists(made) or catalog.version_in_force(made.agency, made.dates["discovered"]) is None:
            continue
        if made.target.startswith("simple"):
            case = _load_simple(made, today, evidence, documents)
        else:
            case = _load_ordinary(made, today, evidence, documents)
        created += case is not None
    cases = Case.objects.all()
    by_status = {label: cases.filter(status=value).count() for value, label in CaseStatus.choices}
    out.write(
        f"案件：{cases.count()} 件（本次新增 {created} 件；"
        + "、".join(f"{label}{count}" for label, count in by_status.items() if count)
        + f"）；证据文件 {evidence.count} 个、文书 {documents.count} 份（另 {documents.scans} 份为签字扫描件）"
    )
