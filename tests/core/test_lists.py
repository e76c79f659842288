"""The list kit: sortable columns by a whitelist (core.sorting), numbered pages and the page size
(core.params.paginate, core/_pagination.html), on the officer list (registry) as a user sees it."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import OfficerFactory
from tests.helpers import html
from zhifa.core.hygiene import has_control
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.registry.choices import PersonKind

SORTS = Sorts(SortColumn("name", "姓名", ("name",)), SortColumn("kind", "人员类别", ("kind", "name")))


class TestSortParsing:
    @pytest.mark.parametrize(
        ("raw", "ordering"),
        [("name", ["name", "id"]), ("-name", ["-name", "-id"]), ("-kind", ["-kind", "-name", "-id"])],
    )
    def test_a_declared_column_sorts_with_the_id_as_tiebreak(self, raw, ordering):
        sorting = SORTS.parse(raw)
        assert SORTS.ordering(sorting.key, sorting.descending) == ordering and sorting.value == raw

    @pytest.mark.parametrize(
        "raw", ["", "-", "--name", "id", "password", "name;drop", "agency__name", "x" * 500, None]
    )
    def test_anything_else_is_the_default_order(self, raw):
        sorting = SORTS.parse(raw)
        assert (sorting.key, sorting.value) == (None, "")

    def test_the_api_parameter_takes_exactly_the_declared_values(self):
        from typing import Annotated, Literal

        from pydantic import BaseModel, ValidationError

        assert SORTS.values() == ("", "name", "-name", "kind", "-kind")

        class Derived(BaseModel):
            sort: Annotated[str, SORTS] = ""

        class Spelled(BaseModel):
            sort: Literal["", "name", "-name", "kind", "-kind"] = ""

        assert [Derived(sort=v).sort for v in SORTS.values()] == ["", "name", "-name", "kind", "-kind"]
        assert Derived.model_json_schema() == Spelled.model_json_schema() | {"title": "Derived"}
        for raw in ("id", "--name", "Name", "name "):
            with pytest.raises(ValidationError) as derived:
                Derived(sort=raw)
            with pytest.raises(ValidationError) as spelled:
                Spelled(sort=raw)
            assert derived.value.errors() == spelled.value.errors()
            assert (
                derived.value.errors()[0]["msg"] == "Input should be '', 'name', '-name', 'kind' or '-kind'"
            )

    def test_a_click_sorts_ascending_first_then_reverses(self):
        assert SORTS.parse("").next_value("name") == "name"
        assert SORTS.parse("name").next_value("name") == "-name"
        assert SORTS.parse("-name").next_value("name") == "name"
        assert SORTS.parse("-name").next_value("kind") == "kind"
        assert [SORTS.parse("-name").direction_of(k) for k in ("name", "kind")] == ["descending", "none"]


@pytest.fixture
def staff(agencies):
    east = agencies["east_market"]
    return [
        OfficerFactory(agency=east, name="丙", kind=PersonKind.OFFICER, post="稽查"),
        OfficerFactory(agency=east, name="甲", kind=PersonKind.AUXILIARY, post="巡查"),
        OfficerFactory(agency=east, name="乙", kind=PersonKind.OFFICER, post="巡查"),
    ]


def names(client, **params) -> list[str]:
    response = client.get("/registry/officers/", params)
    assert response.status_code == 200
    return [row["officer"].name for row in response.context["rows"]]


class TestOfficerListSort:
    def test_default_order_then_asc_and_desc_by_name(self, client, officer, staff):
        client.force_login(officer)
        assert names(client) == ["丙", "乙", "甲"]  # the list's own order (agency, name)
        assert names(client, sort="name") == sorted(["丙", "乙", "甲"])
        assert names(client, sort="-name") == sorted(["丙", "乙", "甲"], reverse=True)

    def test_a_column_of_equal_values_falls_back_to_its_declared_order(self, client, officer, staff):
        client.force_login(officer)
        expected = sorted(staff, key=lambda o: (o.kind, o.name, o.pk))
        assert names(client, sort="kind") == [o.name for o in expected]
        assert names(client, sort="-kind") == [o.name for o in reversed(expected)]

    @pytest.mark.parametrize("sort", ["id_number", "-password", "name,id", "ＮＡＭＥ", "1", "-"])
    def test_a_column_not_declared_keeps_the_default_order(self, client, officer, staff, sort):
        client.force_login(officer)
        assert names(client, sort=sort) == ["丙", "乙", "甲"]

    def test_the_header_links_sort_keeping_the_filters_and_shows_the_direction(self, client, officer, staff):
        client.force_login(officer)
        body = html(client.get("/registry/officers/", {"q": "乙", "sort": "name", "page_size": "50"}))
        q = quote("乙")
        assert (
            f'<th aria-sort="ascending" class="sortable"><a href="?q={q}&amp;page_size=50&amp;sort=-name">姓名'
            in body
        )
        assert (
            f'<th aria-sort="none" class="sortable"><a href="?q={q}&amp;page_size=50&amp;sort=kind">人员类别'
            in body
        )
        assert f'href="/registry/officers/export.xlsx?q={q}&amp;sort=name"' in body  # the export's too

    def test_the_export_follows_the_sort(self, client, officer, staff):
        from tests.helpers import xlsx_rows

        client.force_login(officer)
        rows = xlsx_rows(client.get("/registry/officers/export.xlsx", {"sort": "-name"}))
        assert [row[0] for row in rows[1:]] == sorted(["丙", "乙", "甲"], reverse=True)

    def test_sorting_adds_no_query(self, client, officer, staff):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(officer)
        names(client)  # warm the session and caches
        with CaptureQueriesContext(connection) as default:
            names(client)
        with CaptureQueriesContext(connection) as sorted_:
            names(client, sort="-post")
        assert len(sorted_) == len(default)


class TestNumberedPages:
    @pytest.fixture
    def many(self, agencies):
        return [OfficerFactory(agency=agencies["east_market"], name=f"赵{n:02}") for n in range(25)]

    def test_page_numbers_with_gaps_and_the_total(self, client, officer, many, settings):
        settings.ZHIFA_PAGE_SIZE = 2  # 13 pages
        client.force_login(officer)
        response = client.get("/registry/officers/", {"q": "赵", "page": 6})
        body = html(response)
        assert "共 25 条，第 6/13 页" in body
        assert [str(n) for n in response.context["page"].numbers] == ["1", "…", "5", "6", "7", "…", "13"]
        q = quote("赵")
        assert '<span class="page-current" aria-current="page">6</span>' in body
        assert f'<a href="?q={q}&page=5" aria-label="第5页">5</a>' in body
        assert f'<a href="?q={q}&page=13" aria-label="第13页">13</a>' in body
        assert f'<a href="?q={q}&page=2"' not in body

    def test_the_page_size_choice_keeps_filters_and_sort(self, client, officer, many):
        client.force_login(officer)
        response = client.get("/registry/officers/", {"q": "赵", "sort": "-name", "page_size": "10"})
        body = html(response)
        assert [row["officer"].name for row in response.context["rows"]][:2] == ["赵24", "赵23"]
        assert len(response.context["rows"]) == 10 and "共 25 条，第 1/3 页" in body
        assert (
            '<input type="hidden" name="q" value="赵"><input type="hidden" name="sort" value="-name">' in body
        )
        assert '<option value="10" selected>每页10条</option>' in body
        assert f'href="?q={quote("赵")}&sort=-name&page_size=10&page=2"' in body

    @pytest.mark.parametrize("size", ["7", "1000", "-10", "abc", "10.0", "", "1e2"])
    def test_a_size_not_offered_is_the_default(self, client, officer, many, size, settings):
        settings.ZHIFA_PAGE_SIZE = 20
        client.force_login(officer)
        response = client.get("/registry/officers/", {"page_size": size})
        assert response.status_code == 200 and len(response.context["rows"]) == 20


class TestParamsNeverFail:
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        sort=st.one_of(st.sampled_from(["name", "-name", "kind", "-post", "-"]), st.text(max_size=60)),
        size=st.one_of(st.sampled_from(["10", "20", "50", "100"]), st.text(max_size=8)),
    )
    def test_any_sort_and_size_answer_200(self, client, officer, staff, sort, size):
        client.force_login(officer)
        for path in ("/registry/officers/", "/cases/"):
            response = client.get(path, {"sort": sort, "page_size": size})
            # a control character is refused for every parameter (core.hygiene); nothing else is
            expected = 400 if has_control(sort) or has_control(size) else 200
            assert response.status_code == expected, (path, sort, size)
