"""按期率: each on-time rate's grouped tally through the ORM (`stats.ontime.RATES`, `rate.tally`) beside the
same figures in hand-written SQL on the same database, and their ratio (goal ≤ 1.5×). The SQL's figures
are compared with the ORM's; a mismatch is reported in the notes.

Size: ZHIFA_BENCH_ONTIME_AGENCIES agencies (default 40) in one county, each with, at scale 1,
ZHIFA_BENCH_ONTIME_ROWS rows (default 300) of every kind of deadline due through 2025: cases with their
decision (some late, some undecided), half of them served (some late), disclosures, review rounds (every
other case), transfers (some urgent), 抄告, 协助 requests, complaints (some merged, some reopened),
监督事项 and 整改任务 — each kind a mix of met on the day, met early, met late and never met.
ZHIFA_BENCH_SCALE multiplies the rows per agency. The tally asks for every agency of the county over the
year 2025.
"""

import os
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from zhifa.cases.models import Case, Decision, Service
from zhifa.catalog.models import CatalogVersion
from zhifa.collaboration.models import AssistanceRequest, Notice, Transfer
from zhifa.complaints.models import Complaint
from zhifa.core import services as core_services
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.publicity.models import Disclosure
from zhifa.registry.models import EnforcementField
from zhifa.review.models import Review, ReviewRound
from zhifa.stats.ontime import RATES, Period
from zhifa.stats.rates.cases import _first_decided, _last_decided
from zhifa.supervision.models import Problem, ProblemList, RectificationTask, SupervisionItem

from . import Context, Row, benchmark
from ._twins import Twin, compare

AGENCIES = int(os.environ.get("ZHIFA_BENCH_ONTIME_AGENCIES", "40"))
ROWS = int(os.environ.get("ZHIFA_BENCH_ONTIME_ROWS", "300"))
YEAR = 2025
PERIOD = Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
TZ = ZoneInfo("Asia/Shanghai")
BATCH = 2000


def _day(i: int) -> date:
    return date(YEAR, 1, 1) + timedelta(days=(i * 7) % 365)


def _done(i: int, due: date) -> date | None:
    """Met on the day, early, late, or never (every fifth row)."""
    return [due, due - timedelta(days=3), due + timedelta(days=2), due - timedelta(days=1), None][i % 5]


def _at(day: date | None) -> datetime | None:
    return datetime.combine(day, clock(23, 30) if day.day % 2 else clock(9, 0), TZ) if day else None


