"""Demo catalogue: the 行政执法事项清单 of the five departments of 东湖区 and 青山县 — 34 items (行政处罚,
行政检查, 行政许可, 行政强制) on real legal bases, with 20 discretion benchmarks — published as version 1
(首次编制, in force from 2026-01-01). 东湖区市场监督管理局 also has version 2 (法律法规改, from 2026-07-01:
one benchmark re-cut, one item added), so the diff history shows; 青山县应急管理局 has a draft open.
Every published version went through 报送审核 and was approved by its county 司法局 (and 市场监督管理局 for
the 随机抽查事项清单); 东湖区生态环境局's version 2 waits for 东湖区司法局, and 东湖区市场监督管理局's version
3 was returned by it with reasons (seed 003 二(一)2).

Plus two delegations to the townships (one due for evaluation within 30 days, one overdue: dated from
today), the units and post duties of 东湖区市场监督管理局 (one item held twice without a division of
work, one held by nobody) and one benchmark evaluation.

Article texts are quoted as enacted; "……" marks what is left out, never a paraphrase. Everything is
written through catalog.services as the system (actor=None); an agency that already has a catalogue
version is skipped whole, so a second run creates nothing."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.catalog import services
from zhifa.catalog.choices import (
    ChangeReason,
    DelegationForm,
    ItemCategory,
    ItemLevel,
    LegalRank,
    ListReviewStatus,
    ReviewedList,
)
from zhifa.catalog.models import CatalogVersion, Delegation, DutyAssignment, OrgUnit
from zhifa.catalog.services import BasisInput, ExemptionInput, LevelInput
from zhifa.core.choices import AgencyKind
from zhifa.core.models import Agency
from zhifa.demo.core import agency_specs
from zhifa.registry.models import EnforcementBody, EnforcementField

MAIN = "东湖区市场监督管理局"
DRAFT_AGENCY = "青山县应急管理局"
WAITING_AGENCY = "东湖区生态环境局"  # version 2 waits for 东湖区司法局's approval
RETURNING_USER = "dh_jd"  # 周敏, supervisor of 东湖区司法局, returned 东湖区市场监督管理局's version 3
RETURN_REASON = (
    "删除“食品经营许可”事项须以划转文件为依据，报送材料未附区政府划转决定；"
    "《中华人民共和国食品安全法》第三十五条仍在施行，请补充依据或恢复该事项后重新报送。"
)
THIRD_EFFECTIVE = date(2027, 1, 1)
FIRST_EFFECTIVE = date(2026, 1, 1)
SECOND_EFFECTIVE = date(2026, 7, 1)

FIELD_BY_DEPARTMENT = {
    "市场监督管理局": "market",
    "生态环境局": "ecology",
    "交通运输局": "transport",
    "综合行政执法局": "urban",
    "应急管理局": "emergency",
}

D = Decimal
P = ItemCategory.PENALTY


# ---- legal bases ------------------------------------------------------------------------------------------

FOOD_LAW = "中华人民共和国食品安全法"
AIR_LAW = "中华人民共和国大气污染防治法"
SAFETY_LAW = "中华人民共和国安全生产法"
HIGHWAY_LAW = "中华人民共和国公路法"

FOOD_LICENCE = BasisInput(
    FOOD_LAW,
    LegalRank.LAW,
    "第三十五条第一款",
    "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。但是，销售食用农产品和仅销售预包装食品的，"
    "不需要取得许可。仅销售预包装食品的，应当报所在地县级以上地方人民政府食品安全监督管理部门备案。",
)
FOOD_INSPECTION = BasisInput(
    FOOD_LAW,
    LegalRank.LAW,
    "第一百一十条",
    "县级以上人民政府食品安全监督管理部门履行食品安全监督管理职责，有权采取下列措施，对生产经营者遵守本法的情况进行监督检查："
    "（一）进入生产经营场所实施现场检查；（二）对生产经营的食品、食品添加剂、食品相关产品进行抽样检验；"
    "（三）查阅、复制有关合同、票据、账簿以及其他有关资料；（四）查封、扣押有证据证明不符合食品安全标准或者有证据证明存在安全隐患"
    "以及用于违法生产经营的食品、食品添加剂、食品相关产品；（五）查封违法从事生产经营活动的场所。",
)
FOOD_SEIZURE = BasisInput(
    FOOD_LAW,
    LegalRank.LAW,
    "第一百一十条第（四）项",
    "县级以上人民政府食品安全监督管理部门履行食品安全监督管理职责，有权采取下列措施，对生产经营者遵守本法的情况进行监督检查：……"
    "（四）查封、扣押有证据证明不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品、食品添加剂、食品相关产品；……",
)
SEIZURE_TERM = BasisInput(
    "中华人民共和国行政强制法",
    LegalRank.LAW,
    "第二十五条第一款",
    "查封、扣押的期限不得超过三十日；情节复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。"
    "法律、行政法规另有规定的除外。",
)
FOOD_STANDARD = BasisInput(
    FOOD_LAW,
    LegalRank.LAW,
    "第一百二十四条",
    "违反本法规定，有下列情形之一，尚不构成犯罪的，由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品、食品添加剂，"
    "并可以没收用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；"
    "货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证：……"
    "（五）生产经营标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂；……\n"
    "除前款和本法第一百二十三条、第一百二十五条规定的情形外，生产经营不符合法律、法规或者食品安全标准的食品、食品添加剂的，"
    "依照前款规定给予处罚。……",
    fine_basis="amount",
    statutory_min=D(50000),
    statutory_max=D(100000),
)
FOOD_RECORDS = BasisInput(
    FOOD_LAW,
    LegalRank.LAW,
    "第一百二十六条第一款第（三）项",
    "违反本法规定，有下列情形之一的，由县级以上人民政府食品安全监督管理部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；"
    "情节严重的，责令停产停业，直至吊销许可证：……（三）食品、食品添加剂生产经营者进货时未查验许可证和相关证明文件，"
    "或者未按规定建立并遵守进货查验记录、出厂检验记录和销售记录制度；……",
    fine_basis="amount",
    statutory_min=D(5000),
    statutory_max=D(50000),
)
LICENCE_DISPLAY = BasisInput(
    "中华人民共和国市场主体登记管理条例",
    LegalRank.ADMIN_REGULATION,
    "第四十八条第一款",
    "市场主体未依照本条例将营业执照置于住所或者主要经营场所醒目位置的，由登记机关责令改正；拒不改正的，处3万元以下的罚款。",
    effective_from=date(2022, 3, 1),
    fine_basis="amount",
    statutory_max=D(30000),
)
AIR_EMISSION = BasisInput(
    AIR_LAW,
    LegalRank.LAW,
    "第九十九条第（二）项",
    "违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；"
    "情节严重的，报经有批准权的人民政府批准，责令停业、关闭：（一）未依法取得排污许可证排放大气污染物的；"
    "（二）超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的；（三）通过逃避监管的方式排放大气污染物的。",
    fine_basis="amount",
    statutory_min=D(100000),
    statutory_max=D(1000000),
)
AIR_DUST = BasisInput(
    AIR_LAW,
    LegalRank.LAW,
    "第一百一十七条第（一）项",
    "违反本法规定，有下列行为之一的，由县级以上人民政府生态环境等主管部门按照职责责令改正，处一万元以上十万元以下的罚款；"
    "拒不改正的，责令停工整治或者停业整治：（一）未密闭煤炭、煤矸石、煤渣、煤灰、水泥、石灰、石膏、砂土等易产生扬尘的物料的；……",
    fine_basis="amount",
    statutory_min=D(10000),
    statutory_max=D(100000),
)
POLLUTION_SEIZURE = BasisInput(
    "中华人民共和国环境保护法",
    LegalRank.LAW,
    "第二十五条",
    "企业事业单位和其他生产经营者违反法律法规规定排放污染物，造成或者可能造成严重污染的，县级以上人民政府环境保护主管部门"
    "和其他负有环境保护监督管理职责的部门，可以查封、扣押造成污染物排放的设施、设备。",
)
UNLICENSED_PASSENGER = BasisInput(
    "中华人民共和国道路运输条例",
    LegalRank.ADMIN_REGULATION,
    "第六十三条",
    "……未取得道路运输经营许可，擅自从事道路客运经营……没有违法所得或者违法所得不足2万元的，处3万元以上10万元以下的罚款……",
    fine_basis="amount",
    statutory_min=D(30000),
    statutory_max=D(100000),
)
ROAD_OCCUPATION = BasisInput(
    HIGHWAY_LAW,
    LegalRank.LAW,
    "第七十六条第（一）项",
    "有下列违法行为之一的，由交通主管部门责令停止违法行为，可以处三万元以下的罚款：（一）违反本法第四十四条第一款规定，"
    "擅自占用、挖掘公路的；……",
    fine_basis="amount",
    statutory_max=D(30000),
)
ROAD_INSPECTION = BasisInput(
    HIGHWAY_LAW,
    LegalRank.LAW,
    "第六十九条",
    "交通主管部门、公路管理机构依法对有关公路的法律、法规执行情况进行监督检查。",
)
WASTE_DUMPING = BasisInput(
    "中华人民共和国固体废物污染环境防治法",
    LegalRank.LAW,
    "第一百一十一条",
    "违反本法规定，有下列行为之一，由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得："
    "（一）随意倾倒、抛撒、堆放或者焚烧生活垃圾的；……\n"
    "单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；……"
    "个人有前款第一项、第五项、第七项行为之一，处一百元以上五百元以下的罚款。",
    effective_from=date(2020, 9, 1),
    fine_basis="amount",
    statutory_min=D(50000),
    statutory_max=D(500000),
)
CITY_GRAFFITI = BasisInput(
    "城市市容和环境卫生管理条例",
    LegalRank.ADMIN_REGULATION,
    "第三十四条第（二）项",
    "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，"
    "可以并处警告、罚款：……（二）在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的；……",
    fine_basis="amount",  # the regulation sets no amount
)
CITY_BILLBOARD = BasisInput(
    "城市市容和环境卫生管理条例",
    LegalRank.ADMIN_REGULATION,
    "第十一条",
    "在城市中设置户外广告、标语牌、画廊、橱窗等，应当内容健康、外型美观，并定期维修、油饰或者拆除。"
    "大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
)
SAFETY_TRAINING = BasisInput(
    SAFETY_LAW,
    LegalRank.LAW,
    "第九十七条第（三）项",
    "生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，"
    "对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款：……（三）未按照规定对从业人员、被派遣劳动者、实习学生"
    "进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项的；……",
    effective_from=date(2021, 9, 1),
    fine_basis="amount",
    statutory_max=D(100000),
)
SAFETY_HAZARD = BasisInput(
    SAFETY_LAW,
    LegalRank.LAW,
    "第一百零二条",
    "生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除，处五万元以下的罚款；生产经营单位拒不执行的，"
    "责令停产停业整顿，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。",
    effective_from=date(2021, 9, 1),
    fine_basis="amount",
    statutory_max=D(50000),
)
SAFETY_INSPECTION = BasisInput(
    SAFETY_LAW,
    LegalRank.LAW,
    "第六十五条第一款",
    "应急管理部门和其他负有安全生产监督管理职责的部门依法开展安全生产行政执法工作，对生产经营单位执行有关安全生产的法律、法规和"
    "国家标准或者行业标准的情况进行监督检查，行使以下职权：（一）进入生产经营单位进行检查，调阅有关资料，向有关单位和人员了解情况；"
    "（二）对检查中发现的安全生产违法行为，当场予以纠正或者要求限期改正；对依法应当给予行政处罚的行为，依照本法和其他有关法律、"
    "行政法规的规定作出行政处罚决定；……",
    effective_from=date(2021, 9, 1),
)
SAFETY_SEIZURE = BasisInput(
    SAFETY_LAW,
    LegalRank.LAW,
    "第六十五条第一款第（四）项",
    "……（四）对有根据认为不符合保障安全生产的国家标准或者行业标准的设施、设备、器材以及违法生产、储存、使用、经营、运输的危险物品"
    "予以查封或者扣押，对违法生产、储存、使用、经营危险物品的作业场所予以查封，并依法作出处理决定。",
    effective_from=date(2021, 9, 1),
)


# ---- exemptions (行政处罚法 第三十二条、第三十三条) ---------------------------------------------------------

FIRST_OFFENCE = ExemptionInput(
    "first_offence",
    "初次违法且危害后果轻微并及时改正的，可以不予行政处罚",
    ("first_offence", "harm_minor", "corrected_in_time"),
    "《中华人民共和国行政处罚法》第三十三条第一款",
)
LIGHTER = ExemptionInput(
    "lighter",
    "主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚",
    ("actively_reduced_harm",),
    "《中华人民共和国行政处罚法》第三十二条第（一）项",
)
FOOD_NO_FAULT = ExemptionInput(
    "no_fault",
    "食品经营者履行了本法规定的进货查验等义务，有充分证据证明其不知道所采购的食品不符合食品安全标准，并能如实说明其进货来源的，"
    "可以免予处罚，但应当依法没收其不符合食品安全标准的食品",
    ("no_fault",),
    "《中华人民共和国食品安全法》第一百三十六条",
)


# ---- the items --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkSpec:
    levels: tuple[LevelInput, ...]
    exemptions: tuple[ExemptionInput, ...] = ()
    fact_label: str = ""
    note: str = ""


@dataclass(frozen=True)
class ItemSpec:
    code: str
    name: str
    category: str
    bases: tuple[BasisInput, ...]
    benchmark: BenchmarkSpec | None = None
    options: dict = field(default_factory=dict)


def fine(level, conditions, low, high, fact_min=None, fact_max=None, **flags) -> LevelInput:
    return LevelInput(
        level,
        conditions,
        None if fact_min is None else D(fact_min),
        None if fact_max is None else D(fact_max),
        fine_basis="amount",
        fine_min=D(low),
        fine_max=D(high),
        **flags,
    )


MAJOR = {
    "needs_legal_review": True,
    "major_fine_threshold": D(50000),
    "av_steps": ["on_site", "inquiry", "hearing", "service"],
}
ORDINARY_AV = {"av_steps": ["on_site", "inquiry", "service"]}

FOOD_LEVELS_2026 = (
    fine("minor", "货值金额不足2000元，未造成危害后果的", 50000, 60000, 0, 2000, confiscate=True),
    fine("ordinary", "货值金额2000元以上不足5000元的", 60000, 75000, 2000, 5000, confiscate=True),
    fine("serious", "货值金额5000元以上不足8000元的", 75000, 90000, 5000, 8000, confiscate=True),
    fine(
        "grave",
        "货值金额8000元以上不足1万元，或者造成危害后果的",
        90000,
        100000,
        8000,
        10000,
        confiscate=True,
        revoke=True,
    ),
)
FOOD_NOTE = "本基准适用于违法生产经营的食品货值金额不足一万元的情形；货值金额一万元以上的，按货值金额十倍以上二十倍以下罚款另行裁量。"

# Version 2 of 东湖区市场监督管理局 re-cuts the levels after the 2026 mid-year evaluation of this benchmark.
FOOD_LEVELS_2026_07 = (
    fine("minor", "货值金额不足3000元，未造成危害后果的", 50000, 60000, 0, 3000, confiscate=True),
    fine("ordinary", "货值金额3000元以上不足6000元的", 60000, 75000, 3000, 6000, confiscate=True),
    fine("serious", "货值金额6000元以上不足9000元的", 75000, 90000, 6000, 9000, confiscate=True),
    fine(
        "grave",
        "货值金额9000元以上不足1万元，或者造成危害后果的",
        90000,
        100000,
        9000,
        10000,
        confiscate=True,
        revoke=True,
    ),
)

SPECS: dict[str, list[ItemSpec]] = {
    "market": [
        ItemSpec(
            "SCJG-XK-001",
            "食品经营许可",
            ItemCategory.LICENSE,
            (FOOD_LICENCE,),
            options={"is_supervision": True},
        ),
        ItemSpec(
            "SCJG-JC-001",
            "食品生产经营监督检查",
            ItemCategory.INSPECTION,
            (FOOD_INSPECTION,),
            options={
                "is_supervision": True,
                "is_random_inspection": True,
                "inspection_object": "辖区内食品生产经营者",
                "inspection_method": "双随机抽取检查对象和执法检查人员，现场检查、抽样检验",
                "av_steps": ["on_site"],
            },
        ),
        ItemSpec(
            "SCJG-CF-001",
            "生产经营不符合食品安全标准的食品",
            P,
            (FOOD_STANDARD,),
            BenchmarkSpec(
                FOOD_LEVELS_2026, (FOOD_NO_FAULT, LIGHTER), "违法生产经营的食品货值金额（元）", FOOD_NOTE
            ),
            {**MAJOR, "major_on_revocation": True},
        ),
        ItemSpec(
            "SCJG-CF-002",
            "食品经营者进货时未查验许可证和相关证明文件或者未按规定建立并遵守进货查验记录制度",
            P,
            (FOOD_RECORDS,),
            BenchmarkSpec(
                (
                    LevelInput("minor", "违法行为轻微，责令改正后按期改正的", warning=True),
                    fine("ordinary", "拒不改正，未造成危害后果的", 5000, 15000),
                    fine(
                        "serious", "拒不改正，涉及食品品种多或者一年内因同一违法行为受过处罚的", 15000, 35000
                    ),
                    fine("grave", "拒不改正，造成食品安全事故或者恶劣社会影响的", 35000, 50000, suspend=True),
                ),
                (FIRST_OFFENCE,),
                note="先责令改正并给予警告；拒不改正的，方可处以罚款。",
            ),
            {**MAJOR, "major_on_suspension": True, "major_on_revocation": True},
        ),
        ItemSpec(
            "SCJG-CF-003",
            "未将营业执照置于住所或者主要经营场所醒目位置",
            P,
            (LICENCE_DISPLAY,),
            BenchmarkSpec(
                (
                    fine("minor", "拒不改正，经营规模较小、未造成不良影响的", 1000, 5000),
                    fine("ordinary", "拒不改正的", 5000, 15000),
                    fine("serious", "经两次以上责令改正仍拒不改正的", 15000, 30000),
                ),
                (FIRST_OFFENCE,),
                note="先责令改正；拒不改正的，方可处以罚款。",
            ),
            ORDINARY_AV,
        ),
    ],
    "ecology": [
        ItemSpec(
            "STHJ-CF-001",
            "超过大气污染物排放标准排放大气污染物",
            P,
            (AIR_EMISSION,),
            BenchmarkSpec(
                (
                    fine("minor", "超标倍数不足0.5倍的", 100000, 200000, 0, "0.5"),
                    fine("ordinary", "超标倍数0.5倍以上不足1倍的", 200000, 400000, "0.5", 1),
                    fine("serious", "超标倍数1倍以上不足3倍的", 400000, 700000, 1, 3),
                    fine("grave", "超标倍数3倍以上的", 700000, 1000000, 3, None, suspend=True),
                ),
                (LIGHTER,),
                "超标倍数（倍）",
                "同时超过多项排放标准的，按超标倍数最高的一项确定情节。",
            ),
            {**MAJOR, "major_on_suspension": True},
        ),
        ItemSpec(
            "STHJ-CF-002",
            "未密闭煤炭、水泥、砂土等易产生扬尘的物料",
            P,
            (AIR_DUST,),
            BenchmarkSpec(
                (
                    fine("minor", "物料堆放量较小，责令改正后立即改正的", 10000, 30000),
                    fine("ordinary", "物料堆放量较大或者位于人口集中区域的", 30000, 60000),
                    fine("serious", "拒不改正或者造成扬尘污染投诉的", 60000, 100000, suspend=True),
                ),
                (FIRST_OFFENCE,),
            ),
            {**MAJOR, "major_on_suspension": True},
        ),
        ItemSpec(
            "STHJ-QZ-001",
            "查封、扣押造成污染物排放的设施、设备",
            ItemCategory.COERCION,
            (POLLUTION_SEIZURE, SEIZURE_TERM),
            options={"av_steps": ["on_site", "seizure", "service"]},
        ),
    ],
    "transport": [
        ItemSpec(
            "JTYS-CF-001",
            "未取得道路运输经营许可擅自从事道路客运经营",
            P,
            (UNLICENSED_PASSENGER,),
            BenchmarkSpec(
                (
                    fine("minor", "首次被查处，载客人数少、经营时间短的", 30000, 45000),
                    fine("ordinary", "首次被查处，多次载客经营的", 45000, 65000),
                    fine("serious", "一年内第二次被查处的", 65000, 85000),
                    fine("grave", "一年内第三次以上被查处，或者造成人员伤亡等严重后果的", 85000, 100000),
                ),
                note="适用于没有违法所得或者违法所得不足2万元的情形；违法所得2万元以上的另行裁量。",
            ),
            MAJOR,
        ),
        ItemSpec(
            "JTYS-CF-002",
            "擅自占用、挖掘公路",
            P,
            (ROAD_OCCUPATION,),
            BenchmarkSpec(
                (
                    fine("minor", "占用公路面积不足10平方米，及时恢复原状的", 1000, 5000),
                    fine("ordinary", "占用公路面积10平方米以上，或者挖掘公路的", 5000, 15000),
                    fine("serious", "影响公路通行安全或者拒不停止违法行为的", 15000, 30000),
                ),
                (FIRST_OFFENCE,),
            ),
            ORDINARY_AV,
        ),
        ItemSpec(
            "JTYS-JC-001",
            "公路路政监督检查",
            ItemCategory.INSPECTION,
            (ROAD_INSPECTION,),
            options={
                "is_supervision": True,
                "is_random_inspection": True,
                "inspection_object": "公路用地及建筑控制区内的施工作业单位",
                "inspection_method": "双随机抽查与日常巡查相结合",
                "av_steps": ["on_site"],
            },
        ),
    ],
    "urban": [
        ItemSpec(
            "ZHZF-CF-001",
            "单位随意倾倒、抛撒、堆放或者焚烧生活垃圾",
            P,
            (WASTE_DUMPING,),
            BenchmarkSpec(
                (
                    fine("minor", "数量不足1吨的", 50000, 100000, 0, 1, confiscate=True),
                    fine("ordinary", "数量1吨以上不足5吨的", 100000, 200000, 1, 5, confiscate=True),
                    fine("serious", "数量5吨以上不足20吨的", 200000, 350000, 5, 20, confiscate=True),
                    fine(
                        "grave",
                        "数量20吨以上，或者倾倒在水体、绿地等区域的",
                        350000,
                        500000,
                        20,
                        None,
                        confiscate=True,
                    ),
                ),
                (LIGHTER,),
                "倾倒、堆放生活垃圾数量（吨）",
            ),
            MAJOR,
        ),
        ItemSpec(
            "ZHZF-CF-002",
            "在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品",
            P,
            (CITY_GRAFFITI,),
            options={"av_steps": ["on_site", "simple_decision"]},
        ),
        ItemSpec(
            "ZHZF-XK-001",
            "设置大型户外广告审批",
            ItemCategory.LICENSE,
            (CITY_BILLBOARD,),
            options={"is_supervision": True},
        ),
    ],
    "emergency": [
        ItemSpec(
            "YJGL-CF-001",
            "未按照规定对从业人员进行安全生产教育和培训",
            P,
            (SAFETY_TRAINING,),
            BenchmarkSpec(
                (
                    fine("minor", "未经培训的从业人员不足3人的", 10000, 30000, 1, 3),
                    fine("ordinary", "未经培训的从业人员3人以上不足10人的", 30000, 60000, 3, 10),
                    fine("serious", "未经培训的从业人员10人以上的", 60000, 100000, 10, None),
                ),
                (FIRST_OFFENCE,),
                "未按规定接受安全生产教育和培训的从业人员（人）",
                "适用于责令限期改正时的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下罚款，另行裁量。",
            ),
            MAJOR,
        ),
        ItemSpec(
            "YJGL-CF-002",
            "未采取措施消除事故隐患",
            P,
            (SAFETY_HAZARD,),
            BenchmarkSpec(
                (
                    fine("minor", "一般事故隐患，在责令期限内消除的", 5000, 10000),
                    fine("ordinary", "一般事故隐患，逾期未全部消除的", 10000, 20000),
                    fine("serious", "重大事故隐患，在责令期限内消除的", 20000, 35000),
                    fine("grave", "重大事故隐患逾期未消除，或者拒不执行的", 35000, 50000, suspend=True),
                ),
                (LIGHTER,),
            ),
            {**MAJOR, "major_on_suspension": True},
        ),
        ItemSpec(
            "YJGL-JC-001",
            "安全生产监督检查",
            ItemCategory.INSPECTION,
            (SAFETY_INSPECTION,),
            options={
                "is_supervision": True,
                "is_random_inspection": True,
                "inspection_object": "辖区内工贸行业生产经营单位",
                "inspection_method": "双随机抽查与重点检查相结合",
                "av_steps": ["on_site"],
            },
        ),
    ],
}

FOOD_SEIZURE_ITEM = ItemSpec(
    "SCJG-QZ-001",
    "查封、扣押不符合食品安全标准的食品",
    ItemCategory.COERCION,
    (FOOD_SEIZURE, SEIZURE_TERM),
    options={"av_steps": ["on_site", "seizure", "service"]},
)
SAFETY_SEIZURE_ITEM = ItemSpec(
    "YJGL-QZ-001",
    "查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材",
    ItemCategory.COERCION,
    (SAFETY_SEIZURE, SEIZURE_TERM),
    options={"av_steps": ["on_site", "seizure", "service"]},
)


# ---- duties and service guides ------------------------------------------------------------------------------

DUTIES = {
    ItemCategory.PENALTY: (
        "1.立案责任：对监督检查发现、投诉举报、上级交办、其他部门移送的违法线索，及时核查，决定是否立案。\n"
        "2.调查取证责任：执法人员不少于两人，出示执法证件，全面、客观、公正地调查，收集证据；须音像记录的环节全程记录。\n"
        "3.审核责任：对违法事实、证据、程序、法律适用、处罚种类和幅度进行审核；属于重大执法决定的，经法制审核后方可作出决定。\n"
        "4.告知责任：作出决定前，告知当事人拟作出的处罚内容及事实、理由、依据，以及陈述、申辩、要求听证的权利。\n"
        "5.决定责任：依法作出行政处罚或者不予行政处罚的决定，制作决定书。\n"
        "6.送达责任：依法将决定书送达当事人。\n"
        "7.执行责任：监督当事人履行处罚决定；逾期不履行的，依法强制执行或者申请人民法院强制执行。"
    ),
    ItemCategory.INSPECTION: (
        "1.检查责任：按照年度检查计划和随机抽查事项清单实施检查，执法人员不少于两人，出示执法证件。\n"
        "2.处置责任：对检查发现的问题，依法责令改正；涉嫌违法的，依法立案查处或者移送有关部门。\n"
        "3.公示责任：依法公示检查结果。"
    ),
    ItemCategory.LICENSE: (
        "1.受理责任：公示办理条件、材料、时限，一次性告知需要补正的材料，依法受理或者不予受理。\n"
        "2.审查责任：对申请材料进行审查，需要现场核查的，组织现场核查。\n"
        "3.决定责任：在法定期限内作出准予或者不予许可的决定；不予许可的，说明理由并告知救济途径。\n"
        "4.送达责任：制发并送达许可证件或者决定书，依法公开许可结果。\n"
        "5.监管责任：对被许可人从事许可事项的活动实施监督检查。"
    ),
    ItemCategory.COERCION: (
        "1.审批责任：实施前向行政机关负责人报告并经批准；情况紧急需当场实施的，二十四小时内补办批准手续。\n"
        "2.实施责任：由两名以上执法人员实施，出示执法证件，通知当事人到场，告知理由、依据和救济途径，听取陈述和申辩，制作现场笔录。\n"
        "3.送达责任：制作并当场交付查封、扣押决定书和清单。\n"
        "4.处理责任：在法定期限内查明事实，依法作出处理决定；对不再需要查封、扣押的，及时解除。"
    ),
}
ACCOUNTABILITY = (
    "因不履行或者不正确履行行政职责，有下列情形之一的，行政机关及相关工作人员应承担相应责任：1.没有法定依据或者事实依据实施行政执法的；"
    "2.擅自改变执法种类、幅度的；3.违反法定程序的；4.应当依法履行职责而未履行，造成不良后果的；"
    "5.在执法过程中滥用职权、玩忽职守、徇私舞弊的；6.其他违反法律法规规章规定的行为。"
)
REMEDY = "救济途径：对决定不服的，可以自知道该行政行为之日起六十日内申请行政复议，或者自知道该行政行为之日起六个月内提起行政诉讼。"
GUIDES = {
    "SCJG-XK-001": (
        "申请条件：具有与经营的食品品种、数量相适应的经营场所、设备设施、食品安全管理人员和保证食品安全的规章制度"
        "（详见《中华人民共和国食品安全法》第三十三条）。\n"
        "申请材料：食品经营许可申请书；营业执照复印件；与食品经营相适应的主要设备设施布局、操作流程等文件；"
        "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度。\n"
        "办理时限：法定二十个工作日（《中华人民共和国行政许可法》第四十二条），承诺十个工作日。\n"
        "收费标准：不收费。\n办理地点：{agency}政务服务窗口。\n咨询方式：12345政务服务便民热线。\n" + REMEDY
    ),
    "ZHZF-XK-001": (
        "申请条件：广告设置位置、规格符合城市户外广告设置规划，内容健康、外型美观，结构安全。\n"
        "申请材料：设置申请表；营业执照或者身份证明；设置位置图、效果图和结构安全说明；场地使用权证明。\n"
        "办理时限：法定二十个工作日（《中华人民共和国行政许可法》第四十二条），承诺十个工作日。\n"
        "收费标准：不收费。\n办理地点：{agency}政务服务窗口。\n咨询方式：12345政务服务便民热线。\n" + REMEDY
    ),
}
DEFAULT_GUIDE = {
    ItemCategory.PENALTY: "实施主体：{agency}。\n办理程序：立案、调查取证、审核、告知、听证（依申请）、决定、送达、执行。\n"
    + REMEDY,
    ItemCategory.INSPECTION: "实施主体：{agency}。\n检查方式：{method}。\n检查结果依法向社会公示。",
    ItemCategory.COERCION: "实施主体：{agency}。\n查封、扣押的期限不得超过三十日；情节复杂的，经行政机关负责人批准可以延长，"
    "但延长期限不得超过三十日。\n" + REMEDY,
}


# ---- delegations and duties ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DelegationSpec:
    from_agency: str
    to_agency: str
    item_code: str
    form: str
    document: str
    due: str  # "soon" (within 30 days) or "overdue"
    staff_transferred: int
    staff_note: str
    training_note: str


DELEGATIONS = [
    DelegationSpec(
        "东湖区综合行政执法局",
        "东湖街道办事处",
        "ZHZF-CF-002",
        DelegationForm.CONCENTRATED,
        "江府发〔2024〕6号",
        "soon",
        2,
        "区综合行政执法局城管执法中队2名执法人员随事项下沉至街道综合行政执法队。",
        "区综合行政执法局对街道执法人员开展市容执法业务培训16学时，并实行一年的业务指导。",
    ),
    DelegationSpec(
        "青山县市场监督管理局",
        "青山镇人民政府",
        "SCJG-CF-003",
        DelegationForm.CONCENTRATED,
        "江府发〔2024〕6号",
        "overdue",
        1,
        "县市场监督管理局1名执法人员下沉至镇综合行政执法队。",
        "县市场监督管理局对镇执法人员开展市场主体登记管理业务培训8学时。",
    ),
]

# 东湖区市场监督管理局: units (name, parent) and who holds which item. SCJG-CF-002 is held by both teams
# without a division of work (交叉); SCJG-QZ-001, added in version 2, is held by nobody yet (空白).
UNITS = [
    ("执法稽查科", None),
    ("案件审核岗", "执法稽查科"),
    ("食品安全监督管理科", None),
    ("市场监管执法一队", None),
    ("市场监管执法二队", None),
]
ASSIGNMENTS = [
    ("食品安全监督管理科", "SCJG-XK-001", ""),
    ("市场监管执法一队", "SCJG-JC-001", "城区片区"),
    ("市场监管执法二队", "SCJG-JC-001", "城郊片区"),
    ("执法稽查科", "SCJG-CF-001", ""),
    ("市场监管执法一队", "SCJG-CF-002", ""),
    ("市场监管执法二队", "SCJG-CF-002", ""),
    ("市场监管执法二队", "SCJG-CF-003", ""),
]


# ---- loading ------------------------------------------------------------------------------------------------


def _years_before(day: date, years: int = 1) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def delegation_date(due: str, today: date) -> date:
    """A delegation date whose evaluation (a year on, moved to a working day) is due within 30 days of
    `today` ("soon"), or has passed ("overdue")."""
    if due == "overdue":
        return _years_before(today - timedelta(days=45))
    for days in range(10, 25):
        on = _years_before(today + timedelta(days=days))
        if today < services.evaluation_due_after(on) <= today + timedelta(days=30):
            return on
    raise RuntimeError(f"no delegation date gives an evaluation due within 30 days of {today}")


def department_field(name: str) -> str | None:
    return next((code for suffix, code in FIELD_BY_DEPARTMENT.items() if name.endswith(suffix)), None)


def load(out) -> None:
    today = timezone.localdate()
    for spec in agency_specs():
        code = department_field(spec["name"])
        if spec["kind"] != AgencyKind.DEPARTMENT or code is None:
            continue
        agency = Agency.objects.filter(name=spec["name"]).first()
        if agency is None or CatalogVersion.objects.filter(agency=agency).exists():
            continue
        _load_catalogue(agency, code)
    _load_delegations(today)
    _load_duties()
    published = CatalogVersion.objects.filter(status="published")
    out.write(
        f"执法事项清单：{published.values('agency').distinct().count()} 个部门发布 {published.count()} 个版本"
        f"（草稿 {CatalogVersion.objects.filter(status='draft').count()} 个，"
        f"待审核 {CatalogVersion.objects.filter(status='submitted').count()} 个，"
        f"已退回 {CatalogVersion.objects.filter(status='returned').count()} 个）；"
        f"赋权乡镇事项：{Delegation.objects.count()} 项"
    )


def _load_catalogue(agency: Agency, field_code: str) -> None:
    enforcement_field = EnforcementField.objects.get(code=field_code)
    body = EnforcementBody.objects.filter(agency=agency).first()
    draft = services.draft_open(actor=None, agency=agency)
    for spec in SPECS[field_code]:
        _save_item(draft, spec, enforcement_field, body)
    _submit_and_approve(
        draft,
        reason=ChangeReason.INITIAL,
        reason_note=f"依据法律、法规、规章和“三定”规定，首次编制{agency.name}行政执法事项清单及裁量基准。",
        effective_from=FIRST_EFFECTIVE,
    )
    if agency.name == MAIN:
        _second_version(agency, enforcement_field, body)
        _returned_version(agency)
    if agency.name == WAITING_AGENCY:
        _waiting_version(agency)
    if agency.name == DRAFT_AGENCY:
        draft = services.draft_open(actor=None, agency=agency)
        _save_item(draft, SAFETY_SEIZURE_ITEM, enforcement_field, body)


def _submit_and_approve(draft: CatalogVersion, **submit) -> None:
    """报送 and approved by the county reviewers (the justice bureau; the market regulator when the
    随机抽查事项清单 changed), as the system, at the date the version asked for."""
    services.version_submit(actor=None, draft=draft, **submit)
    for review in draft.reviews.filter(status=ListReviewStatus.PENDING):
        services.version_approve(actor=None, review=review)


def _submitted_without(agency: Agency, code: str, reason: str, note: str) -> CatalogVersion:
    """The agency's next version, without item `code`, submitted for review."""
    draft = services.draft_open(actor=None, agency=agency)
    services.item_remove(actor=None, draft=draft, code=code)
    return services.version_submit(
        actor=None, draft=draft, reason=reason, reason_note=note, effective_from=THIRD_EFFECTIVE
    )


