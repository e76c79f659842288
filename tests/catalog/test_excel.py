"""Excel in and out for the catalogue (catalog.excel): the downloaded templates import once filled in;
rows of one code make one item with several legal bases; every bad row is reported by row, column and
Chinese reason — from reading the cells or from the services' own rules — and then nothing at all is
written; exports re-import."""

from datetime import date, datetime
from decimal import Decimal
from functools import partial
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests import helpers
from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.factories import field
from tests.helpers import plain_xlsx
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import excel, services
from zhifa.catalog.models import (
    Benchmark,
    BenchmarkLevel,
    CatalogVersion,
    EnforcementItem,
    Exemption,
    LegalBasis,
)
from zhifa.core.exports import XLSX_TYPE, xlsx_bytes
from zhifa.core.models import Record
from zhifa.registry import services as registry_services

pytestmark = pytest.mark.django_db

CODE = "SCJG-CF-001"

ITEM = {
    "事项编码": "SCJG-CF-002",
    "事项名称": "未按规定公示食品经营许可证",
    "权力类别": "行政处罚",
    "执法领域": "市场监管",
    "行使层级": "县级",
    "责任事项": "调查取证、作出处罚决定",
    "监管事项": "是",
    "列入重大执法决定法制审核目录": "是",
    "罚款达到该数额为重大（元）": 30000,
    "吊销许可证件为重大": "是",
    "须音像记录的环节": "现场检查（勘验）；查封、扣押",
    "服务指南": "办理时限：立案之日起90日",
    "法律法规名称": "中华人民共和国食品安全法",
    "位阶": "法律",
    "条款": "第一百二十六条",
    "条文内容": "……处五千元以上五万元以下罚款……",
    "施行日期": datetime(2021, 4, 29),
    "法定罚款计算方式": "固定金额（元）",
    "法定罚款下限": 5000,
    "法定罚款上限": 50000,
}
SECOND_BASIS = {
    "事项编码": "SCJG-CF-002",
    "法律法规名称": "食品经营许可和备案管理办法",
    "位阶": "部门规章",
    "条款": "第五十条",
    "条文内容": "……",
}
LEVEL = {
    "事项编码": CODE,
    "情节": "轻微",
    "适用情形": "货值金额不足3000元",
    "事实下限（含）": 0,
    "事实上限（不含）": 3000,
    "罚款计算方式": "固定金额（元）",
    "罚款下限": 50000,
    "罚款上限": 70000,
    "划分情节的事实": "货值金额（元）",
}
LEVEL_2 = {
    **LEVEL,
    "情节": "严重",
    "适用情形": "货值金额3000元以上",
    "事实下限（含）": 3000,
    "事实上限（不含）": None,
    "罚款下限": 70000,
    "罚款上限": 100000,
    "吊销许可证件": "是",
}


filled = partial(helpers.filled, excel)  # the downloaded template with rows typed in (None: an empty row)


def snapshot() -> tuple[int, ...]:
    return (
        CatalogVersion.objects.count(),
        EnforcementItem.objects.count(),
        LegalBasis.objects.count(),
        Benchmark.objects.count(),
        BenchmarkLevel.objects.count(),
        Exemption.objects.count(),
        Record.objects.count(),
    )


assert_refused = partial(helpers.assert_refused, snapshot=snapshot)