def _build(ctx: Context) -> list[Agency]:
    parent = Region.objects.get(pk=ctx.agency.region_id)
    region = core_services.region_create(
        actor=None, code="990189", name="按期县", level="county", parent=parent
    )
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"按期县第{i}局",
            kind="department",
            region=region,
            credit_code=credit_code_with_check(f"11{region.code}{600 + i:09d}"),
        )
        for i in range(AGENCIES)
    )
    bureau = Agency.objects.create(
        name="按期县司法局",
        kind="justice",
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}000000900"),
    )
    n = ctx.n(ROWS)
    with transaction.atomic():
        _cases(agencies, n)
        _publicity(agencies, n)
        _collaboration(agencies, n)
        _complaints(agencies, region, n)
        _supervision(agencies, bureau, n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return agencies


def _cases(agencies, n: int) -> None:
    version = CatalogVersion.objects.create(agency=agencies[0], number=1, status="published")
    field = EnforcementField.objects.get(code="market")
    cases = Case.objects.bulk_create(
        (
            Case(
                agency=a,
                procedure="simple" if i % 11 == 0 else "ordinary",
                source="inspection",
                status="decided",
                summary="按期案件",
                discovered_on=_day(i) - timedelta(days=95),
                registered_on=_day(i) - timedelta(days=90),
                decision_due=_day(i),
                place="按期县",
                catalog_version=version,
                field=field,
                party_kind="organisation",
                party_name="某企业",
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )
    decided = []
    for i, c in enumerate(cases):
        if (on := _done(i, c.decision_due)) is not None:
            kind = "penalty" if i % 7 else ("no_penalty" if i % 2 else "transfer")
            decided.append(Decision(case=c, kind=kind, reasoning="说理", decided_on=on))
    Decision.objects.bulk_create(decided, batch_size=BATCH)
    Service.objects.bulk_create(
        (
            Service(
                case_id=d.case_id,
                document="行政处罚决定书",
                served_on=d.decided_on + timedelta(days=3 + i % 12),
                method="direct",
                recipient="某企业",
                late=i % 12 > 7,
            )
            for i, d in enumerate(decided)
            if i % 3
        ),
        batch_size=BATCH,
    )
    reviews = Review.objects.bulk_create(
        (Review(case=c, status="passed", due_on=c.decision_due) for i, c in enumerate(cases) if i % 2 == 0),
        batch_size=BATCH,
    )
    ReviewRound.objects.bulk_create(
        (
            ReviewRound(
                review=r,
                number=1,
                fine=Decimal(1000),
                confiscation=Decimal(0),
                proposal="拟处罚",
                submitted_at=_at(r.due_on - timedelta(days=7)),
                due_on=r.due_on,
                reviewed_at=_at(_done(i, r.due_on)),
            )
            for i, r in enumerate(reviews)
        ),
        batch_size=BATCH,
    )


def _publicity(agencies, n: int) -> None:
    Disclosure.objects.bulk_create(
        (
            Disclosure(
                agency=a,
                kind="penalty",
                status="published" if (done := _done(i, _day(i + 1))) else ("withheld" if i % 2 else "draft"),
                subject_kind="organisation",
                subject_name="某企业",
                conclusion="罚款",
                decided_on=_day(i + 1) - timedelta(days=9),
                due_on=_day(i + 1),
                published_on=done,
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )


def _collaboration(agencies, n: int) -> None:
    other = agencies[-1]
    Transfer.objects.bulk_create(
        (
            Transfer(
                agency=a,
                receiver=other,
                kind="case",
                status="sent" if (done := _done(i, _day(i + 2))) else ("withdrawn" if i % 2 else "pending"),
                item_code="T-001",
                item_name="事项",
                summary="移送",
                facts="事实",
                source_material="材料",
                reasons="理由",
                party_kind="organisation",
                party_name="某企业",
                discovered_at=_at(_day(i + 2) - timedelta(days=5)),
                urgent=i % 4 == 0,
                due_on=_day(i + 2),
                due_at=_at(_day(i + 2) - timedelta(days=4)) if i % 4 == 0 else None,
                sent_at=_at(done),
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )
    Notice.objects.bulk_create(
        (
            Notice(
                kind="penalty",
                sender=a,
                receiver=other,
                title="抄告",
                party="某企业",
                decided_on=_day(i + 3) - timedelta(days=14),
                status="sent" if (done := _done(i, _day(i + 3))) else "pending",
                due_on=_day(i + 3),
                sent_at=_at(done),
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )
    AssistanceRequest.objects.bulk_create(
        (
            AssistanceRequest(
                kind="consult",
                requester=other,
                helper=a,
                subject="协助",
                questions="问题",
                status="answered"
                if (done := _done(i, _day(i + 4)))
                else ("declined" if i % 2 else "received"),
                sent_at=_at(_day(i + 4) - timedelta(days=8)),
                received_on=_day(i + 4) - timedelta(days=7),
                due_on=_day(i + 4),
                answered_on=done,
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )


def _complaints(agencies, region, n: int) -> None:
    made = Complaint.objects.bulk_create(
        (
            Complaint(
                channel="portal",
                name="投诉人",
                phone="13800000000",
                subject_name="某企业",
                title="投诉",
                content="内容",
                region=region,
                agency=a,
                status="replied" if (done := _done(i, _day(i + 5))) else "handling",
                received_on=_day(i + 5) - timedelta(days=20),
                routed_on=_day(i + 5) - timedelta(days=20),
                # every 13th reopened after its first reply: that reply no longer counts
                clock_from=_day(i + 5) - timedelta(days=1 if i % 13 == 0 else 20),
                ack_due=_day(i + 5) - timedelta(days=17),
                reply_due=_day(i + 5),
                replied_on=done,
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )
    Complaint.objects.filter(pk__in=[c.pk for c in made[7::23]]).update(merged_into=made[0])


def _supervision(agencies, bureau, n: int) -> None:
    SupervisionItem.objects.bulk_create(
        (
            SupervisionItem(
                bureau=bureau,
                agency=a,
                kind="routine",
                target_kind="agency",
                title="监督事项",
                status="closed" if (done := _done(i, _day(i + 6))) else "awaiting",
                due_on=_day(i + 6),
                closed_at=_at(done),
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=BATCH,
    )
    lists = ProblemList.objects.bulk_create(ProblemList(agency=a, year=YEAR) for a in agencies)
    problems = Problem.objects.bulk_create(
        Problem(
            problem_list=pl,
            agency=pl.agency,
            category="repeated",
            title="问题",
            description="描述",
            source="self",
        )
        for pl in lists
    )
    RectificationTask.objects.bulk_create(
        (
            RectificationTask(
                problem=p,
                agency=p.agency,
                measures="整改",
                due_on=_day(i + 7),
                status="closed" if (done := _done(i, _day(i + 7))) else "rectifying",
                closed_at=_at(done),
            )
            for p in problems
            for i in range(n)
        ),
        batch_size=BATCH,
    )


# ---- the hand-written SQL -------------------------------------------------------------------------------


def _local_date(column: str) -> str:
    """A timestamp's date in Asia/Shanghai, as the ORM's __date lookup computes it (on SQLite, which has no
    time zones, through the function Django registers on the connection)."""
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'Asia/Shanghai')::date"
    return f"django_datetime_cast_date({column}, 'Asia/Shanghai', 'UTC')"


def _sql(ids: list[int], period: Period) -> dict[str, tuple[str, list]]:
    today = timezone.localdate()  # the ORM's today (Asia/Shanghai), not the machine's
    span = [period.start, period.end]
    fls = "false" if connection.vendor == "postgresql" else "0"
    inn = ", ".join(["%s"] * len(ids))

    def simple(table, agency, due, done, on_time, base="1 = 1"):
        return (
            f"""SELECT {agency}, COUNT(*), SUM(CASE WHEN {on_time} THEN 1 ELSE 0 END) FROM {table}
            WHERE {base} AND {due} BETWEEN %s AND %s AND ({done} OR {due} < %s) AND {agency} IN ({inn})
            GROUP BY {agency}""",
            [*span, today, *ids],
        )

    served = "EXISTS (SELECT 1 FROM cases_service s WHERE s.case_id = d.case_id{})"
    return {
        "cases.decision": (
            f"""SELECT c.agency_id, COUNT(*), SUM(CASE WHEN d.decided_on <= c.decision_due THEN 1 ELSE 0 END)
            FROM cases_case c LEFT JOIN cases_decision d ON d.case_id = c.id
            WHERE c.decision_due BETWEEN %s AND %s AND (d.id IS NOT NULL OR c.decision_due < %s)
            AND c.agency_id IN ({inn}) GROUP BY c.agency_id""",
            [*span, today, *ids],
        ),
        "cases.service": (
            f"""SELECT c.agency_id, COUNT(*), SUM(CASE WHEN {served.format(f" AND s.late = {fls}")} THEN 1 ELSE 0 END)
            FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
            WHERE d.kind IN ('penalty', 'no_penalty') AND c.procedure = 'ordinary'
            AND d.decided_on BETWEEN %s AND %s AND ({served.format("")} OR d.decided_on <= %s)
            AND c.agency_id IN ({inn}) GROUP BY c.agency_id""",
            [
                _first_decided(period.start),
                _last_decided(period.end),
                _last_decided(today - timedelta(days=1)),
                *ids,
            ],
        ),
        "publicity.disclosure": simple(
            "publicity_disclosure", "agency_id", "due_on", "published_on IS NOT NULL",
            "published_on <= due_on", "version = 1 AND status <> 'withheld'",
        ),
        "review.round": (
            f"""SELECT c.agency_id, COUNT(*), SUM(CASE WHEN {_local_date("rr.reviewed_at")} <= rr.due_on
                THEN 1 ELSE 0 END)
            FROM review_reviewround rr JOIN review_review r ON r.id = rr.review_id JOIN cases_case c ON c.id = r.case_id
            WHERE rr.due_on BETWEEN %s AND %s AND (rr.reviewed_at IS NOT NULL OR rr.due_on < %s)
            AND c.agency_id IN ({inn}) GROUP BY c.agency_id""",
            [*span, today, *ids],
        ),
        "collaboration.transfer": simple(
            "collaboration_transfer", "agency_id", "due_on", "sent_at IS NOT NULL",
            f"{_local_date('sent_at')} <= due_on AND (urgent = {fls} OR sent_at <= due_at)",
            "NOT (status = 'withdrawn' AND sent_at IS NULL)",
        ),
        "collaboration.notice": simple(
            "collaboration_notice", "sender_id", "due_on", "sent_at IS NOT NULL",
            f"{_local_date('sent_at')} <= due_on",
        ),
        "collaboration.assistance": simple(
            "collaboration_assistancerequest", "helper_id", "due_on", "answered_on IS NOT NULL",
            "answered_on <= due_on", "status <> 'declined'",
        ),
        "complaints.reply": simple(
            "complaints_complaint", "agency_id", "reply_due", "(replied_on IS NOT NULL AND replied_on >= clock_from)",
            "replied_on >= clock_from AND replied_on <= reply_due", "merged_into_id IS NULL",
        ),
        "supervision.item": simple(
            "supervision_supervisionitem", "agency_id", "due_on", "(status = 'closed' AND closed_at IS NOT NULL)",
            f"status = 'closed' AND closed_at IS NOT NULL AND {_local_date('closed_at')} <= due_on",
        ),
        "supervision.task": simple(
            "supervision_rectificationtask", "agency_id", "due_on", "(status = 'closed' AND closed_at IS NOT NULL)",
            f"status = 'closed' AND closed_at IS NOT NULL AND {_local_date('closed_at')} <= due_on",
        ),
    }  # fmt: skip


def _run_sql(text: str, params: list) -> dict[int, tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(text, params)
        return {agency: (due, int(on_time or 0)) for agency, due, on_time in cursor.fetchall()}


def _run_orm(rate, ids) -> dict[int, tuple[int, int]]:
    return {agency: (t.due, t.on_time) for agency, t in rate.tally(ids, PERIOD).items()}


@benchmark("ontime.rates")
def rates(ctx: Context) -> list[Row]:
    started = time.perf_counter()
    agencies = _build(ctx)
    build_s = time.perf_counter() - started
    ids = [a.pk for a in agencies]
    queries = _sql(ids, PERIOD)
    twins = [
        Twin(
            rate.code,
            lambda rate=rate: _run_orm(rate, ids),
            lambda text=queries[rate.code][0], params=queries[rate.code][1]: _run_sql(text, params),
            note=lambda figures, label=rate.label: (
                f"{label} {sum(m for _, m in figures.values())}/{sum(d for d, _ in figures.values())} on time"
            ),
        )
        for rate in RATES
        if rate.code in queries  # a rate added after these twins (报送): no data built for it here
    ]
    found = compare("ontime", twins, ctx)
    size = f"{len(ids)} agencies × {ctx.n(ROWS)} rows of each kind; built in {build_s:.0f} s"
    return [*found.total_rows("ontime", "tally", f"grouped queries over a year; {size}"), *found.rows]
