"""按期率 per unit on a region's dashboard: each sub-region's and agency's figures of every registered rate,
added up from the rate's one grouped query (the page, the xlsx and the API alike), each figure linking to the
rows behind it, and the cost independent of the number of agencies."""

from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import AgencyFactory
from tests.helpers import html
from tests.stats.dashboards.conftest import QUERY

DECISION = "cases.decision"


def _cells(response, code: str) -> dict[str, dict]:
    """{unit name: the cell of rate `code`} of the page's unit table."""
    labels = [r["figure"].rate.code for r in response.context["rates"]]
    at = labels.index(code)
    return {row["unit"].name: row["cells"][at] for row in response.context["unit_rates"]}


def _figures(cell) -> tuple[int, int, str, int]:
    return cell["tally"].due, cell["tally"].on_time, cell["share"], cell["late"]


def test_each_unit_shows_its_decision_rate_linking_to_its_rows(client, data, city, city_supervisor):
    client.force_login(city_supervisor)
    response = client.get("/stats/", QUERY)
    cells = _cells(response, DECISION)
    # 东区: four cases due 2026-05-31, three decided in time, the one under investigation late; 西县: one in time
    assert {name: _figures(cell) for name, cell in cells.items()} == {
        "东区": (4, 3, "75.0%", 1),
        "西县": (1, 1, "100.0%", 0),
        "测试市司法局": (0, 0, "无", 0),
    }
    east = cells["东区"]
    assert east["due_url"] == (
        f"/stats/region/{city['east'].code}/records/rate-cases.decision/?start=2026-01-01&end=2026-06-30&key=due"
    )
    page = html(response)
    assert "分区划、分机关按期办理率" in page and "3/4（75.0%）" in page and "逾期1" in page
    due = client.get(east["due_url"])
    assert due.status_code == 200 and due.context["page"].paginator.count == 4
    late = client.get(east["late_url"])
    assert [url for _, url in late.context["rows"]] == [f"/cases/{data['open'].pk}/"]


def test_the_export_and_the_api_carry_the_unit_rates(client, data, city, city_supervisor):
    client.force_login(city_supervisor)
    book = load_workbook(BytesIO(client.get(f"/stats/region/{city['city'].code}/export/", QUERY).content))
    rows = list(book["分单位按期率"].iter_rows(values_only=True))
    at = rows[0].index("决定按期率（应办）")
    assert [(row[0], *row[at : at + 3]) for row in rows[1:]] == [
        ("东区", 4, 3, "75.0%"),
        ("西县", 1, 1, "100.0%"),
        ("测试市司法局", 0, 0, "无"),
    ]
    body = client.get("/api/stats/dashboard", {"region": city["city"].code, **QUERY}).json()
    decision = {
        u["name"]: next(
            (r["due"], r["on_time"], r["late"], r["rate"]) for r in u["rates"] if r["code"] == DECISION
        )
        for u in body["units"]
    }
    assert decision == {"东区": (4, 3, 1, 0.75), "西县": (1, 1, 0, 1.0), "测试市司法局": (0, 0, 0, None)}
    assert [r["code"] for r in body["units"][0]["rates"]] == [r["code"] for r in body["rates"]]


def test_unit_rates_cost_the_same_queries_however_many_agencies(
    client, data, city, agencies, make_case, east_supervisor
):
    client.force_login(east_supervisor)
    url = f"/stats/region/{city['east'].code}/"
    client.get(url, QUERY)  # warm the caches (session, user)
    with CaptureQueriesContext(connection) as before:
        client.get(url, QUERY)
    for n in range(5):
        make_case(AgencyFactory(name=f"东区第{n}局", region=city["east"]), fine="1", decide=n % 2 == 0)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url, QUERY)
    assert len(after.captured_queries) == len(before.captured_queries)
    cells = {name: _figures(cell) for name, cell in _cells(response, DECISION).items()}
    assert cells["东区市场监督管理局"] == (4, 3, "75.0%", 1)
    assert [cells[f"东区第{n}局"] for n in range(5)] == [
        (1, 1, "100.0%", 0),
        (1, 0, "0.0%", 1),
        (1, 1, "100.0%", 0),
        (1, 0, "0.0%", 1),
        (1, 1, "100.0%", 0),
    ]
