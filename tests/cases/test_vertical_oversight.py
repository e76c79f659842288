"""Vertical oversight (seed 002 (十三)): a city department reads the cases of its county counterparts in
the same 系统 — list, detail, export and API — and acts on none of them."""

import json
from datetime import date

import pytest

from tests.cases.conftest import FOOD_BASIS, certified, intake, link, penalty
from tests.cases.test_api import ACTIONS as API_ACTIONS
from tests.cases.test_api import intake_payload
from tests.cases.test_views import ALL_ACTIONS, Writes, advance, html, url
from tests.catalog.conftest import item_fields
from tests.factories import AgencyFactory, RegionFactory
from tests.helpers import xlsx_rows
from tests.review.helpers import pass_review
from zhifa.accounts.choices import RoleCode
from zhifa.cases import services
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.catalog import services as catalog
from zhifa.core import access
from zhifa.core.choices import RegionLevel
from zhifa.core.models import Record
from zhifa.review import selectors as review_selectors

pytestmark = pytest.mark.django_db


def case_in(agency, summary: str) -> Case:
    """A case of `agency` (with a published list of one item), registered by the system."""
    draft = catalog.draft_open(actor=None, agency=agency)
    catalog.item_create(
        actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[FOOD_BASIS], **item_fields()
    )
    catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
    return services.case_intake(actor=None, agency=agency, data=intake(summary=summary))


@pytest.fixture
def city_market(city):
    return AgencyFactory(name="测试市市场监督管理局", region=city["city"])


@pytest.fixture
def reader(city_market, make_user):
    """A leader of the city department holding every case permission, certified: only the scope stops
    them from acting on a county case."""
    user = make_user(
        city_market, RoleCode.OFFICER, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD, username="city_market"
    )
    return link(user, certified(city_market, "林涛"))


@pytest.fixture
def foreign(city, agencies):
    """Cases the city department must not see: the county's 生态环境局 and a county of another city."""
    other_city = RegionFactory(code="960100", name="别市", level=RegionLevel.CITY)
    other_county = RegionFactory(code="960102", name="北区", level=RegionLevel.COUNTY, parent=other_city)
    return {
        "env": case_in(AgencyFactory(name="东区生态环境局", region=city["east"]), "生态环境案件"),
        "elsewhere": case_in(AgencyFactory(name="北区市场监督管理局", region=other_county), "别市案件"),
    }


@pytest.fixture
def west_case(agencies):
    return case_in(agencies["west_market"], "西县案件")


def summaries(response) -> list[str]:
    return sorted(row["summary"] for row in response.json()["items"])


class TestTheCityDepartmentReads:
    def test_list_shows_both_counties_cases_and_nothing_else(
        self, client, reader, new_case, west_case, foreign
    ):
        client.force_login(reader)
        text = html(client.get("/cases/"))
        assert new_case.summary in text and "西县案件" in text
        assert "生态环境案件" not in text and "别市案件" not in text

    def test_export_has_the_counties_cases_only(self, client, reader, new_case, west_case, foreign):
        client.force_login(reader)
        rows = xlsx_rows(client.get("/cases/export.xlsx"))
        summaries_in_export = {cell for row in rows[1:] for cell in row}
        assert len(rows) == 3
        assert {new_case.summary, "西县案件"} <= summaries_in_export
        assert not {"生态环境案件", "别市案件"} & summaries_in_export

    def test_detail_page_without_any_action(self, client, reader, new_case, foreign):
        client.force_login(reader)
        response = client.get(url(new_case))
        assert response.status_code == 200
        text = html(response)
        assert new_case.summary in text and "东区市场监督管理局" in text
        assert all(f'href="{url(new_case, action)}"' not in text for action in ALL_ACTIONS)
        for case in foreign.values():
            assert client.get(url(case)).status_code == 404

    def test_api_lists_and_shows_the_case_without_actions(self, client, reader, new_case, west_case, foreign):
        client.force_login(reader)
        listed = client.get("/api/cases/")
        assert listed.json()["count"] == 2
        assert summaries(listed) == sorted([new_case.summary, "西县案件"])
        detail = client.get(f"/api/cases/{new_case.pk}")
        assert detail.status_code == 200
        assert detail.json()["summary"] == new_case.summary and detail.json()["actions"] == []
        for case in foreign.values():
            assert client.get(f"/api/cases/{case.pk}").status_code == 404

    def test_the_scope_is_one_query(self, reader, new_case, west_case, foreign, django_assert_num_queries):
        list(access.visible_to(reader, Case.objects.all()))  # the user's roles and agency, once a request
        with django_assert_num_queries(1):
            seen = sorted(c.summary for c in access.visible_to(reader, Case.objects.all()))
        assert seen == sorted([new_case.summary, "西县案件"])

    def test_review_figures_cover_the_counterparts(self, reader, agencies, foreign):
        assert sorted(a.name for a in review_selectors.stats_agencies(reader)) == sorted(
            ["东区市场监督管理局", "西县市场监督管理局", "测试市市场监督管理局"]
        )


