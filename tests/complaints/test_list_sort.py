"""The 投诉举报 list on the core list kit (selectors.COMPLAINT_SORTS): exact order both ways, the default for
an undeclared column, the header link keeping the filters, the export in the same order."""

from datetime import date

import pytest

from tests.complaints.conftest import data
from tests.helpers import sorted_column, xlsx_rows
from zhifa.complaints import services
from zhifa.complaints.models import Complaint


@pytest.fixture
def three(city, catalogue):
    """Three complaints received on different days, their reply deadlines in another order."""
    made = []
    for title, received_on, reply_due in (
        ("甲投诉", date(2026, 3, 2), date(2026, 4, 20)),
        ("乙投诉", date(2026, 3, 3), date(2026, 4, 10)),
        ("丙投诉", date(2026, 3, 1), date(2026, 4, 15)),
    ):
        complaint, _ = services.complaint_submit(data=data(city, title=title))
        Complaint.objects.filter(pk=complaint.pk).update(received_on=received_on, reply_due=reply_due)
        made.append(complaint)
    return made


def titles(client, **params) -> list[str]:
    return sorted_column(client, "/complaints/", column="title", **params)


def test_received_and_due_both_ways(client, clerk, three):
    client.force_login(clerk)
    assert titles(client) == ["乙投诉", "甲投诉", "丙投诉"]  # the default: newest received first
    assert titles(client, sort="received") == ["丙投诉", "甲投诉", "乙投诉"]
    assert titles(client, sort="due") == ["乙投诉", "丙投诉", "甲投诉"]
    assert titles(client, sort="-due") == ["甲投诉", "丙投诉", "乙投诉"]


@pytest.mark.parametrize("sort", ["title", "-received_on", "agency__name", "-"])
def test_an_undeclared_sort_is_the_default_order(client, clerk, three, sort):
    client.force_login(clerk)
    assert titles(client, sort=sort) == ["乙投诉", "甲投诉", "丙投诉"]


def test_the_header_keeps_the_filters_and_the_export_follows(client, clerk, three):
    client.force_login(clerk)
    body = client.get("/complaints/", {"channel": "portal", "sort": "due"}).content.decode()
    assert '<th aria-sort="ascending" class="sortable"><a href="?channel=portal&amp;sort=-due">期限' in body
    assert 'href="/complaints/export.xlsx?channel=portal&amp;sort=due"' in body
    rows = xlsx_rows(client.get("/complaints/export.xlsx", {"channel": "portal", "sort": "due"}))
    assert [row[6] for row in rows[1:]] == ["乙投诉", "丙投诉", "甲投诉"]
