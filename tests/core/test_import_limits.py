"""Import limits (issue 17, finding 10: a 50,000-row sheet held a request for 16 s and added 156 MB): an
upload past ZHIFA_IMPORT_MAX_BYTES is refused before it is opened, and one past ZHIFA_IMPORT_MAX_ROWS at
the first row beyond the limit (the rest is never read), with a Chinese message naming the limit and
nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import XLSX_TYPE, plain_xlsx
from tests.registry.test_excel import OFFICER, ident, import_officers, snapshot
from zhifa.accounts.choices import RoleCode
from zhifa.complaints import hotline
from zhifa.core import xlsx_import
from zhifa.core.xlsx_import import Column, ImportForm, RowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(agencies):
    return agencies["east_market"]


@pytest.fixture
def head(east, make_user):
    return make_user(east, RoleCode.AGENCY_HEAD, username="east_head")


COLUMNS = [Column("名称", True, "文字", "东区")]


def officers(n: int) -> list[dict]:
    return [OFFICER | {"身份证号码": ident(i), "姓名": f"张{i}"} for i in range(1, n + 1)]


def test_rows_past_the_limit_are_refused_and_nothing_is_written(head, east, settings):
    settings.ZHIFA_IMPORT_MAX_ROWS = 3
    before = snapshot()
    result = import_officers(head, east, *officers(4))
    assert (result.created, result.errors) == (
        0,
        [RowError(0, "", "数据行数超过导入上限3行，请分批导入（本次未导入任何数据）")],
    )
    assert snapshot() == before
    assert import_officers(head, east, *officers(3)).created == 3  # at the limit: imported


def test_the_sheet_is_read_only_up_to_the_first_row_past_the_limit(settings):
    settings.ZHIFA_IMPORT_MAX_ROWS = 5
    seen = []
    parsed, errors = xlsx_import.read(
        plain_xlsx(["名称"], *[[f"第{i}个"] for i in range(100)]),
        label="名称表",
        columns=COLUMNS,
        parse=lambda row: seen.append(row.number),
    )
    assert seen == [2, 3, 4, 5, 6] and parsed == []
    assert [error.message for error in errors] == [
        "数据行数超过导入上限5行，请分批导入（本次未导入任何数据）"
    ]


def test_a_file_past_the_size_limit_is_refused_before_it_is_opened(head, east, settings, monkeypatch):
    settings.ZHIFA_IMPORT_MAX_BYTES = 1000
    opened = []
    monkeypatch.setattr(xlsx_import, "load_workbook", lambda *a, **k: opened.append(a))
    before = snapshot()
    result = import_officers(head, east, *officers(1))
    assert result.created == 0 and opened == [] and snapshot() == before
    assert [(e.row, e.message) for e in result.errors] == [(0, result.errors[0].message)]
    assert (
        result.errors[0].message.startswith("文件大小")
        and "超过导入上限1000\xa0字节" in result.errors[0].message
    )


def test_the_import_form_names_the_field_and_the_limit(settings):
    settings.ZHIFA_IMPORT_MAX_BYTES = 10
    form = ImportForm(
        data={"kind": "officers"},
        files={"file": SimpleUploadedFile("a.xlsx", b"x" * 11, content_type=XLSX_TYPE)},
        kinds=[("officers", "执法人员")],
    )
    form.fields["agency"].required = False
    assert not form.is_valid()
    assert form.errors["file"] == ["“Excel文件”文件大小11\xa0字节超过导入上限10\xa0字节，请分批导入"]
    assert form.fields["file"].help_text == "单个文件不超过10\xa0字节、不超过50000行"


def test_the_hotline_import_stops_reading_past_its_row_limit(monkeypatch):
    """12345 batches: at most the header and MAX_ROWS + 1 rows are read before the refusal."""
    monkeypatch.setattr(hotline, "MAX_ROWS", 3)
    read = []
    original = xlsx_import.non_empty_rows

    def counting(sheet):
        for row in original(sheet):
            read.append(row[0])
            yield row

    monkeypatch.setattr(hotline.xi, "non_empty_rows", counting)
    header = list(hotline.COLUMNS.values())
    content = plain_xlsx(header, *[[f"GD{i}"] + [""] * (len(header) - 1) for i in range(50)]).getvalue()
    with pytest.raises(Exception, match="每批最多3条工单"):
        hotline.read("工单.xlsx", content)
    assert len(read) == 5
