"""Cases (zhifa.cases) at volume: the case list, one case's page data, and transitions per second.

Data (built once, not timed; at scale 1): 100,000 cases (ZHIFA_BENCH_CASES) spread over ten departments of
one city, in every status, registered across 2026, with their enforcement item, bulk-inserted; and 500,000
records (ZHIFA_BENCH_CASE_RECORDS)
of their processes appended through core.records.append_many in batches of 100,000 (each agency's hash
chain kept whole, so the log is what real use would leave).

cases.list: the list as the page runs it for a leader of one department — cases_visible_to with agency +
status + registration-date range, the count and the first page with its rows (handlers prefetched, the
next clock of each row) — p95 over varied filters.

cases.page: the data of the case page (cases.selectors: the case, items, handlers with certificates,
clocks, services, executions, the timeline of records interleaved with evidence) for cases with 50
records each among the half million — p95.

cases.transitions: register → submit for review → notify → decide on fresh cases through cases.services
(each locks the case, checks the permission and the rules, writes and appends a record) — transitions
per second.
"""

import os
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.utils import timezone

from zhifa.accounts import services as accounts
from zhifa.cases import selectors, services
from zhifa.cases.choices import CaseStatus, HandlerRole, PartyKind
from zhifa.cases.models import Case, Evidence
from zhifa.catalog import services as catalog
from zhifa.catalog.services import BasisInput, LevelInput
from zhifa.core import records
from zhifa.core import services as core_services
from zhifa.core.models import Record, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.registry import services as registry
from zhifa.registry.models import EnforcementField

from . import Context, Row, benchmark, synthetic_id_number

# at scale 1; the issue's province volume is ZHIFA_BENCH_CASES=1000000 ZHIFA_BENCH_CASE_RECORDS=10000000 (hours
# on SQLite, so `make bench` defaults to a tenth of the cases and a twentieth of the records: on PostgreSQL
# 1,000,000 records took 224 s of the 30 minutes)
CASES = int(os.environ.get("ZHIFA_BENCH_CASES", "100000"))
RECORDS = int(os.environ.get("ZHIFA_BENCH_CASE_RECORDS", "500000"))
AGENCIES = 10
BATCH = 100_000  # records per append_many call
PAGE_RECORDS = 50
PAGE_CASES = 20
LIST_RUNS = 60
PAGE_RUNS = 100
TRANSITION_CASES = 100  # at scale 1
ON = date(2026, 1, 1)

FOOD = BasisInput(
    law_name="中华人民共和国食品安全法",
    rank="law",
    article="第一百二十四条",
    text="……货值金额不足一万元的，并处五万元以上十万元以下罚款……",
    fine_basis="amount",
    statutory_min=Decimal(50000),
    statutory_max=Decimal(100000),
)
LEVELS = [
    LevelInput("minor", "货值金额不足2000元", Decimal(0), Decimal(2000), False, "amount", Decimal(50000), Decimal(60000)),
    LevelInput("ordinary", "货值金额2000元以上不足5000元", Decimal(2000), Decimal(5000), False, "amount", Decimal(60000), Decimal(75000)),
    LevelInput("serious", "货值金额5000元以上不足1万元", Decimal(5000), Decimal(10000), False, "amount", Decimal(75000), Decimal(100000)),
]  # fmt: skip
STATUS_WEIGHTS = [
    (CaseStatus.ARCHIVED, 30),
    (CaseStatus.CLOSED, 15),
    (CaseStatus.EXECUTED, 10),
    (CaseStatus.SERVED, 10),
    (CaseStatus.DECIDED, 4),
    (CaseStatus.HEARING, 2),
    (CaseStatus.NOTIFIED, 5),
    (CaseStatus.REVIEWING, 5),
    (CaseStatus.INVESTIGATING, 10),
    (CaseStatus.INTAKE, 6),
    (CaseStatus.DECLINED, 3),
]
STATUSES = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
ACTIONS = ["case.intake", "case.assign", "case.register", "case.step", "case.step", "case.submit_review",
           "case.notify", "case.decide", "case.serve", "case.execute", "case.close", "case.archive"]  # fmt: skip
