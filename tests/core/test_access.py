"""Jurisdiction: who sees which agency, in lists, detail pages, exports and the API."""

from io import BytesIO

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from openpyxl import load_workbook

from tests.factories import AgencyFactory, RegionFactory
from zhifa.accounts.choices import RoleCode
from zhifa.core import access, selectors
from zhifa.core.exports import streamed_bytes
from zhifa.core.models import Agency

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(a.name for a in queryset)


class TestVisibleTo:
    def test_business_roles_see_only_their_own_agency(self, agencies, officer):
        assert names(selectors.agencies_visible_to(officer)) == ["东区市场监督管理局"]

    def test_county_supervisor_sees_the_county(self, agencies, make_user):
        supervisor = make_user(agencies["east_justice"], RoleCode.SUPERVISOR)
        assert names(selectors.agencies_visible_to(supervisor)) == ["东区司法局", "东区市场监督管理局"]

    def test_city_supervisor_sees_the_whole_city(self, agencies, make_user):
        supervisor = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
        assert len(selectors.agencies_visible_to(supervisor)) == 4

    def test_a_user_without_roles_or_agency_sees_nothing(self, agencies, make_user):
        assert not selectors.agencies_visible_to(make_user(agencies["east_market"]))
        assert not selectors.agencies_visible_to(make_user(None, RoleCode.OFFICER))

    def test_audit_admin_reads_records_but_no_agency_list(self, agencies, make_user):
        auditor = make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN)
        assert not selectors.agencies_visible_to(auditor)
        assert access.visible_to(auditor, Agency.objects.all(), "core.view_record").count() == 4

    def test_get_visible_or_404(self, agencies, officer):
        assert access.get_visible_or_404(officer, Agency.objects.all(), pk=agencies["east_market"].pk)
        with pytest.raises(Http404):
            access.get_visible_or_404(officer, Agency.objects.all(), pk=agencies["west_market"].pk)
        with pytest.raises(Http404):
            access.get_visible_or_404(officer, Agency.objects.all(), pk="not-a-number")

    def test_require_distinguishes_not_visible_from_not_allowed(self, agencies, officer):
        with pytest.raises(PermissionDenied):
            access.require(officer, "core.change_agency", agencies["east_market"])
        with pytest.raises(Http404):
            access.require(officer, "core.change_agency", agencies["west_market"])
        access.require(officer, "core.view_agency", agencies["east_market"])


class TestPages:
    def test_login_is_required(self, client, agencies):
        response = client.get("/org/agencies/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_list_shows_own_agency_only(self, client, agencies, officer, django_assert_max_num_queries):
        client.force_login(officer)
        with django_assert_max_num_queries(11):  # 10, and the top bar's unread 站内消息 count
            response = client.get("/org/agencies/")
        body = response.content.decode()
        assert "东区市场监督管理局" in body and "西县市场监督管理局" not in body

    def test_detail_of_another_agency_is_404(self, client, agencies, officer):
        client.force_login(officer)
        assert client.get(f"/org/agencies/{agencies['east_market'].pk}/").status_code == 200
        assert client.get(f"/org/agencies/{agencies['west_market'].pk}/").status_code == 404
        assert client.get("/org/agencies/999999/").status_code == 404

    def test_export_is_scoped_like_the_list(self, client, agencies, make_user):
        client.force_login(make_user(agencies["east_justice"], RoleCode.SUPERVISOR))
        response = client.get("/org/agencies/export.xlsx")
        assert response.streaming
        sheet = load_workbook(BytesIO(streamed_bytes(response))).active
        rows = [row for row in sheet.iter_rows(values_only=True)]
        assert rows[0][:3] == ("名称", "简称", "统一社会信用代码")
        assert sorted(row[0] for row in rows[1:]) == ["东区司法局", "东区市场监督管理局"]

    def test_search_and_pagination(self, client, agencies, make_user, settings):
        settings.ZHIFA_PAGE_SIZE = 2
        client.force_login(make_user(agencies["city_justice"], RoleCode.SUPERVISOR))
        assert "共 4 条" in client.get("/org/agencies/").content.decode()
        body = client.get("/org/agencies/?q=司法局").content.decode()
        assert "共 2 条" in body and "市场监督管理局" not in body
        assert client.get("/org/agencies/?page=999").status_code == 200

    def test_role_without_permission_gets_403(self, client, agencies, make_user):
        client.force_login(make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN))
        assert client.get("/org/agencies/").status_code == 403


