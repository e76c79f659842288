"""The 行刑衔接与移送 list on the core list kit (referrals.selectors.REFERRAL_SORTS): exact order both ways, the
default for an undeclared column (the former agency-name sort included), the header keeping the filters, the
API in the same order (the list has no export)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import Api, sorted_column
from zhifa.collaboration.models import Referral
from zhifa.collaboration.referrals import services
from zhifa.collaboration.referrals.choices import ReferralKind, ReferralStatus

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
UNDECLARED = ["agency", "organ", "-reported_at", "agency__name", "-", "x" * 60]


@pytest.fixture
def three(agencies, clerk):
    """Three referrals of 东区市场监督管理局: reported, of kinds and in states in different orders."""
    for organ, reported_at, kind, status in (
        ("甲公安分局", datetime(2026, 3, 2, 9, tzinfo=TZ), ReferralKind.REVERSE, ReferralStatus.RECEIVED),
        ("乙公安分局", datetime(2026, 3, 3, 9, tzinfo=TZ), ReferralKind.CRIMINAL, ReferralStatus.TRANSFERRED),
        ("丙公安分局", datetime(2026, 3, 1, 9, tzinfo=TZ), ReferralKind.CLUE, ReferralStatus.APPROVED),
    ):
        referral = services.referral_receive(
            actor=clerk, agency=agencies["east_market"],
            data=services.ReceiveInput(organ=organ, facts="涉嫌违法经营，依法移送。"),
        )  # fmt: skip
        Referral.objects.filter(pk=referral.pk).update(reported_at=reported_at, kind=kind, status=status)


def organs(client, **params) -> list[str]:
    return sorted_column(client, "/collaboration/referrals/", column="organ", **params)


def test_referrals_sort_both_ways(client, clerk, three):
    client.force_login(clerk)
    assert organs(client) == ["乙公安分局", "甲公安分局", "丙公安分局"]  # the default: the latest first
    assert organs(client, sort="reported") == ["丙公安分局", "甲公安分局", "乙公安分局"]
    assert organs(client, sort="kind") == [
        "丙公安分局",
        "乙公安分局",
        "甲公安分局",
    ]  # clue < criminal < reverse
    assert organs(client, sort="-kind") == ["甲公安分局", "乙公安分局", "丙公安分局"]
    assert organs(client, sort="status") == [
        "丙公安分局",
        "甲公安分局",
        "乙公安分局",
    ]  # approved < received < transferred
    assert organs(client, sort="-status") == ["乙公安分局", "甲公安分局", "丙公安分局"]


@pytest.mark.parametrize("sort", UNDECLARED)
def test_an_undeclared_sort_is_the_default_order(client, clerk, three, sort):
    client.force_login(clerk)
    assert organs(client, sort=sort) == ["乙公安分局", "甲公安分局", "丙公安分局"]


def test_the_header_keeps_the_filters_and_the_api_follows(client, clerk, three):
    client.force_login(clerk)
    body = client.get("/collaboration/referrals/", {"q": "公安", "sort": "kind"}).content.decode()
    assert (
        '<th aria-sort="ascending" class="sortable"><a href="?q=%E5%85%AC%E5%AE%89&amp;sort=-kind">类别'
        in body
    )
    assert '<input type="hidden" name="sort" value="kind">' in body
    api = Api(client, "/api/collaboration")
    assert [r["organ"] for r in api.get("/referrals/", sort="-kind").json()["items"]] == [
        "甲公安分局",
        "乙公安分局",
        "丙公安分局",
    ]
    assert api.get("/referrals/", sort="agency").status_code == 422
