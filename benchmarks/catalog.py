"""The catalogue (zhifa.catalog): calculator calls per second, and publishing a large catalogue.

catalog.recommend: discretion.recommend on a published penalty item with a 4-level benchmark and a 首违不罚
exemption, facts varied call by call (the level found from the fact, fines as fixed amounts, exemptions
checked); each call looks up the item in force on the date, as a case does.

catalog.publish: a 10,000-item catalogue (at scale 1) built straight into a draft with bulk inserts — the
items, their legal bases and, for every tenth item, a 4-level benchmark — then services.version_publish
timed for the first version (snapshot + diff against nothing + hash + record), then services.draft_open
(copying every item) and version_publish again after ~5% of the items changed (renamed, article text
amended, removed, added), where the diff is against the first version's snapshot.
"""

import time
from datetime import date
from decimal import Decimal

from zhifa.catalog import discretion, services
from zhifa.catalog.models import Benchmark, BenchmarkLevel, EnforcementItem, Exemption, LegalBasis
from zhifa.catalog.services import BasisInput, ExemptionInput, LevelInput
from zhifa.core import services as core_services
from zhifa.core.models import Region
from zhifa.core.validators import credit_code_with_check
from zhifa.registry.models import EnforcementField

from . import Context, Row, benchmark, measure

CALLS = 500  # calculator calls per round, at scale 1
ITEMS = 10_000  # items of the published catalogue, at scale 1

FOOD = BasisInput(
    law_name="中华人民共和国食品安全法",
    rank="law",
    article="第一百二十四条",
    text="……违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；"
    "货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证……",
    fine_basis="amount",
    statutory_min=Decimal(50000),
    statutory_max=Decimal(100000),
)
LEVELS = [
    LevelInput("minor", "货值金额不足2000元", Decimal(0), Decimal(2000), False, "amount", Decimal(50000), Decimal(60000)),
    LevelInput("ordinary", "货值金额2000元以上不足5000元", Decimal(2000), Decimal(5000), False, "amount", Decimal(60000), Decimal(75000)),
    LevelInput("serious", "货值金额5000元以上不足8000元", Decimal(5000), Decimal(8000), False, "amount", Decimal(75000), Decimal(90000)),
    LevelInput("grave", "货值金额8000元以上不足1万元", Decimal(8000), Decimal(10000), False, "amount", Decimal(90000), Decimal(100000), revoke=True),
]  # fmt: skip
FIRST_OFFENCE = ExemptionInput(
    "first_offence",
    "初次违法且危害后果轻微并及时改正的，可以不予行政处罚",
    ("first_offence", "harm_minor", "corrected_in_time"),
    "《中华人民共和国行政处罚法》第三十三条第一款",
)
ON = date(2026, 6, 1)

_CATEGORIES = ["penalty", "penalty", "penalty", "inspection", "license", "coercion", "confirmation"]
_VERBS = ["未按规定", "擅自", "违反规定", "拒不"]
_OBJECTS = [
    "建立进货查验记录制度",
    "公示营业执照",
    "使用计量器具",
    "标注生产日期",
    "开展自检",
    "设置警示标志",
]
_LAWS = [
    ("中华人民共和国食品安全法", "law"),
    ("中华人民共和国产品质量法", "law"),
    ("中华人民共和国市场主体登记管理条例", "admin_regulation"),
    ("江州市市场监督管理条例", "local_regulation"),
]


def _agency(ctx: Context, index: int, name: str):
    """A further department in the benchmark's city (each benchmark publishes its own catalogue)."""
    key = f"catalog.agency.{index}"
    if key not in ctx.shared:
        region = Region.objects.get(pk=ctx.agency.region_id)
        ctx.shared[key] = core_services.agency_create(
            actor=None,
            name=name,
            short_name=name[:4],
            kind="department",
            region=region,
            credit_code=credit_code_with_check(f"11{region.code}{index:09d}"),
        )
    return ctx.shared[key]


# ---- the calculator -----------------------------------------------------------------------------------------


