"""The benchmark, calculator, evaluation, delegation, post-duty, flow-chart and public catalogue pages:
every page renders for a permitted user; another agency's object is a 404; writes without the
permission are a 403 and write nothing; each form's success path writes and appends a record, its
error path shows the Chinese error next to the right field and writes nothing; the public pages need
no login and never show a draft."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.catalog.conftest import FOOD_BASIS, LEVELS, item_fields
from tests.catalog.helpers import submit_and_approve
from tests.factories import AgencyFactory, RegionFactory
from tests.helpers import Writes, html, xlsx_rows
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services
from zhifa.catalog.models import (
    Benchmark,
    BenchmarkEvaluation,
    Delegation,
    DutyAssignment,
    EnforcementItem,
    OrgUnit,
)
from zhifa.catalog.services import LevelInput
from zhifa.core import workdays
from zhifa.core.choices import AgencyKind
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
REQUIRED = "这个字段是必填项。"
CODE = "SCJG-CF-001"


# ---- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def head(agencies, make_user):
    """机关负责人 of 东区市场监督管理局: keeps the catalogue and delegates."""
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def reviewer(agencies, make_user):
    """法制审核人员: keeps the catalogue, does not delegate."""
    return make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER, username="east_reviewer")


@pytest.fixture
def supervisor(agencies, make_user):
    """执法监督人员 of 东区司法局: delegations of all 东区."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def outsider(city, agencies, make_user):
    """A 西县 user holding every catalogue permission — for 西县 only."""
    west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind=AgencyKind.JUSTICE)
    make_user(west_justice, RoleCode.SUPERVISOR, username="west_supervisor")
    return make_user(
        agencies["west_market"], RoleCode.AGENCY_HEAD, RoleCode.LEGAL_REVIEWER, username="west_head"
    )


@pytest.fixture
def township(city):
    region = RegionFactory(code="970102001", name="东区街道", level="township", parent=city["east"])
    return AgencyFactory(name="东区街道办事处", kind=AgencyKind.TOWNSHIP, region=region)


@pytest.fixture
def in_force(published):
    """The published version 1 (in force since 2026-01-01) and its one item."""
    return published.items.get()


def delegate(item, township, on=date(2025, 9, 30)):
    return services.delegation_create(
        actor=None,
        from_agency=item.version.agency,
        to_agency=township,
        item=item,
        form="decision",
        document="东政发〔2025〕9号",
        on=on,
        staff_transferred=2,
    )


@pytest.fixture
def delegation(in_force, township):
    return delegate(in_force, township)


@pytest.fixture
def team(agencies):
    return services.org_unit_create(actor=None, agency=agencies["east_market"], name="执法一队")


def level_fields(index: int, level: LevelInput | None) -> dict:
    prefix = f"levels-{index}-"
    if level is None:
        return {}
    data = {
        "level": level.level,
        "conditions": level.conditions,
        "fact_min": "" if level.fact_min is None else str(level.fact_min),
        "fact_max": "" if level.fact_max is None else str(level.fact_max),
        "fine_basis": level.fine_basis,
        "fine_min": "" if level.fine_min is None else str(level.fine_min),
        "fine_max": "" if level.fine_max is None else str(level.fine_max),
        **{flag: "on" for flag in ("warning", "confiscate", "suspend", "revoke") if getattr(level, flag)},
    }
    return {prefix + key: value for key, value in data.items()}


def benchmark_form(item, levels, exemptions=(), *, fact_label="货值金额（元）", basis=None) -> dict:
    """What the benchmark page posts: the main fields, four level rows, the exemption rows."""
    levels = list(levels) + [None] * (4 - len(levels))
    data = {
        "legal_basis": str((basis or item.legal_bases.get()).pk),
        "fact_label": fact_label,
        "note": "",
        "levels-TOTAL_FORMS": "4",
        "levels-INITIAL_FORMS": "4",
        "levels-MIN_NUM_FORMS": "0",
        "levels-MAX_NUM_FORMS": "4",
        "exemptions-TOTAL_FORMS": str(max(2, len(exemptions))),
        "exemptions-INITIAL_FORMS": "0",
        "exemptions-MIN_NUM_FORMS": "0",
        "exemptions-MAX_NUM_FORMS": "10",
    }
    for index, level in enumerate(levels):
        data.update(level_fields(index, level))
    for index, (kind, conditions, facts, basis_text) in enumerate(exemptions):
        prefix = f"exemptions-{index}-"
        data.update(
            {prefix + "kind": kind, prefix + "conditions": conditions, prefix + "legal_basis": basis_text}
        )
        data[prefix + "required_facts"] = list(facts)
    return data


def level_rows(body: str) -> list[str]:
    """The HTML of each level row of the benchmark form, in order."""
    return body.split('data-testid="level-row"')[1:]


# ---- pages render, scoped ---------------------------------------------------------------------------


