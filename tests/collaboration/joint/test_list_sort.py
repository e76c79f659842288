"""The 联合执法 and 联席会议 lists on the core list kit (joint.selectors.ACTION_SORTS,
meetings.selectors.MEETING_SORTS): exact order both ways, the default for an undeclared column, the header
keeping the filters, the export and the API in the same order."""

from datetime import date

import pytest

from tests.collaboration.joint.conftest import special
from tests.helpers import Api, exported_rows, sorted_column
from zhifa.collaboration.joint import services
from zhifa.collaboration.joint.choices import ActionStatus
from zhifa.collaboration.meetings import services as meetings
from zhifa.collaboration.meetings.choices import MeetingKind
from zhifa.collaboration.models import JointAction, Meeting

pytestmark = pytest.mark.django_db

UNDECLARED = ["place", "-starts_on", "lead_agency__name", "-", "x" * 60]


@pytest.fixture
def three(group, agencies, catalogue, ecology, zhang, hu, market_user):
    """Three actions led by 东区市场监督管理局: titles, start dates and states in different orders."""
    for title, starts_on, status in (
        ("乙行动", date(2026, 3, 20), ActionStatus.APPLIED),
        ("丙行动", date(2026, 3, 12), ActionStatus.FINISHED),
        ("甲行动", date(2026, 3, 16), ActionStatus.ACTIVE),
    ):
        action = services.action_apply(
            actor=market_user,
            lead=agencies["east_market"],
            data=special(agencies, ecology, zhang, hu, title=title),
        )
        JointAction.objects.filter(pk=action.pk).update(starts_on=starts_on, status=status)


def titles(client, url="/collaboration/joint/", **params) -> list[str]:
    return sorted_column(client, url, column="title", rows="page", **params)


def test_actions_sort_both_ways(client, market_user, three):
    client.force_login(market_user)
    assert titles(client) == ["乙行动", "甲行动", "丙行动"]  # the default: the latest start first
    assert titles(client, sort="starts") == ["丙行动", "甲行动", "乙行动"]
    assert titles(client, sort="-starts") == ["乙行动", "甲行动", "丙行动"]
    # by the stored text (SQLite compares code points: 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532)
    assert titles(client, sort="title") == ["丙行动", "乙行动", "甲行动"]
    assert titles(client, sort="-title") == ["甲行动", "乙行动", "丙行动"]
    assert titles(client, sort="status") == ["甲行动", "乙行动", "丙行动"]  # active < applied < finished
    assert titles(client, sort="-status") == ["丙行动", "乙行动", "甲行动"]


@pytest.mark.parametrize("sort", UNDECLARED)
def test_an_undeclared_action_sort_is_the_default_order(client, market_user, three, sort):
    client.force_login(market_user)
    assert titles(client, sort=sort) == ["乙行动", "甲行动", "丙行动"]


def test_the_action_header_keeps_the_filters_and_the_export_and_api_follow(client, market_user, three):
    client.force_login(market_user)
    body = client.get("/collaboration/joint/", {"kind": "special", "sort": "starts"}).content.decode()
    assert '<th aria-sort="ascending" class="sortable"><a href="?kind=special&amp;sort=-starts">时间' in body
    assert 'href="/collaboration/joint/export.xlsx?kind=special&amp;sort=starts"' in body
    rows = exported_rows(client, "/collaboration/joint/export.xlsx", {"sort": "starts"})
    assert [row[0] for row in rows[1:]] == ["丙行动", "甲行动", "乙行动"]
    rows = exported_rows(client, "/collaboration/joint/export.xlsx", {"sort": "place"})
    assert [row[0] for row in rows[1:]] == ["乙行动", "甲行动", "丙行动"]
    api = Api(client, "/api/collaboration")
    assert [a["title"] for a in api.get("/joint/", sort="-status").json()["items"]] == [
        "丙行动",
        "乙行动",
        "甲行动",
    ]


@pytest.fixture
def meetings_three(group, office_user, agencies, ecology):
    """Three meetings the office convened, their names and dates in different orders."""
    for title, held_on in (
        ("乙会议", date(2026, 3, 2)),
        ("甲会议", date(2026, 3, 9)),
        ("丙会议", date(2026, 2, 23)),
    ):
        meeting = meetings.meeting_convene(
            actor=office_user,
            data=meetings.MeetingInput(MeetingKind.CONSULTATION, title, held_on, "议程", [agencies["east_market"], ecology]),
        )  # fmt: skip
        Meeting.objects.filter(pk=meeting.pk).update(held_on=held_on)


def test_meetings_sort_both_ways(client, office_user, meetings_three):
    client.force_login(office_user)
    url = "/collaboration/meetings/"
    assert titles(client, url) == ["甲会议", "乙会议", "丙会议"]  # the default: the latest first
    assert titles(client, url, sort="held") == ["丙会议", "乙会议", "甲会议"]
    assert titles(client, url, sort="title") == ["丙会议", "乙会议", "甲会议"]
    assert titles(client, url, sort="-title") == ["甲会议", "乙会议", "丙会议"]
    for sort in UNDECLARED:
        assert titles(client, url, sort=sort) == ["甲会议", "乙会议", "丙会议"]
    body = client.get(url, {"kind": "consultation", "sort": "held"}).content.decode()
    assert (
        '<th aria-sort="ascending" class="sortable"><a href="?kind=consultation&amp;sort=-held">日期' in body
    )
    api = Api(client, "/api/collaboration")
    assert [m["title"] for m in api.get("/meetings/", sort="held").json()["items"]] == [
        "丙会议",
        "乙会议",
        "甲会议",
    ]
