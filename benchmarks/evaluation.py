"""评议考核: computing one region's evaluation for a year (zhifa.evaluation.scoring.evaluate), and the same
indicator figures in hand-written SQL on the same database.

evaluation.compute: `scoring.evaluate(scheme)` — every computed indicator as one grouped query over the
county's agencies, the manual scores, the roll-up and the ranking — median of the repeats.
evaluation.indicators_orm / evaluation.indicators_sql: the indicators' grouped queries through the ORM
(`indicators.measure`) and as hand-written SQL, each pair timed and compared by `_twins.compare` (the
totals are the sum of the pairs' medians); the ratio row divides the two (goal ≤ 1.5×). A mismatch of
figures is reported in the notes.

Size: ZHIFA_BENCH_EVALUATION_AGENCIES departments (default 50) in one county, each with, at scale 1,
20 officers (2 trainings and a certificate each), 100 disclosures, 100 decided cases (some heard, some
complex, half of those reviewed), 5 challenges, 10 评查 files, 10 监督事项 and 5 整改任务, 20 投诉举报 (some
late, some rated) and 10 opinions of a closed 满意度测评.
ZHIFA_BENCH_SCALE multiplies the rows per agency.
"""

import os
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from zhifa.cases.choices import CaseStatus, ChallengeOutcome, DecisionKind
from zhifa.cases.models import Case, Challenge, Decision
from zhifa.catalog.models import CatalogVersion
from zhifa.complaints.models import Complaint
from zhifa.core import services as core_services
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.evaluation import indicators, scoring, services
from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.models import Disclosure
from zhifa.registry.models import Certificate, EnforcementField, Officer, TrainingRecord
from zhifa.review.models import Review
from zhifa.social.models import SurveyCampaign, SurveyResponse
from zhifa.supervision.campaigns import services as campaigns
from zhifa.supervision.models import CampaignFile, Problem, ProblemList, RectificationTask, SupervisionItem

from . import Context, Row, benchmark, measure
from ._twins import Twin, compare

AGENCIES = int(os.environ.get("ZHIFA_BENCH_EVALUATION_AGENCIES", "50"))
YEAR = 2025
TZ = ZoneInfo("Asia/Shanghai")


def _day(i: int) -> date:
    return date(YEAR, 1, 1) + timedelta(days=i % 360)


def _build(ctx: Context) -> dict:
    parent = Region.objects.get(pk=ctx.agency.region_id)
    region = core_services.region_create(
        actor=None, code="990187", name="考核县", level="county", parent=parent
    )
    bureau = core_services.agency_create(
        actor=None,
        name="考核县司法局",
        short_name="考司",
        kind="justice",
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}000000800"),
    )
    field = EnforcementField.objects.get(code="market")
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"考核县第{i}局",
            kind="department",
            region=region,
            credit_code=credit_code_with_check(f"11{region.code}{500 + i:09d}"),
        )
        for i in range(AGENCIES)
    )
    # one published (empty) catalogue version for every case: only the foreign key matters here
    version = CatalogVersion.objects.create(agency=agencies[0], number=1, status="published")
    per = ctx.n(1)
    campaign = campaigns.campaign_create(actor=None, agency=bureau, title="基准评查", year=YEAR)
    with transaction.atomic():
        _officers(agencies, 20 * per)
        _disclosures(agencies, 100 * per)
        _cases(agencies, 100 * per, version, field, campaign)
        _supervision(agencies, bureau, 10 * per, 5 * per)
        _external(agencies, bureau, region, 20 * per, 10 * per)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics on both databases, as a production database would have
    return {"bureau": bureau, "region": region, "agencies": agencies}