class TestTheCityDepartmentDoesNotAct:
    def test_every_step_page_is_403_and_writes_nothing(self, client, reader, registered):
        client.force_login(reader)
        writes = Writes()
        for action in ALL_ACTIONS:
            assert client.get(url(registered, action)).status_code == 403, action
            assert (
                client.post(url(registered, action), {"reason": "x", "on": "2026-03-05"}).status_code == 403
            )
        assert writes.nothing

    def test_every_api_action_is_refused_and_writes_nothing(self, client, reader, registered):
        client.force_login(reader)
        before = (Record.objects.count(), Case.objects.count())
        for action in API_ACTIONS:
            response = client.post(
                f"/api/cases/{registered.pk}/{action}", data=json.dumps({}), content_type="application/json"
            )
            assert response.status_code in (403, 422), action
        response = client.post(
            f"/api/cases/{registered.pk}/decline",
            data=json.dumps({"reason": "不予立案"}),
            content_type="application/json",
        )
        assert response.status_code == 403
        assert (Record.objects.count(), Case.objects.count()) == before

    def test_a_reader_naming_an_unknown_officer_is_told_they_may_not_act(self, client, reader, registered):
        """The permission is checked before the body's officers are looked up (403, not 422)."""
        client.force_login(reader)
        before = (Record.objects.count(), Case.objects.count())
        bodies = {
            "assign": {"handlers": [{"officer_id": 987654, "role": "lead"}]},
            "hearing": {"on": "2026-03-05", "summary": "听证", "host_id": 987654},
        }
        for action, body in bodies.items():
            response = client.post(
                f"/api/cases/{registered.pk}/{action}", data=json.dumps(body), content_type="application/json"
            )
            assert response.status_code == 403, (action, response.content)
        assert (Record.objects.count(), Case.objects.count()) == before

    def test_no_case_can_be_registered_for_the_county(self, client, reader, agencies, catalogue):
        client.force_login(reader)
        before = Case.objects.count()
        payload = intake_payload(agency_id=agencies["east_market"].pk)
        response = client.post("/api/cases/", data=json.dumps(payload), content_type="application/json")
        assert response.status_code == 403
        assert response.json()["detail"] == "您无权在该机关登记案件"
        assert Case.objects.count() == before


class TestTheCityDepartmentReadsReviews:
    @pytest.fixture
    def review(self, new_case, handler_user, leader):
        case = advance(new_case, CaseStatus.REVIEWING, handler_user, leader)
        return pass_review(case, penalty())

    def test_list_detail_and_figures_without_acting(self, client, reader, review, foreign):
        client.force_login(reader)
        assert f'href="/review/{review.pk}/"' in html(client.get("/review/"))
        detail = html(client.get(f"/review/{review.pk}/"))
        assert review.case.summary in detail and f"/review/{review.pk}/opinion/" not in detail
        before = Record.objects.count()
        assert client.post(f"/review/{review.pk}/dispute/", {"reason": "不同意"}).status_code == 403
        assert Record.objects.count() == before
        figures = html(client.get("/review/stats/"))
        assert "东区市场监督管理局" in figures and "西县市场监督管理局" in figures
        assert "东区生态环境局" not in figures and "北区市场监督管理局" not in figures
