"""The 抄告 list and the 信息共享 register on the core list kit (notices.selectors.NOTICE_SORTS,
SHARING_SORTS): exact order both ways, the default for an undeclared column, the header keeping the filters,
the export and the API in the same order."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import Api, exported_rows, sorted_column
from zhifa.collaboration.models import Notice, SharingEntry
from zhifa.collaboration.notices import services
from zhifa.collaboration.notices.choices import NoticeStatus

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
UNDECLARED = ["party", "-created_at", "sender", "sender__name", "-", "x" * 60]


@pytest.fixture
def three(agencies, urban, clerk):
    """Three approvals 东区市场监督管理局 told 东区综合行政执法局: made, due, decided and in states in other orders."""
    for title, created, due_on, decided_on, status in (
        (
            "甲许可",
            datetime(2026, 3, 2, 9, tzinfo=TZ),
            date(2026, 3, 20),
            date(2026, 2, 10),
            NoticeStatus.SENT,
        ),
        (
            "乙许可",
            datetime(2026, 3, 3, 9, tzinfo=TZ),
            date(2026, 3, 10),
            date(2026, 2, 20),
            NoticeStatus.PENDING,
        ),
        (
            "丙许可",
            datetime(2026, 3, 1, 9, tzinfo=TZ),
            date(2026, 3, 15),
            date(2026, 2, 1),
            NoticeStatus.ACKNOWLEDGED,
        ),
    ):
        notice = services.notice_enter_approval(
            actor=clerk, agency=agencies["east_market"],
            data=services.ApprovalInput(title=title, party="东区百味轩餐饮店", decided_on=date(2026, 3, 2)),
        )  # fmt: skip
        Notice.objects.filter(pk=notice.pk).update(
            created_at=created, due_on=due_on, decided_on=decided_on, status=status
        )


def titles(client, **params) -> list[str]:
    return sorted_column(client, "/collaboration/notices/", column="title", **params)


def test_notices_sort_both_ways(client, clerk, three):
    client.force_login(clerk)
    assert titles(client) == ["乙许可", "甲许可", "丙许可"]  # the default: the newest first
    assert titles(client, sort="created") == ["丙许可", "甲许可", "乙许可"]
    assert titles(client, sort="due") == ["乙许可", "丙许可", "甲许可"]
    assert titles(client, sort="-due") == ["甲许可", "丙许可", "乙许可"]
    assert titles(client, sort="decided") == ["丙许可", "甲许可", "乙许可"]
    assert titles(client, sort="-decided") == ["乙许可", "甲许可", "丙许可"]
    assert titles(client, sort="status") == ["丙许可", "乙许可", "甲许可"]  # acknowledged < pending < sent
    assert titles(client, sort="-status") == ["甲许可", "乙许可", "丙许可"]


@pytest.mark.parametrize("sort", UNDECLARED)
def test_an_undeclared_notice_sort_is_the_default_order(client, clerk, three, sort):
    client.force_login(clerk)
    assert titles(client, sort=sort) == ["乙许可", "甲许可", "丙许可"]


def test_the_notice_header_keeps_the_filters_and_the_export_and_api_follow(client, clerk, three):
    client.force_login(clerk)
    body = client.get("/collaboration/notices/", {"direction": "out", "sort": "-due"}).content.decode()
    assert '<th aria-sort="descending" class="sortable"><a href="?direction=out&amp;sort=due">期限' in body
    assert 'href="/collaboration/notices/export.xlsx?direction=out&amp;sort=-due"' in body
    rows = exported_rows(client, "/collaboration/notices/export.xlsx", {"direction": "out", "sort": "-due"})
    assert [row[3] for row in rows[1:]] == ["甲许可", "丙许可", "乙许可"]
    rows = exported_rows(client, "/collaboration/notices/export.xlsx", {"sort": "sender"})
    assert [row[3] for row in rows[1:]] == ["乙许可", "甲许可", "丙许可"]
    api = Api(client, "/api/collaboration")
    assert [n["title"] for n in api.get("/notices/", sort="decided").json()["items"]] == [
        "丙许可",
        "甲许可",
        "乙许可",
    ]


@pytest.fixture
def register(agencies, urban, transport, clerk):
    """Three 共享事项 of 东区市场监督管理局, their contents and last shared days in different orders."""
    for receiver, category, content, last in (
        (urban, "rules", "乙规范", date(2026, 3, 2)),
        (transport, "decisions", "丙决定", date(2026, 1, 10)),
        (urban, "dynamics", "甲简报", date(2026, 2, 1)),
    ):
        entry = services.sharing_register(
            actor=clerk, agency=agencies["east_market"],
            data=services.SharingInput(receiver=receiver, category=category, method="platform", content=content),
        )  # fmt: skip
        SharingEntry.objects.filter(pk=entry.pk).update(last_shared_on=last)


def contents(client, **params) -> list[str]:
    return sorted_column(client, "/collaboration/sharing/", column="content", rows="page", **params)


def test_the_sharing_register_sorts_both_ways(client, clerk, register):
    client.force_login(clerk)
    assert contents(client) == ["丙决定", "甲简报", "乙规范"]  # the default: by provider, then category
    # by the stored text (SQLite compares code points: 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532)
    assert contents(client, sort="content") == ["丙决定", "乙规范", "甲简报"]
    assert contents(client, sort="-content") == ["甲简报", "乙规范", "丙决定"]
    assert contents(client, sort="shared") == ["丙决定", "甲简报", "乙规范"]
    assert contents(client, sort="-shared") == ["乙规范", "甲简报", "丙决定"]
    for sort in UNDECLARED:
        assert contents(client, sort=sort) == ["丙决定", "甲简报", "乙规范"]
    body = client.get("/collaboration/sharing/", {"category": "rules", "sort": "shared"}).content.decode()
    assert (
        '<th aria-sort="ascending" class="sortable"><a href="?category=rules&amp;sort=-shared">最近共享'
        in body
    )
    api = Api(client, "/api/collaboration")
    assert [e["content"] for e in api.get("/notices/sharing", sort="-shared").json()["items"]] == [
        "乙规范",
        "甲简报",
        "丙决定",
    ]
