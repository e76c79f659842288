"""评议考核 fixtures: 东区 (its 司法局 with a supervisor) and two departments, 市场监管 (A) and 生态环境 (B),
with records of 2025 made directly (each app's own tests carry its records through their steps; here only
what the indicators count matters), chosen so that every rate is known exactly:

A: 公示 3 of 4 on time · 持证 2 of 4 (one expired mid-year, one never certified) · 培训达标 2 of 4 · 重大决定审核 1 of 2 · 超期 1 of 3 · 纠错 1 of 2 ·
   评查 80 and 90 → 85 · 监督事项按期 1 of 2 · 整改任务按期 1 of 1.
B: 持证 2 of 2 · 培训达标 2 of 2 · 整改任务按期 0 of 1 · nothing else (full points where nothing is counted).
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.cases.conftest import catalogue  # noqa: F401 (a fixture)
from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory, TrainingFactory, field
from tests.helpers import Writes
from zhifa.accounts.choices import RoleCode
from zhifa.cases.choices import CaseStatus, ChallengeKind, ChallengeOutcome, DecisionKind
from zhifa.cases.models import Case, Challenge, Decision
from zhifa.catalog.procedures import Procedure
from zhifa.core.models import Record
from zhifa.evaluation.models import Consequence, ManualScore, Node, Ranking, Result, Scheme, ScoreFile
from zhifa.publicity.choices import DisclosureKind, DisclosureStatus, SubjectKind
from zhifa.publicity.models import Disclosure
from zhifa.registry.choices import PersonKind
from zhifa.review.models import Review
from zhifa.supervision.actions.choices import ItemStatus, SupervisionKind, TargetKind
from zhifa.supervision.campaigns import services as campaigns
from zhifa.supervision.campaigns.choices import FileStatus
from zhifa.supervision.models import CampaignFile, Problem, ProblemList, RectificationTask, SupervisionItem
from zhifa.supervision.problems.choices import Category, Source, TaskStatus

YEAR = 2025
TZ = ZoneInfo("Asia/Shanghai")


EXTERNAL = ("投诉举报按期办结率", "投诉举报满意率", "社会满意度测评")


def external_by_hand(scheme, supervisor):
    """The default tree with its 外部评价 leaves scored by hand (as a bureau taking the figures from a
    第三方测评 report would set it): the tests of manual scores and of the ranking use these three."""
    from zhifa.evaluation import services

    for name in EXTERNAL:
        node = Node.objects.get(scheme=scheme, name=name)
        services.node_update(
            actor=supervisor,
            node=node,
            data=services.NodeInput(name=name, weight=node.weight, max_score=node.max_score),
        )
    return scheme


class EvaluationWrites(Writes):
    counted = (Scheme, Node, ManualScore, ScoreFile, Ranking, Result, Consequence, SupervisionItem, Record)


@pytest.fixture
def east(agencies, city):
    return {
        "justice": agencies["east_justice"],
        "a": agencies["east_market"],
        "b": AgencyFactory(name="东区生态环境局", region=city["east"]),
    }


@pytest.fixture
def supervisor(east, make_user):
    return make_user(east["justice"], RoleCode.SUPERVISOR, username="east_supervisor", real_name="周敏")


@pytest.fixture
def city_supervisor(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def west_supervisor(agencies, make_user, city):
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind="justice")
    return make_user(west_justice, RoleCode.SUPERVISOR, username="west_supervisor")


@pytest.fixture
def head_a(east, make_user):
    return make_user(east["a"], RoleCode.AGENCY_HEAD, username="a_head", real_name="杨帆")


@pytest.fixture
def head_b(east, make_user):
    return make_user(east["b"], RoleCode.AGENCY_HEAD, username="b_head")


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)


def _case(agency, version, n, **extra) -> Case:
    return Case.objects.create(
        agency=agency,
        number=f"东市监罚〔{YEAR}〕{n}号",
        procedure=Procedure.ORDINARY,
        source="inspection",
        status=CaseStatus.CLOSED,
        summary="销售不符合食品安全标准的食品",
        discovered_on=date(YEAR, 3, 1),
        registered_on=date(YEAR, 3, 2),
        decision_due=date(YEAR, 5, 31),
        place="东区人民路1号",
        catalog_version=version,
        field=field("market"),
        party_kind="organisation",
        party_name=f"东区第{n}食品店",
        party_credit_code="91110101MA00000019",
        **extra,
    )


def _decide(case, day: date) -> Decision:
    return Decision.objects.create(
        case=case, kind=DecisionKind.PENALTY, fine=Decimal(5000), reasoning="说理", decided_on=day
    )


def _disclosure(agency, due: date, published: date | None, **extra) -> Disclosure:
    return Disclosure.objects.create(
        agency=agency,
        kind=DisclosureKind.PENALTY,
        status=extra.pop("status", DisclosureStatus.PUBLISHED if published else DisclosureStatus.DRAFT),
        subject_kind=SubjectKind.ORGANISATION,
        subject_name="东区某食品店",
        conclusion="罚款5000元",
        decided_on=due,
        due_on=due,
        published_on=published,
        **extra,
    )


def _officer(agency, *, hours, certified=True, expired=False, kind=PersonKind.OFFICER):
    officer = OfficerFactory(agency=agency, kind=kind)
    if certified:
        CertificateFactory(
            officer=officer,
            issued_on=date(2024, 1, 1),
            expires_on=date(2025, 6, 30) if expired else date(2030, 1, 1),
        )
    if hours:
        TrainingFactory(officer=officer, on=date(YEAR, 5, 1), hours=hours)
    return officer


@pytest.fixture
def seeded(east, catalogue, supervisor):  # noqa: F811 (the imported fixture)
    a, b = east["a"], east["b"]
    # 公示: 3 of 4 on time; a withheld one and a correction (version 2) do not count
    _disclosure(a, date(YEAR, 4, 10), date(YEAR, 4, 9))
    _disclosure(a, date(YEAR, 5, 10), date(YEAR, 5, 10))
    _disclosure(a, date(YEAR, 6, 10), date(YEAR, 6, 1))
    _disclosure(a, date(YEAR, 7, 10), date(YEAR, 7, 15))
    _disclosure(a, date(YEAR, 8, 10), None, status=DisclosureStatus.WITHHELD, withheld_reason="涉及国家秘密")
    _disclosure(a, date(YEAR, 8, 10), date(YEAR, 9, 30), version=2)
    # 执法人员: A 4 officers (one certificate expired mid-year, one without), hours 60 / 61 / 59.5 / 0;
    # an 辅助人员 does not count. B: 2 officers, certified, 60 hours each.
    _officer(a, hours=60)
    _officer(a, hours=61)
    _officer(a, hours=Decimal("59.5"), expired=True)
    _officer(a, hours=0, certified=False)
    _officer(a, hours=0, certified=False, kind=PersonKind.AUXILIARY)
    _officer(b, hours=60)
    _officer(b, hours=60)
    # 决定: heard (reviewed, passed) on time; complex (not reviewed) on time; ordinary, decided late
    heard = _case(a, catalogue, 1, hearing_held_on=date(YEAR, 3, 20))
    _decide(heard, date(YEAR, 4, 1))
    Review.objects.create(case=heard, status="passed")
    complex_ = _case(a, catalogue, 2, is_complex=True)
    _decide(complex_, date(YEAR, 4, 1))
    late = _case(a, catalogue, 3)
    _decide(late, date(YEAR, 6, 10))
    # 复议/诉讼: one upheld, one revoked; pending and withdrawn do not count
    for outcome in (
        ChallengeOutcome.UPHELD,
        ChallengeOutcome.REVOKED,
        ChallengeOutcome.PENDING,
        ChallengeOutcome.WITHDRAWN,
    ):
        Challenge.objects.create(
            case=late,
            kind=ChallengeKind.RECONSIDERATION,
            organ="东区人民政府",
            filed_on=date(YEAR, 7, 1),
            outcome=outcome,
            concluded_on=None if outcome == ChallengeOutcome.PENDING else date(YEAR, 9, 1),
        )
    # 评查: 80 and 90 final; one still being reviewed
    campaign = campaigns.campaign_create(
        actor=supervisor, agency=east["justice"], title="2025年度案卷评查", year=YEAR
    )
    for order, (case, status, score) in enumerate(
        ((heard, FileStatus.FINAL, 80), (complex_, FileStatus.FINAL, 90), (late, FileStatus.REVIEWING, None)),
        start=1,
    ):
        CampaignFile.objects.create(
            campaign=campaign, case=case, agency=a, order=order, status=status, score=score
        )
    # 监督事项: one closed on its deadline, one open past it
    for title, closed in (("按期", date(YEAR, 10, 31)), ("逾期", None)):
        SupervisionItem.objects.create(
            bureau=east["justice"],
            agency=a,
            kind=SupervisionKind.ROUTINE,
            target_kind=TargetKind.AGENCY,
            title=f"{title}整改事项",
            status=ItemStatus.CLOSED if closed else ItemStatus.AWAITING,
            due_on=date(YEAR, 10, 31),
            closed_at=_at(closed) if closed else None,
        )
    # 整改任务: A's closed on time, B's closed a day late
    for agency, closed in ((a, date(YEAR, 11, 30)), (b, date(YEAR, 12, 1))):
        plist = ProblemList.objects.create(agency=agency, year=YEAR)
        problem = Problem.objects.create(
            problem_list=plist,
            agency=agency,
            category=Category.values[0],
            title="重复检查",
            description="多次检查同一企业",
            source=Source.values[0],
        )
        RectificationTask.objects.create(
            problem=problem,
            agency=agency,
            measures="合并检查",
            due_on=date(YEAR, 11, 30),
            status=TaskStatus.CLOSED,
            closed_at=_at(closed),
        )
    return east
