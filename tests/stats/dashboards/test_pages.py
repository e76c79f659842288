"""驾驶舱 pages: exact figures per level, the drill-down, refusal of bad periods, access, export."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.helpers import html
from tests.stats.dashboards.conftest import QUERY
from zhifa.accounts.choices import RoleCode


def _get(client, user, url, **query):
    client.force_login(user)
    return client.get(url, {**QUERY, **query})


def test_city_supervisor_sees_both_counties_with_exact_figures(client, data, city, city_supervisor):
    response = _get(client, city_supervisor, "/stats/")
    assert response.status_code == 200
    page = html(response)
    assert "统计分析驾驶舱 · 测试市" in page
    # 4 cases registered in the period (the 2025 one not counted); fines 5000 + 1234567.89 + 200
    assert response.context["board"].count("case_status") == 4
    assert response.context["board"].count("decision_kind", "penalty") == 3
    assert "¥1,239,767.89" in page
    units = {u["unit"].name: [v for v, _ in u["cells"]] for u in response.context["units"]}
    assert units["东区"][:3] == ["3", "2", "¥1,239,567.89"]
    assert units["西县"][:3] == ["1", "1", "¥200.00"]
    # a unit links to its own dashboard
    assert f'href="/stats/region/{city["east"].code}/?start=2026-01-01&amp;end=2026-06-30"' in page


def test_drill_from_city_to_county_to_agency_to_records(client, data, city, agencies, city_supervisor):
    county = _get(client, city_supervisor, f"/stats/region/{city['east'].code}/")
    assert county.status_code == 200
    names = [u["unit"].name for u in county.context["units"]]
    assert names == ["东区市场监督管理局", "东区司法局"]
    agency = _get(client, city_supervisor, f"/stats/agency/{agencies['east_market'].pk}/")
    assert agency.context["board"].count("case_status", "closed") == 2
    # at one agency a case number links to the cases list with its filters
    page = html(agency)
    assert (
        f"/cases/?agency={agencies['east_market'].pk}&amp;date_field=registered_on&amp;date_from=2026-01-01"
        "&amp;date_to=2026-06-30&amp;status=closed" in page
    )
    records = _get(
        client, city_supervisor, f"/stats/region/{city['east'].code}/records/decision_kind/", key="penalty"
    )
    assert records.status_code == 200
    rows = [cells for cells, _ in records.context["rows"]]
    assert [row[4] for row in rows] == ["¥1,234,567.89", "¥5,000.00"]
    assert records.context["page"].paginator.count == 2


def test_unknown_figure_is_404(client, data, city, city_supervisor):
    assert (
        _get(client, city_supervisor, f"/stats/region/{city['east'].code}/records/nothing/").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "end", "“截止日期”早于“起始日期”，统计期间为空"),
        ({"start": ""}, "start", "请填写起始日期"),
        ({"end": "2026-13-01"}, "end", "“截止日期”应为2000-01-01至2100-12-31之间的日期（YYYY-MM-DD）"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(client, data, city_supervisor, query, field, message):
    response = _get(client, city_supervisor, "/stats/", **query)
    assert response.status_code == 400
    assert response.context["errors"] == {field: message}
    assert message in html(response)
    assert "board" not in response.context


def test_county_supervisor_sees_only_own_county(client, data, city, agencies, east_supervisor):
    own = _get(client, east_supervisor, "/stats/")
    assert own.context["board"].count("case_status") == 3
    assert _get(client, east_supervisor, f"/stats/region/{city['west'].code}/").status_code == 404
    assert _get(client, east_supervisor, f"/stats/region/{city['city'].code}/").status_code == 404
    assert _get(client, east_supervisor, f"/stats/agency/{agencies['west_market'].pk}/").status_code == 404
    assert (
        _get(
            client, east_supervisor, f"/stats/agency/{agencies['west_market'].pk}/records/case_status/"
        ).status_code
        == 404
    )


def test_agency_head_sees_own_agency_only(client, data, city, agencies, east_head):
    own = _get(client, east_head, "/stats/")
    assert own.context["scope"].agency == agencies["east_market"]
    assert own.context["board"].count("case_status") == 3
    assert own.context["units"] == []
    assert _get(client, east_head, f"/stats/region/{city['east'].code}/").status_code == 404
    assert _get(client, east_head, f"/stats/agency/{agencies['west_market'].pk}/").status_code == 404


def test_an_officer_has_no_dashboard(client, data, agencies, make_user):
    officer = make_user(agencies["east_market"], RoleCode.OFFICER, username="plain_officer")
    assert _get(client, officer, "/stats/").status_code == 403


def test_export_has_the_pages_figures(client, data, city_supervisor):
    response = _get(client, city_supervisor, "/stats/region/970100/export/")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    kpis = {row[2]: row[3] for row in book["主要指标"].iter_rows(min_row=2, values_only=True)}
    assert kpis["立案"] == "4"
    assert kpis["罚款"] == "¥1,239,767.89"
    units = list(book["分单位"].iter_rows(values_only=True))
    assert units[0][:4] == ("单位", "立案", "行政处罚", "罚款（元）")
    assert units[1][:4] == ("东区", 3, 2, 1239567.89)
    trend = {row[0]: row[1:] for row in book["按月趋势"].iter_rows(min_row=2, values_only=True)}
    assert trend["2026-05"][0] == 1  # the big case, registered 2026-05-01


def test_the_page_reads_charts_from_local_static_files(client, data, city_supervisor):
    page = html(_get(client, city_supervisor, "/stats/"))
    assert "/static/vendor/echarts/echarts.min.js" in page
    assert 'id="stats-charts"' in page
    assert "http" not in page.split("<body", 1)[0].replace("http-equiv", "")


def test_the_menu_offers_the_dashboard_to_supervisors_and_heads(
    client, city_supervisor, east_head, agencies, make_user
):
    for user in (city_supervisor, east_head):
        client.force_login(user)
        assert 'href="/stats/"' in html(client.get("/"))
    client.force_login(make_user(agencies["east_market"], RoleCode.OFFICER, username="menu_officer"))
    assert 'href="/stats/"' not in html(client.get("/"))