class TestPagesRender:
    def test_lists_render_for_business_roles(self, client, officer, delegation, team):
        client.force_login(officer)
        for url in [
            "/catalog/calculator/",
            "/catalog/benchmark-evaluations/",
            "/catalog/delegations/",
            "/catalog/duties/",
            "/catalog/flowcharts/",
            f"/catalog/delegations/{delegation.pk}/",
            f"/catalog/items/{delegation_item(delegation).pk}/benchmark/",
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "执法事项与裁量基准" in html(response), url  # the menu module

    def test_pages_with_forms_render_for_managers(self, client, head, supervisor, food_item, delegation):
        client.force_login(head)
        for url in [
            f"/catalog/items/{food_item.pk}/benchmark/",
            "/catalog/delegations/new/",
            f"/catalog/delegations/new/?from_agency={food_item.version.agency_id}",
            f"/catalog/duties/?agency={food_item.version.agency_id}&basis=draft",
            "/catalog/benchmark-evaluations/",
        ]:
            assert client.get(url).status_code == 200, url
        client.force_login(supervisor)
        body = html(client.get(f"/catalog/delegations/{delegation.pk}/"))
        assert 'data-testid="evaluate-form"' in body

    def test_login_is_required(self, client, delegation):
        for url in [
            "/catalog/calculator/",
            "/catalog/delegations/",
            f"/catalog/delegations/{delegation.pk}/",
        ]:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_menu(self, client, officer, head):
        client.force_login(officer)
        menu = html(client.get("/"))
        for label in ["执法事项与裁量基准", "裁量计算器", "赋权乡镇", "岗位职权", "流程图"]:
            assert label in menu, label
        assert "/catalog/calculator/" in menu and "/catalog/delegations/" in menu
        assert "编制草稿" not in menu
        client.force_login(head)
        assert "编制草稿" in html(client.get("/"))

    def test_audit_admin_sees_none_of_these_pages(self, client, agencies, make_user):
        client.force_login(make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN))
        for url in [
            "/catalog/calculator/",
            "/catalog/delegations/",
            "/catalog/duties/",
            "/catalog/flowcharts/",
        ]:
            assert client.get(url).status_code == 403, url


def delegation_item(delegation) -> EnforcementItem:
    return EnforcementItem.objects.get(version__agency=delegation.from_agency, code=delegation.item_code)


class TestOtherAgency:
    """A 西县 user — even one holding every catalogue permission there — never reaches 东区's objects."""

    def test_every_object_url_is_404(self, client, outsider, food_item, delegation, agencies):
        east = agencies["east_market"].pk
        urls = [
            f"/catalog/items/{food_item.pk}/benchmark/",
            f"/catalog/items/{delegation_item(delegation).pk}/benchmark/",
            f"/catalog/delegations/{delegation.pk}/",
            f"/catalog/delegations/{delegation.pk}/evaluate/",
            f"/catalog/duties/?agency={east}",
            f"/catalog/duties/export.xlsx?agency={east}",
            f"/catalog/duties/{east}/units/new/",
            f"/catalog/duties/{east}/assign/",
            f"/catalog/flowcharts/?agency={east}",
            f"/catalog/flowcharts/{east}/ordinary.svg",
            f"/catalog/benchmark-evaluations/?agency={east}",
        ]
        client.force_login(outsider)
        writes = Writes()
        for url in urls:
            assert client.get(url).status_code == 404, url
            post = {"outcome": "keep", "findings": "x", "on": "2026-09-30", "unit-name": "x"}
            assert client.post(url, post).status_code == 404, url
        assert writes.new_records == 0
        assert not OrgUnit.objects.exists() and Benchmark.objects.get(item=food_item).levels.count() == 3

    def test_other_supervisor_sees_no_delegation(self, client, city, make_user, delegation):
        west_justice = AgencyFactory(name="西县司法局", region=city["west"], kind=AgencyKind.JUSTICE)
        client.force_login(make_user(west_justice, RoleCode.SUPERVISOR))
        assert delegation.item_name not in html(client.get("/catalog/delegations/"))
        assert xlsx_rows(client.get("/catalog/delegations/export.xlsx"))[1:] == []

    def test_bad_agency_parameter_is_404(self, client, head):
        client.force_login(head)
        assert client.get("/catalog/duties/?agency=abc").status_code == 404
        assert client.get("/catalog/flowcharts/?agency=999999").status_code == 404
        assert client.get("/catalog/delegations/999999/").status_code == 404
        assert client.get("/catalog/items/999999/benchmark/").status_code == 404


