"""抄告单 and 协助函 as DOCX and PDF, laid out by the cases documents machinery (its template format, renderers
and CID font STSong-Light), in the sending agency's name. Rendered on request from the stored row."""

from django.utils import timezone

from zhifa.cases.documents import docx, pdf
from zhifa.cases.documents.render import parse, render_text

NOTICE_TEMPLATE = """# {{ sender }}
# 行政执法信息抄告单
: {{ receiver }}：
根据《“1+X”综合行政执法协作配合工作机制》关于信息共享和抄告的规定，现将本机关作出的下列决定抄告你单位，请签收。
## 一、决定情况
决定事项：{{ title }}
决定文号：{{ number }}
当事人：{{ party }}
决定日期：{{ decided_on|cn_date }}
{{ content }}
## 二、说明
{{ note }}
> {{ sender }}
> {{ date|cn_date }}
"""

ASSISTANCE_TEMPLATE = """# {{ requester }}
# 行政执法协助函
^ {{ number }}
: {{ helper }}：
本机关在行使行政执法职权中，需要你单位提供{{ kind }}。根据《“1+X”综合行政执法协作配合工作机制》，请予协助。
## 一、协助事项
{{ subject }}
## 二、请求协助的内容
{{ questions }}
## 三、答复要求
{{ requirement }}
> {{ requester }}
> {{ date|cn_date }}
"""

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _render(template: str, data: dict, title: str, author: str, fmt: str) -> bytes:
    blocks = parse(render_text(template, data))
    return (pdf if fmt == "pdf" else docx).render(blocks, title=title, author=author)


def render_notice(notice, fmt: str) -> bytes:
    data = {
        "sender": notice.sender.name,
        "receiver": notice.receiver.name if notice.receiver else "（接收机关待定）",
        "title": notice.title,
        "number": notice.number or "—",
        "party": notice.party,
        "decided_on": notice.decided_on,
        "content": notice.content,
        "note": notice.note or "无",
        "date": timezone.localtime(notice.sent_at).date() if notice.sent_at else notice.created_at.date(),
    }
    return _render(NOTICE_TEMPLATE, data, "行政执法信息抄告单", notice.sender.name, fmt)


def notice_filename(notice, fmt: str) -> str:
    return f"抄告单_{notice.pk}.{fmt}"


def render_assistance(request, fmt: str) -> bytes:
    from ..assistance.choices import WRITTEN_KINDS, AssistanceKind
    from ..assistance.clocks import REPLY_WORKDAYS

    if request.kind in WRITTEN_KINDS:
        requirement = f"请自收函之日起{REPLY_WORKDAYS}个工作日内书面反馈意见；情况特殊需延长的，请事先告知。"
    elif request.kind == AssistanceKind.ONSITE:
        requirement = "情况紧急或证据可能灭失，请及时派员到现场处置。"
    else:
        requirement = "因办案需要查阅、复制相关档案资料，请予支持。"
    data = {
        "requester": request.requester.name,
        "helper": request.helper.name,
        "number": request.number,
        "kind": request.get_kind_display(),
        "subject": request.subject,
        "questions": request.questions,
        "requirement": requirement,
        "date": timezone.localtime(request.sent_at).date(),
    }
    return _render(ASSISTANCE_TEMPLATE, data, "行政执法协助函", request.requester.name, fmt)


def assistance_filename(request, fmt: str) -> str:
    return f"协助函_{request.number or request.pk}.{fmt}".replace("/", "_")
