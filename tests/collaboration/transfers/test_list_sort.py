"""The 案件移送 list and the 职责边界 register on the core list kit (transfers.selectors.TRANSFER_SORTS,
boundaries.selectors.BOUNDARY_SORTS): exact order both ways, the default for an undeclared column, the header
keeping the filters, the export and the API in the same order."""

from datetime import date, datetime

import pytest

from tests.collaboration.transfers.conftest import TZ, package
from tests.helpers import Api, exported_rows, sorted_column
from zhifa.collaboration.models import BoundaryItem, Transfer
from zhifa.collaboration.transfers import services
from zhifa.collaboration.transfers.choices import TransferStatus

UNDECLARED = ["summary", "-created_at", "agency__name", "-", "due;drop", "x" * 60]


@pytest.fixture
def three(agencies, urban, handler_user):
    """Three transfers of 东区市场监督管理局: registered on different days, due and in states in other orders."""
    for summary, created, due_on, status in (
        ("甲移送", datetime(2026, 3, 2, 9, tzinfo=TZ), date(2026, 3, 20), TransferStatus.SENT),
        ("乙移送", datetime(2026, 3, 3, 9, tzinfo=TZ), date(2026, 3, 10), TransferStatus.PENDING),
        ("丙移送", datetime(2026, 3, 1, 9, tzinfo=TZ), date(2026, 3, 15), TransferStatus.ACCEPTED),
    ):
        transfer = services.transfer_create(
            actor=handler_user, agency=agencies["east_market"], data=package(urban, summary=summary)
        )
        Transfer.objects.filter(pk=transfer.pk).update(created_at=created, due_on=due_on, status=status)


def summaries(client, **params) -> list[str]:
    return sorted_column(client, "/collaboration/transfers/", column="summary", **params)


def test_transfers_sort_both_ways(client, handler_user, three):
    client.force_login(handler_user)
    assert summaries(client) == ["乙移送", "甲移送", "丙移送"]  # the default: the newest registered first
    assert summaries(client, sort="created") == ["丙移送", "甲移送", "乙移送"]
    assert summaries(client, sort="-created") == ["乙移送", "甲移送", "丙移送"]
    assert summaries(client, sort="due") == ["乙移送", "丙移送", "甲移送"]
    assert summaries(client, sort="-due") == ["甲移送", "丙移送", "乙移送"]
    # by the status's stored value: accepted < pending < sent
    assert summaries(client, sort="status") == ["丙移送", "乙移送", "甲移送"]
    assert summaries(client, sort="-status") == ["甲移送", "乙移送", "丙移送"]


@pytest.mark.parametrize("sort", UNDECLARED)
def test_an_undeclared_transfer_sort_is_the_default_order(client, handler_user, three, sort):
    client.force_login(handler_user)
    assert summaries(client, sort=sort) == ["乙移送", "甲移送", "丙移送"]


def test_the_transfer_header_keeps_the_filters_and_the_export_and_api_follow(client, handler_user, three):
    client.force_login(handler_user)
    body = client.get(
        "/collaboration/transfers/", {"view": "out", "q": "移送", "sort": "due"}
    ).content.decode()
    assert (
        '<th aria-sort="ascending" class="sortable"><a href="?q=%E7%A7%BB%E9%80%81&amp;view=out&amp;sort=-due">移送期限'
        in body
    )
    assert '<input type="hidden" name="sort" value="due">' in body
    assert 'href="/collaboration/transfers/export/?q=%E7%A7%BB%E9%80%81&amp;view=out&amp;sort=due"' in body
    rows = exported_rows(client, "/collaboration/transfers/export/", {"view": "out", "sort": "-due"})
    assert [row[1] for row in rows[1:]] == ["甲移送", "丙移送", "乙移送"]
    rows = exported_rows(client, "/collaboration/transfers/export/", {"sort": "agency__name"})
    assert [row[1] for row in rows[1:]] == ["乙移送", "甲移送", "丙移送"]
    api = Api(client, "/api/collaboration")
    assert [t["summary"] for t in api.get("/transfers/", sort="due").json()["items"]] == [
        "乙移送",
        "丙移送",
        "甲移送",
    ]
    assert api.get("/transfers/", sort="agency__name").status_code == 422


@pytest.fixture
def register(agencies, urban, city):
    """Three 划转事项 of 东区, their codes and dates in different orders."""
    for code, name, on in (
        ("SCJG-CF-002", "乙事项", date(2026, 1, 5)),
        ("SCJG-CF-003", "丙事项", date(2026, 2, 1)),
        ("SCJG-CF-001", "甲事项", date(2026, 3, 1)),
    ):
        BoundaryItem.objects.create(
            region=city["east"], item_code=code, item_name=name, from_agency=agencies["east_market"],
            agency=urban, transferred_on=on, document="东政发〔2026〕1号",
        )  # fmt: skip


def names(client, **params) -> list[str]:
    return sorted_column(client, "/collaboration/boundaries/", column="item_name", rows="page", **params)


def test_the_boundary_register_sorts_both_ways(client, handler_user, register):
    client.force_login(handler_user)
    assert names(client) == ["甲事项", "乙事项", "丙事项"]  # the default: by item code
    assert names(client, sort="-code") == ["丙事项", "乙事项", "甲事项"]
    assert names(client, sort="date") == ["乙事项", "丙事项", "甲事项"]
    assert names(client, sort="-date") == ["甲事项", "丙事项", "乙事项"]
    body = client.get("/collaboration/boundaries/", {"q": "事项", "sort": "-date"}).content.decode()
    assert (
        '<th aria-sort="descending" class="sortable"><a href="?q=%E4%BA%8B%E9%A1%B9&amp;sort=date">划转日期'
        in body
    )
    api = Api(client, "/api/collaboration")
    assert [b["item_name"] for b in api.get("/boundaries/", sort="-date").json()["items"]] == [
        "甲事项",
        "丙事项",
        "乙事项",
    ]


@pytest.mark.parametrize("sort", UNDECLARED)
def test_an_undeclared_boundary_sort_is_the_default_order(client, handler_user, register, sort):
    client.force_login(handler_user)
    assert names(client, sort=sort) == ["甲事项", "乙事项", "丙事项"]