PARTIES = [
    "江州市东湖区味美餐饮有限公司",
    "青山县宏达建材有限公司",
    "江州市惠民超市有限公司",
    "江州市通达物流有限公司",
]


def p95(seconds: list[float]) -> float:
    return statistics.quantiles(seconds, n=20)[-1] if len(seconds) >= 2 else seconds[0]


def _describe(seconds: list[float]) -> str:
    return f"{len(seconds)} runs, median {statistics.median(seconds) * 1000:.1f} ms, max {max(seconds) * 1000:.1f} ms"


# ---- the data -------------------------------------------------------------------------------------------


def _department(region, index: int, field):
    agency = core_services.agency_create(
        actor=None,
        name=f"江州市第{index + 1}市场监督管理局",
        short_name=f"江{index + 1}监",
        kind="department",
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}{300 + index:09d}"),
    )
    draft = catalog.draft_open(actor=None, agency=agency)
    item = catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-CF-001",
        legal_bases=[FOOD],
        name="生产经营不符合食品安全标准的食品",
        category="penalty",
        field=field,
        level="county",
    )
    catalog.benchmark_set(
        actor=None, item=item, legal_basis=item.legal_bases.get(), levels=LEVELS, fact_label="货值金额（元）"
    )
    version = catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=ON)
    officers = []
    for k in range(2):
        officer = registry.officer_create(
            actor=None,
            agency=agency,
            fields=[field],
            name=f"执法员{index}{k}",
            id_number=synthetic_id_number(index * 2 + k, "110101"),
            kind="officer",
            post="执法岗",  # a certificate is issued only to someone on an enforcement post
        )
        registry.certificate_issue(
            actor=None,
            officer=officer,
            number=f"JZ2025{index:04d}{k:04d}",
            kind="enforcement",
            issuer="江州市司法局",
            issued_on=date(2025, 1, 1),
            expires_on=date(2030, 12, 31),
            fields=[field],
        )
        officers.append(officer)
    leader = None
    if index < 2:  # a leader for the list and page (department 0) and for the transitions (department 1)
        leader = accounts.user_create(
            actor=None,
            username=f"bench_leader{index}",
            real_name=f"负责人{index}",
            agency=agency,
            password="Bench@2026pw!",
            roles=["officer", "unit_head"],
        )
        # the leader holds a certificate of the field: 受案登记 and 送达 by someone uncertified need a
        # supervising officer (registry.selectors.require_supervisor)
        own = registry.officer_create(
            actor=None, agency=agency, fields=[field], name=f"负责人{index}", id_number=synthetic_id_number(9000 + index, "110101"),
            kind="officer", post="执法岗", user=leader,
        )  # fmt: skip
        registry.certificate_issue(
            actor=None, officer=own, number=f"JZ2025{index:04d}9999", kind="enforcement", issuer="江州市司法局",
            issued_on=date(2025, 1, 1), expires_on=date(2030, 12, 31), fields=[field],
        )  # fmt: skip
    return {
        "agency": agency,
        "version": version,
        "item": version.items.get(),
        "officers": officers,
        "leader": leader,
    }