def _published_item(agency):
    draft = services.draft_open(actor=None, agency=agency)
    item = services.item_create(
        actor=None,
        draft=draft,
        code="SCJG-CF-001",
        legal_bases=[FOOD],
        name="生产经营不符合食品安全标准的食品",
        category="penalty",
        field=EnforcementField.objects.get(code="market"),
        level="county",
    )
    services.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=LEVELS,
        exemptions=[FIRST_OFFENCE],
        fact_label="货值金额（元）",
    )
    services.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
    return EnforcementItem.objects.get(pk=item.pk)


def _facts(i: int) -> dict:
    facts = {"fact_value": Decimal((i * 7919) % 10000)}
    if i % 3 == 0:
        facts.update(first_offence=True, harm_minor=i % 2 == 0, corrected_in_time=True)
    return facts


@benchmark("catalog.recommend")
def recommend_rate(ctx: Context) -> list[Row]:
    item = _published_item(_agency(ctx, 101, "江州市计量测试监督管理局"))
    n = ctx.n(CALLS)
    work = [_facts(i) for i in range(n)]
    levels = {discretion.recommend(item, facts, on=ON).level for facts in work[:50]}
    if levels != {"minor", "ordinary", "serious", "grave"}:
        raise RuntimeError(f"the varied facts should reach every level, got {levels}")

    def run():
        for facts in work:
            discretion.recommend(item, facts, on=ON)

    timing = measure(run, repeats=ctx.repeats, warmup=1)
    return [
        Row(
            "catalog.recommend",
            n / timing.median,
            "calls/s",
            f"{n} calls per run, 4-level benchmark + 首违不罚, item in force looked up each call; {timing.describe()}",
        )
    ]


# ---- publishing -----------------------------------------------------------------------------------------------


def _item(version, i: int, field) -> EnforcementItem:
    category = _CATEGORIES[i % len(_CATEGORIES)]
    return EnforcementItem(
        version=version,
        code=f"JZ-{i:06d}",
        name=f"{_VERBS[i % len(_VERBS)]}{_OBJECTS[i % len(_OBJECTS)]}（第{i}项）",
        category=category,
        field=field,
        level="county",
        duties="1.立案责任……2.调查取证责任……3.审核责任……4.告知责任……5.决定责任……6.送达责任……7.执行责任……",
        accountability="没有法定依据或者事实依据实施行政执法的；擅自改变执法种类、幅度的；违反法定程序的……",
        is_supervision=i % 4 == 0,
        is_random_inspection=category == "inspection",
        inspection_object="辖区内生产经营者" if category == "inspection" else "",
        inspection_method="双随机抽查" if category == "inspection" else "",
        needs_legal_review=i % 5 == 0,
        major_fine_threshold=Decimal(50000) if i % 5 == 0 else None,
        av_steps=["on_site", "seizure", "service"] if category == "coercion" else [],
        service_guide="实施主体：江州市市场监督管理局。办理程序：立案、调查取证、审核、告知、决定、送达、执行。",
    )


def _bases(item: EnforcementItem, i: int) -> list[LegalBasis]:
    law, rank = _LAWS[i % len(_LAWS)]
    bases = [
        LegalBasis(
            item=item,
            law_name=law,
            rank=rank,
            article=f"第{10 + i % 120}条",
            text=f"……{item.name.split('（')[0]}的，由县级以上人民政府有关主管部门责令改正，"
            "给予警告；拒不改正的，处五万元以上十万元以下罚款……",
            fine_basis="amount" if item.category == "penalty" else "",
            statutory_min=Decimal(50000) if item.category == "penalty" else None,
            statutory_max=Decimal(100000) if item.category == "penalty" else None,
        )
    ]
    if i % 3 == 0:
        bases.append(
            LegalBasis(
                item=item,
                law_name="中华人民共和国行政处罚法",
                rank="law",
                article="第三十三条第一款",
                text="违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
            )
        )
    return bases


