"""法制审核 (zhifa.review) at volume: the whole loop per case, the pre-check, the reviewer's list and the
per-agency statistics.

Data (not timed; at scale 1): one department (benchmarks.cases' builder; its fresh cases are marked
complex, so their decisions are major), 20,000 past reviews of its cases bulk-inserted (two rounds each, opinions spread over 2026;
the issue's scale — ~5% of 2M cases a year are major — is ZHIFA_BENCH_SCALE=5), and a legal reviewer.

review.loop: submit (materials checked, reviewer picked) → opinion → 告知 → decide through the gate, on
fresh cases via the services — cases per second.
review.precheck: the automatic pre-check of one review (every point, with its queries) — p95.
review.list: the reviewer's list page (count + first page, "mine") among all reviews — p95.
review.stats: the statistics page's figures for the department for 2026 (grouped queries + working days
over the year's rounds) — median.
"""

import random
import statistics
import time
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db import connection
from django.utils import timezone

from zhifa.accounts import services as accounts
from zhifa.cases import services as cases
from zhifa.cases.choices import HandlerRole
from zhifa.cases.models import CaseDocument, Evidence
from zhifa.core.models import Agency, Region
from zhifa.registry.models import EnforcementField
from zhifa.review import precheck, selectors, services
from zhifa.review.choices import CheckPoint, OpinionResult, ReviewStatus
from zhifa.review.models import Review, ReviewRound

from . import Context, Row, benchmark
from .cases import _bulk_cases, _decision, _department, _intake, _scans

PAST_REVIEWS = 20_000
LOOP_CASES = 100
RUNS = 40
# every point agreed, with the reason a point the pre-check marks ✗ needs
AGREE = {point: {"ok": True, "comment": "经核实"} for point in CheckPoint.values}


def _p95(seconds: list[float]) -> float:
    return sorted(seconds)[max(0, round(0.95 * len(seconds)) - 1)]


def _data(ctx: Context) -> dict:
    if "review.data" in ctx.shared:
        return ctx.shared["review.data"]
    field = EnforcementField.objects.get(code="market")
    dept = _department(Region.objects.get(pk=ctx.agency.region_id), 90, field)
    reviewer = accounts.user_create(
        actor=None,
        username="bench_reviewer",
        real_name="审核员",
        agency=dept["agency"],
        password="Bench@2026pw!",
        roles=["legal_reviewer"],
    )
    started = time.perf_counter()
    n = ctx.n(PAST_REVIEWS)
    made = _bulk_cases([dept], n, field, random.Random(7))
    _bulk_reviews([pk for pk, _ in made], reviewer)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    data = {
        "dept": dept,
        "reviewer": reviewer,
        "past": n,
        "build": f"{n:,} reviews in {time.perf_counter() - started:.0f} s",
    }
    ctx.shared["review.data"] = data
    return data


def _bulk_reviews(case_pks: list[int], reviewer) -> None:
    now, rng = timezone.now(), random.Random(11)
    for start in range(0, len(case_pks), 5000):
        chunk = case_pks[start : start + 5000]
        reviews = Review.objects.bulk_create(
            [
                Review(
                    case_id=pk,
                    status=ReviewStatus.PASSED,
                    reviewer=reviewer,
                    due_on=date(2026, 6, 1),
                    passed_by="opinion",
                )
                for pk in chunk
            ]
        )
        rounds = []
        for review in reviews:
            submitted = now - timedelta(days=rng.randrange(300))
            for number in (1, 2):
                rounds.append(
                    ReviewRound(
                        review=review,
                        number=number,
                        proposal="拟罚款",
                        fine=70000,
                        submitted_at=submitted,
                        due_on=submitted.date(),
                        result=OpinionResult.PROBLEMS if number == 1 else OpinionResult.AGREE,
                        checklist=AGREE,
                        opinion_number=f"法审〔2026〕{review.pk}-{number}号",
                        reviewed_by=reviewer,
                        reviewed_at=submitted + timedelta(days=number * 2),
                    )
                )
        ReviewRound.objects.bulk_create(rounds)


