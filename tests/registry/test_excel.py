"""Excel in and out for the registry (registry.excel): the downloaded template imports once filled in;
every bad row is reported by row, column and reason and then nothing at all is written; only those who
may manage an agency's staff or certificates may import; exports list exactly what the caller sees."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests import helpers
from tests.factories import CertificateFactory, OfficerFactory, TrainingFactory
from tests.helpers import plain_xlsx
from zhifa.accounts.choices import RoleCode
from zhifa.core import access, records
from zhifa.core.exports import xlsx_bytes
from zhifa.core.models import Record
from zhifa.core.validators import id_number_with_check
from zhifa.registry import excel, selectors, services
from zhifa.registry.choices import CertificateKind, PersonKind, TrainingKind
from zhifa.registry.excel import RowError
from zhifa.registry.models import Certificate, Officer, TrainingRecord

pytestmark = pytest.mark.django_db


def ident(n: int) -> str:
    """A valid ID number of 朝阳区 (the factories use 东城区, so these never collide with theirs)."""
    return id_number_with_check(f"11010519800{1 + n // 28:1d}{1 + n % 28:02d}001")


OFFICER = {
    "姓名": "张伟",
    "身份证号码": ident(1),
    "人员类别": "行政执法人员",
    "岗位": "市场监管执法岗",
    "重要执法岗位": "是",
    "任现岗位日期": datetime(2023, 6, 1),  # what openpyxl reads from a real Excel date cell
    "首次从事执法日期": "2018/9/1",
    "执法领域": "市场监管、生态环境",
}
CERTIFICATE = {
    "身份证号码": ident(10),
    "证件编号": "JZ20260001",
    "证件类别": "行政执法证",
    "发证机关": "测试市司法局",
    "发证日期": "2026-03-01",
    "有效期至": date(2031, 2, 28),
    "执法领域": "市场监管",
}
TRAINING = {
    "身份证号码": ident(10),
    "培训日期": "2026-03-01",
    "学时": 2.5,
    "培训类别": "公共法律知识",
    "培训名称": "行政处罚法专题培训",
    "组织单位": "测试市司法局",
}


filled = partial(helpers.filled, excel)  # the downloaded template with rows typed in (None: an empty row)


def snapshot() -> tuple[int, ...]:
    return (
        Officer.objects.count(),
        Officer.fields.through.objects.count(),
        Certificate.objects.count(),
        Certificate.fields.through.objects.count(),
        TrainingRecord.objects.count(),
        Record.objects.count(),
    )


assert_refused = partial(helpers.assert_refused, snapshot=snapshot)


@pytest.fixture
def east(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(east, make_user):
    return make_user(east, RoleCode.AGENCY_HEAD, username="east_head")


@pytest.fixture
def supervisor(agencies, make_user):
    """东区司法局's supervisor: manages certificates of every agency in 东区."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def holder(east):
    return OfficerFactory(agency=east, id_number=ident(10), name="李娜")


def import_officers(actor, agency, *rows):
    return excel.import_xlsx(actor=actor, agency=agency, kind="officers", file=filled("officers", *rows))


# ---- template ---------------------------------------------------------------------------------------


class TestTemplate:
    @pytest.mark.parametrize("kind", excel.KINDS)
    def test_header_row_and_instructions(self, kind):
        workbook = load_workbook(BytesIO(excel.template_bytes(kind)))
        assert workbook.sheetnames == [excel.KIND_LABELS[kind], excel.INSTRUCTIONS_SHEET]
        data, notes = workbook.worksheets
        headers = [column.header for column in excel.COLUMNS[kind]]
        assert [cell.value for cell in data[1]] == headers
        assert data.max_row == 1  # no example row on the data sheet: nothing there to import by mistake
        assert [row[0] for row in notes.iter_rows(min_row=2, max_row=len(headers) + 1, values_only=True)] == (
            headers
        )
        id_column = headers.index("身份证号码") + 1
        assert data.column_dimensions[get_column_letter(id_column)].number_format == "@"

    def test_instructions_list_the_fields_and_choices(self):
        notes = load_workbook(BytesIO(excel.template_bytes("officers")))[excel.INSTRUCTIONS_SHEET]
        text = " ".join(str(value) for row in notes.iter_rows(values_only=True) for value in row if value)
        assert "市场监管" in text and "生态环境" in text
        assert "行政执法辅助人员" in text

    def test_the_untouched_template_imports_nothing(self, head, east):
        before = snapshot()
        result = excel.import_xlsx(
            actor=head, agency=east, kind="officers", file=BytesIO(excel.template_bytes("officers"))
        )
        assert_refused(result, before, (0, "", "没有数据"))

    def test_unknown_kind(self, head, east):
        with pytest.raises(ValueError):
            excel.template_bytes("cases")
        with pytest.raises(ValueError):
            excel.import_xlsx(actor=head, agency=east, kind="cases", file=filled("officers"))
        with pytest.raises(ValueError):
            excel.export("cases", Officer.objects.all(), viewer=selectors.personal_data_viewer(head))


