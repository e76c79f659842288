"""责任追究决定书 as DOCX and PDF, laid out by the cases documents machinery (its template format, renderers
and CID font STSong-Light), numbered in the justice bureau's sequence (`NUMBER_KIND`) when the decision is
made and issued in the bureau's name (seed 001 二: 以行政执法协调监督办公室名义). Rendered on request from
the stored proceeding; the file is derived from the row."""

from zhifa.cases.documents import docx, pdf
from zhifa.cases.documents.render import parse, render_text
from zhifa.supervision.actions.services import issuer_name
from zhifa.supervision.models import AccountabilityCase

from .choices import EXEMPTIONS, Outcome

NUMBER_KIND = "追责"
TITLE = "责任追究决定书"

TEMPLATE = """# {{ issuer }}
# 责任追究决定书
^ {{ number }}
: 被追责人员：{{ officer }}（{{ agency }}）
## 一、案件来源
{{ source }}
## 二、查明的事实
{{ facts }}
{% if investigation %}{{ investigation }}
{% endif %}{% if notice %}## 三、告知和陈述申辩
本机关已告知拟处理意见：{{ notice }}
{% if statement %}陈述申辩情况：{{ statement }}
{% endif %}{% endif %}## {% if notice %}四{% else %}三{% endif %}、处理决定
{{ decision }}
决定理由：{{ reason }}
> {{ issuer }}
> {{ date|cn_date }}
"""


def _day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _source(p: AccountabilityCase) -> str:
    text = p.get_source_kind_display()
    if p.finding is not None:
        text += f"：{p.finding.item.title}，发现的问题：{p.finding.text}"
    elif p.challenge is not None:
        c = p.challenge
        text += f"：{c.get_kind_display()}（{c.organ}）结果为{c.get_outcome_display()}"
    elif p.source_text:
        text += f"：{p.source_text}"
    return text + (f"（{p.source_reference}）" if p.source_reference else "")


def _decision(p: AccountabilityCase) -> str:
    numbers = "、".join(p.certificates.order_by("pk").values_list("number", flat=True))
    if p.outcome == Outcome.SUSPEND and p.suspended_until:
        return (
            f"暂扣{p.officer.name}的行政执法证（证号：{numbers}），暂扣至{_day(p.suspended_until)}；"
            "暂扣期间不得从事行政执法活动，期满次日起恢复。"
        )
    if p.outcome == Outcome.REVOKE:
        return f"收回{p.officer.name}的行政执法证（证号：{numbers}），自决定之日起不得从事行政执法活动。"
    if p.outcome in EXEMPTIONS:
        return f"对{p.officer.name}{Outcome(p.outcome).label}，不予追究责任。"
    return f"对{p.officer.name}予以{Outcome(p.outcome).label}。"


def _data(p: AccountabilityCase) -> dict:
    return {
        "issuer": issuer_name(p.bureau),
        "number": p.decision_number,
        "officer": p.officer.name,
        "agency": p.agency.name,
        "source": _source(p),
        "facts": p.facts,
        "investigation": p.investigation,
        "notice": p.notice,
        "statement": p.statement,
        "decision": _decision(p),
        "reason": p.reason,
        "date": p.decided_on,
    }


def render(proceeding: AccountabilityCase, fmt: str) -> bytes:
    """The decision as "pdf" or "docx" bytes (the proceeding must be decided: it has a number)."""
    blocks = parse(render_text(TEMPLATE, _data(proceeding)))
    issuer = issuer_name(proceeding.bureau)
    return (pdf if fmt == "pdf" else docx).render(
        blocks, title=f"{TITLE} {proceeding.decision_number}", author=issuer
    )


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def filename(proceeding: AccountabilityCase, fmt: str) -> str:
    return f"{TITLE}_{proceeding.decision_number}.{fmt}".replace("/", "_")