def _build_draft(version, n: int, field) -> None:
    """n items with their bases and (every tenth penalty item) a benchmark, in bulk."""
    items = EnforcementItem.objects.bulk_create([_item(version, i, field) for i in range(n)], batch_size=2000)
    bases = [_bases(item, i) for i, item in enumerate(items)]
    LegalBasis.objects.bulk_create([b for group in bases for b in group], batch_size=2000)
    penalties = [
        (item, group[0]) for i, (item, group) in enumerate(zip(items, bases, strict=True)) if i % 10 == 0
    ]
    benchmarks = Benchmark.objects.bulk_create(
        [Benchmark(item=item, legal_basis=basis, fact_label="货值金额（元）") for item, basis in penalties],
        batch_size=2000,
    )
    BenchmarkLevel.objects.bulk_create(
        [BenchmarkLevel(benchmark=b, **vars(level)) for b in benchmarks for level in LEVELS], batch_size=2000
    )
    Exemption.objects.bulk_create(
        [
            Exemption(
                benchmark=b, **{**vars(FIRST_OFFENCE), "required_facts": list(FIRST_OFFENCE.required_facts)}
            )
            for b in benchmarks
        ],
        batch_size=2000,
    )


def _change_some(draft, n: int, field) -> int:
    """~5% of the items: 3% renamed, 1% with an amended article text, 0.5% removed, 0.5% added."""
    codes = [f"JZ-{i:06d}" for i in range(n)]
    renamed = codes[1::33]
    amended = codes[2::100]
    removed = codes[3::200]
    EnforcementItem.objects.filter(version=draft, code__in=renamed).update(name="名称已调整的执法事项")
    LegalBasis.objects.filter(item__version=draft, item__code__in=amended).update(
        text="……（根据法律修正案调整后的条文）……"
    )
    EnforcementItem.objects.filter(version=draft, code__in=removed).delete()
    added = [_item(draft, n + i, field) for i in range(max(1, n // 200))]
    EnforcementItem.objects.bulk_create(added)
    LegalBasis.objects.bulk_create([b for i, item in enumerate(added) for b in _bases(item, n + i)])
    return len(renamed) + len(amended) + len(removed) + len(added)


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


@benchmark("catalog.publish")
def publish_times(ctx: Context) -> list[Row]:
    agency = _agency(ctx, 102, "江州市市场监管综合执法局")
    field = EnforcementField.objects.get(code="market")
    n = ctx.n(ITEMS)

    draft = services.draft_open(actor=None, agency=agency)
    _, build = _timed(lambda: _build_draft(draft, n, field))
    first, first_s = _timed(
        lambda: services.version_publish(
            actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1)
        )
    )

    second_draft, copy_s = _timed(lambda: services.draft_open(actor=None, agency=agency))
    touched = _change_some(second_draft, n, field)
    second, second_s = _timed(
        lambda: services.version_publish(
            actor=None, draft=second_draft, reason="amended", effective_from=date(2026, 7, 1)
        )
    )
    items2 = second.items.count()

    def sizes(version) -> str:
        diff = version.diff
        return f"added {len(diff['added'])}, changed {len(diff['changed'])}, removed {len(diff['removed'])}"

    print(f"catalog.publish: bulk build of the {n}-item draft {build:.2f} s (not part of the figures)")
    print(f"catalog.publish: first version {first_s:.2f} s — diff {sizes(first)}")
    print(f"catalog.publish: draft_open copy {copy_s:.2f} s; {touched} items touched")
    print(f"catalog.publish: second version {second_s:.2f} s — diff {sizes(second)}\n")
    benchmarks = Benchmark.objects.filter(item__version=first).count()
    return [
        Row(
            "catalog.publish: first version",
            first_s,
            "s",
            f"{n} items ({benchmarks} with a 4-level benchmark); diff {sizes(first)}; {n / first_s:,.0f} items/s",
        ),
        Row(
            "catalog.draft_open: copy",
            copy_s,
            "s",
            f"copy {n} items with bases and benchmarks into the next draft; {n / copy_s:,.0f} items/s",
        ),
        Row(
            "catalog.publish: second version",
            second_s,
            "s",
            f"{items2} items, {touched} touched (~5%); diff {sizes(second)}; {items2 / second_s:,.0f} items/s",
        ),
    ]
