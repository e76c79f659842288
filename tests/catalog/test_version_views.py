"""The catalogue pages (执法事项清单): every page renders for a permitted user; another agency's version
or item is a 404 everywhere; a role without catalog.manage_catalog gets 403 on every write; creating,
editing, removing and publishing write through the services and append a record; their error paths
show the Chinese error next to the field and write nothing; a published version is never edited."""

from datetime import date
from decimal import Decimal

import pytest

from tests import helpers
from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.catalog.helpers import approve_all, submit_and_approve
from tests.factories import field
from tests.helpers import html, xlsx_rows
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import services
from zhifa.catalog.models import Benchmark, CatalogVersion, EnforcementItem, LegalBasis
from zhifa.core.models import Record
from zhifa.registry import services as registry_services

pytestmark = pytest.mark.django_db

REQUIRED = "这个字段是必填项。"
CODE = "SCJG-CF-001"


class Writes(helpers.Writes):
    """What a request wrote: catalogue rows and records appended to the log."""

    counted = (CatalogVersion, EnforcementItem, LegalBasis, Benchmark)


# ---- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def head(agencies, make_user):
    """机关负责人 of 东区市场监督管理局: drafts and publishes its catalogue."""
    return make_user(agencies["east_market"], RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def reviewer(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.LEGAL_REVIEWER, username="east_reviewer")


@pytest.fixture
def outsider(agencies, make_user):
    """西县's head and legal reviewer: every catalogue permission — for 西县 only."""
    return make_user(
        agencies["west_market"], RoleCode.AGENCY_HEAD, RoleCode.LEGAL_REVIEWER, username="west_all"
    )


@pytest.fixture
def supervisor(agencies, make_user):
    """东区司法局's supervisor: sees every 东区 catalogue, edits none."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def second_draft(agencies, published):
    """The draft after version 1: food item renamed, an inspection item added."""
    draft = services.draft_open(actor=None, agency=agencies["east_market"])
    services.item_save(
        actor=None, draft=draft, code=CODE, legal_bases=[FOOD_BASIS], **item_fields(name="销售不合格食品")
    )
    services.item_create(
        actor=None,
        draft=draft,
        code="SCJG-JC-001",
        legal_bases=[FOOD_BASIS],
        **item_fields(
            category="inspection",
            name="食品经营日常检查",
            is_random_inspection=True,
            inspection_object="食品经营者",
            inspection_method="双随机、一公开",
        ),
    )
    return draft


def item_form(**overrides) -> dict:
    """A complete POST of the item form with one legal basis."""
    data = {
        "code": "SCJG-CF-002",
        "name": "未按规定公示食品经营许可证",
        "category": "penalty",
        "field": field("market").pk,
        "level": "county",
        "implementing_body": "",
        "duties": "调查取证、作出处罚决定",
        "accountability": "",
        "inspection_object": "",
        "inspection_method": "",
        "major_fine_threshold": "",
        "service_guide": "办理时限：立案之日起90日",
        "bases-TOTAL_FORMS": "1",
        "bases-INITIAL_FORMS": "0",
        "bases-MIN_NUM_FORMS": "0",
        "bases-MAX_NUM_FORMS": "1000",
        "bases-0-law_name": "中华人民共和国食品安全法",
        "bases-0-rank": "law",
        "bases-0-article": "第一百二十六条",
        "bases-0-text": "……责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款……",
        "bases-0-effective_from": "2021-04-29",
        "bases-0-effective_to": "",
        "bases-0-fine_basis": "amount",
        "bases-0-statutory_min": "5000",
        "bases-0-statutory_max": "50000",
    }
    return {**data, **overrides}


def edit_form(item: EnforcementItem, **overrides) -> dict:
    """The edit form as the page sends it back: the item's values and its legal bases."""
    bases = list(item.legal_bases.order_by("id"))
    data = {
        "name": item.name,
        "category": item.category,
        "field": item.field_id,
        "level": item.level,
        "implementing_body": item.implementing_body_id or "",
        "duties": item.duties,
        "accountability": item.accountability,
        "inspection_object": item.inspection_object,
        "inspection_method": item.inspection_method,
        "major_fine_threshold": item.major_fine_threshold or "",
        "service_guide": item.service_guide,
        "bases-TOTAL_FORMS": str(len(bases) + 1),
        "bases-INITIAL_FORMS": str(len(bases)),
        "bases-MIN_NUM_FORMS": "0",
        "bases-MAX_NUM_FORMS": "1000",
    }
    for flag in ("is_supervision", "is_random_inspection", "needs_legal_review", "major_on_revocation"):
        if getattr(item, flag):
            data[flag] = "on"
    if item.av_steps:
        data["av_steps"] = list(item.av_steps)
    for i, basis in enumerate(bases):
        for name in ("law_name", "rank", "article", "text", "fine_basis"):
            data[f"bases-{i}-{name}"] = getattr(basis, name)
        for name in ("effective_from", "effective_to", "statutory_min", "statutory_max"):
            value = getattr(basis, name)
            data[f"bases-{i}-{name}"] = "" if value is None else str(value)
    return {**data, **overrides}


def publish_form(**overrides) -> dict:
    return {"reason": "amended", "reason_note": "食品安全法修正", "effective_from": "2026-07-01", **overrides}


# ---- pages render ----------------------------------------------------------------------------------


class TestPagesRender:
    def test_read_pages_render_for_business_roles(self, client, officer, published, food_item):
        client.force_login(officer)
        urls = [
            "/catalog/versions/",
            f"/catalog/versions/{published.pk}/",
            "/catalog/items/",
            f"/catalog/items/?version={published.pk}",
            *[
                f"/catalog/items/?version={published.pk}&list={name}"
                for name in ("supervision", "random", "legal_review", "av")
            ],
            f"/catalog/items/{food_item.pk}/",
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
        assert client.get(f"/catalog/items/export.xlsx?version={published.pk}").status_code == 200

    def test_every_manager_page_renders(self, client, head, reviewer, draft, food_item):
        for user in (head, reviewer):
            client.force_login(user)
            for url in [
                "/catalog/draft/",
                f"/catalog/versions/{draft.pk}/",
                f"/catalog/versions/{draft.pk}/items/new/",
                f"/catalog/items/{food_item.pk}/",
                f"/catalog/items/{food_item.pk}/edit/",
                f"/catalog/items/{food_item.pk}/remove/",
                f"/catalog/versions/{draft.pk}/submit/",
                "/catalog/import/",
            ]:
                assert client.get(url).status_code == 200, url

    def test_login_is_required(self, client, published, food_item):
        for url in [
            "/catalog/versions/",
            f"/catalog/items/{food_item.pk}/",
            "/catalog/draft/",
            "/catalog/import/",
        ]:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_audit_admin_sees_no_catalogue_page(self, client, agencies, make_user, published, food_item):
        client.force_login(make_user(agencies["city_justice"], RoleCode.AUDIT_ADMIN))
        for url in [
            "/catalog/versions/",
            "/catalog/items/",
            f"/catalog/items/{food_item.pk}/",
            "/catalog/draft/",
        ]:
            assert client.get(url).status_code == 403, url

    def test_the_url_names_the_menu_points_at(self):
        from django.urls import reverse

        assert reverse("catalog:version_list") == "/catalog/versions/"
        assert reverse("catalog:draft") == "/catalog/draft/"
        assert reverse("catalog:item_list") == "/catalog/items/"
        assert reverse("catalog:import") == "/catalog/import/"


# ---- jurisdiction ----------------------------------------------------------------------------------


class TestOtherAgency:
    """西县's head, with every catalogue permission there, never reaches 东区's versions or items."""

    def object_urls(self, version, item):
        return [
            f"/catalog/versions/{version.pk}/",
            f"/catalog/versions/{version.pk}/items/new/",
            f"/catalog/versions/{version.pk}/submit/",
            f"/catalog/items/?version={version.pk}",
            f"/catalog/items/export.xlsx?version={version.pk}",
            f"/catalog/items/export.xlsx?version={version.pk}&kind=benchmarks",
            f"/catalog/items/{item.pk}/",
            f"/catalog/items/{item.pk}/edit/",
            f"/catalog/items/{item.pk}/remove/",
        ]

    def test_every_object_url_is_404(self, client, outsider, draft, food_item, agencies):
        client.force_login(outsider)
        writes = Writes()
        for url in self.object_urls(draft, food_item):
            assert client.get(url).status_code == 404, url
            assert client.post(url, {**item_form(), **publish_form(), "confirm": "on"}).status_code == 404, (
                url
            )
        assert client.get(f"/catalog/draft/?agency={agencies['east_market'].pk}").status_code == 404
        assert writes.none

    def test_published_objects_too(self, client, outsider, published, food_item):
        client.force_login(outsider)
        for url in self.object_urls(published, food_item):
            assert client.get(url).status_code == 404, url

    def test_absent_from_lists_and_exports(self, client, outsider, published, agencies):
        west = services.draft_open(actor=None, agency=agencies["west_market"])
        services.item_create(
            actor=None, draft=west, code="XX-001", legal_bases=[FOOD_BASIS], **item_fields(name="西县事项")
        )
        client.force_login(outsider)
        body = html(client.get("/catalog/versions/"))
        assert "西县市场监督管理局" in body and "东区市场监督管理局" not in body
        body = html(client.get("/catalog/items/"))
        assert "西县事项" in body and "销售不符合食品安全标准的食品" not in body
        assert html(client.get(f"/catalog/items/?agency={agencies['east_market'].pk}")).count(CODE) == 0
        codes = [row[0] for row in xlsx_rows(client.get("/catalog/items/export.xlsx"))[1:]]
        assert codes == ["XX-001"]

    def test_unknown_ids_are_404(self, client, head):
        client.force_login(head)
        for url in ["/catalog/versions/999999/", "/catalog/items/999999/", "/catalog/items/999999/edit/"]:
            assert client.get(url).status_code == 404, url
        assert client.get("/catalog/items/?version=999999").status_code == 404


class TestWithoutPermission:
    def test_officer_gets_403_on_every_write(self, client, officer, agencies, draft, food_item):
        client.force_login(officer)
        writes = Writes()
        urls = [
            "/catalog/draft/",
            f"/catalog/versions/{draft.pk}/items/new/",
            f"/catalog/versions/{draft.pk}/submit/",
            f"/catalog/items/{food_item.pk}/edit/",
            f"/catalog/items/{food_item.pk}/remove/",
            "/catalog/import/",
            "/catalog/import/template/items/",
        ]
        for url in urls:
            assert client.get(url).status_code == 403, url
            data = {**item_form(), **publish_form(), "confirm": "on", "agency": agencies["east_market"].pk}
            assert client.post(url, data).status_code == 403, url
        assert writes.none

    def test_supervisor_reads_every_catalogue_of_the_region_but_edits_none(
        self, client, supervisor, draft, food_item
    ):
        client.force_login(supervisor)
        assert client.get(f"/catalog/items/{food_item.pk}/").status_code == 200
        assert client.get(f"/catalog/versions/{draft.pk}/").status_code == 200
        writes = Writes()
        assert client.post(f"/catalog/items/{food_item.pk}/edit/", edit_form(food_item)).status_code == 403
        assert client.post(f"/catalog/versions/{draft.pk}/submit/", publish_form()).status_code == 403
        assert writes.none

    def test_read_pages_offer_no_edit_buttons_without_the_permission(self, client, officer, head, food_item):
        client.force_login(officer)
        body = html(client.get(f"/catalog/items/{food_item.pk}/"))
        assert f"/catalog/items/{food_item.pk}/edit/" not in body
        assert "编制清单草稿" not in html(client.get("/catalog/versions/"))
        client.force_login(head)
        assert f"/catalog/items/{food_item.pk}/edit/" in html(client.get(f"/catalog/items/{food_item.pk}/"))
        assert "编制清单草稿" in html(client.get("/catalog/versions/"))


# ---- versions --------------------------------------------------------------------------------------


class TestVersions:
    def test_list_shows_status_reason_dates_and_counts(self, client, officer, second_draft, head):
        client.force_login(head)
        assert client.post(f"/catalog/versions/{second_draft.pk}/submit/", publish_form()).status_code == 302
        approve_all()
        client.force_login(officer)
        body = html(client.get("/catalog/versions/"))
        assert "第2版" in body and "第1版" in body
        assert "首次编制" in body and "法律法规改" in body and "2026-07-01" in body
        # version 2: one added, one changed, none removed
        assert "<td>1</td><td>1</td><td>0</td>" in body
        assert "<td>1</td><td>0</td><td>0</td>" in body

    def test_filter_by_agency(self, client, supervisor, published, agencies):
        services.draft_open(actor=None, agency=agencies["west_market"])
        client.force_login(supervisor)  # sees every agency of 东区 only
        body = html(client.get("/catalog/versions/"))
        assert "东区市场监督管理局" in body and "西县市场监督管理局" not in body
        body = html(client.get("/catalog/versions/", {"status": "draft"}))
        assert "没有符合条件的清单版本" in body
        body = html(
            client.get("/catalog/versions/", {"agency": agencies["east_market"].pk, "status": "published"})
        )
        assert "首次编制" in body

    def test_query_count_does_not_grow(
        self, client, officer, agencies, django_assert_max_num_queries, settings
    ):
        def publish_one(n):
            version = services.draft_open(actor=None, agency=agencies["east_market"])
            services.item_create(
                actor=None, draft=version, code=f"N-{n:03d}", legal_bases=[FOOD_BASIS], **item_fields()
            )
            submit_and_approve(actor=None, draft=version, reason="amended")

        publish_one(1)
        client.force_login(officer)
        client.get("/catalog/versions/")
        with django_assert_max_num_queries(12) as few:
            client.get("/catalog/versions/")
        for n in range(2, 8):
            publish_one(n)
        with django_assert_max_num_queries(len(few.captured_queries)):
            body = html(client.get("/catalog/versions/"))
        assert "第7版" in body

    def test_detail_shows_the_diff_in_chinese_the_hash_and_the_lists(
        self, client, head, officer, second_draft
    ):
        client.force_login(head)
        client.post(f"/catalog/versions/{second_draft.pk}/submit/", publish_form())
        approve_all()
        client.force_login(officer)
        body = html(client.get(f"/catalog/versions/{second_draft.pk}/"))
        second_draft.refresh_from_db()
        assert second_draft.content_hash in body
        assert "新增事项（1）" in body and "SCJG-JC-001" in body
        assert "修改事项（1）" in body and "事项名称" in body
        assert "删除事项（0）" in body
        for title in (
            "行政执法事项清单",
            "监管事项目录清单",
            "随机抽查事项清单",
            "重大执法决定法制审核目录清单",
            "音像记录事项清单",
        ):
            assert title in body
        assert f"?version={second_draft.pk}&amp;list=random" in body

    def test_changed_parts_are_translated(self, client, officer, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        other = FOOD_BASIS.__class__(**{**vars(FOOD_BASIS), "article": "第一百二十五条"})
        services.item_save(
            actor=None, draft=draft, code=CODE, legal_bases=[other], **item_fields(av_steps=["on_site"])
        )
        client.force_login(officer)
        body = html(client.get(f"/catalog/versions/{draft.pk}/"))
        assert "发布后将记录的差异" in body
        assert "<td>须音像记录的环节、裁量基准、设定依据</td>" in body
        assert "legal_bases" not in body and "av_steps" not in body

    def test_old_versions_stay_readable(self, client, officer, head, second_draft, published):
        client.force_login(head)
        client.post(f"/catalog/versions/{second_draft.pk}/submit/", publish_form())
        approve_all()
        client.force_login(officer)
        old_item = published.items.get()
        body = html(client.get(f"/catalog/items/{old_item.pk}/"))
        assert "销售不符合食品安全标准的食品" in body and "第1版" in body
        assert "在其他版本中" in body and f"/catalog/items/{second_draft.items.get(code=CODE).pk}/" in body
        assert "销售不合格食品" in body  # the name it has in version 2
        body = html(client.get(f"/catalog/items/?version={published.pk}"))
        assert "销售不符合食品安全标准的食品" in body and "SCJG-JC-001" not in body


# ---- items and derived lists -----------------------------------------------------------------------


class TestItems:
    def test_derived_lists_and_search(self, client, officer, second_draft):
        client.force_login(officer)
        url = f"/catalog/items/?version={second_draft.pk}"
        assert "SCJG-JC-001" in html(client.get(url + "&list=random"))
        assert CODE not in html(client.get(url + "&list=random"))
        assert "食品经营者；双随机、一公开" in html(client.get(url + "&list=random"))
        body = html(client.get("/catalog/items/", {"version": second_draft.pk, "q": "检查"}))
        assert "SCJG-JC-001" in body and "销售不合格食品" not in body
        body = html(client.get("/catalog/items/", {"version": second_draft.pk, "category": "penalty"}))
        assert CODE in body and "SCJG-JC-001" not in body

    def test_default_is_the_version_in_force_of_the_users_agency(
        self, client, officer, second_draft, published
    ):
        client.force_login(officer)
        body = html(client.get("/catalog/items/"))
        assert "第1版" in body and "销售不符合食品安全标准的食品" in body

    def test_pagination_keeps_the_filters(self, client, officer, draft, settings):
        settings.ZHIFA_PAGE_SIZE = 2
        for n in range(5):
            services.item_create(
                actor=None,
                draft=draft,
                code=f"P-{n}",
                legal_bases=[FOOD_BASIS],
                **item_fields(name=f"处罚{n}"),
            )
        client.force_login(officer)
        body = html(client.get("/catalog/items/", {"version": draft.pk, "q": "处罚"}))
        assert "共 5 条，第 1/3 页" in body and f"version={draft.pk}&" in body and "page=2" in body
        assert "处罚4" in html(client.get("/catalog/items/", {"version": draft.pk, "q": "处罚", "page": 3}))

    def test_query_count_does_not_grow_with_the_page(
        self, client, officer, draft, django_assert_max_num_queries
    ):
        def add(start, n):
            for i in range(start, start + n):
                services.item_create(
                    actor=None,
                    draft=draft,
                    code=f"Q-{i:03d}",
                    legal_bases=[FOOD_BASIS],
                    **item_fields(is_supervision=True, av_steps=["on_site"]),
                )

        add(0, 2)
        client.force_login(officer)
        client.get("/catalog/items/")
        with django_assert_max_num_queries(14) as few:
            client.get(f"/catalog/items/?version={draft.pk}")
        add(2, 16)
        with django_assert_max_num_queries(len(few.captured_queries)):
            body = html(client.get(f"/catalog/items/?version={draft.pk}"))
        assert body.count("Q-0") == 18

    def test_export_of_a_derived_list_and_of_the_benchmarks(
        self, client, officer, second_draft, food_benchmark
    ):
        client.force_login(officer)
        rows = xlsx_rows(client.get(f"/catalog/items/export.xlsx?version={second_draft.pk}&list=random"))
        assert rows[0][:2] == ("事项编码", "事项名称")
        assert [row[0] for row in rows[1:]] == ["SCJG-JC-001"]
        rows = xlsx_rows(client.get(f"/catalog/items/export.xlsx?version={second_draft.pk}&kind=benchmarks"))
        assert [row[1] for row in rows[1:]] == ["轻微", "一般", "较重"]

    def test_detail_shows_everything(self, client, officer, draft, food_benchmark):
        item = services.item_save(
            actor=None,
            draft=draft,
            code=CODE,
            legal_bases=[FOOD_BASIS],
            **item_fields(
                service_guide="受理地点：东区政务服务中心",
                needs_legal_review=True,
                major_fine_threshold=Decimal("50000"),
                major_on_revocation=True,
                av_steps=["on_site", "seizure"],
            ),
        )
        client.force_login(officer)
        body = html(client.get(f"/catalog/items/{item.pk}/"))
        for text in (
            CODE,
            "行政处罚",
            "县级",
            "中华人民共和国食品安全法",
            "第一百二十四条",
            "法定罚款：¥50,000.00至¥100,000.00",
            "受理地点：东区政务服务中心",
            "罚款¥50,000.00以上；吊销许可证件",
            "现场检查（勘验）、查封、扣押",
            "重大执法决定法制审核目录清单",
            "货值金额（元）",
            "首违不罚",
        ):
            assert text in body, text
        assert body.count("<td>轻微</td>") == 1 and "¥80,000.00至¥100,000.00" in body


# ---- the draft -------------------------------------------------------------------------------------


class TestDraft:
    def test_get_never_opens_a_draft(self, client, head, published):
        client.force_login(head)
        writes = Writes()
        body = html(client.get("/catalog/draft/"))
        assert "尚无草稿" in body and "将建立第2版草稿" in body
        assert writes.none

    def test_open_copies_the_published_version(self, client, head, agencies, published):
        client.force_login(head)
        response = client.post("/catalog/draft/", {"agency": agencies["east_market"].pk})
        assert response.status_code == 302
        draft = CatalogVersion.objects.get(status="draft")
        assert draft.number == 2 and draft.items.get().code == CODE
        body = html(client.get(response["Location"]))
        assert CODE in body and "第2版草稿，复制自第1版" in body

    def test_open_refuses_an_agency_the_user_does_not_manage(self, client, head, agencies):
        client.force_login(head)
        writes = Writes()
        response = client.post("/catalog/draft/", {"agency": agencies["west_market"].pk})
        assert response.status_code == 200 and "选择一个有效的选项" in html(response)
        assert writes.none

    def test_lists_the_draft_items(self, client, reviewer, food_item, draft):
        client.force_login(reviewer)
        body = html(client.get("/catalog/draft/"))
        assert CODE in body and f"/catalog/versions/{draft.pk}/items/new/" in body
        assert f"/catalog/items/{food_item.pk}/edit/" in body and "1条" in body

    def test_query_count_does_not_grow(self, client, head, draft, django_assert_max_num_queries):
        def add(start, n):
            for i in range(start, start + n):
                services.item_create(
                    actor=None, draft=draft, code=f"D-{i:03d}", legal_bases=[FOOD_BASIS], **item_fields()
                )

        add(0, 2)
        client.force_login(head)
        client.get("/catalog/draft/")
        with django_assert_max_num_queries(14) as few:
            client.get("/catalog/draft/")
        add(2, 16)
        with django_assert_max_num_queries(len(few.captured_queries)):
            body = html(client.get("/catalog/draft/"))
        assert body.count("D-0") >= 18


class TestItemForms:
    def test_create(self, client, head, draft):
        client.force_login(head)
        writes = Writes()
        response = client.post(
            f"/catalog/versions/{draft.pk}/items/new/",
            item_form(
                is_supervision="on",
                av_steps=["on_site", "inquiry"],
                needs_legal_review="on",
                major_on_revocation="on",
            ),
        )
        assert response.status_code == 302
        item = EnforcementItem.objects.get(code="SCJG-CF-002")
        assert response["Location"] == f"/catalog/items/{item.pk}/"
        assert item.is_supervision and item.needs_legal_review and item.major_on_revocation
        assert item.av_steps == ["on_site", "inquiry"]
        basis = item.legal_bases.get()
        assert (basis.article, basis.statutory_min, basis.effective_from) == (
            "第一百二十六条",
            Decimal("5000"),
            date(2021, 4, 29),
        )
        assert writes.new_records == 1
        assert Record.objects.for_subject(draft).filter(action="catalog.item_save").exists()

    def test_create_with_an_implementing_body_and_two_bases(self, client, head, draft, agencies):
        body = registry_services.body_register(
            actor=None, agency=agencies["east_market"], standing="statutory"
        )
        client.force_login(head)
        data = item_form(
            implementing_body=body.pk,
            **{
                "bases-TOTAL_FORMS": "2",
                "bases-1-law_name": "食品经营许可和备案管理办法",
                "bases-1-rank": "department_rule",
                "bases-1-article": "第五十条",
                "bases-1-text": "……",
            },
        )
        assert client.post(f"/catalog/versions/{draft.pk}/items/new/", data).status_code == 302
        item = EnforcementItem.objects.get(code="SCJG-CF-002")
        assert item.implementing_body == body and item.legal_bases.count() == 2

    def test_an_item_needs_a_legal_basis(self, client, head, draft):
        client.force_login(head)
        writes = Writes()
        data = {k: v for k, v in item_form().items() if not k.startswith("bases-0-")}
        body = html(client.post(f"/catalog/versions/{draft.pk}/items/new/", data))
        assert "执法事项必须有设定依据" in body
        assert "未按规定公示食品经营许可证" in body  # the input is kept
        assert writes.none

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"name": ""}, REQUIRED),
            ({"code": "错"}, "事项编码应为2至32位字母、数字或-_."),
            ({"category": ""}, REQUIRED),
            ({"bases-0-statutory_min": "60000"}, "法定罚款下限不能高于上限"),
            ({"bases-0-effective_to": "2020-01-01"}, "失效日期应晚于施行日期"),
            ({"bases-0-article": ""}, REQUIRED),
            ({"major_fine_threshold": "-1"}, "确保该值大于或等于"),
        ],
    )
    def test_create_errors_keep_the_input(self, client, head, draft, overrides, message):
        client.force_login(head)
        writes = Writes()
        response = client.post(f"/catalog/versions/{draft.pk}/items/new/", item_form(**overrides))
        body = html(response)
        assert response.status_code == 200 and message in body
        assert "调查取证、作出处罚决定" in body and "中华人民共和国食品安全法" in body
        assert writes.none

    def test_duplicate_code_is_refused_by_the_service(self, client, head, draft, food_item):
        client.force_login(head)
        writes = Writes()
        body = html(client.post(f"/catalog/versions/{draft.pk}/items/new/", item_form(code=CODE)))
        assert f"事项编码“{CODE}”已存在" in body
        assert writes.none

    def test_add_a_basis_row_is_not_a_write(self, client, head, draft):
        client.force_login(head)
        writes = Writes()
        body = html(
            client.post(f"/catalog/versions/{draft.pk}/items/new/", item_form(add_basis="1", name=""))
        )
        assert "第2条依据" in body and REQUIRED not in body
        assert writes.none

    def test_edit_keeps_the_benchmark(self, client, head, food_benchmark, draft):
        item = food_benchmark.item
        client.force_login(head)
        writes = Writes()
        response = client.post(f"/catalog/items/{item.pk}/edit/", edit_form(item, name="销售不合格食品"))
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.name == "销售不合格食品" and item.code == CODE
        assert item.benchmark.levels.count() == 3
        assert writes.new_records == 1

    def test_edit_form_shows_the_current_values_and_the_code_is_fixed(self, client, head, food_item):
        client.force_login(head)
        body = html(client.get(f"/catalog/items/{food_item.pk}/edit/"))
        assert "销售不符合食品安全标准的食品" in body and "第一百二十四条" in body and "disabled" in body
        data = edit_form(food_item, code="OTHER-1")
        assert client.post(f"/catalog/items/{food_item.pk}/edit/", data).status_code == 302
        assert (
            EnforcementItem.objects.filter(code=CODE).exists()
            and not EnforcementItem.objects.filter(code="OTHER-1").exists()
        )

    def test_edit_errors_from_the_services_next_to_the_fields(self, client, head, food_benchmark):
        item = food_benchmark.item
        client.force_login(head)
        writes = Writes()
        # narrowing the statutory range below the benchmark's levels
        body = html(
            client.post(
                f"/catalog/items/{item.pk}/edit/", edit_form(item, **{"bases-0-statutory_max": "90000"})
            )
        )
        assert "超出法定上限" in body and "现有裁量基准" in body
        # deleting the only basis
        body = html(
            client.post(f"/catalog/items/{item.pk}/edit/", edit_form(item, **{"bases-0-DELETE": "on"}))
        )
        assert "执法事项必须有设定依据" in body
        assert writes.none

    def test_replace_a_basis(self, client, head, food_item):
        client.force_login(head)
        data = edit_form(
            food_item,
            **{
                "bases-0-DELETE": "on",
                "bases-1-law_name": "食品安全法实施条例",
                "bases-1-rank": "admin_regulation",
                "bases-1-article": "第六十七条",
                "bases-1-text": "……",
            },
        )
        assert client.post(f"/catalog/items/{food_item.pk}/edit/", data).status_code == 302
        assert list(food_item.legal_bases.values_list("article", flat=True)) == ["第六十七条"]

    def test_remove(self, client, head, draft, food_item):
        client.force_login(head)
        assert "请勾选确认" in html(client.post(f"/catalog/items/{food_item.pk}/remove/", {}))
        assert EnforcementItem.objects.filter(pk=food_item.pk).exists()
        response = client.post(f"/catalog/items/{food_item.pk}/remove/", {"confirm": "on"})
        assert response.status_code == 302 and response["Location"].startswith("/catalog/draft/?agency=")
        assert not EnforcementItem.objects.filter(pk=food_item.pk).exists()
        assert Record.objects.for_subject(draft).filter(action="catalog.item_remove").exists()