def _bulk_cases(departments: list[dict], n: int, field, rng: random.Random) -> list[tuple[int, int]]:
    """n cases and their item links with plain INSERTs (executemany, 20,000 rows a transaction: the ORM's
    model instances would triple the build time); returns (case pk, department index) in insertion order."""
    table, through = Case._meta.db_table, Case.items.through
    columns = [
        "agency_id", "number", "procedure", "source", "status", "summary", "facts", "discovered_on", "place",
        "catalog_version_id", "field_id", "party_kind", "party_name", "party_id_number", "party_credit_code",
        "party_representative", "party_address", "party_phone", "registered_on", "decision_due", "extension_days",
        "extension_reason", "investigation_report", "is_complex", "hearing_requested", "statement", "created_at",
        "updated_at",
    ]  # fmt: skip
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    link = f"INSERT INTO {through._meta.db_table} (case_id, enforcementitem_id) VALUES (%s, %s)"
    codes = [credit_code_with_check(f"91990100MA{k:07d}") for k in range(50)]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    made = []
    chunk = 20_000
    for start in range(0, n, chunk):
        rows, owners = [], []
        for i in range(start, min(n, start + chunk)):
            d = i % len(departments)
            dept = departments[d]
            status = STATUSES[rng.randrange(len(STATUSES))]
            discovered = ON + timedelta(days=rng.randrange(320))
            registered = (
                None if status in (CaseStatus.INTAKE, CaseStatus.DECLINED) else discovered + timedelta(days=3)
            )
            rows.append(
                (
                    dept["agency"].pk, f"江{d + 1}监立〔2026〕{i // len(departments) + 1}号" if registered else "",
                    "ordinary", "inspection", status, "销售不符合食品安全标准的食品", "", discovered,
                    f"江州市人民路{i % 500}号", dept["version"].pk, field.pk, PartyKind.ORGANISATION,
                    f"{PARTIES[i % len(PARTIES)]}（{i}）", "", codes[i % len(codes)], "", "", "", registered,
                    registered + timedelta(days=90) if registered else None, 0, "", "", False, False, "", now, now,
                )
            )  # fmt: skip
            owners.append(d)
        with transaction.atomic(), connection.cursor() as cursor:
            last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            cursor.executemany(insert, rows)
            pks = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True))
            if len(pks) != len(rows):
                raise RuntimeError("another writer inserted cases during the build")
            cursor.executemany(
                link, [(pk, departments[d]["item"].pk) for pk, d in zip(pks, owners, strict=True)]
            )
        made += list(zip(pks, owners, strict=True))
    return made


class _Subject:
    """What core.records.append_many reads of a subject: its model's _meta and its pk (a Case instance per
    record would double the time of building 10 million records)."""

    __slots__ = ("pk",)
    _meta = Case._meta

    def __init__(self, pk: int):
        self.pk = pk


def _payload(i: int, pk: int) -> dict:
    return {
        "status": "investigating",
        "case": pk,
        "note": f"第{i}条记录：现场检查、询问当事人，制作笔录。",
        "on": "2026-03-02",
    }


def _bulk_records(departments: list[dict], cases: list[tuple[int, int]], n: int) -> None:
    """n records: ~n / len(cases) per case, appended per agency in batches."""
    per_case = max(1, n // max(1, len(cases)))
    by_agency: dict[int, list[int]] = {}
    for pk, d in cases:
        by_agency.setdefault(d, []).append(pk)
    left = n
    for d, pks in by_agency.items():
        agency = departments[d]["agency"]
        share = min(left, len(pks) * per_case)
        left -= share

        def items(pks=pks, share=share):
            for j in range(share):
                pk = pks[j // per_case]
                yield _Subject(pk), ACTIONS[j % per_case % len(ACTIONS)], _payload(j, pk)

        stream = items()
        while True:
            batch = [x for _, x in zip(range(BATCH), stream, strict=False)]
            if not batch:
                break
            records.append_many(agency=agency, items=batch)


PAPERS = ("register_approval", "penalty_notice", "penalty_decision", "service_receipt")


def _scans(case: Case, *kinds: str) -> None:
    """Signed scans standing in for the documents the steps need (rendering PDFs would dominate)."""
    Evidence.objects.bulk_create(
        Evidence(
            case=case,
            step="evidence",
            kind="document",
            sha256="0" * 64,
            size=1,
            media_type="application/pdf",
            original_name=f"{kind}.pdf",
            signed_document=kind,
        )
        for kind in kinds
    )


def _page_cases(dept: dict, count: int) -> list[Case]:
    """Cases made through the services (handlers, decision, service) with 50 records each."""
    leader, officers = dept["leader"], dept["officers"]
    made = []
    for k in range(count):
        case = services.case_intake(actor=leader, agency=dept["agency"], data=_intake(k))
        services.case_assign(
            actor=leader, case=case, handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)]
        )
        services.case_register(actor=leader, case=case, on=date(2026, 3, 2))
        _scans(case, *PAPERS)
        services.case_submit_for_review(actor=leader, case=case, report="调查终结")
        services.case_notify(
            actor=leader, case=case, on=date(2026, 3, 10), proposed="拟罚款70000元", hearing_rights=False
        )
        services.case_decide(actor=leader, case=case, decision=_decision())
        services.case_serve(
            actor=leader, case=case, on=date(2026, 3, 23), method="direct", recipient="法定代表人"
        )
        have = Record.objects.for_subject(case).count() + len(PAPERS)  # the timeline lists the scans too
        records.append_many(
            agency=dept["agency"],
            items=[(case, "case.step", _payload(j, case.pk)) for j in range(PAGE_RECORDS - have)],
        )
        made.append(case)
    return made


