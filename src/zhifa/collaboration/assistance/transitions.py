"""The 协助's one table: 发函 → 待签收 —签收→ 办理中 —书面答复→ 已书面答复; 不予协助 (with its reason) from 待签收 or
办理中; 延期 (before the deadline, with a new date and a reason) recorded without a move. 发函 is the
requester's; the rest the helper's."""

from django.utils import timezone

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import AssistanceStatus

HANDLE = "collaboration.handle_assistance"
VIEW = "collaboration.view_assistancerequest"

S = AssistanceStatus
T = Transition
SIDES = {
    "request": "requester",
    "receive": "helper",
    "extend": "helper",
    "answer": "helper",
    "decline": "helper",
}


def is_overdue(request, on=None) -> bool:
    """Open past its answer date (or, for on-site help, past the hour it was due)."""
    if request.status not in (S.SENT, S.RECEIVED):
        return False
    if request.due_on is not None:
        return (on or clocks.today()) > request.due_on
    return request.due_at is not None and timezone.now() > request.due_at


def _extendable(request) -> bool:
    return request.due_on is not None and clocks.today() <= request.due_on


TABLE: tuple[Transition, ...] = (
    T("request", "发送协助函", HANDLE, (START,), S.SENT, rule="认定、鉴定、咨询、现场处置、查阅档案；可向外县（市、区）机关请求"),
    T("receive", "签收协助函", HANDLE, (S.SENT,), S.RECEIVED,
      rule=f"认定、鉴定、咨询自收函之日起{clocks.REPLY_WORKDAYS}个工作日内书面反馈", main=True),
    T("extend", "延期答复", HANDLE, (S.RECEIVED,), when=_extendable, rule="期限届满前事先告知，写明新的答复日期和理由",
      refusal="延期答复（期限已届满）"),
    T("answer", "书面答复", HANDLE, (S.RECEIVED,), S.ANSWERED, main=True),
    T("decline", "不予协助", HANDLE, (S.SENT, S.RECEIVED), S.DECLINED, rule="须写明理由", refuses=True),
)  # fmt: skip

MACHINE = Machine(
    AssistanceStatus, TABLE, record_prefix="assistance", subject="协助请求", start_label="需要协助"
)


def offered(user, request) -> list[str]:
    from ..notices.parties import side_of

    sides = side_of(user, request, {"requester": "requester", "helper": "helper"})
    perms = {HANDLE} if user.has_perm(HANDLE) else set()
    return [a for a in MACHINE.offered(request, perms) if SIDES[a] in sides]