class TestWithoutPermission:
    def test_officer_gets_403_on_every_write(self, client, officer, food_item, delegation, agencies, team):
        east = agencies["east_market"].pk
        client.force_login(officer)
        writes = Writes()
        posts = {
            f"/catalog/items/{food_item.pk}/benchmark/": benchmark_form(food_item, LEVELS),
            "/catalog/delegations/new/": {},
            f"/catalog/delegations/{delegation.pk}/evaluate/": {
                "on": "2026-09-30",
                "outcome": "keep",
                "findings": "良好",
            },
            f"/catalog/duties/{east}/units/new/": {"unit-name": "执法二队"},
            f"/catalog/duties/{east}/assign/": {"duty-unit": team.pk, "duty-item_code": CODE},
            f"/catalog/benchmark-evaluations/?agency={east}": {"item_code": CODE, "findings": "x"},
        }
        for url, data in posts.items():
            assert client.post(url, data).status_code == 403, url
        assert client.get("/catalog/delegations/new/").status_code == 403
        assert writes.new_records == 0
        assert Benchmark.objects.count() == 1 and OrgUnit.objects.count() == 1  # the published one
        assert not DutyAssignment.objects.exists() and not BenchmarkEvaluation.objects.exists()
        assert not Delegation.objects.get().evaluations.exists()

    def test_officer_sees_the_benchmark_read_only(self, client, officer, food_benchmark):
        client.force_login(officer)
        body = html(client.get(f"/catalog/items/{food_benchmark.item_id}/benchmark/"))
        assert "您无权编制裁量基准" in body and 'data-testid="benchmark-form"' not in body
        assert "货值金额2000元以上不足5000元" in body

    def test_legal_reviewer_may_not_delegate(self, client, reviewer, delegation):
        client.force_login(reviewer)
        assert client.get("/catalog/delegations/new/").status_code == 403
        assert client.post(f"/catalog/delegations/{delegation.pk}/evaluate/", {}).status_code == 403
        assert 'data-testid="evaluate-form"' not in html(client.get(f"/catalog/delegations/{delegation.pk}/"))

    def test_get_never_writes(self, client, head, food_item):
        client.force_login(head)
        writes = Writes()
        client.get(f"/catalog/items/{food_item.pk}/benchmark/", benchmark_form(food_item, LEVELS))
        assert writes.new_records == 0 and not Benchmark.objects.exists()


# ---- 裁量基准 ---------------------------------------------------------------------------------------