def _intake(k: int) -> services.IntakeInput:
    return services.IntakeInput(
        source="inspection",
        summary="销售不符合食品安全标准的食品",
        discovered_on=date(2026, 3, 1),
        place="江州市人民路1号",
        item_codes=("SCJG-CF-001",),
        party=services.PartyInput(
            kind="organisation",
            name=f"江州市味美餐饮有限公司{k}",
            credit_code=credit_code_with_check("91990100MA0000001"),
        ),
    )


def _decision() -> services.DecisionInput:
    return services.DecisionInput(
        kind="penalty",
        decided_on=date(2026, 3, 20),
        reasoning="经查……依据《食品安全法》第一百二十四条……",
        fine=Decimal(70000),
        facts={"fact_value": 3000},
        # the party is an enterprise and the fine major: the 涉企经济影响评估 is owed (cases.rules)
        economic_impact="罚款不影响企业正常生产经营和职工就业，已告知可申请分期缴纳",
    )


def _data(ctx: Context) -> dict:
    if "cases.data" in ctx.shared:
        return ctx.shared["cases.data"]
    rng = random.Random(2026)
    field = EnforcementField.objects.get(code="market")
    region = Region.objects.get(pk=ctx.agency.region_id)
    started = time.perf_counter()
    departments = [_department(region, i, field) for i in range(AGENCIES)]
    n_cases, n_records = ctx.n(CASES), ctx.n(RECORDS)
    cases = _bulk_cases(departments, n_cases, field, rng)
    cases_done = time.perf_counter()
    _bulk_records(departments, cases, n_records)
    records_done = time.perf_counter()
    page_cases = _page_cases(departments[0], PAGE_CASES)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    data = {
        "departments": departments,
        "page_cases": page_cases,
        "cases": n_cases,
        "records": Record.objects.count(),
        "build": f"{n_cases:,} cases in {cases_done - started:.0f} s, {n_records:,} records in {records_done - cases_done:.0f} s",
    }
    ctx.shared["cases.data"] = data
    return data


# ---- measurements ----------------------------------------------------------------------------------------


def _list_once(user, agency_id: int, status: str, date_from: date, date_to: date) -> int:
    today = timezone.localdate()
    cases = selectors.cases_visible_to(
        user,
        agency=agency_id,
        status=status,
        date_from=date_from,
        date_to=date_to,
        date_field="registered_on",
    )
    page = Paginator(selectors.with_list_data(cases), 20).page(1)
    rows = [
        (case, [h.officer.name for h in case.handlers.all()], selectors.next_clock(case, today))
        for case in page
    ]
    return page.paginator.count + len(rows)


