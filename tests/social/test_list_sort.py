"""The 社会监督 lists on the core list kit (selectors.SUPERVISOR_SORTS, POINT_SORTS, FEEDBACK_SORTS,
SURVEY_SORTS): exact order both ways, the default for an undeclared column (feedback's former agency-name sort
included), the header keeping the filters, each export and the API in the same order."""

from datetime import date

import pytest

from tests.helpers import Api, exported_rows, sorted_column
from zhifa.social.models import Feedback, SurveyCampaign
from zhifa.social.services import contact_points, feedback, supervisors, surveys

from .conftest import CODE, point_input, supervisor_input

pytestmark = pytest.mark.django_db

UNDECLARED = ["unit", "-term_start", "bureau__name", "agency", "-", "x" * 60]


def listed(client, url: str, **params) -> list[str]:
    return sorted_column(
        client, url, column=lambda row: getattr(row, "name", None) or row.title, rows="page", **params
    )


@pytest.fixture
def members(supervisor, market):
    """Three supervisors of 东区司法局: names, categories and term ends in different orders."""
    for name, category, term_end in (
        ("乙监督员", "npc", date(2027, 6, 30)),
        ("甲监督员", "expert", date(2026, 12, 31)),
        ("丙监督员", "lawyer", date(2028, 2, 28)),
    ):
        supervisors.supervisor_appoint(
            actor=supervisor, data=supervisor_input(name=name, category=category, term_end=term_end)
        )


def test_supervisors_sort_both_ways(client, supervisor, members):
    client.force_login(supervisor)
    url = "/social/supervisors/"
    assert listed(client, url) == [
        "甲监督员",
        "乙监督员",
        "丙监督员",
    ]  # the default: the nearest term end first
    assert listed(client, url, sort="-term_end") == ["丙监督员", "乙监督员", "甲监督员"]
    # by the stored text (SQLite compares code points: 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532)
    assert listed(client, url, sort="name") == ["丙监督员", "乙监督员", "甲监督员"]
    assert listed(client, url, sort="-name") == ["甲监督员", "乙监督员", "丙监督员"]
    assert listed(client, url, sort="category") == [
        "甲监督员",
        "丙监督员",
        "乙监督员",
    ]  # expert < lawyer < npc
    assert listed(client, url, sort="-category") == ["乙监督员", "丙监督员", "甲监督员"]
    for sort in UNDECLARED:
        assert listed(client, url, sort=sort) == ["甲监督员", "乙监督员", "丙监督员"]
    body = client.get(url, {"term": "serving", "sort": "name"}).content.decode()
    assert '<th aria-sort="ascending" class="sortable"><a href="?term=serving&amp;sort=-name">姓名' in body
    assert 'href="/social/supervisors/export.xlsx?term=serving&amp;sort=name"' in body
    rows = exported_rows(client, "/social/supervisors/export.xlsx", {"sort": "-term_end"})
    assert [row[0] for row in rows[1:]] == ["丙监督员", "乙监督员", "甲监督员"]
    rows = exported_rows(client, "/social/supervisors/export.xlsx", {"sort": "unit"})
    assert [row[0] for row in rows[1:]] == ["甲监督员", "乙监督员", "丙监督员"]
    api = Api(client, "/api/social")
    assert [s["name"] for s in api.get("/supervisors", sort="category").json()["items"]] == [
        "甲监督员",
        "丙监督员",
        "乙监督员",
    ]


@pytest.fixture
def points(supervisor):
    """Three contact points of 东区司法局: names, kinds and term ends in different orders."""
    for name, kind, code, term_end in (
        ("乙社区", "community", "", date(2027, 6, 30)),
        ("甲公司", "enterprise", CODE, date(2026, 12, 31)),
        ("丙单位", "other", "", date(2028, 2, 28)),
    ):
        contact_points.point_establish(
            actor=supervisor, data=point_input(name=name, kind=kind, credit_code=code, term_end=term_end)
        )