class TestPublish:
    def test_page_shows_the_would_be_diff(self, client, head, second_draft):
        client.force_login(head)
        body = html(client.get(f"/catalog/versions/{second_draft.pk}/submit/"))
        assert "发布后将记录的差异" in body and "对比：第1版" in body and "报送审核" in body
        assert "新增事项（1）" in body and "SCJG-JC-001" in body
        assert "修改事项（1）" in body and "事项名称" in body

    def test_submit_then_approved(self, client, head, second_draft):
        client.force_login(head)
        writes = Writes()
        response = client.post(f"/catalog/versions/{second_draft.pk}/submit/", publish_form())
        assert response["Location"] == f"/catalog/versions/{second_draft.pk}/"
        second_draft.refresh_from_db()
        assert (second_draft.status, second_draft.reason, second_draft.submitted_by) == (
            "submitted",
            "amended",
            head,
        )
        assert second_draft.effective_from == date(2026, 7, 1) and second_draft.published_by is None
        assert second_draft.reason_note == "食品安全法修正"
        assert Record.objects.for_subject(second_draft).filter(action="catalog.submit").exists()
        assert writes.new_records == 1
        approve_all()
        second_draft.refresh_from_db()
        assert second_draft.is_published and second_draft.effective_from == date(2026, 7, 1)
        assert Record.objects.for_subject(second_draft).filter(action="catalog.publish").exists()

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"reason": ""}, "请选择调整原因"),
            ({"effective_from": "明天"}, "输入一个有效的日期"),
            ({"effective_from": ""}, REQUIRED),
        ],
    )
    def test_form_errors(self, client, head, second_draft, overrides, message):
        client.force_login(head)
        writes = Writes()
        body = html(client.post(f"/catalog/versions/{second_draft.pk}/submit/", publish_form(**overrides)))
        assert message in body and "食品安全法修正" in body
        assert writes.none and not CatalogVersion.objects.get(pk=second_draft.pk).is_published

    def test_an_unchanged_draft_is_not_published(self, client, head, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        client.force_login(head)
        writes = Writes()
        body = html(client.post(f"/catalog/versions/{draft.pk}/submit/", publish_form()))
        assert "草稿与上一版本相同，无需发布" in body and "与上一版本相同，没有变化" in body
        assert writes.none

    def test_an_empty_first_catalogue_is_not_published(self, client, head, draft):
        client.force_login(head)
        body = html(client.post(f"/catalog/versions/{draft.pk}/submit/", publish_form(reason="initial")))
        assert "清单为空，不能发布" in body
        assert not CatalogVersion.objects.get(pk=draft.pk).is_published


class TestPublishedVersionsAreFrozen:
    def test_no_url_edits_a_published_version(self, client, head, published, food_item):
        client.force_login(head)
        writes = Writes()
        food_item.refresh_from_db()
        for url, data in [
            (f"/catalog/versions/{published.pk}/items/new/", item_form()),
            (f"/catalog/items/{food_item.pk}/edit/", edit_form(food_item, name="改名")),
            (f"/catalog/items/{food_item.pk}/remove/", {"confirm": "on"}),
            (f"/catalog/versions/{published.pk}/submit/", publish_form()),
        ]:
            for response in (client.get(url), client.post(url, data)):
                assert response.status_code == 409, url
                assert "已发布的版本不能修改" in html(response)
        assert writes.none
        assert EnforcementItem.objects.get(pk=food_item.pk).name == "销售不符合食品安全标准的食品"

    def test_published_item_pages_offer_no_edit(self, client, head, published, food_item):
        client.force_login(head)
        body = html(client.get(f"/catalog/items/{food_item.pk}/"))
        assert "/edit/" not in body and "不能修改" in body
        assert f"/catalog/versions/{published.pk}/submit/" not in html(
            client.get(f"/catalog/versions/{published.pk}/")
        )