def _officers(agencies, n: int) -> None:
    rows = [
        Officer(
            agency=a,
            name=f"考核员{a.pk}-{k}",
            name_initials="khy",
            id_number=f"X{a.pk:08d}{k:08d}",
            kind="officer",
        )
        for a in agencies
        for k in range(n)
    ]
    officers = Officer.objects.bulk_create(rows, batch_size=2000)
    TrainingRecord.objects.bulk_create(
        (
            TrainingRecord(
                officer=o, on=_day(i + j), hours=Decimal(20 + (i % 30)), kind="business", title="培训"
            )
            for i, o in enumerate(officers)
            for j in range(2)
        ),
        batch_size=2000,
    )
    Certificate.objects.bulk_create(
        (
            Certificate(
                officer=o,
                number=f"KH{o.pk:010d}",
                kind="enforcement",
                issuer="考核县司法局",
                issued_on=date(2024, 1, 1),
                expires_on=date(2030, 1, 1) if i % 7 else date(2025, 6, 30),
            )
            for i, o in enumerate(officers)
        ),
        batch_size=2000,
    )


def _disclosures(agencies, n: int) -> None:
    Disclosure.objects.bulk_create(
        (
            Disclosure(
                agency=a,
                kind="penalty",
                status=DisclosureStatus.PUBLISHED if i % 9 else DisclosureStatus.DRAFT,
                subject_kind="organisation",
                subject_name="考核县某企业",
                conclusion="罚款",
                decided_on=_day(i),
                due_on=_day(i + 7),
                published_on=(_day(i + 5 + i % 4) if i % 9 else None),
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=2000,
    )


def _cases(agencies, n: int, version, field, campaign) -> None:
    cases = Case.objects.bulk_create(
        (
            Case(
                agency=a,
                number=f"考{a.pk}罚〔{YEAR}〕{i}号",
                procedure="ordinary",
                source="inspection",
                status=CaseStatus.CLOSED,
                summary="基准案件",
                discovered_on=_day(i),
                registered_on=_day(i),
                decision_due=_day(i + 90),
                place="考核县",
                catalog_version=version,
                field=field,
                party_kind="organisation",
                party_name="某企业",
                is_complex=i % 15 == 0,
                hearing_held_on=_day(i + 30) if i % 10 == 0 else None,
            )
            for a in agencies
            for i in range(n)
        ),
        batch_size=2000,
    )
    Decision.objects.bulk_create(
        (
            Decision(
                case=c,
                kind=DecisionKind.PENALTY,
                fine=Decimal(5000),
                reasoning="说理",
                decided_on=_day(i + 60 + i % 40),
            )
            for i, c in enumerate(cases)
        ),
        batch_size=2000,
    )
    Review.objects.bulk_create(
        (
            Review(case=c, status="passed")
            for i, c in enumerate(cases)
            if (c.is_complex or c.hearing_held_on) and i % 2
        ),
        batch_size=2000,
    )
    outcomes = [
        ChallengeOutcome.UPHELD,
        ChallengeOutcome.REVOKED,
        ChallengeOutcome.UPHELD,
        ChallengeOutcome.CHANGED,
    ]
    Challenge.objects.bulk_create(
        (
            Challenge(
                case=c,
                kind="reconsideration",
                organ="考核县人民政府",
                filed_on=_day(i),
                outcome=outcomes[i % 4],
                concluded_on=_day(i + 30),
            )
            for i, c in enumerate(cases)
            if i % 20 == 0
        ),
        batch_size=2000,
    )
    CampaignFile.objects.bulk_create(
        (
            CampaignFile(
                campaign=campaign,
                case=c,
                agency_id=c.agency_id,
                order=i,
                status="final",
                score=Decimal(60 + i % 40),
            )
            for i, c in enumerate(cases)
            if i % 10 == 0
        ),
        batch_size=2000,
    )


def _supervision(agencies, bureau, items: int, tasks: int) -> None:
    SupervisionItem.objects.bulk_create(
        (
            SupervisionItem(
                bureau=bureau,
                agency=a,
                kind="routine",
                target_kind="agency",
                title="基准监督事项",
                status="closed" if i % 3 else "awaiting",
                due_on=_day(i * 11),
                closed_at=datetime.combine(_day(i * 11 + i % 3 - 1), datetime.min.time(), TZ)
                if i % 3
                else None,
            )
            for a in agencies
            for i in range(items)
        ),
        batch_size=2000,
    )
    lists = ProblemList.objects.bulk_create(ProblemList(agency=a, year=YEAR) for a in agencies)
    problems = Problem.objects.bulk_create(
        Problem(
            problem_list=pl,
            agency=pl.agency,
            category="repeated",
            title="重复检查",
            description="基准",
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
                due_on=_day(i * 13),
                status="closed" if i % 2 else "rectifying",
                closed_at=datetime.combine(_day(i * 13 + i % 3 - 1), datetime.min.time(), TZ)
                if i % 2
                else None,
            )
            for p in problems
            for i in range(tasks)
        ),
        batch_size=2000,
    )


def _external(agencies, bureau, region, complaints: int, opinions: int) -> None:
    """外部评价: complaints due through the year (every third answered late, every fourth unanswered, half
    of the answered rated, a merged duplicate now and then) and one closed survey campaign."""
    ratings = ("satisfied", "fairly", "unsatisfied")
    rows = []
    for a in agencies:
        for i in range(complaints):
            due = _day(i * 17)
            replied = None if i % 4 == 3 else due + timedelta(days=2 if i % 3 == 0 else -1)
            rated = replied is not None and i % 2 == 0
            rows.append(
                Complaint(
                    channel="portal",
                    name="基准",
                    phone="13800000000",
                    subject_name="基准对象",
                    title="基准投诉",
                    content="基准",
                    region=region,
                    agency=a,
                    status="rated" if rated else ("replied" if replied else "handling"),
                    received_on=due - timedelta(days=20),
                    routed_on=due - timedelta(days=20),
                    clock_from=due - timedelta(days=20),
                    ack_due=due - timedelta(days=17),
                    reply_due=due,
                    replied_on=replied,
                    rating=ratings[i % 3] if rated else "",
                    rated_at=datetime.combine(_day(i * 17 + 5), datetime.min.time(), TZ) if rated else None,
                )
            )
    made = Complaint.objects.bulk_create(rows, batch_size=2000)
    Complaint.objects.filter(pk__in=[c.pk for c in made[5::23]]).update(merged_into=made[0])
    campaign = SurveyCampaign.objects.create(
        bureau=bureau, region=region, year=YEAR, title="基准测评", method="third_party", status="closed"
    )
    SurveyResponse.objects.bulk_create(
        (
            SurveyResponse(
                campaign=campaign,
                agency=a,
                respondent_kind="enterprise",
                rating=("satisfied", "basic", "dissatisfied", "")[i % 4],
                score=90 if i % 4 == 3 else None,
            )
            for a in agencies
            for i in range(opinions)
        ),
        batch_size=2000,
    )


# ---- the hand-written SQL -------------------------------------------------------------------------------


def _year_bounds(year: int) -> list:
    """A timestamp column's bounds for `__year` in Asia/Shanghai, as the ORM passes them."""
    first = datetime(year, 1, 1, tzinfo=TZ)
    last = datetime(year, 12, 31, 23, 59, 59, 999999, tzinfo=TZ)
    return [connection.ops.adapt_datetimefield_value(first), connection.ops.adapt_datetimefield_value(last)]


def _local_date(column: str) -> str:
    """A timestamp's date in Asia/Shanghai, as the ORM's __date lookup computes it."""
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'Asia/Shanghai')::date"
    return f"django_datetime_cast_date({column}, 'Asia/Shanghai', 'UTC')"


