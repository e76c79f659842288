"""Jurisdiction: who sees which agency, in lists, detail pages, exports and the API."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from openpyxl import load_workbook

from zhifa.accounts.choices import RoleCode
from zhifa.core import access, selectors
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
        with django_assert_max_num_queries(10):
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
        sheet = load_workbook(BytesIO(response.content)).active
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
