"""Ill-formed year/page/limit/offset parameters are refused with a Chinese message naming the parameter —
a 400 page on the pages, a 422 in the API — and never answer 500 (issue 19: each was a 500)."""

import logging

import pytest

from tests.helpers import html
from zhifa.accounts.choices import RoleCode
from zhifa.core import params

pytestmark = pytest.mark.django_db

HUGE = 2**63


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD, username="head")


def api_errors(response) -> list[tuple[list, str]]:
    return [(e["loc"], e["msg"]) for e in response.json()["detail"]]


class TestPages:
    @pytest.mark.parametrize(
        ("url", "message"),
        [
            ("/review/stats/?year=0", "“年度”应为2000至2100之间的整数"),
            ("/review/stats/?year=abc", "“年度”应为2000至2100之间的整数"),
            ("/inspections/?year=abc", "“年度”应为2000至2100之间的整数"),
            ("/registry/compliance/?year=-210", "“年度”应为2000至2100之间的整数"),
            (f"/org/agencies/?page={HUGE}", "“页码”应为1至100000之间的整数"),
            ("/org/agencies/?page=abc", "“页码”应为1至100000之间的整数"),
        ],
    )
    def test_a_bad_parameter_is_a_400_page_naming_it(self, client, head, url, message):
        client.force_login(head)
        response = client.get(url)
        assert response.status_code == 400
        assert message in html(response)

    def test_a_page_past_the_end_still_gives_the_last_page(self, client, head):
        client.force_login(head)
        assert client.get("/org/agencies/?page=999").status_code == 200

    def test_a_year_in_range_is_taken(self, client, head):
        client.force_login(head)
        response = client.get("/review/stats/?year=2025")
        assert response.status_code == 200 and "2025" in html(response)

    def test_the_public_lists_refuse_an_absurd_page(self, client):
        assert client.get(f"/gs/inspections/?page={HUGE}").status_code == 400


class TestApi:
    @pytest.mark.parametrize(
        ("url", "loc", "message"),
        [
            ("/api/inspections/plans?year=x", ["query", "year"], "“年度”应为2000至2100之间的整数"),
            (
                "/api/registry/agencies/{east}/training?year=-210",
                ["query", "year"],
                "“年度”应为2000至2100之间的整数",
            ),
            ("/api/registry/officers/0/assessments/0", ["path", "year"], "“年度”应为2000至2100之间的整数"),
            (f"/api/workdays/2026-03-02/plus/{HUGE}", ["path", "n"], "“工作日数”应为-750至750之间的整数"),
            ("/api/workdays/2026-03-02/plus/100000", ["path", "n"], "“工作日数”应为-750至750之间的整数"),
            (
                "/api/workdays/9999-12-31/plus/1",
                ["path", "day"],
                "“日期”应为2000-01-01至2100-12-31之间的日期（YYYY-MM-DD）",
            ),
        ],
    )
    def test_a_bad_parameter_is_a_422_naming_it(self, client, head, agencies, url, loc, message):
        client.force_login(head)
        response = client.generic(
            "PUT" if "assessments" in url else "GET",
            url.format(east=agencies["east_market"].pk),
            '{"grade": "excellent"}',
            content_type="application/json",
        )
        assert response.status_code == 422, response.content
        assert api_errors(response) == [(loc, message)]

    def test_workdays_plus_writes_no_flood_of_warnings(self, client, head, caplog):
        client.force_login(head)
        with caplog.at_level(logging.WARNING):
            assert client.get("/api/workdays/2026-03-02/plus/999999").status_code == 422
        assert len(caplog.records) <= 1

    def test_workdays_plus_within_range_answers(self, client, head):
        client.force_login(head)
        response = client.get("/api/workdays/2026-09-30/plus/1")
        assert response.json() == {"date": "2026-10-08", "is_workday": True}


def paginated_lists() -> list[str]:
    """Every GET of the API that takes limit/offset, path ids filled in (parameters are checked first)."""
    import re

    from zhifa.api import api

    schema = api.get_openapi_schema()
    return [
        re.sub(r"\{[^}]+\}", "1", path)
        for path, ops in schema["paths"].items()
        if any(p["name"] == "offset" for p in ops.get("get", {}).get("parameters", []))
    ]


PAGINATED = paginated_lists()


class TestPagination:
    @pytest.mark.parametrize("url", PAGINATED)
    @pytest.mark.parametrize(
        ("query", "loc", "message"),
        [
            (f"limit={HUGE}", ["query", "limit"], "“每页条数”应为1至500之间的整数"),
            (f"offset={HUGE}", ["query", "offset"], "“起始位置”应为0至10000000之间的整数"),
            ("offset=-1", ["query", "offset"], "“起始位置”应为0至10000000之间的整数"),
            ("limit=abc", ["query", "limit"], "“每页条数”应为1至500之间的整数"),
        ],
    )
    def test_limit_and_offset_out_of_range_are_a_422(self, client, head, url, query, loc, message):
        client.force_login(head)
        response = client.get(f"{url}?{query}")
        assert response.status_code == 422, response.content
        assert api_errors(response) == [(loc, message)]

    def test_every_paginated_list_uses_the_bounded_pagination(self):
        from zhifa.api import api

        schema = api.get_openapi_schema()
        lists = [ops["get"] for ops in schema["paths"].values() if "get" in ops]
        lists = [op for op in lists if any(p["name"] == "offset" for p in op.get("parameters", []))]
        assert len(lists) == len(PAGINATED) >= 15
        for op in lists:
            query = {p["name"]: p["schema"] for p in op["parameters"]}
            assert query["offset"]["maximum"] == params.OFFSET_MAX, op["operationId"]
            assert query["limit"]["maximum"] == params.LIMIT_MAX, op["operationId"]

    def test_a_limit_in_range_pages(self, client, head):
        client.force_login(head)
        data = client.get("/api/regions?limit=1&offset=1").json()
        assert (data["count"], [r["code"] for r in data["items"]]) == (3, ["970102"])


class TestIds:
    def test_a_filter_by_plan_that_is_no_id_is_refused(self, client, head):
        client.force_login(head)
        response = client.get("/api/inspections/tasks?plan=拟处理意见")
        assert api_errors(response) == [(["query", "plan"], "“抽查计划”应为1至2147483647之间的整数")]
        assert client.get("/inspections/tasks/?plan=abc").status_code == 400