def test_points_sort_both_ways(client, supervisor, points):
    client.force_login(supervisor)
    url = "/social/points/"
    assert listed(client, url) == ["甲公司", "乙社区", "丙单位"]  # the default: the nearest term end first
    assert listed(client, url, sort="-term_end") == ["丙单位", "乙社区", "甲公司"]
    assert listed(client, url, sort="kind") == [
        "乙社区",
        "甲公司",
        "丙单位",
    ]  # community < enterprise < other
    assert listed(client, url, sort="-kind") == ["丙单位", "甲公司", "乙社区"]
    assert listed(client, url, sort="name") == ["丙单位", "乙社区", "甲公司"]
    for sort in UNDECLARED:
        assert listed(client, url, sort=sort) == ["甲公司", "乙社区", "丙单位"]
    rows = exported_rows(client, "/social/points/export.xlsx", {"sort": "kind"})
    assert [row[0] for row in rows[1:]] == ["乙社区", "甲公司", "丙单位"]


@pytest.fixture
def three_feedback(supervisor, member, market):
    """Three feedbacks about 东区市场监督管理局: received and due in different orders."""
    for title, received_on, answer_due in (
        ("甲反馈", date(2026, 3, 2), date(2026, 3, 30)),
        ("乙反馈", date(2026, 3, 4), date(2026, 3, 16)),
        ("丙反馈", date(2026, 2, 26), date(2026, 3, 23)),
    ):
        made = feedback.feedback_submit(
            actor=supervisor,
            data=feedback.FeedbackInput(agency=market, supervisor=member, title=title, text="执法时未亮证", received_on=received_on),
        )  # fmt: skip
        Feedback.objects.filter(pk=made.pk).update(answer_due=answer_due)


def test_feedback_sorts_both_ways(client, supervisor, three_feedback):
    client.force_login(supervisor)
    url = "/social/feedback/"
    assert listed(client, url) == ["乙反馈", "甲反馈", "丙反馈"]  # the default: the latest received first
    assert listed(client, url, sort="received") == ["丙反馈", "甲反馈", "乙反馈"]
    assert listed(client, url, sort="due") == ["乙反馈", "丙反馈", "甲反馈"]
    assert listed(client, url, sort="-due") == ["甲反馈", "丙反馈", "乙反馈"]
    for sort in UNDECLARED:
        assert listed(client, url, sort=sort) == ["乙反馈", "甲反馈", "丙反馈"]
    body = client.get(url, {"status": "received", "sort": "-due"}).content.decode()
    assert (
        '<th aria-sort="descending" class="sortable"><a href="?status=received&amp;sort=due">答复期限' in body
    )
    rows = exported_rows(client, "/social/feedback/export.xlsx", {"status": "received", "sort": "-due"})
    assert [row[0] for row in rows[1:]] == ["甲反馈", "丙反馈", "乙反馈"]
    api = Api(client, "/api/social")
    assert [f["title"] for f in api.get("/feedback", sort="due").json()["items"]] == [
        "乙反馈",
        "丙反馈",
        "甲反馈",
    ]
    assert api.get("/feedback", sort="agency").status_code == 422


@pytest.fixture
def campaigns(supervisor, city):
    """Three campaigns of 东区司法局: titles and years in different orders."""
    for title, year in (("乙测评", 2025), ("甲测评", 2024), ("丙测评", 2026)):
        made = surveys.survey_create(
            actor=supervisor,
            data=surveys.CampaignInput(
                region=city["east"],
                year=2026,
                title=title,
                method="third_party",
                conducted_by="测试民意调查中心",
            ),
        )
        SurveyCampaign.objects.filter(pk=made.pk).update(year=year)


def test_surveys_sort_both_ways(client, supervisor, campaigns):
    client.force_login(supervisor)
    url = "/social/surveys/"
    assert listed(client, url) == ["丙测评", "乙测评", "甲测评"]  # the default: the latest year first
    assert listed(client, url, sort="year") == ["甲测评", "乙测评", "丙测评"]
    assert listed(client, url, sort="title") == ["丙测评", "乙测评", "甲测评"]
    assert listed(client, url, sort="-title") == ["甲测评", "乙测评", "丙测评"]
    for sort in UNDECLARED:
        assert listed(client, url, sort=sort) == ["丙测评", "乙测评", "甲测评"]
    body = client.get(url, {"status": "open", "sort": "year"}).content.decode()
    assert '<th aria-sort="ascending" class="sortable"><a href="?status=open&amp;sort=-year">年度' in body
    api = Api(client, "/api/social")
    assert [c["title"] for c in api.get("/surveys", sort="-title").json()["items"]] == [
        "甲测评",
        "乙测评",
        "丙测评",
    ]