# ---- round trip -------------------------------------------------------------------------------------


class TestImportOfficers:
    def test_filled_template_imports_with_the_forms_record_payloads(self, head, east):
        second = {**OFFICER, "姓名": "王芳", "身份证号码": ident(2).lower(), "人员类别": "行政执法辅助人员"}
        second |= {"重要执法岗位": None, "任现岗位日期": None, "执法领域": None}
        result = import_officers(head, east, OFFICER, second)

        assert result.ok and result.created == 2
        zhang, wang = Officer.objects.filter(agency=east).order_by("id")
        assert (zhang.name, zhang.name_initials, zhang.id_number, zhang.kind) == (
            "张伟",
            "zw",
            ident(1),
            PersonKind.OFFICER,
        )
        assert zhang.is_key_post and zhang.post == "市场监管执法岗"
        assert (zhang.post_since, zhang.enforcing_since) == (date(2023, 6, 1), date(2018, 9, 1))
        assert sorted(zhang.fields.values_list("name", flat=True)) == ["市场监管", "生态环境"]
        assert wang.id_number == ident(2).upper() and wang.kind == PersonKind.AUXILIARY
        assert not wang.is_key_post and wang.post_since is None and not wang.fields.exists()
        for officer in (zhang, wang):  # the same record the form's officer_create would write
            (record,) = Record.objects.for_subject(officer)
            assert (record.action, record.actor_id, record.agency_id) == ("officer.create", head.pk, east.pk)
            assert record.payload == records.canonical_json(services.officer_payload(officer))
        assert records.verify().ok

    def test_one_record_per_officer_across_batches(self, east, monkeypatch):
        monkeypatch.setattr(excel, "WRITE_CHUNK", 2)
        rows = [{**OFFICER, "身份证号码": ident(i)} for i in range(5)]
        before = Record.objects.count()
        assert import_officers(None, east, *rows).created == 5
        assert Record.objects.count() - before == 5
        seqs = list(
            Record.objects.filter(action="officer.create").values_list("seq", flat=True).order_by("seq")
        )
        assert seqs == list(range(seqs[0], seqs[0] + 5))
        assert records.verify().ok

    def test_uploaded_file_and_system_actor(self, east):
        upload = SimpleUploadedFile("人员.xlsx", filled("officers", OFFICER).getvalue())
        result = excel.import_xlsx(actor=None, agency=east, kind="officers", file=upload)
        assert result.ok and result.created == 1

    @pytest.mark.parametrize(
        "value",
        [datetime(2026, 3, 1), date(2026, 3, 1), "2026-03-01", "2026/3/1", "2026年3月1日", " 2026.03.01 "],
    )
    def test_dates_as_excel_dates_or_text(self, head, east, value):
        assert import_officers(head, east, {**OFFICER, "任现岗位日期": value}).ok
        assert Officer.objects.get().post_since == date(2026, 3, 1)

    def test_empty_rows_are_skipped_and_rows_keep_their_excel_numbers(self, head, east):
        before = snapshot()
        result = import_officers(head, east, OFFICER, None, None, {**OFFICER, "身份证号码": "123"})
        assert_refused(result, before, (5, "身份证号码", "长度不正确"))