def _sql(year: int) -> dict[str, tuple[str, list]]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    today = date.today()
    as_of = min(last, today)
    tru = "true" if connection.vendor == "postgresql" else "1"
    span = [first, last]
    # the agencies the scheme ranks (scoring.evaluated_agencies): active, of the region's subtree, not the bureau
    sub = (
        f"SELECT a.id FROM core_agency a JOIN core_region r ON r.id = a.region_id "
        f"WHERE a.active = {tru} AND a.kind <> 'justice' AND r.path LIKE %s"
    )
    return {
        "publicity.on_time": (
            f"""SELECT agency_id, COUNT(*), SUM(CASE WHEN published_on <= due_on THEN 1 ELSE 0 END)
            FROM publicity_disclosure WHERE version = 1 AND due_on BETWEEN %s AND %s AND status <> 'withheld'
            AND (published_on IS NOT NULL OR due_on < %s) AND agency_id IN ({sub}) GROUP BY agency_id""",
            [*span, today],
        ),
        "review.major_coverage": (
            f"""SELECT c.agency_id, COUNT(*), SUM(CASE WHEN rv.status = 'passed' THEN 1 ELSE 0 END)
            FROM cases_decision d JOIN cases_case c ON c.id = d.case_id LEFT JOIN review_review rv ON rv.case_id = c.id
            WHERE d.decided_on BETWEEN %s AND %s AND d.kind = 'penalty'
            AND (c.hearing_held_on IS NOT NULL OR c.is_complex = {tru} OR EXISTS (
                SELECT 1 FROM catalog_enforcementitem i JOIN cases_case_items ci ON ci.enforcementitem_id = i.id
                WHERE ci.case_id = d.case_id AND i.needs_legal_review = {tru} AND i.major_fine_threshold <= d.fine))
            AND c.agency_id IN ({sub}) GROUP BY c.agency_id""",
            span,
        ),
        "registry.training": (
            f"""SELECT o.agency_id, COUNT(*), SUM(CASE WHEN COALESCE(h.hours, 0) >= %s THEN 1 ELSE 0 END)
            FROM registry_officer o LEFT JOIN (SELECT officer_id, SUM(hours) AS hours FROM registry_trainingrecord
                WHERE "on" BETWEEN %s AND %s GROUP BY officer_id) h ON h.officer_id = o.id
            WHERE o.status = 'active' AND o.kind = 'officer' AND o.agency_id IN ({sub}) GROUP BY o.agency_id""",
            [60, *span],
        ),
        "registry.certificates": (
            f"""SELECT o.agency_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM registry_certificate c
                WHERE c.officer_id = o.id AND c.kind = 'enforcement'
                AND (c.status = 'valid' OR (c.status = 'suspended' AND c.suspended_until < %s))
                AND c.issued_on <= %s AND c.expires_on >= %s) THEN 1 ELSE 0 END)
            FROM registry_officer o WHERE o.status = 'active' AND o.kind = 'officer' AND o.agency_id IN ({sub})
            GROUP BY o.agency_id""",
            [as_of, as_of, as_of],
        ),
        "cases.overdue": (
            f"""SELECT c.agency_id, COUNT(*), SUM(CASE WHEN d.decided_on > c.decision_due THEN 1 ELSE 0 END)
            FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
            WHERE d.decided_on BETWEEN %s AND %s AND c.decision_due IS NOT NULL AND c.agency_id IN ({sub})
            GROUP BY c.agency_id""",
            span,
        ),
        "cases.reversal": (
            f"""SELECT c.agency_id, COUNT(*), SUM(CASE WHEN ch.outcome IN ('changed', 'revoked', 'unlawful') THEN 1 ELSE 0 END)
            FROM cases_challenge ch JOIN cases_case c ON c.id = ch.case_id
            WHERE ch.concluded_on BETWEEN %s AND %s AND ch.outcome NOT IN ('pending', 'withdrawn')
            AND c.agency_id IN ({sub}) GROUP BY c.agency_id""",
            span,
        ),
        "supervision.campaign_score": (
            f"""SELECT f.agency_id, COUNT(*), SUM(f.score) FROM supervision_campaignfile f
            JOIN supervision_campaign k ON k.id = f.campaign_id
            WHERE k.year = %s AND f.status = 'final' AND f.agency_id IN ({sub}) GROUP BY f.agency_id""",
            [year],
        ),
        "supervision.items_on_time": (
            f"""SELECT agency_id, COUNT(*), SUM(CASE WHEN status = 'closed' AND closed_at IS NOT NULL
                AND {_local_date("closed_at")} <= due_on THEN 1 ELSE 0 END)
            FROM supervision_supervisionitem WHERE due_on BETWEEN %s AND %s AND (status = 'closed' OR due_on < %s)
            AND agency_id IN ({sub}) GROUP BY agency_id""",
            [*span, today],
        ),
        "supervision.rectification_on_time": (
            f"""SELECT agency_id, COUNT(*), SUM(CASE WHEN status = 'closed' AND closed_at IS NOT NULL
                AND {_local_date("closed_at")} <= due_on THEN 1 ELSE 0 END)
            FROM supervision_rectificationtask WHERE due_on BETWEEN %s AND %s AND (status = 'closed' OR due_on < %s)
            AND agency_id IN ({sub}) GROUP BY agency_id""",
            [*span, today],
        ),
        "complaints.resolution": (
            f"""SELECT agency_id, COUNT(*), SUM(CASE WHEN replied_on IS NOT NULL AND replied_on <= reply_due
                THEN 1 ELSE 0 END)
            FROM complaints_complaint WHERE reply_due BETWEEN %s AND %s AND merged_into_id IS NULL
            AND (replied_on IS NOT NULL OR reply_due < %s) AND agency_id IN ({sub}) GROUP BY agency_id""",
            [*span, today],
        ),
        "complaints.satisfaction": (
            f"""SELECT agency_id, COUNT(*), SUM(CASE WHEN rating IN ('satisfied', 'fairly') THEN 1 ELSE 0 END)
            FROM complaints_complaint WHERE rated_at BETWEEN %s AND %s AND merged_into_id IS NULL
            AND rating <> '' AND agency_id IN ({sub}) GROUP BY agency_id""",
            _year_bounds(year),
        ),
        "social.satisfaction": (
            f"""SELECT r.agency_id, COUNT(*), SUM(CASE WHEN r.rating IN ('satisfied', 'basic') THEN 1 ELSE 0 END)
            FROM social_surveyresponse r JOIN social_surveycampaign k ON k.id = r.campaign_id
            WHERE k.status = 'closed' AND k.year = %s AND r.rating <> '' AND r.agency_id IN ({sub})
            GROUP BY r.agency_id""",
            [year],
        ),
    }


