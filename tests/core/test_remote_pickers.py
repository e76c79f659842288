"""远程检索选择框 (core.pickers): the officer and agency search endpoints (scoped by core.access, at
most 20 matches, Chinese labels), the remote widget rendering only the chosen choice, and the case list's
承办人员 filter rendering no officer beyond the selected one however many there are."""

import re

import pytest
from django import forms

from tests.factories import AgencyFactory, OfficerFactory
from zhifa.accounts.choices import RoleCode
from zhifa.core import pickers
from zhifa.core.forms import agency_field, offer_agencies
from zhifa.registry.models import Officer

pytestmark = pytest.mark.django_db

OFFICERS = "/api/registry/officers/search"
AGENCIES = "/api/agencies/search"


@pytest.fixture
def supervisor(agencies, make_user):
    """测试市司法局's supervisor: the whole city (东区 and 西县)."""
    return make_user(agencies["city_justice"], RoleCode.SUPERVISOR, username="city_supervisor")


@pytest.fixture
def staff(agencies):
    east = [OfficerFactory(agency=agencies["east_market"], name=f"东{i:02d}") for i in range(25)]
    west = [OfficerFactory(agency=agencies["west_market"], name="张伟")]
    return east, west


def options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


class TestOfficerSearch:
    def test_at_most_twenty_matches_in_name_order(self, client, officer, staff):
        client.force_login(officer)
        rows = client.get(OFFICERS).json()
        assert len(rows) == 20
        assert rows[0]["label"] == "东00（东区市场监督管理局）"
        assert rows[19]["label"] == "东19（东区市场监督管理局）"

    def test_an_agency_officer_finds_no_one_of_another_agency(self, client, officer, staff):
        client.force_login(officer)
        assert client.get(OFFICERS, {"q": "张伟"}).json() == []

    def test_a_supervisor_finds_the_whole_region_by_name_and_pinyin_initials(self, client, supervisor, staff):
        client.force_login(supervisor)
        west = staff[1][0]
        expected = [{"id": west.pk, "label": "张伟（西县市场监督管理局）"}]
        assert client.get(OFFICERS, {"q": "张伟"}).json() == expected
        assert client.get(OFFICERS, {"q": "zw"}).json() == expected

    def test_narrowed_to_an_agency(self, client, supervisor, agencies, staff):
        client.force_login(supervisor)
        rows = client.get(OFFICERS, {"agency_id": agencies["west_market"].pk}).json()
        assert [r["label"] for r in rows] == ["张伟（西县市场监督管理局）"]

    def test_under_a_permission_the_user_lacks_finds_nothing(self, client, officer, staff):
        client.force_login(officer)
        assert client.get(OFFICERS, {"perm": "registry.manage_certificate"}).json() == []

    def test_signed_out_is_refused(self, client, staff):
        assert client.get(OFFICERS).status_code == 401


class TestAgencySearch:
    def test_a_supervisor_finds_the_agencies_of_the_region(self, client, supervisor, agencies):
        client.force_login(supervisor)
        rows = client.get(AGENCIES, {"q": "市场"}).json()
        assert [r["label"] for r in rows] == ["东区市场监督管理局", "西县市场监督管理局"]

    def test_an_agency_officer_finds_only_their_own(self, client, officer, agencies):
        client.force_login(officer)
        rows = client.get(AGENCIES, {"q": "市场"}).json()
        assert rows == [{"id": agencies["east_market"].pk, "label": "东区市场监督管理局"}]

    def test_at_most_twenty(self, client, supervisor, agencies):
        for i in range(30):
            AgencyFactory(name=f"东区基层所{i:02d}", region=agencies["east_market"].region)
        client.force_login(supervisor)
        assert len(client.get(AGENCIES, {"q": "基层所"}).json()) == 20


class TestReceiverSearch:
    """A hand-off's receivers (投诉转办, 移送, 抄告): the active agencies of a region, whoever asks."""

    def test_the_agencies_of_the_city_but_the_justice_bureaus(self, client, officer, agencies):
        client.force_login(officer)
        rows = client.get(AGENCIES, {"region_code": "970100", "not_justice": "true"}).json()
        assert [r["label"] for r in rows] == ["东区市场监督管理局", "西县市场监督管理局"]
        rows = client.get(AGENCIES, {"region_code": "970121"}).json()
        assert [r["label"] for r in rows] == ["西县市场监督管理局"]

    def test_an_unknown_region_finds_nothing(self, client, officer, agencies):
        client.force_login(officer)
        assert client.get(AGENCIES, {"region_code": "999999"}).json() == []


class AgencyForm(forms.Form):
    agency = agency_field("办案机关")


class TestRemoteWidget:
    def test_a_large_agency_picker_renders_only_the_chosen_agency(self, settings, supervisor, agencies):
        settings.ZHIFA_PICKER_PLAIN_MAX = 1
        form = AgencyForm(initial={"agency": agencies["west_market"].pk})
        offer_agencies(form.fields["agency"], supervisor, "registry.view_officer")
        html = str(form["agency"])
        assert "data-remote-search=" in html
        assert options(html, "agency") == [
            ("", "请选择"),
            (str(agencies["west_market"].pk), "西县市场监督管理局"),
        ]

    def test_a_small_picker_stays_a_plain_select(self, supervisor, agencies):
        form = AgencyForm()
        offer_agencies(form.fields["agency"], supervisor, "registry.view_officer")
        html = str(form["agency"])
        assert "data-remote-search" not in html
        assert len(options(html, "agency")) == 1 + len(agencies)

    def test_a_remote_picker_still_refuses_an_agency_outside_the_scope(self, settings, officer, agencies):
        settings.ZHIFA_PICKER_PLAIN_MAX = 0
        form = AgencyForm(data={"agency": agencies["west_market"].pk})
        offer_agencies(form.fields["agency"], officer, "registry.view_officer")
        assert pickers.is_large(form.fields["agency"].queryset)
        assert not form.is_valid()
        assert "agency" in form.errors


class TestCaseListHandlerFilter:
    def test_no_officer_option_but_the_chosen_one(self, client, supervisor, staff):
        client.force_login(supervisor)
        html = client.get("/cases/").content.decode()
        assert options(html, "handler") == [("", "全部承办人员")]
        chosen = staff[0][3]
        html = client.get("/cases/", {"handler": chosen.pk}).content.decode()
        assert options(html, "handler") == [
            ("", "全部承办人员"),
            (str(chosen.pk), "东03（东区市场监督管理局）"),
        ]
        assert 'data-remote-search="/api/registry/officers/search?perm=cases.view_case"' in html
        assert Officer.objects.count() == 26

    def test_an_officer_of_another_agency_is_not_shown_as_chosen(self, client, officer, staff):
        client.force_login(officer)
        html = client.get("/cases/", {"handler": staff[1][0].pk}).content.decode()
        assert options(html, "handler") == [("", "全部承办人员")]


class TestPublicRegionPicker:
    def test_the_portal_searches_regions_without_sign_in(self, client, city):
        rows = client.get("/gs/complaints/regions/", {"q": "东"}).json()
        assert rows == [{"id": city["east"].pk, "label": "东区（970102）"}]
        assert len(client.get("/gs/complaints/regions/").json()) == 3

    def test_a_large_region_list_renders_no_region_option(self, client, settings, city):
        settings.ZHIFA_PICKER_PLAIN_MAX = 2
        html = client.get("/gs/complaints/").content.decode()
        assert 'data-remote-search="/gs/complaints/regions/"' in html
        assert options(html, "region") == [("", "请选择")]