class TestImportCertificatesAndTrainings:
    def test_certificates(self, supervisor, east, holder):
        second = {
            **CERTIFICATE,
            "证件编号": "jz20260002",
            "证件类别": "行政执法监督证",
            "执法领域": "市场监管,生态环境",
        }
        file = filled("certificates", CERTIFICATE, second)
        result = excel.import_xlsx(actor=supervisor, agency=east, kind="certificates", file=file)

        assert result.ok and result.created == 2
        first, other = holder.certificates.order_by("number")
        assert (first.number, first.kind, first.issuer) == (
            "JZ20260001",
            CertificateKind.ENFORCEMENT,
            "测试市司法局",
        )
        assert (first.issued_on, first.expires_on) == (date(2026, 3, 1), date(2031, 2, 28))
        assert (other.number, other.kind) == ("JZ20260002", CertificateKind.SUPERVISION)
        assert sorted(other.fields.values_list("code", flat=True)) == ["ecology", "market"]
        actions = Record.objects.filter(subject_type="registry.certificate").values_list("action", flat=True)
        assert list(actions) == ["certificate.issue"] * 2

    def test_trainings(self, head, east, holder):
        file = filled(
            "trainings", TRAINING, {**TRAINING, "学时": "8", "培训类别": "执法技能", "组织单位": None}
        )
        result = excel.import_xlsx(actor=head, agency=east, kind="trainings", file=file)

        assert result.ok and result.created == 2
        first, second = holder.trainings.order_by("id")
        assert (first.hours, first.kind, first.on) == (
            Decimal("2.5"),
            TrainingKind.PUBLIC_LAW,
            date(2026, 3, 1),
        )
        assert (second.hours, second.kind, second.provider) == (Decimal(8), TrainingKind.SKILLS, "")
        assert Record.objects.filter(action="training.add").count() == 2


# ---- bad input: every error reported, nothing written -----------------------------------------------


def _id_as_number() -> float:
    return float(ident(3))  # what an 18-digit ID typed into a number-formatted cell becomes


class TestBadOfficerRows:
    @pytest.mark.parametrize(
        ("column", "value", "fragment"),
        [
            ("姓名", None, "请填写“姓名”"),
            ("姓名", "张" * 40, "32"),
            ("身份证号码", None, "请填写“身份证号码”"),
            ("身份证号码", ident(3)[:17] + ("0" if ident(3)[17] != "0" else "1"), "校验位不正确"),
            ("身份证号码", ident(1), "与第2行的“身份证号码”重复"),
            ("身份证号码", _id_as_number(), "存成了数字"),
            ("人员类别", "临时工", "只能填写行政执法人员、行政执法辅助人员"),
            ("岗位", "岗" * 70, "64"),
            ("重要执法岗位", "可能", "只能填写“是”或“否”"),
            ("任现岗位日期", "2026-13-01", "不是有效日期"),
            ("任现岗位日期", 20260301, "不能填写数字"),
            ("执法领域", "市场监管、火星探测", "没有名为“火星探测”的执法领域"),
        ],
    )
    def test_one_bad_cell_refuses_the_whole_file(self, head, east, column, value, fragment):
        before = snapshot()
        bad = {**OFFICER, "身份证号码": ident(3), column: value}
        result = import_officers(head, east, OFFICER, bad)
        assert_refused(result, before, (3, column, fragment))

    def test_id_number_already_registered_anywhere(self, head, east, agencies):
        OfficerFactory(agency=agencies["west_market"], id_number=ident(1))
        before = snapshot()
        result = import_officers(head, east, OFFICER)
        assert_refused(result, before, (2, "身份证号码", "该身份证号码已登记"))

    def test_every_error_of_every_row_is_reported_in_order(self, head, east):
        before = snapshot()
        rows = [
            {**OFFICER, "姓名": None, "人员类别": "临时工"},
            OFFICER,
            {**OFFICER, "身份证号码": ident(4), "执法领域": "无"},
            {**OFFICER, "身份证号码": ident(5), "首次从事执法日期": "昨天"},
        ]
        result = import_officers(head, east, *rows)
        assert_refused(
            result,
            before,
            (2, "姓名", "请填写"),
            (2, "人员类别", "临时工"),
            (3, "身份证号码", "与第2行"),
            (4, "执法领域", "无"),
            (5, "首次从事执法日期", "昨天"),
        )
        assert str(result.errors[0]) == "第2行：请填写“姓名”"


