"""/api/catalog/: each endpoint's success path, 422 field errors in Chinese, another agency's object is a
404, a role without the permission a 403."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.catalog.conftest import FOOD_BASIS, LEVELS, item_fields
from tests.catalog.helpers import submit_and_approve
from tests.factories import AgencyFactory, RegionFactory
from tests.helpers import Api, errors, has_chinese
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services
from zhifa.catalog.models import CatalogVersion, Delegation, EnforcementItem, VersionReview
from zhifa.core import records
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db

BASE = "/api/catalog"
TODAY = timezone.localdate()


@pytest.fixture
def api(client):
    return Api(client, BASE)


@pytest.fixture
def head(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def reviewer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER, username="east_reviewer")


@pytest.fixture
def west_head(agencies, make_user):
    return make_user(agencies["west_market"], RoleCode.AGENCY_HEAD, username="west_head")


@pytest.fixture
def supervisor(agencies, make_user):
    """执法监督人员 of 东区司法局: sees 东区, manages delegations, does not edit catalogues."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def township(city):
    region = RegionFactory(code="970102001", name="东区街道", level="township", parent=city["east"])
    return AgencyFactory(name="东区街道办事处", kind="township", region=region)


def basis_payload(basis=FOOD_BASIS, **overrides):
    data = {key: (str(value) if value is not None else None) for key, value in vars(basis).items()}
    return {**data, **overrides}


def item_payload(**overrides):
    fields = item_fields()
    return {
        "name": fields["name"],
        "category": fields["category"],
        "field": "market",
        "level": fields["level"],
        "legal_bases": [basis_payload()],
        **overrides,
    }


def level_payload(level):
    return {key: (str(value) if value is not None else None) for key, value in vars(level).items()}


def first_level():
    return level_payload(LEVELS[0])


def benchmark_payload(**overrides):
    return {
        "fact_label": "货值金额（元）",
        "levels": [level_payload(level) for level in LEVELS],
        "exemptions": [
            {
                "kind": "first_offence",
                "conditions": "初次违法且危害后果轻微并及时改正",
                "required_facts": ["first_offence", "harm_minor", "corrected_in_time"],
                "legal_basis": "行政处罚法第三十三条第一款",
            }
        ],
        **overrides,
    }


def second_item(draft, code="SCJG-JC-001", **overrides):
    return services.item_create(
        actor=None,
        draft=draft,
        code=code,
        legal_bases=[FOOD_BASIS],
        **item_fields(**{"category": "inspection", "name": "食品经营日常检查", **overrides}),
    )


# ---- versions and items ------------------------------------------------------------------------------


