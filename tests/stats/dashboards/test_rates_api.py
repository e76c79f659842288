"""The on-time rates registered in stats.ontime.RATES on the dashboard (a rate of the test's own, built on
real cases: 决定期限 met), the API's figures, and the cost of a dashboard (the same number of queries
however many agencies)."""

import pytest
from django.db import connection
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import errors, html
from tests.stats.dashboards.conftest import QUERY
from zhifa.cases.models import Case
from zhifa.stats import ontime
from zhifa.stats.ontime import OnTimeRate, Tally


def _due(agency_ids, period):
    return Case.objects.filter(
        agency_id__in=agency_ids, decision_due__gte=period.start, decision_due__lte=period.end
    )


MET = Q(decision__decided_on__lte=F("decision_due"))


def _tally(agency_ids, period):
    rows = (
        _due(agency_ids, period)
        .order_by()
        .values("agency_id")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=MET))
    )
    return {row["agency_id"]: Tally(row["due"], row["on_time"]) for row in rows}


def _rows(agency_ids, period, late_only):
    rows = _due(agency_ids, period)
    return rows.exclude(MET) if late_only else rows


TEST_RATE = OnTimeRate(
    code="test-decisions",
    label="测试：处理决定按期",
    tally=_tally,
    rows=_rows,
    row_url=lambda case: reverse("cases:case_detail", args=[case.pk]),
)


@pytest.fixture
def registered_rate():
    saved = list(ontime.RATES)
    ontime.register_rate(TEST_RATE)
    yield TEST_RATE
    ontime.RATES[:] = saved


def test_a_registered_rate_is_shown_with_its_late_rows(client, data, city_supervisor, registered_rate):
    client.force_login(city_supervisor)
    response = client.get("/stats/", QUERY)
    (rate,) = [r for r in response.context["rates"] if r["figure"].rate.code == "test-decisions"]
    # due 2026-05-31: 东区's four (the one under investigation undecided) and 西县's one
    assert (rate["figure"].total.due, rate["figure"].total.on_time, rate["figure"].late) == (5, 4, 1)
    assert rate["share"] == "80.0%"
    assert "测试：处理决定按期" in html(response)
    late = client.get(rate["late_url"])
    assert late.status_code == 200
    assert [url for _, url in late.context["rows"]] == [f"/cases/{data['open'].pk}/"]


def test_no_rate_due_is_shown_as_nothing_due(client, data, east_head, registered_rate):
    client.force_login(east_head)
    response = client.get("/stats/", {"start": "2026-01-01", "end": "2026-01-31"})
    assert "无应办事项" in html(response)


def test_the_api_gives_the_pages_figures(client, data, city, agencies, city_supervisor, registered_rate):
    client.force_login(city_supervisor)
    body = client.get("/api/stats/dashboard", {"region": city["city"].code, **QUERY}).json()
    assert body["scope_name"] == "测试市"
    assert body["fines_total"] == "1239767.89"
    sections = {s["code"]: s for s in body["sections"]}
    assert sections["case_status"]["total"] == 4
    assert {line["key"]: line["count"] for line in sections["decision_kind"]["lines"]} == {"penalty": 3}
    assert [(u["name"], u["cases"], u["fines"]) for u in body["units"]] == [
        ("东区", 3, "1239567.89"),
        ("西县", 1, "200.00"),
        ("测试市司法局", 0, "0.00"),
    ]
    assert [
        (r["code"], r["due"], r["on_time"], r["rate"]) for r in body["rates"] if r["code"] == "test-decisions"
    ] == [("test-decisions", 5, 4, 0.8)]
    agency = client.get(f"/api/stats/agencies/{agencies['west_market'].pk}/dashboard", QUERY).json()
    assert agency["scope_kind"] == "agency"
    assert agency["fines_total"] == "200.00"


def test_the_api_refuses_a_reversed_period_and_another_region(client, data, city, east_supervisor):
    client.force_login(east_supervisor)
    response = client.get("/api/stats/dashboard", {"start": "2026-06-01", "end": "2026-05-01"})
    assert errors(response) == {"end": "“截止日期”早于“起始日期”，统计期间为空"}
    assert client.get("/api/stats/dashboard", {"start": ""}).status_code == 422
    assert client.get("/api/stats/dashboard", {"region": city["west"].code}).status_code == 404


def test_a_dashboard_costs_the_same_queries_however_many_agencies(
    client, data, city, make_case, city_supervisor
):
    from tests.factories import AgencyFactory

    client.force_login(city_supervisor)
    client.get("/stats/", QUERY)  # warm the caches (session, user)
    with CaptureQueriesContext(connection) as before:
        client.get("/stats/", QUERY)
    for n in range(5):
        make_case(AgencyFactory(name=f"西县第{n}局", region=city["west"]), fine="1")
    with CaptureQueriesContext(connection) as after:
        response = client.get("/stats/", QUERY)
    assert response.context["board"].count("case_status") == 9
    assert len(after.captured_queries) == len(before.captured_queries)


def test_page_and_api_give_the_same_figures(client, data, city, city_supervisor, registered_rate):
    client.force_login(city_supervisor)
    page = client.get(f"/stats/region/{city['east'].code}/", QUERY).context
    api = client.get("/api/stats/dashboard", {"region": city["east"].code, **QUERY}).json()
    assert {s.code: [(line.key, line.n) for line in s.lines] for s in page["board"].sections} == {
        s["code"]: [(line["key"], line["count"]) for line in s["lines"]] for s in api["sections"]
    }
    assert [u["unit"].name for u in page["units"]] == [u["name"] for u in api["units"]]
    assert [str(n) for n in page["board"].trends["立案"]] == next(
        t["values"] for t in api["trends"] if t["name"] == "立案"
    )
    assert str(page["board"].fines) == api["fines_total"]