class TestApi:
    def test_list_and_detail_are_scoped(self, client, agencies, officer):
        client.force_login(officer)
        listed = client.get("/api/agencies").json()
        assert [a["name"] for a in listed["items"]] == ["东区市场监督管理局"]
        assert client.get(f"/api/agencies/{agencies['west_market'].pk}").status_code == 404
        assert client.get(f"/api/agencies/{agencies['east_market'].pk}").json()["credit_code"]

    def test_anonymous_calls_are_401(self, client, agencies):
        assert client.get("/api/agencies").status_code == 401


def test_error_pages_are_in_chinese(client, agencies, officer, settings):
    settings.DEBUG = False
    client.force_login(officer)
    assert "不在您的管辖范围内" in client.get(f"/org/agencies/{agencies['west_market'].pk}/").content.decode()
    forbidden = client.get("/audit/records/")
    assert forbidden.status_code == 403 and "无权操作" in forbidden.content.decode()


class TestVerticalOversight:
    """Vertical oversight (seed 002 (十三)): a city or province department reads, with a view permission an
    app declared with `read_down`, the objects of its counterparts below; it never acts on them."""

    @pytest.fixture
    def city_market(self, city):
        return AgencyFactory(name="测试市市场监督管理局", region=city["city"])

    def counterparts(self, agency) -> list[str]:
        return names(Agency.objects.counterparts_below(agency))

    def test_counterparts_are_the_same_system_in_the_regions_below(self, city, agencies, city_market):
        AgencyFactory(name="东区生态环境局", region=city["east"])
        AgencyFactory(name="测试市生态环境局", region=city["city"])
        assert self.counterparts(city_market) == ["东区市场监督管理局", "西县市场监督管理局"]

    def test_a_unit_inside_a_counterpart_and_an_agency_linked_as_superior_count(
        self, city, agencies, city_market
    ):
        AgencyFactory(
            name="东区市场监管综合执法大队",
            region=city["east"],
            kind="comprehensive",
            parent=agencies["east_market"],
        )
        AgencyFactory(name="测试市市场监管局东区分局", region=city["east"], parent=city_market)
        assert self.counterparts(city_market) == sorted(
            [
                "东区市场监督管理局",
                "东区市场监管综合执法大队",
                "测试市市场监管局东区分局",
                "西县市场监督管理局",
            ]
        )

    def test_another_kind_with_the_same_name_is_not_a_counterpart(self, city, agencies):
        city_justice = agencies["city_justice"]
        AgencyFactory(name="东区司法局分支", region=city["east"])
        assert self.counterparts(city_justice) == ["东区司法局"]

    def test_a_county_agency_has_none(self, agencies):
        assert self.counterparts(agencies["east_market"]) == []

    def test_a_province_reaches_cities_and_counties(self):
        province = RegionFactory(code="950000", name="测试省", level="province")
        city = RegionFactory(code="950100", name="甲市", level="city", parent=province)
        county = RegionFactory(code="950102", name="乙县", level="county", parent=city)
        provincial = AgencyFactory(name="测试省市场监督管理局", region=province)
        AgencyFactory(name="甲市市场监督管理局", region=city)
        AgencyFactory(name="乙县市场监督管理局", region=county)
        AgencyFactory(name="乙县生态环境局", region=county)
        assert self.counterparts(provincial) == sorted(["甲市市场监督管理局", "乙县市场监督管理局"])

    def test_view_permissions_reach_down_and_acting_ones_do_not(self, agencies, city_market, make_user):
        reader = make_user(city_market, RoleCode.UNIT_HEAD)
        east = agencies["east_market"]
        assert access.can(reader, "cases.view_case", east)
        assert not access.can(reader, "cases.handle_case", east)
        assert not access.can(reader, "cases.approve_case", east)
        # a view permission no app declared (the officers' registry, with personal data) stays the agency's
        assert not access.can(reader, "registry.view_officer", east)

    def test_read_down_takes_view_permissions_only(self):
        with pytest.raises(ImproperlyConfigured):
            access.read_down({"cases.view_case", "cases.handle_case"})