def _run_one_sql(text: str, params: list, path: str) -> dict[int, tuple[int, Decimal]]:
    with connection.cursor() as cursor:
        cursor.execute(text, [*params, f"{path}%"])
        return {row[0]: (row[1], Decimal(row[2] or 0)) for row in cursor.fetchall()}


def _run_one_orm(key: str, agencies, year: int) -> dict[int, tuple[int, Decimal]]:
    measured = indicators.measure(indicators.get(key), agencies, year)
    return {pk: (m.total, Decimal(m.counted)) for pk, m in measured.items()}


@benchmark("evaluation.compute")
def compute(ctx: Context) -> list[Row]:
    started = time.perf_counter()
    data = _build(ctx)
    build_s = time.perf_counter() - started
    scheme = services.scheme_create(actor=None, bureau=data["bureau"], year=YEAR)
    agencies = scoring.evaluated_agencies(scheme)
    total = measure(lambda: scoring.evaluate(scheme), repeats=ctx.repeats, warmup=1)
    path = data["region"].path
    twins = [
        Twin(
            key,
            lambda key=key: _run_one_orm(key, agencies, YEAR),
            lambda text=text, params=params: _run_one_sql(text, params, path),
        )
        for key, (text, params) in _sql(YEAR).items()
    ]
    found = compare("evaluation", twins, ctx)
    size = (
        f"{len(data['agencies'])} agencies × {ctx.n(1)} (officers {20 * ctx.n(1)}, decisions {100 * ctx.n(1)} each); "
        f"built in {build_s:.0f} s"
    )
    return [
        Row(
            "evaluation.compute",
            total.median * 1000,
            "ms",
            f"one county's year, 15 indicators; {size}; {total.describe()}",
        ),
        *found.total_rows("evaluation", "indicators", "grouped queries"),
        *found.rows,
    ]