class TestBenchmarkEditor:
    url = "/catalog/items/{}/benchmark/"

    def post(self, client, item, levels, **kwargs):
        return client.post(self.url.format(item.pk), benchmark_form(item, levels, **kwargs))

    def test_success_saves_levels_exemptions_and_a_record(self, client, head, food_item):
        client.force_login(head)
        writes = Writes()
        exemption = (
            "first_offence",
            "初次违法且危害后果轻微并及时改正",
            ["first_offence", "harm_minor"],
            "行政处罚法第三十三条",
        )
        response = client.post(self.url.format(food_item.pk), benchmark_form(food_item, LEVELS, [exemption]))
        assert response.status_code == 302 and response["Location"] == self.url.format(food_item.pk)
        benchmark = Benchmark.objects.get(item=food_item)
        assert [lvl.level for lvl in benchmark.levels.order_by("fact_min")] == [
            "minor",
            "ordinary",
            "serious",
        ]
        assert benchmark.levels.get(level="serious").confiscate
        assert benchmark.fact_label == "货值金额（元）"
        assert benchmark.exemptions.get().required_facts == ["first_offence", "harm_minor"]
        assert writes.new_records == 1
        assert Record.objects.filter(action="catalog.benchmark_set").count() == 1
        # the page shows what was saved
        body = html(client.get(self.url.format(food_item.pk)))
        assert "货值金额5000元以上不足10000元" in body and "初次违法且危害后果轻微并及时改正" in body

    def refused(self, client, item, levels, *, writes, **kwargs) -> str:
        response = self.post(client, item, levels, **kwargs)
        assert response.status_code == 200
        assert writes.new_records == 0 and not Benchmark.objects.filter(item=item).exists()
        return html(response)

    def test_minimum_above_maximum_is_shown_at_its_row(self, client, head, food_item):
        client.force_login(head)
        bad = LevelInput(
            "ordinary", "货值金额二千元以上", Decimal(2000), Decimal(5000), fine_basis="amount",
            fine_min=Decimal(80000), fine_max=Decimal(60000),
        )  # fmt: skip
        body = self.refused(client, food_item, [LEVELS[0], bad], writes=Writes())
        rows = level_rows(body)
        assert "罚款下限不能高于上限" in rows[1] and "罚款下限不能高于上限" not in rows[0]
        assert "货值金额二千元以上" in rows[1]  # the input is kept

    def test_service_errors_follow_the_submitted_rows(self, client, head, food_item):
        """The service counts only the levels submitted: its "levels[2]" is the form's third row when
        the second was left blank."""
        client.force_login(head)
        too_high = LevelInput(
            "serious", "严重", Decimal(5000), Decimal(10000), fine_basis="amount",
            fine_min=Decimal(80000), fine_max=Decimal(150000),
        )  # fmt: skip
        data = benchmark_form(food_item, [LEVELS[0]])
        data.update(level_fields(2, too_high))
        writes = Writes()
        response = client.post(self.url.format(food_item.pk), data)
        rows = level_rows(html(response))
        assert "罚款上限超出法定上限¥100,000.00" in rows[2]
        assert "超出法定上限" not in rows[0] + rows[1]
        assert writes.new_records == 0 and not Benchmark.objects.exists()

    def test_outside_the_statutory_range(self, client, head, food_item):
        client.force_login(head)
        low = LevelInput(
            "minor", "轻微", Decimal(0), Decimal(2000), fine_basis="amount",
            fine_min=Decimal(1000), fine_max=Decimal(60000),
        )  # fmt: skip
        body = self.refused(client, food_item, [low], writes=Writes())
        assert "罚款下限低于法定下限¥50,000.00" in level_rows(body)[0]

    def test_overlapping_levels(self, client, head, food_item):
        client.force_login(head)
        overlapping = LevelInput(
            "ordinary", "货值金额1000元以上", Decimal(1000), Decimal(5000), fine_basis="amount",
            fine_min=Decimal(60000), fine_max=Decimal(80000),
        )  # fmt: skip
        body = self.refused(client, food_item, [LEVELS[0], overlapping], writes=Writes())
        errors = body.split('data-testid="levels-errors"')[1].split("</div>")[0]
        assert "情节“轻微”与“一般”的适用范围重叠" in errors

    def test_form_errors_in_chinese(self, client, head, food_item):
        client.force_login(head)
        data = benchmark_form(food_item, [LEVELS[0]])
        data["levels-0-conditions"] = ""
        data["levels-1-fine_min"] = "很多"
        data["exemptions-0-kind"] = "first_offence"
        writes = Writes()
        body = html(client.post(self.url.format(food_item.pk), data))
        rows = level_rows(body)
        assert "请填写适用情形" in rows[0] and "输入一个数字" in rows[1]
        assert "请填写适用条件" in body and "请勾选须同时具备的事实" in body
        assert writes.new_records == 0 and not Benchmark.objects.exists()

    def test_clearing_a_row_removes_the_level(self, client, head, food_benchmark):
        client.force_login(head)
        item = food_benchmark.item
        response = self.post(client, item, LEVELS[:2])
        assert response.status_code == 302
        assert list(Benchmark.objects.get(item=item).levels.values_list("level", flat=True)) == [
            "minor",
            "ordinary",
        ]

    def test_published_benchmark_is_read_only(self, client, head, in_force):
        client.force_login(head)
        url = self.url.format(in_force.pk)
        body = html(client.get(url))
        assert "已发布的清单版本不能修改" in body and 'data-testid="benchmark-form"' not in body
        assert "货值金额不足2000元" in body
        writes = Writes()
        assert self.post(client, in_force, LEVELS[:1]).status_code == 403
        assert writes.new_records == 0 and in_force.benchmark.levels.count() == 3

    def test_the_next_draft_is_editable(self, client, head, agencies, in_force):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        item = draft.items.get()
        client.force_login(head)
        assert 'data-testid="benchmark-form"' in html(client.get(self.url.format(item.pk)))
        assert self.post(client, item, LEVELS[:1]).status_code == 302
        assert item.benchmark.levels.count() == 1 and in_force.benchmark.levels.count() == 3

    def test_non_penalty_items_have_none(self, client, head, draft):
        item = services.item_create(
            actor=None,
            draft=draft,
            code="JC-1",
            legal_bases=[FOOD_BASIS],
            **item_fields(category="inspection"),
        )
        client.force_login(head)
        assert "只有行政处罚事项才设裁量基准" in html(client.get(self.url.format(item.pk)))
        assert self.post(client, item, LEVELS).status_code == 403


# ---- 裁量计算器 -------------------------------------------------------------------------------------


