"""The case forms' person pickers (承办人员, 简易程序's 执法人员, 指导执法人员, 听证主持人) search
remotely once an agency has more than a few dozen people: the page renders only the chosen ones, so its
size and query count stay the same with ten times the officers; a posted officer of another agency is
refused naming the field, and nothing is written."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OfficerFactory
from zhifa.cases.models import CaseHandler
from zhifa.core.models import Record
from zhifa.registry.choices import PersonKind

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def staff(agency, n: int) -> None:
    for i in range(n):
        OfficerFactory(agency=agency, name=f"批量{i:03d}")


def page(client, url: str) -> tuple[int, int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    return len(captured), len(re.findall(r"<option", text)), text


class TestAssign:
    def test_the_page_costs_the_same_with_ten_times_the_officers(
        self, settings, client, handler_user, new_case, agencies
    ):
        settings.ZHIFA_PICKER_PLAIN_MAX = 5
        staff(agencies["east_market"], 6)
        client.force_login(handler_user)
        url = f"/cases/{new_case.pk}/assign/"
        queries, option_count, text = page(client, url)
        staff(agencies["east_market"], 60)
        assert page(client, url)[:2] == (queries, option_count)
        agency = agencies["east_market"].pk
        search = f'data-remote-search="/api/registry/officers/search?perm=cases.handle_case&amp;active=true&amp;agency_id={agency}"'
        assert search in text
        lead = options(text, "lead")
        assert [label for _, label in lead] == ["请选择", "张伟（持有效执法证·市场监管）"]

    def test_an_officer_of_another_agency_is_refused_naming_the_field(
        self, settings, client, handler_user, new_case, agencies, officers
    ):
        settings.ZHIFA_PICKER_PLAIN_MAX = 0
        stranger = OfficerFactory(agency=agencies["west_market"], name="西县张三")
        client.force_login(handler_user)
        records, handlers = Record.objects.count(), list(CaseHandler.objects.values_list("pk", "officer_id"))
        response = client.post(f"/cases/{new_case.pk}/assign/", {"lead": stranger.pk, "co": officers[1].pk})
        assert response.context["form"].errors["lead"] == ["所选主办人不是本机关的在岗人员"]
        assert Record.objects.count() == records
        assert list(CaseHandler.objects.values_list("pk", "officer_id")) == handlers


class TestSimpleProcedure:
    def test_large_agency_renders_only_the_own_officer(
        self, settings, client, handler_user, agencies, officers
    ):
        settings.ZHIFA_PICKER_PLAIN_MAX = 5
        staff(agencies["east_market"], 10)
        client.force_login(handler_user)
        queries, option_count, text = page(client, "/cases/simple/new/")
        assert options(text, "lead") == [("", "请选择"), (str(officers[0].pk), "张伟")]
        assert options(text, "co") == [("", "请选择")]
        assert "kind=officer" in text
        staff(agencies["east_market"], 60)
        assert page(client, "/cases/simple/new/")[:2] == (queries, option_count)

    def test_an_auxiliary_is_refused_as_an_officer(self, settings, client, handler_user, agencies, officers):
        settings.ZHIFA_PICKER_PLAIN_MAX = 0
        helper = OfficerFactory(agency=agencies["east_market"], name="王辅助", kind=PersonKind.AUXILIARY)
        client.force_login(handler_user)
        records = Record.objects.count()
        response = client.post("/cases/simple/new/", {"lead": officers[0].pk, "co": helper.pk})
        assert response.context["form"].errors["co"] == ["所选执法人员（二）不是本机关的在岗执法人员"]
        assert Record.objects.count() == records


class TestOfficerSearchByKind:
    def test_kind_narrows_the_search(self, client, handler_user, agencies, officers):
        OfficerFactory(agency=agencies["east_market"], name="王辅助", kind=PersonKind.AUXILIARY)
        client.force_login(handler_user)
        url = "/api/registry/officers/search"
        everyone = {row["label"] for row in client.get(url, {"q": "王辅助"}).json()}
        officers_only = client.get(url, {"q": "王辅助", "kind": "officer"}).json()
        assert everyone == {"王辅助（东区市场监督管理局）"} and officers_only == []