def _ready_case(dept, k: int):
    """A case at 审核 with the materials a submission needs (evidence and 立案审批表 rows inserted)."""
    leader, officers = dept["leader"], dept["officers"]
    case = cases.case_intake(actor=leader, agency=dept["agency"], data=_intake(50_000 + k))
    case = cases.case_assign(
        actor=leader, case=case, handlers=[(officers[0], HandlerRole.LEAD), (officers[1], HandlerRole.CO)]
    )
    case = cases.case_register(actor=leader, case=case, on=date(2026, 3, 2))
    case = cases.case_record_step(actor=leader, case=case, step="on_site", note="现场检查")
    Evidence.objects.create(
        case=case,
        step="on_site",
        kind="photo",
        sha256="0" * 64,
        size=1,
        media_type="image/png",
        original_name="a.png",
    )
    CaseDocument.objects.create(
        case=case,
        kind="register_approval",
        title="立案审批表",
        number=case.number,
        sha256="0" * 64,
        size=1,
        pdf=b"",
        docx=b"",
        docx_sha256="0" * 64,
        template_source="default",
    )
    _scans(case, "inspection_record", "penalty_notice")
    return cases.case_submit_for_review(actor=leader, case=case, report="调查终结", is_complex=True)  # major


@benchmark("review.loop")
def review_loop(ctx: Context) -> list[Row]:
    data = _data(ctx)
    dept, reviewer, leader = data["dept"], data["reviewer"], data["dept"]["leader"]
    fresh = [_ready_case(dept, k) for k in range(max(10, ctx.n(LOOP_CASES)))]
    proposal = services.ProposalInput.from_decision(_decision(), "拟罚款70000元", suspected_crime=False)
    started = time.perf_counter()
    for case in fresh:
        review = services.review_submit(actor=leader, case=case, data=proposal)
        services.review_give_opinion(actor=reviewer, review=review, checklist=AGREE)
        case = cases.case_notify(
            actor=leader, case=case, on=date(2026, 3, 10), proposed="拟罚款", hearing_rights=False
        )
        cases.case_decide(actor=leader, case=case, decision=_decision())
    elapsed = time.perf_counter() - started
    ctx.shared["review.fresh"] = [c.pk for c in fresh]
    return [
        Row(
            "review.loop",
            len(fresh) / elapsed,
            "cases/s",
            f"submit → opinion → notify → decide (gated) on {len(fresh)} cases, {data['past']:,} past reviews; build {data['build']}",
        )
    ]


@benchmark("review.precheck")
def review_precheck(ctx: Context) -> list[Row]:
    data = _data(ctx)
    reviews = list(Review.objects.filter(case_id__in=ctx.shared.get("review.fresh", []))[:RUNS]) or list(
        Review.objects.all()[:RUNS]
    )
    seconds = []
    for review in reviews:
        started = time.perf_counter()
        precheck.run(review, today=date(2026, 3, 12))
        seconds.append(time.perf_counter() - started)
    return [
        Row(
            "review.precheck",
            _p95(seconds) * 1000,
            "ms p95",
            f"{len(seconds)} reviews, all nine points; {data['past']:,} reviews in the table",
        )
    ]


@benchmark("review.list")
def review_list(ctx: Context) -> list[Row]:
    data = _data(ctx)
    seconds = []
    for run in range(RUNS):
        started = time.perf_counter()
        page = Paginator(
            selectors.reviews_visible_to(data["reviewer"], mine=True, status=["", "passed"][run % 2]), 20
        ).get_page(1 + run % 5)
        [(r.case.number, r.reviewer_id) for r in page]
        seconds.append(time.perf_counter() - started)
    return [
        Row(
            "review.list",
            _p95(seconds) * 1000,
            "ms p95",
            f"count + page of 20 among {Review.objects.count():,} reviews",
        )
    ]


@benchmark("review.stats")
def review_stats(ctx: Context) -> list[Row]:
    data = _data(ctx)
    agencies = Agency.objects.filter(pk=data["dept"]["agency"].pk)
    seconds = []
    for _ in range(max(3, ctx.repeats)):
        started = time.perf_counter()
        selectors.agency_stats(agencies, 2026)
        seconds.append(time.perf_counter() - started)
    rounds = ReviewRound.objects.filter(review__case__agency__in=agencies).count()
    return [
        Row(
            "review.stats",
            statistics.median(seconds) * 1000,
            "ms median",
            f"one department, {rounds:,} rounds in the year",
        )
    ]