class TestBadCertificateAndTrainingRows:
    @pytest.mark.parametrize(
        ("column", "value", "fragment"),
        [
            ("身份证号码", ident(20), "本机关没有登记该身份证号码的人员"),
            ("证件编号", "abc123", "执法证号应为8至20位数字或大写字母"),
            ("证件编号", "JZ20260001", "与第2行的“证件编号”重复"),
            ("证件类别", "工作证", "只能填写行政执法证、行政执法监督证"),
            ("发证机关", " ", "请填写“发证机关”"),
            ("发证日期", "2026/2/30", "不是有效日期"),
            ("有效期至", "2026-03-01", "“有效期至”应晚于“发证日期”"),
            ("执法领域", None, "请填写“执法领域”"),
            ("执法领域", "外星", "没有名为“外星”的执法领域"),
        ],
    )
    def test_bad_certificate_cell(self, supervisor, east, holder, column, value, fragment):
        before = snapshot()
        bad = {**CERTIFICATE, "证件编号": "JZ20260002", column: value}
        file = filled("certificates", CERTIFICATE, bad)
        result = excel.import_xlsx(actor=supervisor, agency=east, kind="certificates", file=file)
        assert_refused(result, before, (3, column, fragment))

    def test_certificate_number_in_use_and_officer_of_another_agency(
        self, supervisor, east, agencies, holder
    ):
        CertificateFactory(number="JZ20260001")
        OfficerFactory(agency=agencies["west_market"], id_number=ident(11))
        before = snapshot()
        file = filled(
            "certificates", CERTIFICATE, {**CERTIFICATE, "证件编号": "JZ20260002", "身份证号码": ident(11)}
        )
        result = excel.import_xlsx(actor=supervisor, agency=east, kind="certificates", file=file)
        assert_refused(result, before, (2, "证件编号", "已被使用"), (3, "身份证号码", "本机关没有登记"))

    def test_auxiliary_staff_get_no_certificate(self, supervisor, east):
        OfficerFactory(agency=east, id_number=ident(10), kind=PersonKind.AUXILIARY)
        before = snapshot()
        file = filled("certificates", CERTIFICATE)
        result = excel.import_xlsx(actor=supervisor, agency=east, kind="certificates", file=file)
        assert_refused(result, before, (2, "身份证号码", "辅助人员"))

    @pytest.mark.parametrize(
        ("column", "value", "fragment"),
        [
            ("身份证号码", ident(20), "本机关没有登记"),
            ("培训日期", None, "请填写“培训日期”"),
            ("学时", -2, "应为大于0的数字"),
            ("学时", 0, "应为大于0的数字"),
            ("学时", "八", "应为大于0的数字"),
            ("学时", 500, "200"),
            ("学时", 2.25, "1"),
            ("培训类别", "其他", "只能填写公共法律知识、业务知识、执法技能"),
            ("培训名称", None, "请填写“培训名称”"),
        ],
    )
    def test_bad_training_cell(self, head, east, holder, column, value, fragment):
        before = snapshot()
        file = filled("trainings", TRAINING, {**TRAINING, column: value})
        result = excel.import_xlsx(actor=head, agency=east, kind="trainings", file=file)
        assert_refused(result, before, (3, column, fragment))


class TestQueries:
    """Checking a file costs a fixed handful of queries, however many rows it has."""

    @pytest.mark.parametrize("n", [5, 60])
    def test_officers(self, head, east, n, django_assert_max_num_queries):
        rows = [{**OFFICER, "身份证号码": ident(i)} for i in range(n)] + [{**OFFICER, "姓名": None}]
        with django_assert_max_num_queries(6):
            assert not import_officers(head, east, *rows).ok

    @pytest.mark.parametrize("n", [5, 60])
    def test_certificates(self, supervisor, east, holder, n, django_assert_max_num_queries):
        rows = [{**CERTIFICATE, "证件编号": f"JZ{i:08d}"} for i in range(n)] + [
            {**CERTIFICATE, "发证机关": None}
        ]
        file = filled("certificates", *rows)
        with django_assert_max_num_queries(6):
            assert not excel.import_xlsx(actor=supervisor, agency=east, kind="certificates", file=file).ok