class TestCalculator:
    def calc(self, client, agencies, **params):
        query = {"agency": agencies["east_market"].pk, "on": "2026-06-01", "item": CODE, **params}
        response = client.get("/catalog/calculator/", query)
        assert response.status_code == 200
        return html(response)

    def test_range_level_and_quoted_basis(self, client, officer, agencies, in_force):
        client.force_login(officer)
        body = self.calc(client, agencies, fact_value="3000", amount="90000")
        assert "¥60,000.00至¥80,000.00" in body and 'data-testid="level">一般' in body
        basis = body.split('data-testid="basis"')[1]
        assert "《中华人民共和国食品安全法》第一百二十四条" in basis
        assert "清单第1版（2026-01-01施行）裁量基准：一般——货值金额2000元以上不足5000元" in basis
        assert "超出推荐幅度" in body
        assert "尚缺：初次违法、危害后果轻微、及时改正" in body

    def test_first_offence(self, client, officer, agencies, in_force):
        client.force_login(officer)
        partial = self.calc(client, agencies, fact_value="100", first_offence="on")
        assert "尚缺：危害后果轻微、及时改正" in partial and "不予行政处罚" not in partial
        full = self.calc(
            client, agencies, fact_value="100", first_offence="on", harm_minor="on", corrected_in_time="on"
        )
        assert "依法可以不予行政处罚" in full and "首违不罚：初次违法且危害后果轻微并及时改正" in full

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"fact_value": "很多"}, "输入一个数字"),
            ({"fact_value": "20000"}, "不在任何情节的范围内"),
            ({"fact_value": ""}, "请填写货值金额（元）"),
            ({"circumstance": "grave"}, "该事项的裁量基准没有此情节"),
            ({"item": "NOPE"}, "选择一个有效的选项"),
            ({"agency": "abc"}, "选择一个有效的选项"),
            ({"on": "2026-13-45"}, "输入一个有效的日期"),
            ({"on": "2025-06-01", "fact_value": "1"}, "选择一个有效的选项"),  # no version in force then
        ],
    )
    def test_bad_input_is_a_chinese_message(self, client, officer, agencies, in_force, params, message):
        client.force_login(officer)
        body = self.calc(client, agencies, **params)
        assert message in body and 'data-testid="recommendation"' not in body

    def test_item_options_follow_agency_and_date(self, client, officer, agencies, in_force):
        client.force_login(officer)
        east = agencies["east_market"].pk
        options = html(client.get("/catalog/calculator/items/", {"agency": east, "on": "2026-06-01"}))
        assert f'value="{CODE}"' in options and "按货值金额（元）确定情节" in options
        before = html(client.get("/catalog/calculator/items/", {"agency": east, "on": "2025-06-01"}))
        assert CODE not in before
        other = html(client.get("/catalog/calculator/items/", {"agency": agencies["west_market"].pk}))
        assert CODE not in other and "没有设裁量基准" in other
        page = html(client.get("/catalog/calculator/"))
        assert 'hx-get="/catalog/calculator/items/"' in page and f'value="{CODE}"' in page

    def test_a_draft_benchmark_is_not_offered(self, client, officer, agencies, food_benchmark):
        client.force_login(officer)
        page = html(
            client.get("/catalog/calculator/", {"agency": agencies["east_market"].pk, "_reload": "1"})
        )
        assert f'value="{CODE}"' not in page


# ---- 裁量基准评估 -----------------------------------------------------------------------------------


class TestBenchmarkEvaluations:
    def test_evaluate_and_list(self, client, reviewer, agencies, in_force):
        east = agencies["east_market"].pk
        client.force_login(reviewer)
        writes = Writes()
        url = f"/catalog/benchmark-evaluations/?agency={east}"
        response = client.post(
            url, {"item_code": CODE, "on": "2026-10-01", "findings": "罚款幅度偏高", "needs_revision": "on"}
        )
        assert response.status_code == 302
        evaluation = BenchmarkEvaluation.objects.get()
        assert evaluation.needs_revision and evaluation.agency_id == east
        assert writes.new_records == 1
        body = html(client.get(url))
        assert "罚款幅度偏高" in body and "需修订" in body and "销售不符合食品安全标准的食品" in body

    def test_errors_write_nothing(self, client, reviewer, agencies, in_force):
        client.force_login(reviewer)
        writes = Writes()
        response = client.post(
            f"/catalog/benchmark-evaluations/?agency={agencies['east_market'].pk}",
            {"item_code": "NOPE", "on": "", "findings": ""},
        )
        body = html(response)
        assert REQUIRED in body and "选择一个有效的选项" in body
        assert writes.new_records == 0 and not BenchmarkEvaluation.objects.exists()


# ---- 赋权乡镇 ---------------------------------------------------------------------------------------


def delegation_form(item, township, **overrides):
    return {
        "from_agency": item.version.agency_id,
        "item": item.pk,
        "to_agency": township.pk,
        "form": "decision",
        "document": "东政发〔2026〕3号",
        "on": "2026-03-02",
        "staff_transferred": "1",
        "staff_note": "",
        "training_note": "已培训",
        **overrides,
    }


