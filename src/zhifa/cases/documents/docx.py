"""Blocks → DOCX (python-docx): A4 with the margins of GB/T 9704, 宋体 title, 仿宋 body, 黑体 headings;
tables with grid lines. The fonts are named, not embedded: Word substitutes where they are missing."""

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .render import Block

TITLE_FONT, BODY_FONT, HEADING_FONT = "宋体", "仿宋", "黑体"
BODY_SIZE = 14  # 四号


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: float = BODY_SIZE, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _paragraph(
    document, text: str, *, align=None, indent: bool = False, keep: bool = False, before: float = 0, **font
):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = 1.5
    fmt.space_after = Pt(2)
    fmt.space_before = Pt(before)
    fmt.keep_with_next = keep
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Pt(BODY_SIZE * 2)
    _run(paragraph, text, **font)
    return paragraph


def _table(document, rows: list[list[str]]) -> None:
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        if len(row) < columns:  # a short row: its last cell spans the rest
            cells[len(row) - 1].merge(cells[columns - 1])
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = ""
            lines = value.split("\n") or [""]
            paragraph = cell.paragraphs[0]
            for index, line in enumerate(lines):
                if index:
                    paragraph = cell.add_paragraph()
                _run(paragraph, line, size=BODY_SIZE - 2, bold=c == 0 and columns > 1 and len(row) == 2)
    document.add_paragraph()


def render(blocks: list[Block], *, title: str = "", author: str = "") -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    document.core_properties.title = title
    document.core_properties.author = author
    previous = None
    for block in blocks:
        if block.kind == "title":
            _paragraph(
                document,
                block.text,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                keep=True,
                font=TITLE_FONT,
                size=22,
                bold=True,
            )
        elif block.kind == "center":
            _paragraph(document, block.text, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
        elif block.kind == "heading":
            _paragraph(document, block.text, keep=True, font=HEADING_FONT)
        elif block.kind == "plain":
            _paragraph(document, block.text)
        elif block.kind == "right":
            before = BODY_SIZE * 2 if previous != "right" else 0  # room for the seal
            _paragraph(document, block.text, align=WD_ALIGN_PARAGRAPH.RIGHT, before=before)
        elif block.kind == "table":
            _table(document, block.rows)
        else:
            _paragraph(document, block.text, indent=True)
        previous = block.kind
    out = BytesIO()
    document.save(out)
    return out.getvalue()