class TestVersions:
    def test_list_is_scoped_and_filtered(self, api, head, west_head, supervisor, published, agencies):
        west_draft = services.draft_open(actor=None, agency=agencies["west_market"])
        api.login(head)
        listed = api.get("/versions").json()
        assert listed["count"] == 1
        row = listed["items"][0]
        assert (row["number"], row["status"], row["item_count"]) == (1, "published", 1)
        assert (row["reason"], row["reason_label"], row["effective_from"]) == (
            "initial",
            "首次编制",
            "2026-01-01",
        )
        assert api.get("/versions", agency_id=agencies["west_market"].pk).json()["count"] == 0
        assert api.get("/versions", status="draft").json()["count"] == 0
        assert [v["id"] for v in api.login(west_head).get("/versions").json()["items"]] == [west_draft.pk]
        assert [v["id"] for v in api.login(supervisor).get("/versions").json()["items"]] == [published.pk]

    def test_detail_has_the_diff_and_hash(self, api, head, published):
        data = api.login(head).get(f"/versions/{published.pk}").json()
        assert data["content_hash"] == published.content_hash and len(data["content_hash"]) == 64
        assert data["diff"] == {
            "added": [{"code": "SCJG-CF-001", "name": "销售不符合食品安全标准的食品"}],
            "removed": [],
            "changed": [],
        }
        assert {entry["code"]: entry["count"] for entry in data["lists"]} == {
            "all": 1,
            "supervision": 0,
            "random": 0,
            "legal_review": 0,
            "av": 0,
        }
        assert data["published_at"] and data["status_label"] == "已发布"

    def test_items_and_derived_lists(self, api, head, draft, food_item):
        second_item(
            draft,
            is_random_inspection=True,
            inspection_object="食品经营者",
            inspection_method="现场检查",
            av_steps=["on_site"],
        )
        api.login(head)

        def codes(**params):
            return [i["code"] for i in api.get(f"/versions/{draft.pk}/items", **params).json()["items"]]

        assert codes() == ["SCJG-CF-001", "SCJG-JC-001"]
        assert codes(list="random") == codes(list="av") == ["SCJG-JC-001"]
        assert codes(list="legal_review") == []
        assert codes(q="CF") == codes(q="不符合") == codes(category="penalty") == ["SCJG-CF-001"]
        row = api.get(f"/versions/{draft.pk}/items", category="inspection").json()["items"][0]
        assert (row["category_label"], row["field"], row["av_steps"], row["has_benchmark"]) == (
            "行政检查",
            "market",
            ["on_site"],
            False,
        )
        assert api.get(f"/versions/{draft.pk}/items", list="secret").status_code == 422

    def test_item_detail_has_bases_and_benchmark(self, api, head, published):
        item = published.items.get()
        data = api.login(head).get(f"/items/{item.pk}").json()
        assert (data["code"], data["version_number"], data["version_status"]) == (
            "SCJG-CF-001",
            1,
            "published",
        )
        (basis,) = data["legal_bases"]
        assert basis["citation"] == "《中华人民共和国食品安全法》第一百二十四条"
        assert (basis["statutory_min"], basis["statutory_max"]) == ("50000.00", "100000.00")
        benchmark = data["benchmark"]
        assert benchmark["legal_basis_id"] == basis["id"] and benchmark["fact_label"] == "货值金额（元）"
        assert [level["level"] for level in benchmark["levels"]] == ["minor", "ordinary", "serious"]
        assert benchmark["levels"][2]["confiscate"] is True
        assert benchmark["levels"][1]["fine_min"] == "60000.00"
        (exemption,) = benchmark["exemptions"]
        assert exemption["kind_label"] == "首违不罚"
        assert exemption["required_labels"] == ["初次违法", "危害后果轻微", "及时改正"]

    def test_version_in_force(self, api, head, published, agencies):
        url = f"/agencies/{agencies['east_market'].pk}/in-force"
        api.login(head)
        before = api.get(url, on="2025-12-31").json()
        assert (before["number"], before["version"]) == (None, None)
        data = api.get(url, on="2026-06-01").json()
        assert (data["number"], data["version"]["id"], data["on"]) == (1, published.pk, "2026-06-01")
        assert api.get(url).json()["number"] == 1
        assert api.get(url, on="2026-13-01").status_code == 422

    def test_anonymous_is_401(self, api, published):
        assert api.get("/versions").status_code == 401


# ---- the draft --------------------------------------------------------------------------------------------