class TestDelegations:
    def test_create(self, client, head, in_force, township):
        client.force_login(head)
        writes = Writes()
        response = client.post("/catalog/delegations/new/", delegation_form(in_force, township))
        delegation = Delegation.objects.get()
        assert (
            response.status_code == 302 and response["Location"] == f"/catalog/delegations/{delegation.pk}/"
        )
        assert (delegation.item_code, delegation.to_agency, delegation.training_note) == (
            CODE,
            township,
            "已培训",
        )
        assert delegation.evaluation_due == date(2027, 3, 2) and workdays.is_workday(
            delegation.evaluation_due
        )
        assert writes.new_records == 1
        assert Record.objects.for_subject(delegation).get().action == "delegation.create"

    def test_the_form_offers_the_departments_items_and_townships(
        self, client, head, in_force, township, agencies
    ):
        client.force_login(head)
        body = html(client.get("/catalog/delegations/new/"))
        assert f'<option value="{in_force.pk}">' in body and "东区街道办事处" in body
        assert agencies["west_market"].name not in body
        assert 'hx-get="/catalog/delegations/new/"' in body

    def test_errors_are_shown_and_keep_the_input(self, client, head, in_force, township, agencies):
        client.force_login(head)
        writes = Writes()
        body = html(
            client.post(
                "/catalog/delegations/new/",
                delegation_form(in_force, township, to_agency=agencies["west_market"].pk, document=""),
            )
        )
        assert "选择一个有效的选项" in body and REQUIRED in body and "东政发" not in body
        assert "已培训" in body
        delegate(in_force, township)
        body = html(client.post("/catalog/delegations/new/", delegation_form(in_force, township)))
        assert "该事项已赋权给该乡镇（街道）" in body
        assert writes.new_records == 1 and Delegation.objects.count() == 1

    def test_overdue_is_highlighted_with_working_day_dates(self, client, officer, in_force, township):
        other = services.item_create(
            actor=None, draft=services.draft_open(actor=None, agency=in_force.version.agency),
            code="X-2", legal_bases=[FOOD_BASIS], **item_fields(name="第二项"),
        )  # fmt: skip
        overdue = delegate(in_force, township, on=TODAY - timedelta(days=400))
        soon = delegate(other, township, on=TODAY - timedelta(days=355))
        client.force_login(officer)
        body = html(client.get("/catalog/delegations/"))
        marked = re.findall(r'data-testid="overdue">(\d{4}-\d{2}-\d{2})', body)
        assert marked == [f"{overdue.evaluation_due:%Y-%m-%d}"]
        assert "即将到期" in body
        for d in (overdue, soon):
            assert workdays.is_workday(d.evaluation_due)
        assert "第二项" not in html(client.get("/catalog/delegations/", {"due": "overdue"}))
        assert "第二项" in html(client.get("/catalog/delegations/", {"due": "soon"}))
        detail = html(client.get(f"/catalog/delegations/{overdue.pk}/"))
        assert "已逾期，请尽快评估" in detail

    def test_evaluate(self, client, supervisor, delegation):
        client.force_login(supervisor)
        writes = Writes()
        url = f"/catalog/delegations/{delegation.pk}/evaluate/"
        response = client.post(url, {"on": "2026-09-28", "outcome": "keep", "findings": "承接良好"})
        assert response.status_code == 302
        delegation.refresh_from_db()
        assert (delegation.status, delegation.evaluation_due) == ("active", date(2027, 9, 28))
        assert writes.new_records == 1
        assert "承接良好" in html(client.get(f"/catalog/delegations/{delegation.pk}/"))

    def test_evaluation_errors(self, client, supervisor, delegation):
        client.force_login(supervisor)
        url = f"/catalog/delegations/{delegation.pk}/evaluate/"
        writes = Writes()
        body = html(client.post(url, {"on": "2025-01-01", "outcome": "keep", "findings": "x"}))
        assert "评估日期不能早于赋权日期" in body
        body = html(client.post(url, {"on": "2026-09-28", "outcome": "", "findings": "有意见"}))
        assert REQUIRED in body and "有意见" in body
        assert writes.new_records == 0 and not delegation.evaluations.exists()
        assert client.get(url).status_code == 302

    def test_withdrawn_cannot_be_evaluated_again(self, client, supervisor, delegation):
        services.delegation_evaluate(
            actor=supervisor,
            delegation=delegation,
            on=date(2026, 9, 28),
            outcome="withdraw",
            findings="接不住",
        )
        client.force_login(supervisor)
        assert 'data-testid="evaluate-form"' not in html(client.get(f"/catalog/delegations/{delegation.pk}/"))
        body = html(
            client.post(
                f"/catalog/delegations/{delegation.pk}/evaluate/",
                {"on": "2026-10-09", "outcome": "keep", "findings": "x"},
            )
        )
        assert "该事项已收回" in body

    def test_export(self, client, supervisor, delegation):
        client.force_login(supervisor)
        rows = xlsx_rows(client.get("/catalog/delegations/export.xlsx"))
        assert rows[0][:4] == ("赋权部门", "承接乡镇（街道）", "事项编码", "事项名称")
        assert rows[1][1:4] == ("东区街道办事处", CODE, "销售不符合食品安全标准的食品")
        assert rows[1][-1] == "实施中"


# ---- 岗位职权分解 -----------------------------------------------------------------------------------


@pytest.fixture
def duties_setup(agencies, draft, food_item, team):
    """Three items in the draft: one held twice without a division (交叉), one with a division, one by
    nobody (空白)."""
    services.item_create(
        actor=None, draft=draft, code="X-2", legal_bases=[FOOD_BASIS], **item_fields(name="第二项")
    )
    services.item_create(
        actor=None, draft=draft, code="X-3", legal_bases=[FOOD_BASIS], **item_fields(name="第三项")
    )
    team2 = services.org_unit_create(actor=None, agency=agencies["east_market"], name="执法二队")
    services.duty_assign(actor=None, unit=team, item_code=CODE)
    services.duty_assign(actor=None, unit=team2, item_code=CODE)
    services.duty_assign(actor=None, unit=team, item_code="X-2", division="城区")
    services.duty_assign(actor=None, unit=team2, item_code="X-2", division="乡镇")
    return agencies["east_market"]


