"""Blocks → PDF (reportlab): A4, the title centred, the number under it, paragraphs wrapped CJK-style.

The font is STSong-Light, one of the standard Adobe CID fonts that reportlab registers without a font
file (UnicodeCIDFont) and that PDF readers supply themselves; nothing is downloaded or embedded. The
output is invariant (no timestamp or random ID), so the same document renders to the same bytes."""

import re
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from .render import Block

FONT = "STSong-Light"
BODY_SIZE = 12
# Full-width punctuation that must not start a line (reportlab's list lacks the Chinese ones): the
# wrapper hangs it at the end of the line instead.
NO_LINE_START = "，：；？！）》」』”’〉、。．"
_IDEOGRAPHIC_SPACES = re.compile("\u3000+")
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        for module in (textsplit, rl_paragraph):  # each binds its own copy of the list
            missing = "".join(c for c in NO_LINE_START if c not in module.ALL_CANNOT_START)
            if missing:
                module.ALL_CANNOT_START += missing
        _registered = True
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    base = {"fontName": font, "fontSize": BODY_SIZE, "leading": BODY_SIZE * 1.75, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle(
            "title", **{**base, "fontSize": 20, "leading": 30}, alignment=TA_CENTER, keepWithNext=1
        ),
        "center": ParagraphStyle("center", **base, alignment=TA_CENTER, spaceAfter=8, keepWithNext=1),
        "heading": ParagraphStyle("heading", **base, spaceBefore=6, keepWithNext=1),
        "plain": ParagraphStyle("plain", **base, alignment=TA_LEFT),
        "right": ParagraphStyle("right", **base, alignment=TA_RIGHT),
        "para": ParagraphStyle("para", **base, firstLineIndent=BODY_SIZE * 2),
        "cell": ParagraphStyle(
            "cell", **{**base, "fontSize": BODY_SIZE - 1, "leading": (BODY_SIZE - 1) * 1.5}
        ),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    # Paragraph collapses whitespace, U+3000 included, and the CID font has no no-break space: keep the
    # blanks of signature lines (签名：　　年　月　日) as Helvetica no-break spaces, four to a character.
    markup = escape(text).replace("\n", "<br/>")
    markup = _IDEOGRAPHIC_SPACES.sub(
        lambda m: f'<font name="Helvetica">{"&nbsp;" * 4 * len(m.group())}</font>', markup
    )
    return Paragraph(markup, style)


def _table(rows: list[list[str]], style: ParagraphStyle, width: float) -> Table:
    columns = max(len(row) for row in rows)
    data, spans = [], []
    for r, row in enumerate(rows):
        cells = [_para(value, style) for value in row] + [""] * (columns - len(row))
        if len(row) < columns:
            spans.append(("SPAN", (len(row) - 1, r), (columns - 1, r)))
        data.append(cells)
    widths = [width * 0.28, width * 0.72] if columns == 2 else [width / columns] * columns
    table = Table(data, colWidths=widths, repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *spans,
            ]
        )
    )
    return table


def render(blocks: list[Block], *, title: str = "", author: str = "") -> bytes:
    styles = _styles()
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        topMargin=3.2 * cm,
        bottomMargin=2.8 * cm,
        leftMargin=2.6 * cm,
        rightMargin=2.6 * cm,
        title=title,
        author=author,
        creator="执法通",
        invariant=1,
    )
    story, previous = [], None
    for block in blocks:
        if block.kind == "right" and previous != "right":
            story.append(Spacer(1, BODY_SIZE * 1.5))  # room for the seal above the agency's name
        previous = block.kind
        if block.kind == "table":
            story.append(_table(block.rows, styles["cell"], doc.width))
            story.append(Spacer(1, 8))
        else:
            story.append(_para(block.text, styles.get(block.kind, styles["para"])))
    if not story:
        story.append(Spacer(1, 1))
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(_font(), 9)
    canvas.drawCentredString(A4[0] / 2, 1.6 * cm, f"第 {doc.page} 页")
    canvas.restoreState()
