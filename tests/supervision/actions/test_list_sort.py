"""The 监督事项 list on the core list kit (selectors.ITEM_SORTS): exact order both ways, the default for an
undeclared column, the header keeping the filters, the export in the same order."""

import pytest

from tests.helpers import sorted_column, xlsx_rows
from zhifa.supervision.actions import services

BASE = "/supervision/actions"


@pytest.fixture
def west_item(city_supervisor, agencies):
    data = services.OpenInput(
        kind="special", target_kind="theme", theme="乱查封专项", agencies=[agencies["west_market"]]
    )
    return services.item_open(actor=city_supervisor, data=data)[0]


def listed(client, **params) -> list[int]:
    return sorted_column(client, f"{BASE}/", column="pk", **params)


def test_the_supervised_agency_both_ways(client, city_supervisor, item, west_item):
    client.force_login(city_supervisor)
    assert listed(client, sort="agency") == [item.pk, west_item.pk]  # 东区… before 西县…
    assert listed(client, sort="-agency") == [west_item.pk, item.pk]


@pytest.mark.parametrize("sort", ["status", "-opened_at", "agency__name", "-"])
def test_an_undeclared_sort_is_the_newest_opened_first(client, city_supervisor, item, west_item, sort):
    client.force_login(city_supervisor)
    assert listed(client, sort=sort) == [west_item.pk, item.pk]


def test_the_header_keeps_the_filters_and_the_export_follows(client, city_supervisor, item, west_item):
    client.force_login(city_supervisor)
    body = client.get(f"{BASE}/", {"q": "乱", "sort": "agency"}).content.decode()
    assert (
        '<th aria-sort="ascending" class="sortable"><a href="?q=%E4%B9%B1&amp;sort=-agency">被监督机关'
        in body
    )
    assert f'href="{BASE}/export.xlsx?q=%E4%B9%B1&amp;sort=agency"' in body
    rows = xlsx_rows(client.get(f"{BASE}/export.xlsx", {"sort": "-agency"}))
    assert [row[4] for row in rows[1:]] == ["西县市场监督管理局", "东区市场监督管理局"]