class TestDuties:
    def test_overlaps_and_gaps(self, client, officer, duties_setup):
        client.force_login(officer)
        body = html(client.get("/catalog/duties/", {"agency": duties_setup.pk, "basis": "draft"}))
        overlaps = body.split('data-testid="overlaps"')[1].split('data-testid="gaps"')[0]
        gaps = body.split('data-testid="gaps"')[1].split('data-testid="units"')[0]
        assert "交叉（1项）" in overlaps and CODE in overlaps and "未写明分工" in overlaps
        assert "X-2" not in overlaps
        assert "空白（1项）" in gaps and "X-3 第三项" in gaps and CODE not in gaps
        # against the version in force: there is none yet
        assert "该机关没有施行中的清单" in html(client.get("/catalog/duties/", {"agency": duties_setup.pk}))

    def test_create_unit_and_assign(self, client, reviewer, duties_setup, team):
        client.force_login(reviewer)
        east = duties_setup.pk
        writes = Writes()
        response = client.post(
            f"/catalog/duties/{east}/units/new/",
            {"unit-name": "案件审核岗", "unit-parent": team.pk, "basis": "draft"},
        )
        assert response.status_code == 302 and "basis=draft" in response["Location"]
        post = OrgUnit.objects.get(name="案件审核岗")
        assert post.parent == team
        response = client.post(
            f"/catalog/duties/{east}/assign/",
            {"duty-unit": post.pk, "duty-item_code": "X-3", "duty-division": "", "basis": "draft"},
        )
        assert response.status_code == 302
        assert DutyAssignment.objects.filter(unit=post, item_code="X-3").exists()
        assert writes.new_records == 1  # org units carry no record; the assignment does
        body = html(client.get("/catalog/duties/", {"agency": east, "basis": "draft"}))
        assert "空白（0项）" in body

    def test_form_errors(self, client, reviewer, duties_setup, team):
        client.force_login(reviewer)
        east = duties_setup.pk
        writes = Writes()
        body = html(client.post(f"/catalog/duties/{east}/units/new/", {"unit-name": "", "basis": "draft"}))
        assert REQUIRED in body
        services.org_unit_create(actor=None, agency=duties_setup, name="案件审核岗", parent=team)
        body = html(
            client.post(
                f"/catalog/duties/{east}/units/new/", {"unit-name": "案件审核岗", "unit-parent": team.pk}
            )
        )
        assert "已经存在" in body
        body = html(
            client.post(
                f"/catalog/duties/{east}/assign/",
                {"duty-unit": team.pk, "duty-item_code": "NOPE", "basis": "draft"},
            )
        )
        assert "选择一个有效的选项" in body
        assert writes.new_records == 0

    def test_export(self, client, officer, duties_setup):
        client.force_login(officer)
        rows = xlsx_rows(
            client.get("/catalog/duties/export.xlsx", {"agency": duties_setup.pk, "basis": "draft"})
        )
        assert rows[0] == ("事项编码", "事项名称", "机构/岗位", "分工说明", "情况")
        states = {(row[0], row[4]) for row in rows[1:]}
        assert (CODE, "交叉") in states and ("X-3", "空白") in states and ("X-2", None) in states


# ---- 流程图 -----------------------------------------------------------------------------------------


class TestFlowchartPages:
    def test_page_shows_both_procedures(self, client, officer, agencies):
        client.force_login(officer)
        body = html(client.get("/catalog/flowcharts/"))
        assert "东区市场监督管理局 简易程序流程图" in body and "东区市场监督管理局 普通程序流程图" in body
        assert body.count("<svg") == 2 and "听证" in body

    def test_svg_file(self, client, officer, agencies):
        client.force_login(officer)
        response = client.get(f"/catalog/flowcharts/{agencies['east_market'].pk}/ordinary.svg")
        assert response["Content-Type"] == "image/svg+xml"
        root = ET.fromstring(response.content)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert client.get(f"/catalog/flowcharts/{agencies['east_market'].pk}/nope.svg").status_code == 404


# ---- 公示 -------------------------------------------------------------------------------------------


@pytest.fixture
def guide_published(agencies, draft, food_benchmark):
    """Version 1 published with a second item that has a 服务指南 and is on the derived lists."""
    services.item_create(
        actor=None,
        draft=draft,
        code="SCJG-JC-001",
        legal_bases=[FOOD_BASIS],
        **item_fields(
            name="食品经营日常检查",
            category="inspection",
            service_guide="检查时出示执法证件，不收取任何费用。",
            is_random_inspection=True,
            inspection_object="食品经营者",
            inspection_method="双随机",
            av_steps=["on_site"],
        ),
    )
    return submit_and_approve(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))


