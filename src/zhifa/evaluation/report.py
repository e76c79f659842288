"""评议考核报告: the ranking with every indicator's points per agency, as DOCX (python-docx) and XLSX."""

from io import BytesIO
from urllib.parse import quote

from docx import Document

from zhifa.core.exports import xlsx_bytes

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def title_of(scheme) -> str:
    return f"{scheme.region.name}{scheme.year}年度行政执法评议考核结果"


def disposition(scheme, ext: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(title_of(scheme))}.{ext}"}


def headers(nodes) -> list[str]:
    return ["名次", "被考核机关", "总分", *[f"{n.name}（{n.weight.normalize():f}%）" for n in nodes]]


def rows(table) -> list[list]:
    out = []
    for line in table["lines"]:
        cells = [line["scores"].get(str(n.pk), {}).get("score", "") for n in table["nodes"]]
        out.append([line["rank"], line["agency"].name, str(line["total"]), *cells])
    return out


def xlsx(scheme, table) -> bytes:
    return xlsx_bytes(headers(table["nodes"]), rows(table), title="评议考核结果")


def docx(scheme, table) -> bytes:
    doc = Document()
    doc.add_heading(title_of(scheme), level=1)
    state = "已发布" if table["ranking"] is not None else "未发布（当前计算结果）"
    doc.add_paragraph(f"考核机关：{scheme.bureau.name}；方案第{scheme.version}版；结果{state}。")
    doc.add_heading("一、排名", level=2)
    grid = doc.add_table(rows=1, cols=3)
    for cell, text in zip(grid.rows[0].cells, ["名次", "被考核机关", "总分"], strict=True):
        cell.text = text
    for line in table["lines"]:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            str(line["rank"]),
            line["agency"].name,
            str(line["total"]),
        )
    doc.add_heading("二、各项指标得分", level=2)
    for node in table["nodes"]:
        doc.add_paragraph(f"{'　' * node.depth}{node.name}（权重{node.weight.normalize():f}%）")
        if node.is_leaf:
            scores = "；".join(
                f"{line['agency'].name} {line['scores'].get(str(node.pk), {}).get('score', '')}"
                for line in table["lines"]
            )
            doc.add_paragraph(f"{'　' * (node.depth + 1)}{scores}")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