def _returned_version(agency: Agency) -> None:
    """Version 3 of 东湖区市场监督管理局: submitted without the 食品经营许可 item, returned by 东湖区司法局."""
    version = _submitted_without(
        agency,
        "SCJG-XK-001",
        ChangeReason.INSTITUTIONAL_REFORM,
        "食品经营许可拟划转区行政审批局实施，从本部门清单中删除。",
    )
    review = version.reviews.get(list_name=ReviewedList.CATALOG)
    reviewer = User.objects.filter(username=RETURNING_USER).first()
    services.version_return(actor=reviewer, review=review, reason=RETURN_REASON)


def _waiting_version(agency: Agency) -> None:
    """Version 2 of 东湖区生态环境局, waiting for 东湖区司法局's approval."""
    _submitted_without(
        agency,
        "STHJ-QZ-001",
        ChangeReason.SYSTEM_REFORM,
        "查封、扣押事项随综合行政执法改革划转区综合行政执法局实施。",
    )


def _save_item(draft: CatalogVersion, spec: ItemSpec, enforcement_field, body) -> None:
    options = dict(spec.options)
    method = options.get("inspection_method", "")
    guide = GUIDES.get(spec.code) or DEFAULT_GUIDE.get(spec.category, "")
    item = services.item_save(
        actor=None,
        draft=draft,
        code=spec.code,
        legal_bases=list(spec.bases),
        name=spec.name,
        category=spec.category,
        field=enforcement_field,
        level=ItemLevel.COUNTY,
        implementing_body=body,
        duties=DUTIES.get(spec.category, ""),
        accountability=ACCOUNTABILITY,
        service_guide=guide.format(agency=draft.agency.name, method=method),
        **options,
    )
    if spec.benchmark:
        _set_benchmark(item, spec.benchmark)


