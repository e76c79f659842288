"""检查对象名录库 Excel import: all or nothing, row-level errors, duplicate credit codes refused."""

from io import BytesIO

from openpyxl import Workbook

from tests.inspections.conftest import enterprise
from zhifa.inspections import excel
from zhifa.inspections.models import Subject


def workbook(rows) -> BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = excel.TITLE
    sheet.append([column.header for column in excel.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def row(name, code, risk="B", kind="企业及其他组织"):
    return [name, kind, code, "", "餐饮", "970102", "东区人民路", risk, ""]


def test_a_clean_file_is_imported(agencies, city, lead):
    result = excel.import_xlsx(
        actor=lead,
        agency=agencies["east_market"],
        file=workbook([row("甲店", enterprise(1)), row("乙店", enterprise(2), "D")]),
    )
    assert result.ok and result.created == 2
    assert Subject.objects.get(code=enterprise(2)).risk_level == "D"


def test_duplicates_and_bad_rows_refuse_the_whole_file(agencies, city, lead):
    existing = excel.import_xlsx(
        actor=lead, agency=agencies["east_market"], file=workbook([row("甲店", enterprise(1))])
    )
    assert existing.ok
    result = excel.import_xlsx(
        actor=lead,
        agency=agencies["east_market"],
        file=workbook(
            [
                row("乙店", enterprise(2)),
                row("丙店", enterprise(2)),
                row("丁店", enterprise(1)),
                row("戊店", "123", "Z"),
            ]
        ),
    )
    assert not result.ok and result.created == 0
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("第3行") and "与第2行重复" in m for m in messages)
    assert any(m.startswith("第4行") and "名录库中已有" in m for m in messages)
    assert any(m.startswith("第5行") and "风险等级" in m for m in messages)
    assert Subject.objects.count() == 1


def test_the_template_reads_back(agencies, lead):
    result = excel.import_xlsx(
        actor=lead, agency=agencies["east_market"], file=BytesIO(excel.template_bytes())
    )
    assert not result.ok and "没有数据" in str(result.errors[0])
