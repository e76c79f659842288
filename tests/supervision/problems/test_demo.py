"""The demo's 突出问题: a problem through its 回头看 (failed once, then passed), an overdue task on both
sides' 工作台, and the devices of 东湖区交通运输局 in the summary."""

import pytest

from tests.helpers import html
from zhifa.accounts.models import User
from zhifa.supervision.models import FollowUp, Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    """The real clock: the shared demo was loaded on it (the package's pinned `today` is for its own tests)."""


def test_the_demo_problems(demo_db, client):
    rows = list(Problem.objects.order_by("pk").values_list("category", "source", "status"))
    assert rows == [
        ("fines", "self", "closed"),
        ("repeated", "supervision", "open"),
        ("devices", "self", "open"),
    ]
    assert list(FollowUp.objects.order_by("pk").values_list("passed", flat=True)) == [False, True]
    client.force_login(User.objects.get(username="dh_jd"))
    assert "东湖区市场监督管理局：对同一企业重复入企检查（整改逾期）" in html(client.get("/"))
    summary = client.get("/supervision/problems/devices/summary/").context["rows"]
    assert [
        (r["agency__name"], r["total"], r["in_use"], r["cleared"], r["unpublished"]) for r in summary
    ] == [("东湖区交通运输局", 3, 2, 1, 1)]
    client.force_login(User.objects.get(username="dh_jgfz"))
    assert "对同一企业重复入企检查（整改逾期）" in html(client.get("/"))
