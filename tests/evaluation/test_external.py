"""外部评价 computed from the other apps: 投诉举报按期办结率 and 投诉举报满意率 (complaints), 社会满意度测评
(social's closed surveys), on the default tree, with exact figures, the drill-down to the records counted and
full points for an agency with nothing to count (no complaint answered late, nobody dissatisfied).

Seeded (2025): A — 4 complaints due (2 answered on time, one on its last day; 1 late; 1 unanswered), a merged
duplicate aside; rated 满意, 基本满意, 不满意 in 2025 (one more rated at 00:30 on 1 January 2026, Beijing
time: next year's). Surveys: a closed 2025 campaign rating A 满意, 基本满意, 不满意, 不满意 (and one opinion
with a score only), B 满意; an open campaign and a 2024 one do not count. B has no complaint."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from tests.evaluation.conftest import TZ, YEAR
from zhifa.complaints.choices import Channel, Rating, Status
from zhifa.complaints.models import Complaint
from zhifa.core.models import Agency
from zhifa.evaluation import indicators, scoring, services
from zhifa.evaluation.models import Node
from zhifa.social import selectors as social
from zhifa.social.choices import Rating as SurveyRating
from zhifa.social.choices import RespondentKind, SurveyMethod, SurveyStatus
from zhifa.social.models import SurveyCampaign, SurveyResponse

D = Decimal


def _complaint(
    agency, due: date, replied: date | None = None, rating: str = "", rated: datetime | None = None, **extra
):
    n = Complaint.objects.count() + 1
    return Complaint.objects.create(
        number=f"TS{YEAR}{n:06d}",
        channel=Channel.PORTAL,
        name="钱多多",
        phone="13800000001",
        subject_name="东区味美餐饮有限公司",
        title=f"后厨卫生差{n}",
        content="后厨污水横流。",
        region=agency.region,
        agency=agency,
        status=extra.pop(
            "status", Status.RATED if rating else (Status.REPLIED if replied else Status.HANDLING)
        ),
        received_on=date(due.year, due.month, 1),
        routed_on=date(due.year, due.month, 1),
        clock_from=date(due.year, due.month, 1),
        ack_due=date(due.year, due.month, 4),
        reply_due=due,
        replied_on=replied,
        reply="已处理" if replied else "",
        rating=rating,
        rated_at=rated,
        **extra,
    )


def _campaign(bureau, year, status, title):
    return SurveyCampaign.objects.create(
        bureau=bureau,
        region=bureau.region,
        year=year,
        title=title,
        method=SurveyMethod.THIRD_PARTY,
        conducted_by="江州调查中心",
        status=status,
        closed_at=datetime(year, 12, 20, 10, tzinfo=TZ) if status == SurveyStatus.CLOSED else None,
    )


def _opinions(campaign, agency, *ratings, score=None):
    for rating in ratings:
        SurveyResponse.objects.create(
            campaign=campaign,
            agency=agency,
            respondent_kind=RespondentKind.ENTERPRISE,
            rating=rating,
            score=score,
        )


@pytest.fixture
def external(seeded):
    a, b = seeded["a"], seeded["b"]
    _complaint(
        a, date(YEAR, 3, 10), date(YEAR, 3, 8), Rating.SATISFIED, datetime(YEAR, 12, 31, 23, 30, tzinfo=TZ)
    )
    _complaint(a, date(YEAR, 4, 10), date(YEAR, 4, 10), Rating.FAIRLY, datetime(YEAR, 4, 20, tzinfo=TZ))
    _complaint(a, date(YEAR, 5, 10), date(YEAR, 5, 12), Rating.UNSATISFIED, datetime(YEAR, 5, 20, tzinfo=TZ))
    late = _complaint(a, date(YEAR, 6, 10))
    _complaint(a, date(YEAR, 6, 10), merged_into=late, status=Status.CLOSED)
    _complaint(
        a,
        date(YEAR + 1, 1, 5),
        date(YEAR, 12, 30),
        Rating.SATISFIED,
        datetime(YEAR + 1, 1, 1, 0, 30, tzinfo=TZ),
    )
    closed = _campaign(seeded["justice"], YEAR, SurveyStatus.CLOSED, "2025年度第三方测评")
    _opinions(
        closed,
        a,
        SurveyRating.SATISFIED,
        SurveyRating.BASIC,
        SurveyRating.DISSATISFIED,
        SurveyRating.DISSATISFIED,
    )
    _opinions(closed, a, "", score=95)
    _opinions(closed, b, SurveyRating.SATISFIED)
    _opinions(
        _campaign(seeded["justice"], YEAR, SurveyStatus.OPEN, "2025年度回访"), a, SurveyRating.SATISFIED
    )
    _opinions(
        _campaign(seeded["justice"], YEAR - 1, SurveyStatus.CLOSED, "2024年度测评"), a, SurveyRating.SATISFIED
    )
    return seeded


EXPECTED = {
    "complaints.resolution": {"a": (2, 4)},
    "complaints.satisfaction": {"a": (2, 3)},
    "social.satisfaction": {"a": (2, 4), "b": (1, 1)},
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_one_grouped_query_with_exact_counts(external, key, django_assert_num_queries):
    agencies = Agency.objects.filter(pk__in=[external["a"].pk, external["b"].pk])
    with django_assert_num_queries(1):
        measured = indicators.measure(indicators.get(key), agencies, YEAR)
    got = {
        name: (int(measured[external[name].pk].counted), measured[external[name].pk].total)
        for name in ("a", "b")
        if external[name].pk in measured
    }
    assert got == EXPECTED[key]


def test_survey_figure_is_the_social_apps(external):
    """For campaigns held in the scheme's region, the indicator counts what satisfaction_by_agency gives."""
    measured = indicators.measure(
        indicators.get("social.satisfaction"), Agency.objects.filter(pk=external["a"].pk), YEAR
    )[external["a"].pk]
    theirs = social.satisfaction_by_agency(external["justice"].region, YEAR)[external["a"].pk]
    assert (measured.counted, measured.total) == (theirs.satisfied + theirs.basic, theirs.rated)
    assert measured.value == D(theirs.satisfaction_rate.numerator) / theirs.satisfaction_rate.denominator