class TestBadFiles:
    @pytest.mark.parametrize(
        "content",
        [b"", b"\xe5\xa7\x93\xe5\x90\x8d,\xe8\xba\xab\xe4\xbb\xbd\n", b"%PDF-1.4 not a spreadsheet"],
        ids=["empty", "csv", "pdf"],
    )
    def test_not_an_xlsx(self, head, east, content):
        before = snapshot()
        result = excel.import_xlsx(actor=head, agency=east, kind="officers", file=BytesIO(content))
        assert_refused(result, before, (0, "", excel.UNREADABLE))

    def test_a_zip_that_is_not_a_workbook(self, head, east):
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        before = snapshot()
        result = excel.import_xlsx(actor=head, agency=east, kind="officers", file=buffer)
        assert_refused(result, before, (0, "", excel.UNREADABLE))

    def test_empty_sheet(self, head, east):
        before = snapshot()
        result = excel.import_xlsx(actor=head, agency=east, kind="officers", file=plain_xlsx())
        assert_refused(result, before, (1, "", "文件是空的"))

    def test_missing_header_row(self, head, east):
        before = snapshot()
        file = plain_xlsx(list(OFFICER.values()))
        result = excel.import_xlsx(actor=head, agency=east, kind="officers", file=file)
        assert_refused(result, before, (1, "", "第1行应为表头"))

    def test_header_not_on_the_first_row(self, head, east):
        before = snapshot()
        file = plain_xlsx([], list(OFFICER), list(OFFICER.values()))
        result = excel.import_xlsx(actor=head, agency=east, kind="officers", file=file)
        assert_refused(result, before, (1, "", "第1行应为表头"))

    def test_renamed_and_dropped_columns(self, head, east):
        headers = ["名字" if h == "姓名" else h for h in OFFICER if h != "岗位"]
        before = snapshot()
        file = plain_xlsx(headers, [OFFICER.get(h, "张伟") for h in headers])
        result = excel.import_xlsx(actor=head, agency=east, kind="officers", file=file)
        assert_refused(result, before, (1, "姓名", "表头缺少“姓名”列"), (1, "岗位", "表头缺少“岗位”列"))

    def test_the_template_of_another_kind(self, supervisor, east, holder):
        before = snapshot()
        file = filled("trainings", TRAINING)
        result = excel.import_xlsx(actor=supervisor, agency=east, kind="certificates", file=file)
        assert_refused(
            result,
            before,
            *[
                (1, h, "表头缺少")
                for h in ("证件编号", "证件类别", "发证机关", "发证日期", "有效期至", "执法领域")
            ],
        )


class TestWritePhase:
    def test_a_service_refusal_while_writing_undoes_every_row(self, head, east, holder, monkeypatch):
        real, calls = services.training_add, []

        def refuse_the_second(**kwargs):
            calls.append(kwargs)
            if len(calls) == 2:
                raise ValidationError({"title": "与已有记录重复"})
            return real(**kwargs)

        monkeypatch.setattr(services, "training_add", refuse_the_second)
        before = snapshot()
        file = filled("trainings", TRAINING, TRAINING, TRAINING)
        result = excel.import_xlsx(actor=head, agency=east, kind="trainings", file=file)
        assert result.errors == [RowError(3, "培训名称", "“培训名称”：与已有记录重复")]
        assert result.created == 0 and snapshot() == before

    def test_an_id_registered_between_check_and_write_is_reported(self, head, east, agencies, monkeypatch):
        """The uniqueness check misses a concurrent registration; the insert fails, nothing stays, and
        the re-check names the row."""
        OfficerFactory(agency=agencies["west_market"], id_number=ident(1))
        real, checks = excel._existing, []

        def blind_first_time(*args):
            checks.append(args)
            return set() if len(checks) == 1 else real(*args)

        monkeypatch.setattr(excel, "_existing", blind_first_time)
        before = snapshot()
        result = import_officers(head, east, {**OFFICER, "身份证号码": ident(2)}, OFFICER)
        assert_refused(result, before, (3, "身份证号码", "该身份证号码已登记"))


# ---- permission -------------------------------------------------------------------------------------