@benchmark("cases.list")
def case_list(ctx: Context) -> list[Row]:
    data = _data(ctx)
    dept = data["departments"][0]
    user, agency_id = dept["leader"], dept["agency"].pk
    rng = random.Random(7)
    filters = []
    for _ in range(LIST_RUNS):
        status = rng.choice(
            [CaseStatus.INVESTIGATING, CaseStatus.ARCHIVED, CaseStatus.CLOSED, CaseStatus.SERVED]
        )
        start = ON + timedelta(days=rng.randrange(240))
        filters.append((status, start, start + timedelta(days=rng.choice([7, 30, 90]))))
    _list_once(user, agency_id, *filters[0])  # warm-up
    seconds = []
    for status, date_from, date_to in filters:
        started = time.perf_counter()
        _list_once(user, agency_id, status, date_from, date_to)
        seconds.append(time.perf_counter() - started)
    return [
        Row(
            "cases.list: filtered count + first page",
            p95(seconds) * 1000,
            "ms p95",
            f"agency + status + registration-date range (7–90 days) over {data['cases']:,} cases / {data['records']:,} records; "
            f"{_describe(seconds)}; data: {data['build']}",
        )
    ]


def page_data(user, pk: int) -> dict:
    """What the case page reads (views.detail.case_detail without the template)."""
    case = selectors.get_case(user, pk)
    return {
        "items": list(case.items.order_by("code")),
        "handlers": selectors.handler_rows(case, ON),
        "clocks": selectors.clocks_of(case, ON),
        "decision": getattr(case, "decision", None),
        "services": list(case.services.all()),
        "executions": list(case.executions.all()),
        "timeline": selectors.timeline(case),
    }


@benchmark("cases.page")
def case_page(ctx: Context) -> list[Row]:
    data = _data(ctx)
    user = data["departments"][0]["leader"]
    pks = [c.pk for c in data["page_cases"]]
    check = page_data(user, pks[0])
    if len(check["timeline"]) != PAGE_RECORDS:
        raise RuntimeError(f"expected {PAGE_RECORDS} timeline entries, got {len(check['timeline'])}")
    seconds = []
    for k in range(PAGE_RUNS):
        started = time.perf_counter()
        page_data(user, pks[k % len(pks)])
        seconds.append(time.perf_counter() - started)
    return [
        Row(
            "cases.page: one case's page data",
            p95(seconds) * 1000,
            "ms p95",
            f"case with {PAGE_RECORDS} records among {data['records']:,}: case, items, handlers + certificates, clocks, "
            f"decision, services, executions, timeline; {_describe(seconds)}",
        )
    ]


@benchmark("cases.transitions")
def transitions(ctx: Context) -> list[Row]:
    data = _data(ctx)
    dept = data["departments"][1]
    leader, officers = dept["leader"], dept["officers"]
    n = max(20, ctx.n(TRANSITION_CASES))
    fresh = []
    for k in range(n):  # not timed: intake and handlers
        case = services.case_intake(actor=leader, agency=dept["agency"], data=_intake(10_000 + k))
        fresh.append(
            services.case_assign(
                actor=leader,
                case=case,
                handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)],
            )
        )
    started = time.perf_counter()
    for case in fresh:
        _scans(case, *PAPERS)
    for case in fresh:
        case = services.case_register(actor=leader, case=case, on=date(2026, 3, 2))
        case = services.case_submit_for_review(actor=leader, case=case, report="调查终结")
        case = services.case_notify(
            actor=leader, case=case, on=date(2026, 3, 10), proposed="拟罚款", hearing_rights=False
        )
        services.case_decide(actor=leader, case=case, decision=_decision())
    elapsed = time.perf_counter() - started
    count = 4 * n
    return [
        Row(
            "cases.transitions",
            count / elapsed,
            "transitions/s",
            f"register → submit-review → notify → decide on {n} fresh cases ({count} transitions, each locking the case, "
            f"checking permission and rules, writing and appending a record) in {elapsed:.1f} s, "
            f"with {data['records']:,} records in the log",
        )
    ]
