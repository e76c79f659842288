"""法制审核意见书 as DOCX and PDF, laid out by the cases documents machinery (its template format,
renderers and CID font), from one round's opinion. Rendered on request: the opinion is stored, the
file is derived from it."""

from django.utils import timezone

from zhifa.cases.documents import docx, pdf
from zhifa.cases.documents.render import parse, render_text
from zhifa.core import formatting

from .choices import CheckPoint

TEMPLATE = """# {{ agency }}
# 法制审核意见书
^ {{ number }}
: 案件：{{ case_number }} {{ summary }}
: 当事人：{{ party }}
: 承办人员：{{ handlers }}
: 送审时间：{{ submitted }}（第{{ round }}轮送审）
## 一、拟处理意见
{{ proposal }}
## 二、审核情况
| 审核要点 | 结论 | 意见 |
{% for row in rows %}| {{ row.label }} | {{ row.result }} | {{ row.comment }} |
{% endfor %}## 三、审核意见
{{ result }}。{{ summary_text }}
> 法制审核人员：{{ reviewer }}
> {{ agency }}（法制审核机构）
> {{ date }}
"""


def _comment(row: dict) -> str:
    """The reviewer's comment; on a point passed over a ✗ of the automatic pre-check, with what it found."""
    comment = row.get("comment", "")
    if row.get("ok") and row.get("precheck"):
        return f"自动预审：{'；'.join(row['precheck'])}。通过理由：{comment}"
    return comment


def _data(round) -> dict:
    review, case = round.review, round.review.case
    handlers = "、".join(h.officer.name for h in case.handlers.select_related("officer"))
    rows = [
        {
            "label": point.label,
            "result": "通过" if round.checklist.get(point.value, {}).get("ok") else "存在问题",
            "comment": _comment(round.checklist.get(point.value, {})),
        }
        for point in CheckPoint
    ]
    reviewer = round.reviewed_by
    return {
        "agency": case.agency.name,
        "number": round.opinion_number,
        "case_number": case.number,
        "summary": case.summary,
        "party": case.party_name,
        "handlers": handlers,
        "submitted": formatting.cn_date(timezone.localdate(round.submitted_at)),
        "round": round.number,
        "proposal": f"{round.penalty_text(money=formatting.money_in_words)}。{round.proposal}",
        "rows": rows,
        "result": round.get_result_display(),
        "summary_text": round.summary,
        "reviewer": (reviewer.real_name or reviewer.username) if reviewer else "",
        "date": formatting.cn_date(timezone.localdate(round.reviewed_at)) if round.reviewed_at else "",
        "pool": review.from_pool,
    }


def render(round, fmt: str) -> bytes:
    """The opinion of `round` as "pdf" or "docx" bytes."""
    blocks = parse(render_text(TEMPLATE, _data(round)))
    title = f"法制审核意见书 {round.opinion_number}"
    return (pdf if fmt == "pdf" else docx).render(blocks, title=title, author=round.review.case.agency.name)
