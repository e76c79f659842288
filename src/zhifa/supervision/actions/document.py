"""监督文书 (通知书、意见书、决定书) as DOCX and PDF, laid out by the cases documents machinery (its
template format, renderers and CID font STSong-Light), in the justice bureau's name (seed 001 二: 以行政执法
协调监督办公室名义). Rendered on request from the stored instrument: its number, findings, requirements and
deadlines are kept on the row; the file is derived from them."""

from django.utils import timezone

from zhifa.cases.documents import docx, pdf
from zhifa.cases.documents.render import parse, render_text

from .choices import Grade

TEMPLATE = """# {{ issuer }}
# {{ title }}
^ {{ number }}
: {{ agency }}：
{{ opening }}
## 一、发现的问题
{% for finding in findings %}{{ forloop.counter }}. {{ finding }}
{% endfor %}## 二、监督意见和整改要求
{{ requirements }}
## 三、答复和整改期限
请于{{ reply_due|cn_date }}前书面答复，于{{ rectify_due|cn_date }}前整改完毕并报送整改情况及相关材料。逾期未答复或者未整改的，将依次采取限期整改、约谈、通报或者报告本级人民政府等措施。
> {{ issuer }}
> {{ date|cn_date }}
"""

OPENINGS = {
    Grade.NOTICE: "根据《行政执法监督条例》，本机关对你单位行政执法工作开展了{{kind}}，发现下列问题，现予通知，请予以纠正。",
    Grade.OPINION: "根据《行政执法监督条例》，本机关对你单位行政执法工作开展了{{kind}}，发现下列问题，现提出监督意见，请认真研究办理。",
    Grade.DECISION: "根据《行政执法监督条例》，本机关对你单位行政执法工作开展了{{kind}}，你单位对发现的下列问题未予纠正，现作出监督决定，请严格执行。",
}


def _data(instrument) -> dict:
    item = instrument.item
    kind = item.get_kind_display()
    return {
        "issuer": instrument.issuer,
        "title": instrument.get_grade_display(),
        "number": instrument.number,
        "agency": item.agency.name,
        "opening": OPENINGS[Grade(instrument.grade)].replace("{{kind}}", kind),
        "findings": [f.text for f in instrument.findings.order_by("created_at", "id")],
        "requirements": instrument.requirements,
        "reply_due": instrument.reply_due,
        "rectify_due": instrument.rectify_due,
        "date": timezone.localtime(instrument.issued_at).date(),
    }


def render(instrument, fmt: str) -> bytes:
    """The instrument as "pdf" or "docx" bytes."""
    blocks = parse(render_text(TEMPLATE, _data(instrument)))
    title = f"{instrument.get_grade_display()} {instrument.number}"
    return (pdf if fmt == "pdf" else docx).render(blocks, title=title, author=instrument.issuer)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def filename(instrument, fmt: str) -> str:
    return f"{instrument.get_grade_display()}_{instrument.number}.{fmt}".replace("/", "_")