def test_drill_down_lists_each_complaint_counted_or_not(external):
    rows = indicators.records(indicators.get("complaints.resolution"), external["a"], YEAR).order_by(
        "reply_due", "pk"
    )
    texts = [
        (indicators.get("complaints.resolution").row(r).text.split(" ", 1)[1], r.is_counted) for r in rows
    ]
    assert texts == [
        ("后厨卫生差1（答复期限2025-03-10，2025-03-08答复）", True),
        ("后厨卫生差2（答复期限2025-04-10，2025-04-10答复）", True),
        ("后厨卫生差3（答复期限2025-05-10，2025-05-12答复）", False),
        ("后厨卫生差4（答复期限2025-06-10，未答复）", False),
    ]
    rated = indicators.records(indicators.get("complaints.satisfaction"), external["a"], YEAR).order_by("pk")
    assert [(r.get_rating_display(), r.is_counted) for r in rated] == [
        ("满意", True),
        ("基本满意", True),
        ("不满意", False),
    ]


def test_default_tree_scores_them_and_an_agency_without_complaints_gets_full_points(external, supervisor):
    scheme = services.scheme_create(actor=supervisor, year=YEAR)
    evaluation = scoring.evaluate(scheme)
    assert evaluation.missing() == []  # nothing is left to score by hand on the default tree
    by_name = {line.agency.name: line for line in evaluation.lines}
    a, b = by_name["东区市场监督管理局"], by_name["东区生态环境局"]

    def cell(line, name):
        c = line.cells[Node.objects.get(scheme=scheme, name=name).pk]
        return (c.score, c.counted, c.total)

    assert cell(a, "投诉举报按期办结率") == (D("50.00"), D(2), 4)
    assert cell(a, "投诉举报满意率") == (D("66.67"), D(2), 3)
    assert cell(a, "社会满意度测评") == (D("50.00"), D(2), 4)
    assert cell(a, "外部评价")[0] == D("55.00")  # 50 × 30% + 66.67 × 30% + 50 × 40%
    assert a.total == D("65.00")  # 60 × 30% + 72.00 × 50% + 55 × 20%
    # B: no complaint due or rated — nothing answered late, nobody dissatisfied: full points
    assert cell(b, "投诉举报按期办结率") == (D("100.00"), D(0), 0)
    assert cell(b, "投诉举报满意率") == (D("100.00"), D(0), 0)
    assert cell(b, "社会满意度测评") == (D("100.00"), D(1), 1)
    assert b.total == D("92.50")


def test_ranking_links_the_complaint_figure_to_the_complaints(client, external, supervisor, head_a):
    scheme = services.scheme_create(actor=supervisor, year=YEAR)
    leaf = Node.objects.get(scheme=scheme, name="投诉举报按期办结率")
    drill = f"/evaluation/{scheme.pk}/drill/{leaf.pk}/{external['a'].pk}/"
    client.force_login(supervisor)
    assert f'href="{drill}"' in client.get(f"/evaluation/{scheme.pk}/ranking/").content.decode()
    response = client.get(drill)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 4 and sum(r["counted"] for r in rows) == 2
    assert all(r["url"].startswith("/complaints/") for r in rows)
    assert "计入 2，共 4 条" in response.content.decode()
    survey = Node.objects.get(scheme=scheme, name="社会满意度测评")
    body = client.get(f"/api/evaluation/schemes/{scheme.pk}/drill/{survey.pk}/{external['a'].pk}").json()
    assert (body["counted"], body["total"], body["score"]) == ("2", 4, "50.00")
    assert {row["url"] for row in body["rows"]} == {
        f"/social/surveys/{SurveyCampaign.objects.get(title='2025年度第三方测评').pk}/"
    }