def _set_benchmark(item, benchmark: BenchmarkSpec) -> None:
    services.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=list(benchmark.levels),
        exemptions=list(benchmark.exemptions),
        fact_label=benchmark.fact_label,
        note=benchmark.note,
    )


def _second_version(agency: Agency, enforcement_field, body) -> None:
    services.benchmark_evaluate(
        actor=None,
        agency=agency,
        item_code="SCJG-CF-001",
        on=date(2026, 6, 15),
        findings="上半年适用本基准的案件中，货值金额多在2000元至3000元之间，现行情节划分使相近案件分属不同情节、"
        "罚款差距较大，建议调整货值金额的划分标准。",
        needs_revision=True,
    )
    draft = services.draft_open(actor=None, agency=agency)
    food = draft.items.get(code="SCJG-CF-001")
    _set_benchmark(
        food,
        BenchmarkSpec(
            FOOD_LEVELS_2026_07,
            (FOOD_NO_FAULT, LIGHTER),
            "违法生产经营的食品货值金额（元）",
            FOOD_NOTE + "2026年7月1日起按调整后的情节划分执行。",
        ),
    )
    _save_item(draft, FOOD_SEIZURE_ITEM, enforcement_field, body)
    _submit_and_approve(
        draft,
        reason=ChangeReason.AMENDED,
        reason_note="根据裁量基准评估意见调整“生产经营不符合食品安全标准的食品”裁量情节；"
        "依据《中华人民共和国食品安全法》第一百一十条、《中华人民共和国行政强制法》第二十五条增列查封、扣押事项。",
        effective_from=SECOND_EFFECTIVE,
    )


