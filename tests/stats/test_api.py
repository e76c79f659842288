"""GET /api/stats/ontime: the caller's jurisdiction only, per agency and in total; empty or reversed
periods refused in Chinese, naming the field."""

from datetime import date

import pytest
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.core.models import Record

from ..helpers import Api, errors
from . import rows

URL = "/ontime"


@pytest.fixture
def seeded(agencies):
    east, west = agencies["east_market"], agencies["west_market"]
    rows.decision(east, date(2025, 3, 10), date(2025, 3, 10))
    rows.decision(east, date(2025, 3, 11), date(2025, 3, 12))
    rows.decision(east, date(2025, 3, 12), date(2025, 3, 3))
    rows.decision(west, date(2025, 3, 12), None)
    return east, west


def _api(client, user) -> Api:
    return Api(client, "/api/stats").login(user)


def _decisions(body) -> dict:
    return next(r for r in body["rates"] if r["code"] == "cases.decision")


def test_an_agency_sees_its_own_figures_only(client, seeded, make_user):
    east, _west = seeded
    user = make_user(east, RoleCode.OFFICER)
    response = _api(client, user).get(URL, start="2025-03-01", end="2025-03-31")
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == ("2025-03-01", "2025-03-31")
    assert [r["label"] for r in body["rates"]][:2] == ["决定按期率", "送达按期率"]
    decisions = _decisions(body)
    assert (decisions["due"], decisions["on_time"]) == (3, 2)
    assert decisions["rate"] == pytest.approx(2 / 3)
    assert decisions["agencies"] == [
        {
            "agency_id": east.pk,
            "agency": "东区市场监督管理局",
            "due": 3,
            "on_time": 2,
            "rate": pytest.approx(2 / 3),
        }
    ]
    # the three decisions (03-03, 03-10, 03-12) were to be served by 03-12, 03-19 and 03-21: none was
    service = next(r for r in body["rates"] if r["code"] == "cases.service")
    assert (service["due"], service["on_time"], service["rate"]) == (3, 0, 0.0)
    transfers = next(r for r in body["rates"] if r["code"] == "collaboration.transfer")
    assert (transfers["due"], transfers["on_time"], transfers["rate"], transfers["agencies"]) == (
        0,
        0,
        None,
        [],
    )


def test_the_city_supervisor_sees_every_agency_of_the_city(client, seeded, agencies, make_user):
    _east, _west = seeded
    user = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
    body = _api(client, user).get(URL, start="2025-03-01", end="2025-03-31").json()
    decisions = _decisions(body)
    assert (decisions["due"], decisions["on_time"]) == (4, 2)
    assert [(a["agency"], a["due"], a["on_time"]) for a in decisions["agencies"]] == [
        ("东区市场监督管理局", 3, 2),
        ("西县市场监督管理局", 1, 0),
    ]


def test_a_period_of_one_day(client, seeded, make_user):
    east, _ = seeded
    body = (
        _api(client, make_user(east, RoleCode.OFFICER)).get(URL, start="2025-03-11", end="2025-03-11").json()
    )
    assert (_decisions(body)["due"], _decisions(body)["on_time"]) == (1, 0)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "", "end": "2025-03-31"}, "start", "请填写起始日期"),
        ({"start": "2025-03-01", "end": " "}, "end", "请填写截止日期"),
        ({"start": "2025-03-31", "end": "2025-03-01"}, "end", "“截止日期”早于“起始日期”，统计期间为空"),
        (
            {"start": "2025-13-01", "end": "2025-03-01"},
            "start",
            "“起始日期”应为2000-01-01至2100-12-31之间的日期（YYYY-MM-DD）",
        ),
        (
            {"start": "2025-03-01", "end": "9999-12-31"},
            "end",
            "“截止日期”应为2000-01-01至2100-12-31之间的日期（YYYY-MM-DD）",
        ),
    ],
)
def test_an_empty_or_reversed_period_is_refused(client, seeded, make_user, params, field, message):
    east, _ = seeded
    before = Record.objects.count()
    response = _api(client, make_user(east, RoleCode.OFFICER)).get(URL, **params)
    assert errors(response) == {field: message}
    assert Record.objects.count() == before


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": ""}, "start", "请填写起始日期"),
        ({"start": "2025-03-31", "end": "2025-03-01"}, "end", "“截止日期”早于“起始日期”，统计期间为空"),
    ],
)
def test_the_dashboard_and_its_api_refuse_the_same_period_in_the_same_words(
    client, seeded, agencies, make_user, params, field, message
):
    user = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
    assert errors(_api(client, user).get(URL, **params)) == {field: message}
    assert errors(client.get("/api/stats/dashboard", params)) == {field: message}
    page = client.get("/stats/", params)
    assert page.status_code == 400 and page.context["errors"] == {field: message}


def test_an_absent_period_is_this_year_to_date(client, seeded, make_user):
    east, _ = seeded
    body = _api(client, make_user(east, RoleCode.OFFICER)).get(URL).json()
    today = timezone.localdate()
    assert (body["start"], body["end"]) == (f"{today.year}-01-01", today.isoformat())


def test_signed_out_is_refused(client, db):
    assert client.get("/api/stats/ontime?start=2025-03-01&end=2025-03-31").status_code == 401