class TestDraft:
    def test_open_the_draft(self, api, head, agencies):
        url = f"/agencies/{agencies['east_market'].pk}/draft"
        response = api.login(head).post(url)
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["number"], data["status"], data["item_count"]) == (1, "draft", 0)
        assert api.post(url).json()["id"] == data["id"]

    def test_the_next_draft_copies_the_published_version(self, api, reviewer, published, agencies):
        data = api.login(reviewer).post(f"/agencies/{agencies['east_market'].pk}/draft").json()
        assert (data["number"], data["item_count"]) == (2, 1)
        copy = EnforcementItem.objects.get(version_id=data["id"])
        assert copy.benchmark.levels.count() == 3

    def test_put_creates_then_replaces(self, api, head, draft):
        api.login(head)
        payload = item_payload(
            needs_legal_review=True,
            major_fine_threshold="50000",
            major_on_revocation=True,
            av_steps=["on_site", "seizure", "on_site"],
            service_guide="办理地点：政务服务中心市场监管窗口",
        )
        response = api.put(f"/drafts/{draft.pk}/items/SCJG-CF-009", payload)
        assert response.status_code == 201, response.content
        data = response.json()
        assert (data["code"], data["needs_legal_review"], data["av_steps"]) == (
            "SCJG-CF-009",
            True,
            ["on_site", "seizure"],
        )
        assert data["major_fine_threshold"] == "50000.00" and data["benchmark"] is None
        other = basis_payload(article="第一百二十五条", text="……")
        response = api.put(
            f"/drafts/{draft.pk}/items/SCJG-CF-009",
            item_payload(name="新名称", legal_bases=[basis_payload(), other]),
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["name"] == "新名称" and data["id"] == EnforcementItem.objects.get(code="SCJG-CF-009").pk
        assert [b["article"] for b in data["legal_bases"]] == ["第一百二十四条", "第一百二十五条"]
        actions = Record.objects.for_subject(draft).values_list("action", flat=True)
        assert list(actions) == ["catalog.item_save", "catalog.item_save"]

    def test_post_creates_and_refuses_a_duplicate_code(self, api, head, draft, food_item):
        api.login(head)
        response = api.post(f"/drafts/{draft.pk}/items", item_payload(code="SCJG-CF-002"))
        assert response.status_code == 201, response.content
        response = api.post(f"/drafts/{draft.pk}/items", item_payload(code=food_item.code))
        assert errors(response)["code"] == "事项编码“SCJG-CF-001”已存在"

    def test_an_item_needs_a_legal_basis(self, api, head, draft):
        response = api.login(head).put(f"/drafts/{draft.pk}/items/X-1", item_payload(legal_bases=[]))
        assert errors(response)["legal_bases"] == "执法事项必须有设定依据（法律、法规、规章条款）"
        assert not EnforcementItem.objects.exists()

    def test_bad_item_fields(self, api, head, draft):
        api.login(head)
        response = api.put(f"/drafts/{draft.pk}/items/X-1", item_payload(category="tax", level="galaxy"))
        problems = errors(response)
        assert has_chinese(problems["category"]) and has_chinese(problems["level"])
        response = api.put(
            f"/drafts/{draft.pk}/items/X-1", item_payload(field="astrology", av_steps=["dancing"])
        )
        assert errors(response) == {
            "field": "执法领域“astrology”不存在",
            "av_steps": "未知的执法环节：dancing",
        }
        assert has_chinese(errors(api.put(f"/drafts/{draft.pk}/items/中文", item_payload()))["code"])
        response = api.put(
            f"/drafts/{draft.pk}/items/X-1", item_payload(legal_bases=[basis_payload(rank="rumour")])
        )
        assert has_chinese(errors(response)["legal_bases[1].rank"])
        assert (
            api.put(f"/drafts/{draft.pk}/items/X-1", item_payload(is_supervision="maybe")).status_code == 422
        )
        assert not EnforcementItem.objects.exists()

    def test_statutory_minimum_above_maximum(self, api, head, draft):
        bad = basis_payload(statutory_min="200000")
        response = api.login(head).put(f"/drafts/{draft.pk}/items/X-1", item_payload(legal_bases=[bad]))
        assert errors(response)["legal_bases[1].statutory_min"] == "法定罚款下限不能高于上限"
        bad = basis_payload(fine_basis="per_day")
        response = api.put(f"/drafts/{draft.pk}/items/X-1", item_payload(legal_bases=[bad]))
        assert errors(response)["legal_bases[1].fine_basis"] == "“per_day”不是有效的罚款计算方式"

    def test_remove(self, api, head, draft, food_item):
        api.login(head)
        assert api.delete(f"/drafts/{draft.pk}/items/{food_item.code}").status_code == 204
        assert not EnforcementItem.objects.exists()
        assert errors(api.delete(f"/drafts/{draft.pk}/items/{food_item.code}"))["code"] == (
            "草稿中没有事项“SCJG-CF-001”"
        )

    def test_submit(self, api, head, draft, food_item):
        api.login(head)
        assert errors(api.post(f"/drafts/{draft.pk}/submit", {}))["reason"] == (
            "请选择调整原因（立、改、废、释或改革）"
        )
        assert errors(api.post(f"/drafts/{draft.pk}/submit", {"reason": "whim"}))["reason"] == (
            "“whim”不是有效的调整原因"
        )
        response = api.post(
            f"/drafts/{draft.pk}/submit",
            {"reason": "initial", "note": "首次编制清单", "effective_from": "2026-01-01"},
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["status"], data["reason"], data["reason_note"], data["effective_from"]) == (
            "submitted",
            "initial",
            "首次编制清单",
            "2026-01-01",
        )
        assert [a["code"] for a in data["diff"]["added"]] == ["SCJG-CF-001"]
        assert data["content_hash"] == CatalogVersion.objects.get().content_hash
        assert (data["published_at"], data["published_by"]) == (None, None)
        assert [(r["list_label"], r["reviewer_name"], r["status_label"]) for r in data["reviews"]] == [
            ("行政执法事项清单", "东区司法局", "待审核")
        ]
        assert records.verify().ok

    def test_the_second_version_shows_what_changed(self, api, head, published, agencies):
        api.login(head)
        draft = api.post(f"/agencies/{agencies['east_market'].pk}/draft").json()
        api.put(f"/drafts/{draft['id']}/items/SCJG-CF-001", item_payload(name="销售不合格食品"))
        api.post(f"/drafts/{draft['id']}/items", item_payload(code="SCJG-JC-001", category="inspection"))
        data = api.post(
            f"/drafts/{draft['id']}/submit", {"reason": "amended", "effective_from": "2026-07-01"}
        ).json()
        url = f"/agencies/{agencies['east_market'].pk}/in-force"
        assert api.get(url, on="2026-07-01").json()["number"] == 1  # not approved yet
        for review in VersionReview.objects.filter(status="pending"):
            services.version_approve(actor=None, review=review)
        assert data["diff"]["changed"] == [
            {"code": "SCJG-CF-001", "name": "销售不合格食品", "parts": ["name"]}
        ]
        assert data["diff"]["added"] == [{"code": "SCJG-JC-001", "name": "销售不符合食品安全标准的食品"}]
        assert [api.get(url, on=day).json()["number"] for day in ("2026-06-30", "2026-07-01")] == [1, 2]

    def test_a_published_version_cannot_be_edited(self, api, head, published):
        item = published.items.get()
        api.login(head)
        message = "已发布的清单版本不能修改，请在草稿中修改后重新发布"
        assert (
            errors(api.put(f"/drafts/{published.pk}/items/{item.code}", item_payload()))["version"] == message
        )
        assert (
            errors(api.post(f"/drafts/{published.pk}/items", item_payload(code="X-2")))["version"] == message
        )
        assert errors(api.delete(f"/drafts/{published.pk}/items/{item.code}"))["version"] == message
        assert errors(api.post(f"/drafts/{published.pk}/submit", {"reason": "amended"}))["version"] == message
        assert errors(api.put(f"/items/{item.pk}/benchmark", benchmark_payload()))["version"] == message
        assert EnforcementItem.objects.get().name == "销售不符合食品安全标准的食品"

    def test_without_the_permission_is_403(self, api, officer, supervisor, draft, food_item, agencies):
        for user in (officer, supervisor):
            api.login(user)
            assert api.post(f"/agencies/{agencies['east_market'].pk}/draft").status_code == 403
            assert api.put(f"/drafts/{draft.pk}/items/X-1", item_payload()).status_code == 403
            assert api.post(f"/drafts/{draft.pk}/items", item_payload(code="X-1")).status_code == 403
            assert api.delete(f"/drafts/{draft.pk}/items/{food_item.code}").status_code == 403
            assert api.post(f"/drafts/{draft.pk}/submit", {"reason": "initial"}).status_code == 403
            assert api.put(f"/items/{food_item.pk}/benchmark", benchmark_payload()).status_code == 403
        assert api.login(officer).get(f"/versions/{draft.pk}").status_code == 200
        assert list(EnforcementItem.objects.values_list("code", flat=True)) == [food_item.code]
        assert CatalogVersion.objects.get().status == "draft"


# ---- benchmarks -------------------------------------------------------------------------------------------


class TestBenchmark:
    def test_set(self, api, reviewer, food_item):
        response = api.login(reviewer).put(f"/items/{food_item.pk}/benchmark", benchmark_payload())
        assert response.status_code == 200, response.content
        benchmark = response.json()["benchmark"]
        assert benchmark["legal_basis"] == "《中华人民共和国食品安全法》第一百二十四条"
        assert [(lvl["level_label"], lvl["fine_max"]) for lvl in benchmark["levels"]] == [
            ("轻微", "60000.00"),
            ("一般", "80000.00"),
            ("较重", "100000.00"),
        ]
        assert benchmark["exemptions"][0]["required_facts"] == [
            "first_offence",
            "harm_minor",
            "corrected_in_time",
        ]
        response = api.put(
            f"/items/{food_item.pk}/benchmark",
            benchmark_payload(
                legal_basis_id=food_item.legal_bases.get().pk, levels=[level_payload(LEVELS[0])]
            ),
        )
        assert [lvl["level"] for lvl in response.json()["benchmark"]["levels"]] == ["minor"]

    def test_minimum_above_maximum(self, api, head, food_item):
        level = {**level_payload(LEVELS[0]), "fine_min": "70000", "fine_max": "60000"}
        response = api.login(head).put(f"/items/{food_item.pk}/benchmark", benchmark_payload(levels=[level]))
        assert errors(response)["levels[1].fine_min"] == "罚款下限不能高于上限"

    def test_outside_the_statutory_range(self, api, head, food_item):
        api.login(head)
        low = {**level_payload(LEVELS[0]), "fine_min": "1000"}
        response = api.put(f"/items/{food_item.pk}/benchmark", benchmark_payload(levels=[low]))
        assert errors(response)["levels[1].fine_min"] == "罚款下限低于法定下限¥50,000.00"
        high = {**level_payload(LEVELS[2]), "fine_max": "150000"}
        response = api.put(
            f"/items/{food_item.pk}/benchmark", benchmark_payload(levels=[first_level(), high])
        )
        assert errors(response)["levels[2].fine_max"] == "罚款上限超出法定上限¥100,000.00"

    def test_overlapping_levels(self, api, head, food_item):
        overlapping = {**level_payload(LEVELS[1]), "fact_min": "1000"}
        response = api.login(head).put(
            f"/items/{food_item.pk}/benchmark", benchmark_payload(levels=[first_level(), overlapping])
        )
        assert errors(response)["levels"] == "情节“轻微”与“一般”的适用范围重叠"
        assert not hasattr(EnforcementItem.objects.get(pk=food_item.pk), "benchmark")

    def test_bad_choices_and_basis(self, api, head, draft, food_item):
        api.login(head)
        level = {**level_payload(LEVELS[0]), "level": "apocalyptic"}
        assert has_chinese(
            errors(api.put(f"/items/{food_item.pk}/benchmark", benchmark_payload(levels=[level])))[
                "levels[1].level"
            ]
        )
        exemption = {"kind": "mercy", "conditions": "x"}
        response = api.put(f"/items/{food_item.pk}/benchmark", benchmark_payload(exemptions=[exemption]))
        assert errors(response)["exemptions[1].kind"] == "“mercy”不是有效的减免责类型"
        other = second_item(draft, category="penalty")
        response = api.put(
            f"/items/{food_item.pk}/benchmark",
            benchmark_payload(legal_basis_id=other.legal_bases.get().pk),
        )
        assert errors(response)["legal_basis"] == "处罚依据必须是该事项的设定依据"
        inspection = second_item(draft, code="SCJG-JC-002")
        response = api.put(f"/items/{inspection.pk}/benchmark", benchmark_payload())
        assert errors(response)["item"] == "只有行政处罚事项才设裁量基准"


# ---- the calculator -------------------------------------------------------------------------------------


class TestRecommend:
    def test_range_level_and_quoted_basis(self, api, officer, published):
        item = published.items.get()
        response = api.login(officer).post(
            "/recommend", {"item_id": item.pk, "on": "2026-06-01", "facts": {"fact_value": 3000}}
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert (data["level"], data["level_label"], data["fine_min"], data["fine_max"]) == (
            "ordinary",
            "一般",
            "60000.00",
            "80000.00",
        )
        assert (data["version"], data["item_code"], data["no_penalty"]) == (1, "SCJG-CF-001", False)
        assert data["measures"] == ["罚款¥60,000.00至¥80,000.00"]
        assert data["basis"][0] == f"《中华人民共和国食品安全法》第一百二十四条：{FOOD_BASIS.text}"
        assert "清单第1版（2026-01-01施行）裁量基准：一般——货值金额2000元以上不足5000元" in data["basis"][1]
        (exemption,) = data["exemptions"]
        assert (exemption["applies"], exemption["missing"]) == (
            False,
            ["初次违法", "危害后果轻微", "及时改正"],
        )

    def test_first_offence_is_not_penalised(self, api, officer, published):
        facts = {"fact_value": "9000", "first_offence": True, "harm_minor": True, "corrected_in_time": True}
        data = (
            api.login(officer)
            .post("/recommend", {"item_id": published.items.get().pk, "on": "2026-06-01", "facts": facts})
            .json()
        )
        assert data["level"] == "serious" and data["no_penalty"] is True
        assert data["measures"] == ["不予行政处罚"]
        assert data["exemptions"][0]["applies"] is True
        assert any(line.startswith("首违不罚：") and "第三十三条" in line for line in data["basis"])

    def test_bad_facts(self, api, officer, published):
        item = published.items.get()
        api.login(officer)
        assert errors(api.post("/recommend", {"item_id": item.pk, "on": "2026-06-01"}))["fact_value"] == (
            "请填写货值金额（元）"
        )
        response = api.post(
            "/recommend", {"item_id": item.pk, "on": "2026-06-01", "facts": {"fact_value": 20000}}
        )
        assert "不在任何情节的范围内" in errors(response)["fact_value"]
        response = api.post(
            "/recommend", {"item_id": item.pk, "on": "2025-06-01", "facts": {"fact_value": 1}}
        )
        assert "没有施行中的清单版本" in errors(response)["item"]
        response = api.post("/recommend", {"item_id": item.pk, "facts": {"fact_value": "lots"}})
        assert response.status_code == 422


# ---- 赋权乡镇 ---------------------------------------------------------------------------------------------


def delegation_payload(item, township, **overrides):
    return {
        "item_id": item.pk,
        "to_agency_id": township.pk,
        "form": "decision",
        "document": "东政发〔2025〕9号",
        "on": "2025-09-30",
        "staff_transferred": 2,
        **overrides,
    }


def _years_before(day, years=1):
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class TestDelegations:
    def test_create_list_and_evaluate(self, api, head, supervisor, published, township):
        item = published.items.get()
        response = api.login(head).post("/delegations", delegation_payload(item, township))
        assert response.status_code == 201, response.content
        data = response.json()
        assert (data["from_agency_name"], data["to_agency_name"], data["evaluation_due"]) == (
            "东区市场监督管理局",
            "东区街道办事处",
            "2026-09-30",
        )
        assert (data["status"], data["form_label"], data["evaluations"]) == ("active", "省政府赋权决定", [])
        assert [d["id"] for d in api.login(supervisor).get("/delegations").json()["items"]] == [data["id"]]
        response = api.post(
            f"/delegations/{data['id']}/evaluate",
            {"on": "2026-09-28", "outcome": "keep", "findings": "承接良好"},
        )
        assert response.status_code == 200, response.content
        evaluated = response.json()
        assert (evaluated["status"], evaluated["evaluation_due"]) == ("active", "2027-09-28")
        assert [(e["outcome_label"], e["evaluator"]) for e in evaluated["evaluations"]] == [
            ("继续实施", supervisor.real_name)
        ]
        assert api.get(f"/delegations/{data['id']}").json()["evaluations"][0]["findings"] == "承接良好"

    def test_due_and_overdue(self, api, head, draft, food_item, township):
        other = second_item(draft, category="penalty")
        soon = services.delegation_create(
            actor=None,
            from_agency=draft.agency,
            to_agency=township,
            item=food_item,
            form="decision",
            document="东政发〔2025〕9号",
            on=_years_before(TODAY + timedelta(days=10)),
        )
        late = services.delegation_create(
            actor=None,
            from_agency=draft.agency,
            to_agency=township,
            item=other,
            form="entrustment",
            document="东政发〔2025〕3号",
            on=_years_before(TODAY - timedelta(days=40)),
        )
        api.login(head)
        assert [d["id"] for d in api.get("/delegations", state="due").json()["items"]] == [soon.pk]
        assert [d["id"] for d in api.get("/delegations", state="overdue").json()["items"]] == [late.pk]
        states = {d["id"]: d["due_state"] for d in api.get("/delegations").json()["items"]}
        assert states == {soon.pk: "due", late.pk: "overdue"}
        assert api.get("/delegations", agency_id=township.pk).json()["count"] == 2
        assert api.get("/delegations", state="someday").status_code == 422

    def test_bad_input(self, api, head, published, township, agencies):
        item = published.items.get()
        api.login(head)
        response = api.post("/delegations", delegation_payload(item, agencies["east_justice"]))
        assert errors(response)["to_agency"] == "承接单位应为乡镇人民政府或街道办事处"
        response = api.post("/delegations", delegation_payload(item, township, to_agency_id=999999))
        assert errors(response)["to_agency"] == "承接乡镇（街道）不存在"
        response = api.post("/delegations", delegation_payload(item, township, form="gift"))
        assert has_chinese(errors(response)["form"])
        delegation = api.post("/delegations", delegation_payload(item, township)).json()
        assert errors(api.post("/delegations", delegation_payload(item, township)))["item"] == (
            "该事项已赋权给该乡镇（街道）"
        )
        response = api.post(f"/delegations/{delegation['id']}/evaluate", {"outcome": "keep", "findings": " "})
        assert errors(response)["findings"] == "请填写评估意见"
        response = api.post(
            f"/delegations/{delegation['id']}/evaluate",
            {"on": "2025-01-01", "outcome": "keep", "findings": "x"},
        )
        assert errors(response)["on"] == "评估日期不能早于赋权日期"
        response = api.post(
            f"/delegations/{delegation['id']}/evaluate", {"outcome": "forget", "findings": "x"}
        )
        assert has_chinese(errors(response)["outcome"])

    def test_without_the_permission_is_403(self, api, officer, published, township):
        item = published.items.get()
        delegation = services.delegation_create(
            actor=None,
            from_agency=published.agency,
            to_agency=township,
            item=item,
            form="decision",
            document="东政发〔2025〕9号",
            on=date(2025, 9, 30),
        )
        api.login(officer)
        assert api.get(f"/delegations/{delegation.pk}").status_code == 200
        assert (
            api.post("/delegations", delegation_payload(item, township, on="2025-10-09")).status_code == 403
        )
        response = api.post(
            f"/delegations/{delegation.pk}/evaluate", {"outcome": "withdraw", "findings": "x"}
        )
        assert response.status_code == 403
        assert Delegation.objects.get().status == "active"


# ---- 岗位职权分解 -------------------------------------------------------------------------------------------


class TestDuties:
    def test_units_assignments_overlaps_and_gaps(self, api, officer, agencies, draft, food_item):
        second_item(draft)
        second_item(draft, code="SCJG-XK-001", category="license", name="食品经营许可")
        submit_and_approve(actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1))
        agency = agencies["east_market"]
        team1 = services.org_unit_create(actor=None, agency=agency, name="执法一队")
        team2 = services.org_unit_create(actor=None, agency=agency, name="执法二队")
        post = services.org_unit_create(actor=None, agency=agency, name="食品安全岗", parent=team1)
        services.duty_assign(actor=None, unit=team1, item_code="SCJG-CF-001")
        services.duty_assign(actor=None, unit=team2, item_code="SCJG-CF-001")
        services.duty_assign(actor=None, unit=post, item_code="SCJG-JC-001", division="城区")
        data = api.login(officer).get(f"/agencies/{agency.pk}/duties", on="2026-06-01").json()
        assert (data["version_number"], data["on"]) == (1, "2026-06-01")
        assert sorted(u["label"] for u in data["units"]) == ["执法一队", "执法一队/食品安全岗", "执法二队"]
        assert sorted((a["item_code"], a["unit"], a["division"]) for a in data["assignments"]) == [
            ("SCJG-CF-001", "执法一队", ""),
            ("SCJG-CF-001", "执法二队", ""),
            ("SCJG-JC-001", "执法一队/食品安全岗", "城区"),
        ]
        (overlap,) = data["overlaps"]
        assert (overlap["item_code"], overlap["item_name"]) == ("SCJG-CF-001", "销售不符合食品安全标准的食品")
        assert sorted(h["unit"] for h in overlap["holders"]) == ["执法一队", "执法二队"]
        assert [g["code"] for g in data["gaps"]] == ["SCJG-XK-001"]
        before = api.get(f"/agencies/{agency.pk}/duties", on="2025-06-01").json()
        assert (before["version_number"], before["gaps"]) == (None, [])


# ---- jurisdiction -----------------------------------------------------------------------------------------


def test_another_agencys_objects_are_404(api, west_head, head, published, agencies, township):
    """Every object-level endpoint, for the head of the neighbouring county's department."""
    item = published.items.get()
    draft = services.draft_open(actor=None, agency=agencies["east_market"])
    delegation = services.delegation_create(
        actor=None,
        from_agency=published.agency,
        to_agency=township,
        item=item,
        form="decision",
        document="东政发〔2025〕9号",
        on=date(2025, 9, 30),
    )
    east = agencies["east_market"].pk
    api.login(west_head)
    for method, url, payload in [
        ("get", f"/versions/{published.pk}", None),
        ("get", f"/versions/{published.pk}/items", None),
        ("get", f"/items/{item.pk}", None),
        ("get", f"/agencies/{east}/in-force", None),
        ("get", f"/agencies/{east}/duties", None),
        ("post", f"/agencies/{east}/draft", {}),
        ("put", f"/drafts/{draft.pk}/items/X-1", item_payload()),
        ("post", f"/drafts/{draft.pk}/items", item_payload(code="X-1")),
        ("delete", f"/drafts/{draft.pk}/items/{item.code}", None),
        ("post", f"/drafts/{draft.pk}/submit", {"reason": "amended"}),
        ("put", f"/items/{item.pk}/benchmark", benchmark_payload()),
        ("post", "/recommend", {"item_id": item.pk, "on": "2026-06-01", "facts": {"fact_value": 1}}),
        ("post", "/delegations", delegation_payload(item, township, on="2025-10-09")),
        ("get", f"/delegations/{delegation.pk}", None),
        ("post", f"/delegations/{delegation.pk}/evaluate", {"outcome": "withdraw", "findings": "x"}),
    ]:
        response = getattr(api, method)(url, payload) if payload is not None else getattr(api, method)(url)
        assert response.status_code == 404, (method, url, response.content)
    assert api.get("/versions/999999").status_code == 404
    assert api.get("/delegations").json()["count"] == 0
    assert EnforcementItem.objects.filter(version=draft).count() == 1
    assert Delegation.objects.get().status == "active"
    assert CatalogVersion.objects.get(pk=draft.pk).status == "draft"