def _load_delegations(today: date) -> None:
    for spec in DELEGATIONS:
        from_agency = Agency.objects.filter(name=spec.from_agency).first()
        to_agency = Agency.objects.select_related("region").filter(name=spec.to_agency).first()
        if from_agency is None or to_agency is None:
            continue
        if Delegation.objects.filter(item_code=spec.item_code, to_agency=to_agency).exists():
            continue
        version = services.published_versions(from_agency).first()
        item = version.items.filter(code=spec.item_code).first() if version else None
        if item is None:
            continue
        services.delegation_create(
            actor=None,
            from_agency=from_agency,
            to_agency=to_agency,
            item=item,
            form=spec.form,
            document=spec.document,
            on=delegation_date(spec.due, today),
            staff_transferred=spec.staff_transferred,
            staff_note=spec.staff_note,
            training_note=spec.training_note,
        )


def _load_duties() -> None:
    agency = Agency.objects.filter(name=MAIN).first()
    if agency is None:
        return
    units = {}
    for name, parent in UNITS:
        parent_unit = units.get(parent)
        unit = OrgUnit.objects.filter(agency=agency, name=name, parent=parent_unit).first()
        units[name] = unit or services.org_unit_create(
            actor=None, agency=agency, name=name, parent=parent_unit
        )
    for unit_name, code, division in ASSIGNMENTS:
        unit = units[unit_name]
        if not DutyAssignment.objects.filter(unit=unit, item_code=code).exists():
            services.duty_assign(actor=None, unit=unit, item_code=code, division=division)