@pytest.fixture
def east(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(east, make_user):
    return make_user(east, RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture(autouse=True)
def market(db):
    field("market")
    return field("urban")


def import_items(actor, agency, *rows):
    return excel.import_xlsx(actor=actor, agency=agency, kind="items", file=filled("items", *rows))


def import_levels(actor, agency, *rows):
    return excel.import_xlsx(actor=actor, agency=agency, kind="benchmarks", file=filled("benchmarks", *rows))


# ---- template --------------------------------------------------------------------------------------


class TestTemplate:
    @pytest.mark.parametrize("kind", excel.KINDS)
    def test_header_row_and_instructions(self, kind):
        workbook = load_workbook(BytesIO(excel.template_bytes(kind)))
        assert workbook.sheetnames == [excel.KIND_LABELS[kind], excel.INSTRUCTIONS_SHEET]
        data, notes = workbook.worksheets
        headers = [column.header for column in excel.COLUMNS[kind]]
        assert [cell.value for cell in data[1]] == headers
        assert data.max_row == 1
        assert [
            row[0] for row in notes.iter_rows(min_row=2, max_row=len(headers) + 1, values_only=True)
        ] == headers

    def test_item_headers_are_the_model_fields(self):
        """A service's error on field x must land in a column of the template."""
        headers = {column.header for column in excel.ITEM_COLUMNS}
        assert (
            set(excel.ITEM_COLUMN_OF.values()) <= headers and set(excel.BASIS_COLUMN_OF.values()) <= headers
        )
        levels = {column.header for column in excel.BENCHMARK_COLUMNS}
        assert set(excel.LEVEL_COLUMN_OF.values()) <= levels

    def test_instructions_list_fields_and_choices(self):
        notes = load_workbook(BytesIO(excel.template_bytes("items")))[excel.INSTRUCTIONS_SHEET]
        text = " ".join(str(v) for row in notes.iter_rows(values_only=True) for v in row if v)
        assert (
            "市场监管" in text
            and "行政处罚" in text
            and "查封、扣押" in text
            and "整个文件都不会导入" in text
        )

    def test_the_untouched_template_imports_nothing(self, head, east):
        before = snapshot()
        result = excel.import_xlsx(
            actor=head, agency=east, kind="items", file=BytesIO(excel.template_bytes("items"))
        )
        assert_refused(result, before, (0, "", "没有数据"))

    def test_unknown_kind(self, head, east):
        with pytest.raises(ValueError):
            excel.template_bytes("cases")
        with pytest.raises(ValueError):
            excel.import_xlsx(actor=head, agency=east, kind="cases", file=filled("items"))
        with pytest.raises(ValueError):
            excel.export("cases", EnforcementItem.objects.all())


# ---- items -----------------------------------------------------------------------------------------


class TestImportItems:
    def test_rows_of_one_code_make_one_item_with_several_bases(self, head, east):
        third = {
            **SECOND_BASIS,
            "事项名称": ITEM["事项名称"],
            "条款": "第五十一条",
        }  # repeating the item is fine
        other = {
            **ITEM,
            "事项编码": "SCJG-JC-001",
            "事项名称": "日常检查",
            "权力类别": "行政检查",
            "随机抽查事项": "是",
            "抽查对象": "食品经营者",
            "抽查方式": "双随机、一公开",
            "罚款达到该数额为重大（元）": None,
            "列入重大执法决定法制审核目录": None,
            "吊销许可证件为重大": None,
            "须音像记录的环节": None,
        }
        result = import_items(head, east, ITEM, SECOND_BASIS, None, other, third)
        assert result.ok and result.created == 2, result.errors
        draft = CatalogVersion.objects.get(agency=east, status="draft")
        item = draft.items.get(code="SCJG-CF-002")
        assert (item.name, item.category, item.level, item.field_id) == (
            ITEM["事项名称"],
            "penalty",
            "county",
            "market",
        )
        assert item.is_supervision and item.needs_legal_review and item.major_on_revocation
        assert item.major_fine_threshold == Decimal("30000") and item.av_steps == ["on_site", "seizure"]
        assert item.service_guide == "办理时限：立案之日起90日"
        bases = list(item.legal_bases.order_by("id"))
        assert [b.article for b in bases] == ["第一百二十六条", "第五十条", "第五十一条"]
        assert (bases[0].rank, bases[0].effective_from, bases[0].fine_basis) == (
            "law",
            date(2021, 4, 29),
            "amount",
        )
        assert (bases[0].statutory_min, bases[0].statutory_max) == (Decimal("5000"), Decimal("50000"))
        assert bases[1].rank == "department_rule"
        inspection = draft.items.get(code="SCJG-JC-001")
        assert inspection.is_random_inspection and inspection.inspection_method == "双随机、一公开"
        assert Record.objects.for_subject(draft).filter(action="catalog.item_save").count() == 2

    def test_opens_the_draft_from_the_published_version(self, head, east, published):
        result = import_items(head, east, ITEM)
        assert result.ok
        draft = CatalogVersion.objects.get(agency=east, status="draft")
        assert draft.number == 2 and sorted(draft.items.values_list("code", flat=True)) == [
            CODE,
            "SCJG-CF-002",
        ]

    def test_implementing_body_by_name(self, head, east):
        body = registry_services.body_register(actor=None, agency=east, standing="statutory")
        assert import_items(head, east, {**ITEM, "实施主体": body.name}).ok
        assert EnforcementItem.objects.get().implementing_body == body

    @pytest.mark.parametrize(
        ("column", "value", "fragment"),
        [
            ("事项名称", None, "请填写“事项名称”"),
            ("权力类别", "罚款", "只能填写行政许可"),
            ("执法领域", "食品", "没有名为“食品”的执法领域"),
            ("实施主体", "东区某队", "本机关没有名为“东区某队”的执法主体"),
            ("监管事项", "对", "只能填写“是”或“否”"),
            ("罚款达到该数额为重大（元）", "五万", "应为数字"),
            ("须音像记录的环节", "现场检查（勘验）；拍照", "“拍照”不是可选项"),
            ("位阶", "条例", "只能填写法律"),
            ("施行日期", "2021-13-01", "不是有效日期"),
            ("条文内容", None, "请填写“条文内容”"),
        ],
    )
    def test_one_bad_cell_refuses_the_whole_file(self, head, east, column, value, fragment):
        good = {**ITEM, "事项编码": "OK-001"}
        before = snapshot()
        result = import_items(head, east, good, {**ITEM, column: value})
        assert_refused(result, before, (3, column, fragment))

    def test_duplicate_code_in_the_draft(self, head, east, food_item):
        before = snapshot()
        result = import_items(head, east, {**ITEM, "事项编码": CODE})
        assert_refused(result, before, (2, "事项编码", f"事项编码“{CODE}”已存在"))

    def test_rows_of_one_code_must_agree(self, head, east):
        before = snapshot()
        result = import_items(
            head, east, ITEM, {**SECOND_BASIS, "事项名称": "另一个名称", "权力类别": "行政检查"}
        )
        assert_refused(
            result,
            before,
            (3, "事项名称", "与第2行的事项编码相同，但“事项名称”不同"),
            (3, "权力类别", "与第2行的事项编码相同，但“权力类别”不同"),
        )

    def test_missing_legal_basis(self, head, east):
        no_basis = {k: v for k, v in ITEM.items() if k not in excel.BASIS_COLUMN_OF.values()}
        before = snapshot()
        result = import_items(head, east, no_basis, {"事项编码": "SCJG-CF-002", "事项名称": ITEM["事项名称"]})
        assert_refused(result, before, (3, "法律法规名称", "该行没有填写设定依据"))
        result = import_items(head, east, no_basis)
        assert_refused(result, before, (2, "法律法规名称", "执法事项必须有设定依据"))

    def test_service_rules_map_to_rows_and_columns(self, head, east):
        before = snapshot()
        result = import_items(
            head,
            east,
            {**ITEM, "法定罚款下限": 60000},  # min > max: services, basis 1 = row 2
            {**SECOND_BASIS, "失效日期": "2020-01-01", "施行日期": "2021-01-01"},  # basis 2 = row 3
            {**ITEM, "事项编码": "错 码", "事项名称": "x" * 201},
        )
        assert_refused(
            result,
            before,
            (2, "法定罚款下限", "法定罚款下限不能高于上限"),
            (3, "失效日期", "失效日期应晚于施行日期"),
            (4, "事项编码", "事项编码应为2至32位"),
            (4, "事项名称", "“事项名称”"),
        )

    def test_every_error_is_reported_and_nothing_written_even_with_a_good_draft(self, head, east, published):
        before = snapshot()
        result = import_items(head, east, ITEM, {**ITEM, "事项编码": "B-1", "行使层级": "村级"})
        assert_refused(result, before, (3, "行使层级", "只能填写省级"))
        assert not CatalogVersion.objects.filter(status="draft").exists()  # the draft opened for it is undone


class TestImportBenchmarks:
    def test_levels_replace_the_items_levels_and_keep_its_exemptions(self, head, east, food_benchmark):
        result = import_levels(head, east, LEVEL, LEVEL_2)
        assert result.ok and result.created == 1, result.errors
        benchmark = Benchmark.objects.get(item__code=CODE)
        levels = list(benchmark.levels.order_by("fact_min"))
        assert [(lvl.level, lvl.fine_min, lvl.fine_max, lvl.revoke) for lvl in levels] == [
            ("minor", Decimal("50000"), Decimal("70000"), False),
            ("grave", Decimal("70000"), Decimal("100000"), True),
        ]
        assert levels[1].fact_max is None and benchmark.fact_label == "货值金额（元）"
        assert benchmark.exemptions.get().kind == "first_offence"
        assert Record.objects.filter(action="catalog.benchmark_set").count() == 2

    def test_a_new_benchmark_on_the_items_only_basis(self, head, east, food_item):
        assert import_levels(head, east, {**LEVEL, "处罚依据条款": "第一百二十四条"}, LEVEL_2).ok
        assert Benchmark.objects.get().legal_basis == food_item.legal_bases.get()

    @pytest.mark.parametrize(
        ("overrides", "expected"),
        [
            ({"罚款下限": 80000}, [(2, "罚款下限", "罚款下限不能高于上限")]),
            ({"罚款上限": 200000}, [(2, "罚款上限", "罚款上限超出法定上限¥100,000.00")]),
            ({"罚款下限": 1000}, [(2, "罚款下限", "罚款下限低于法定下限¥50,000.00")]),
            ({"罚款计算方式": "货值金额的倍数"}, [(2, "罚款计算方式", "罚款计算方式与法定依据不一致")]),
            ({"事实上限（不含）": 5000}, [(3, "事实下限（含）", "与“严重”的适用范围重叠")]),
            ({"情节": "严重"}, [(3, "情节", "同一情节只能设定一次")]),
            ({"罚款上限": "很多"}, [(2, "罚款上限", "应为数字")]),
            ({"处罚依据条款": "第九十九条"}, [(2, "处罚依据条款", "该事项的设定依据中没有“第九十九条”")]),
            ({"事项编码": "NONE-1"}, [(2, "事项编码", "草稿中没有事项编码为“NONE-1”的事项")]),
        ],
    )
    def test_bad_levels_refuse_the_whole_file(self, head, east, food_benchmark, overrides, expected):
        before = snapshot()
        result = import_levels(head, east, {**LEVEL, **overrides}, LEVEL_2)
        assert_refused(result, before, *expected)

    def test_only_penalty_items_have_benchmarks(self, head, east, draft):
        services.item_create(
            actor=None,
            draft=draft,
            code="JC-1",
            legal_bases=[FOOD_BASIS],
            **item_fields(category="inspection"),
        )
        before = snapshot()
        result = import_levels(head, east, {**LEVEL, "事项编码": "JC-1"})
        assert_refused(result, before, (2, "事项编码", "只有行政处罚事项才设裁量基准"))

    def test_the_fact_label_is_the_same_on_every_row(self, head, east, food_benchmark):
        before = snapshot()
        result = import_levels(head, east, LEVEL, {**LEVEL_2, "划分情节的事实": "违法所得（元）"})
        assert_refused(result, before, (3, "划分情节的事实", "同一事项的各行“划分情节的事实”应相同"))


# ---- files that are not the template ---------------------------------------------------------------


class TestBadFiles:
    @pytest.mark.parametrize("content", [b"", b"not an xlsx", b"PK\x03\x04broken"])
    def test_not_an_xlsx(self, head, east, content):
        before = snapshot()
        result = excel.import_xlsx(actor=head, agency=east, kind="items", file=BytesIO(content))
        assert_refused(result, before, (0, "", "文件无法读取"))

    def test_header_not_on_the_first_row(self, head, east):
        before = snapshot()
        headers = [column.header for column in excel.ITEM_COLUMNS]
        result = excel.import_xlsx(actor=head, agency=east, kind="items", file=plain_xlsx([None], headers))
        assert_refused(result, before, (1, "", "第1行应为表头"))

    def test_a_dropped_column(self, head, east):
        before = snapshot()
        headers = [column.header for column in excel.ITEM_COLUMNS if column.header != "位阶"]
        result = excel.import_xlsx(
            actor=head, agency=east, kind="items", file=plain_xlsx(headers, ["x"] * len(headers))
        )
        assert_refused(result, before, (1, "位阶", "表头缺少“位阶”列"))

    def test_the_template_of_the_other_kind(self, head, east, food_item):
        before = snapshot()
        result = excel.import_xlsx(actor=head, agency=east, kind="items", file=filled("benchmarks", LEVEL))
        missing = [column.header for column in excel.ITEM_COLUMNS if column.header != "事项编码"]
        assert_refused(result, before, *[(1, header, "表头缺少") for header in missing])


class TestPermission:
    def test_refused_before_the_file_is_read(self, agencies, make_user, east):
        officer = make_user(east, RoleCode.OFFICER)
        other_head = make_user(agencies["west_market"], RoleCode.AGENCY_HEAD)
        before = snapshot()
        for user in (officer, other_head):
            with pytest.raises(PermissionDenied):
                import_items(user, east, ITEM)
        assert snapshot() == before


# ---- export ----------------------------------------------------------------------------------------


def reimport(kind: str, headers: list[str], rows) -> BytesIO:
    return BytesIO(xlsx_bytes(headers, rows, title=excel.KIND_LABELS[kind]))


class TestExport:
    def test_items_one_row_per_basis_and_they_import_again(self, head, east, agencies, make_user):
        assert import_items(head, east, ITEM, SECOND_BASIS).ok
        draft = CatalogVersion.objects.get(agency=east)
        headers, rows = excel.export("items", draft.items.all())
        rows = list(rows)
        assert headers[-2:] == ["所属机关", "清单版本"]
        assert [row[0] for row in rows] == ["SCJG-CF-002", "SCJG-CF-002"]
        assert rows[0][headers.index("须音像记录的环节")] == "现场检查（勘验）；查封、扣押"
        assert rows[0][-2:] == ("东区市场监督管理局", "第1版（草稿）")

        west = agencies["west_market"]
        west_head = make_user(west, RoleCode.AGENCY_HEAD)
        result = excel.import_xlsx(
            actor=west_head, agency=west, kind="items", file=reimport("items", headers, rows)
        )
        assert result.ok, result.errors
        copy = EnforcementItem.objects.get(version__agency=west)
        original = draft.items.get()
        from zhifa.catalog import versioning

        assert versioning.item_snapshot(copy) == versioning.item_snapshot(original)

    def test_benchmarks_export_and_reimport_unchanged(self, head, east, agencies, published):
        headers, rows = excel.export("benchmarks", published.items.all())
        rows = list(rows)
        assert [row[1] for row in rows] == ["轻微", "一般", "较重"]
        assert rows[0][headers.index("处罚依据条款")] == "第一百二十四条"
        result = excel.import_xlsx(
            actor=head, agency=east, kind="benchmarks", file=reimport("benchmarks", headers, rows)
        )
        assert result.ok, result.errors
        draft = CatalogVersion.objects.get(status="draft")
        from zhifa.catalog import versioning

        assert versioning.snapshot(draft) == versioning.snapshot(published)


# ---- the page ----------------------------------------------------------------------------------------


upload = partial(helpers.upload, excel)


class TestImportPage:
    def test_page_and_templates(self, client, head):
        client.force_login(head)
        body = client.get("/catalog/import/").content.decode()
        assert "文件中任何一行有误时，整个文件都不会导入" in body
        assert "/catalog/import/template/items/" in body and "/catalog/import/template/benchmarks/" in body
        response = client.get("/catalog/import/template/benchmarks/")
        assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
        assert client.get("/catalog/import/template/cases/").status_code == 404

    def test_upload_imports(self, client, head, east):
        client.force_login(head)
        body = client.post(
            "/catalog/import/", {"kind": "items", "agency": east.pk, "file": upload("items", ITEM)}
        ).content.decode()
        assert "导入成功" in body and "共1项" in body
        assert EnforcementItem.objects.get().code == "SCJG-CF-002"

    def test_bad_rows_are_listed_and_nothing_is_imported(self, client, head, east):
        client.force_login(head)
        before = snapshot()
        body = client.post(
            "/catalog/import/",
            {"kind": "items", "agency": east.pk, "file": upload("items", {**ITEM, "位阶": "条例"})},
        ).content.decode()
        assert "整个文件未导入" in body and "<td>2</td><td>位阶</td>" in body
        assert snapshot() == before

    def test_form_errors(self, client, head, agencies):
        client.force_login(head)
        body = client.post(
            "/catalog/import/", {"kind": "items", "agency": agencies["west_market"].pk}
        ).content.decode()
        assert "这个字段是必填项。" in body and "选择一个有效的选项" in body
        txt = SimpleUploadedFile("a.csv", b"x", content_type="text/csv")
        body = client.post(
            "/catalog/import/", {"kind": "items", "agency": agencies["east_market"].pk, "file": txt}
        ).content.decode()
        assert "请上传.xlsx格式的Excel文件" in body