class TestPublic:
    def test_no_login_needed(self, client, agencies, guide_published):
        east = agencies["east_market"].pk
        for url in [
            "/gs/catalog/",
            f"/gs/catalog/{east}/",
            f"/gs/catalog/{east}/?list=supervision",
            f"/gs/catalog/{east}/?list=random",
            f"/gs/catalog/{east}/?list=legal_review",
            f"/gs/catalog/{east}/?list=av",
            f"/gs/catalog/{east}/?list=bogus",
            f"/gs/catalog/{east}/versions/",
            f"/gs/catalog/{east}/benchmarks/",
            f"/gs/catalog/{east}/items/SCJG-JC-001/",
            f"/gs/catalog/{east}/flowcharts/",
        ]:
            assert client.get(url).status_code == 200, url
        svg = client.get(f"/gs/catalog/{east}/flowcharts/simple.svg")
        assert svg["Content-Type"] == "image/svg+xml"
        ET.fromstring(svg.content)

    def test_catalogue_lists_guide_versions_and_benchmarks(self, client, agencies, guide_published):
        east = agencies["east_market"].pk
        index = html(client.get("/gs/catalog/"))
        assert "东区市场监督管理局" in index and "西县市场监督管理局" not in index
        catalog = html(client.get(f"/gs/catalog/{east}/"))
        assert "食品经营日常检查" in catalog and "销售不符合食品安全标准的食品" in catalog
        assert guide_published.content_hash in catalog
        random = html(client.get(f"/gs/catalog/{east}/", {"list": "random"}))
        assert "随机抽查事项清单" in random and "双随机" in random and "销售不符合" not in random
        assert "现场检查（勘验）" in html(client.get(f"/gs/catalog/{east}/", {"list": "av"}))
        guide = html(client.get(f"/gs/catalog/{east}/items/SCJG-JC-001/"))
        assert "检查时出示执法证件，不收取任何费用。" in guide and "第一百二十四条" in guide
        benchmarks = html(client.get(f"/gs/catalog/{east}/benchmarks/"))
        assert "货值金额2000元以上不足5000元" in benchmarks and "罚款¥60,000.00至¥80,000.00" in benchmarks
        versions = html(client.get(f"/gs/catalog/{east}/versions/"))
        assert guide_published.content_hash in versions and "新增2项" in versions

    def test_a_draft_is_never_shown(self, client, agencies, draft, food_benchmark):
        east = agencies["east_market"].pk
        # before anything is published: nothing of the draft
        for url in [
            "/gs/catalog/",
            f"/gs/catalog/{east}/",
            f"/gs/catalog/{east}/benchmarks/",
            f"/gs/catalog/{east}/versions/",
        ]:
            body = html(client.get(url))
            assert "销售不符合食品安全标准的食品" not in body and "货值金额2000元" not in body, url
        assert client.get(f"/gs/catalog/{east}/items/{CODE}/").status_code == 404
        # published v1, then a v2 draft with a new item and a changed benchmark
        submit_and_approve(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
        second = services.draft_open(actor=None, agency=agencies["east_market"])
        services.item_create(
            actor=None,
            draft=second,
            code="DRAFT-1",
            legal_bases=[FOOD_BASIS],
            **item_fields(name="草稿中的新事项"),
        )
        item = second.items.get(code=CODE)
        services.benchmark_set(
            actor=None,
            item=item,
            legal_basis=item.legal_bases.get(),
            levels=[
                LevelInput(
                    "minor",
                    "草稿中的新情节",
                    fine_basis="amount",
                    fine_min=Decimal(50000),
                    fine_max=Decimal(51000),
                )
            ],
        )
        for url in [
            f"/gs/catalog/{east}/",
            f"/gs/catalog/{east}/?list=supervision",
            f"/gs/catalog/{east}/benchmarks/",
            f"/gs/catalog/{east}/versions/",
            f"/gs/catalog/{east}/items/{CODE}/",
        ]:
            body = html(client.get(url))
            assert "草稿中的新事项" not in body and "草稿中的新情节" not in body and "第2版" not in body, url
        assert client.get(f"/gs/catalog/{east}/items/DRAFT-1/").status_code == 404

    def test_a_version_not_yet_in_force_is_announced_not_applied(self, client, agencies, published):
        second = services.draft_open(actor=None, agency=agencies["east_market"])
        services.item_create(
            actor=None,
            draft=second,
            code="NEXT-1",
            legal_bases=[FOOD_BASIS],
            **item_fields(name="下一版的新事项"),
        )
        later = TODAY + timedelta(days=30)
        submit_and_approve(actor=None, draft=second, reason="amended", effective_from=later)
        east = agencies["east_market"].pk
        body = html(client.get(f"/gs/catalog/{east}/"))
        assert "现行第1版" in body and f"第2版已公布，将于{later:%Y-%m-%d}起施行" in body
        assert "下一版的新事项" not in body
        versions = html(client.get(f"/gs/catalog/{east}/versions/"))
        assert "第2版" in versions and "下一版的新事项" in versions  # the published diff is public

    def test_unknown_agency_is_404(self, client):
        assert client.get("/gs/catalog/999999/").status_code == 404
