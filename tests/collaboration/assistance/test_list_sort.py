"""The 执法协助 list on the core list kit (assistance.selectors.ASSISTANCE_SORTS): exact order both ways, the
default for an undeclared column (the former agency-name sorts included), the header keeping the filters, the
export and the API in the same order."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import Api, exported_rows, sorted_column
from zhifa.collaboration.assistance import services
from zhifa.collaboration.assistance.choices import AssistanceStatus
from zhifa.collaboration.models import AssistanceRequest

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
UNDECLARED = ["requester", "helper", "-sent_at", "helper__name", "-", "x" * 60]


@pytest.fixture
def three(agencies, urban, urban_officer):
    """Three letters 东区综合行政执法局 sent: sent, due and in states in different orders."""
    for subject, sent_at, due_on, status in (
        ("甲认定", datetime(2026, 3, 2, 9, tzinfo=TZ), date(2026, 3, 20), AssistanceStatus.RECEIVED),
        ("乙认定", datetime(2026, 3, 3, 9, tzinfo=TZ), date(2026, 3, 10), AssistanceStatus.SENT),
        ("丙认定", datetime(2026, 3, 1, 9, tzinfo=TZ), date(2026, 3, 15), AssistanceStatus.ANSWERED),
    ):
        request = services.assistance_request(
            actor=urban_officer, agency=urban,
            data=services.RequestInput(kind="identify", helper=agencies["east_market"], subject=subject,
                                       questions="请认定当事人是否应当取得食品经营许可。"),
        )  # fmt: skip
        AssistanceRequest.objects.filter(pk=request.pk).update(sent_at=sent_at, due_on=due_on, status=status)


def subjects(client, **params) -> list[str]:
    return sorted_column(client, "/collaboration/assistance/", column="subject", **params)


def test_requests_sort_both_ways(client, urban_officer, three):
    client.force_login(urban_officer)
    assert subjects(client) == ["乙认定", "甲认定", "丙认定"]  # the default: the latest letter first
    assert subjects(client, sort="sent") == ["丙认定", "甲认定", "乙认定"]
    assert subjects(client, sort="due") == ["乙认定", "丙认定", "甲认定"]
    assert subjects(client, sort="-due") == ["甲认定", "丙认定", "乙认定"]
    assert subjects(client, sort="status") == ["丙认定", "甲认定", "乙认定"]  # answered < received < sent
    assert subjects(client, sort="-status") == ["乙认定", "甲认定", "丙认定"]


@pytest.mark.parametrize("sort", UNDECLARED)
def test_an_undeclared_sort_is_the_default_order(client, urban_officer, three, sort):
    client.force_login(urban_officer)
    assert subjects(client, sort=sort) == ["乙认定", "甲认定", "丙认定"]


def test_the_header_keeps_the_filters_and_the_export_and_api_follow(client, urban_officer, three):
    client.force_login(urban_officer)
    body = client.get("/collaboration/assistance/", {"direction": "out", "sort": "due"}).content.decode()
    assert (
        '<th aria-sort="ascending" class="sortable"><a href="?direction=out&amp;sort=-due">答复期限' in body
    )
    assert 'href="/collaboration/assistance/export.xlsx?direction=out&amp;sort=due"' in body
    rows = exported_rows(client, "/collaboration/assistance/export.xlsx", {"direction": "out", "sort": "due"})
    assert [row[5] for row in rows[1:]] == ["乙认定", "丙认定", "甲认定"]
    rows = exported_rows(client, "/collaboration/assistance/export.xlsx", {"sort": "requester"})
    assert [row[5] for row in rows[1:]] == ["乙认定", "甲认定", "丙认定"]
    api = Api(client, "/api/collaboration")
    assert [r["subject"] for r in api.get("/assistance/", sort="-status").json()["items"]] == [
        "乙认定",
        "甲认定",
        "丙认定",
    ]
