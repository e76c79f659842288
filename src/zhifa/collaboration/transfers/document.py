"""移送函 (seed 004 五(三)2: 涉嫌违法案件移送函) as DOCX and PDF, laid out by the cases documents machinery (its
template format, renderers and CID font STSong-Light), in the sending agency's name (五(三)1). Rendered on
request from the stored transfer: its number, package and evidence hashes are kept on the rows."""

from django.utils import timezone

from zhifa.cases.documents import docx, pdf
from zhifa.cases.documents.render import parse, render_text

TEMPLATE = """# {{ sender }}
# 涉嫌违法案件移送函
^ {{ number }}
: {{ receiver }}：
本机关于{{ discovered|cn_date }}发现{{ party }}涉嫌{{ summary }}一案，经审查，该案属于你单位管辖（事项：{{ item }}）。根据有关规定，经本机关负责人批准，现将该案移送你单位依法处理。{% if urgent %}本机关已责令当事人立即停止违法行为。{% endif %}
## 一、基本违法事实
{{ facts }}
## 二、案源材料
{{ source_material }}
## 三、当事人基本情况
{{ party }}{% if party_id %}（{{ party_id }}）{% endif %}{% if party_address %}，住所：{{ party_address }}{% endif %}{% if party_phone %}，电话：{{ party_phone }}{% endif %}
## 四、移送理由
{{ reasons }}
## 五、随函移送的证据材料
{% for e in evidence %}{{ forloop.counter }}. {{ e.name }}（SHA-256：{{ e.sha256 }}，{{ e.size }}字节）
{% empty %}无
{% endfor %}请你单位签收后依法处理，并将处理结果告知本机关。
> {{ sender }}
> {{ date|cn_date }}
"""


DRAFT = "（草稿，批准后编号）"


def _number(transfer) -> str:
    """The letter's number; before the leader approves it, the draft the leader reads has none yet."""
    return transfer.number or DRAFT


def _data(transfer) -> dict:
    return {
        "sender": transfer.agency.name,
        "receiver": transfer.receiver.name,
        "number": _number(transfer),
        "discovered": timezone.localtime(transfer.discovered_at).date(),
        "party": transfer.party_name,
        "party_id": transfer.party_id,
        "party_address": transfer.party_address,
        "party_phone": transfer.party_phone,
        "summary": transfer.summary,
        "item": f"{transfer.item_code} {transfer.item_name}",
        "urgent": transfer.urgent,
        "facts": transfer.facts,
        "source_material": transfer.source_material,
        "reasons": transfer.reasons,
        "evidence": list(transfer.evidence.all()),
        "date": timezone.localtime(transfer.sent_at or timezone.now()).date(),
    }


def render(transfer, fmt: str) -> bytes:
    """The letter as "pdf" or "docx" bytes."""
    blocks = parse(render_text(TEMPLATE, _data(transfer)))
    title = f"涉嫌违法案件移送函 {_number(transfer)}"
    return (pdf if fmt == "pdf" else docx).render(blocks, title=title, author=transfer.agency.name)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def filename(transfer, fmt: str) -> str:
    return f"移送函_{transfer.number or '草稿'}.{fmt}".replace("/", "_")