class TestPermission:
    def test_refused_before_the_file_is_read(self, east, make_user):
        clerk = make_user(east, RoleCode.OFFICER)

        class Unreadable(BytesIO):
            def read(self, *args):
                raise AssertionError("the file must not be read")

        with pytest.raises(PermissionDenied):
            excel.import_xlsx(actor=clerk, agency=east, kind="officers", file=Unreadable())

    @pytest.mark.parametrize(
        ("who", "agency", "kind"),
        [
            ("head", "west_market", "officers"),  # another agency
            ("head", "west_market", "trainings"),
            ("head", "east_market", "certificates"),  # the justice bureau issues certificates
            ("supervisor", "east_market", "officers"),  # and does not keep the staff list
            ("supervisor", "west_market", "certificates"),  # outside its region
        ],
    )
    def test_refusals(self, head, supervisor, agencies, who, agency, kind):
        actor = {"head": head, "supervisor": supervisor}[who]
        before = snapshot()
        with pytest.raises(PermissionDenied):
            excel.import_xlsx(actor=actor, agency=agencies[agency], kind=kind, file=filled(kind))
        assert snapshot() == before

    def test_the_city_bureau_issues_for_every_county(self, agencies, make_user):
        city_supervisor = make_user(agencies["city_justice"], RoleCode.SUPERVISOR)
        west = agencies["west_market"]
        OfficerFactory(agency=west, id_number=ident(10))
        file = filled("certificates", CERTIFICATE)
        assert excel.import_xlsx(actor=city_supervisor, agency=west, kind="certificates", file=file).ok


# ---- export -----------------------------------------------------------------------------------------


class TestExport:
    def test_officers_of_the_callers_jurisdiction_only(self, head, east, agencies):
        OfficerFactory(
            agency=east,
            name="张伟",
            id_number=ident(1),
            post="执法岗",
            is_key_post=True,
            fields=["market", "ecology"],
        )
        OfficerFactory(agency=agencies["west_market"], name="外县人员")
        viewer = selectors.personal_data_viewer(head)  # the unit head manages the east agency's personnel
        headers, rows = excel.export("officers", selectors.officers_visible_to(head), viewer=viewer)
        rows = list(rows)
        assert headers == list(excel.OFFICER_EXPORT)
        assert rows == [
            (
                "张伟",
                ident(1),
                "行政执法人员",
                "执法岗",
                "是",
                None,
                None,
                "生态环境、市场监管",
                east.name,
                "在岗",
            )
        ]

    def test_certificates_and_trainings(self, supervisor, head, east, agencies, holder):
        CertificateFactory(
            officer=holder, number="JZ20260001", issued_on=date(2025, 1, 1), expires_on=date(2026, 1, 1)
        )
        CertificateFactory(officer=OfficerFactory(agency=agencies["west_market"]))
        TrainingFactory(officer=holder, hours=Decimal("2.5"), title="专题培训")
        TrainingFactory(officer=OfficerFactory(agency=agencies["west_market"]))

        headers, rows = excel.export(
            "certificates",
            selectors.certificates_visible_to(supervisor),
            viewer=selectors.personal_data_viewer(supervisor),
        )
        (row,) = rows
        assert headers == list(excel.CERTIFICATE_EXPORT)
        # The justice bureau issues certificates but does not manage the agency's personnel: masked.
        assert row[:4] == ("李娜", "*" * 14 + ident(10)[-4:], east.name, "JZ20260001")
        assert row[6:10] == (date(2025, 1, 1), date(2026, 1, 1), "市场监管", "过期")

        visible = access.visible_to(head, TrainingRecord.objects.all())
        headers, rows = excel.export("trainings", visible, viewer=selectors.personal_data_viewer(head))
        assert headers == list(excel.TRAINING_EXPORT)
        assert list(rows) == [
            ("李娜", ident(10), east.name, date(2026, 3, 1), Decimal("2.5"), "业务知识", "专题培训", "")
        ]

    def test_an_exported_training_list_imports_again(self, head, east, holder):
        TrainingFactory(officer=holder, hours=Decimal("2.5"), title="专题培训")
        viewer = selectors.personal_data_viewer(head)
        headers, rows = excel.export("trainings", TrainingRecord.objects.all(), viewer=viewer)
        content = xlsx_bytes(headers, rows, title="培训记录")
        result = excel.import_xlsx(actor=head, agency=east, kind="trainings", file=BytesIO(content))
        assert result.ok and result.created == 1
        assert holder.trainings.count() == 2
