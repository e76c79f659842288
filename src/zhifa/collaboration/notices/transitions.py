"""The 抄告's one table: 生成（决定作出时自动生成，或录入审批决定）→ 待抄告 —抄告→ 已抄告待签收 —签收→ 已签收.
抄告 is the sender's, 签收 the receiver's (notices.parties)."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import NoticeStatus

HANDLE = "collaboration.handle_notice"
VIEW = "collaboration.view_notice"
SHARING_VIEW = "collaboration.view_sharingentry"

S = NoticeStatus
T = Transition

# whose action each is: the attribute naming that party's agency
SIDES = {"create": "sender", "send": "sender", "acknowledge": "receiver"}


def is_overdue(notice, on=None) -> bool:
    """Not sent by its deadline, or sent and not acknowledged by the receiver's."""
    day = on or clocks.today()
    if notice.status == S.PENDING:
        return day > notice.due_on
    return notice.status == S.SENT and notice.ack_due is not None and day > notice.ack_due


TABLE: tuple[Transition, ...] = (
    T("create", "生成抄告", HANDLE, (START,), S.PENDING,
      rule="处罚决定作出时自动生成；审批决定由业务主管部门录入"),
    T("send", "抄告", HANDLE, (S.PENDING,), S.SENT,
      rule=f"决定作出之日起{clocks.NOTICE_WORKDAYS}个工作日内；审批事项情况紧急的立即抄告"),
    T("acknowledge", "签收", HANDLE, (S.SENT,), S.ACKNOWLEDGED, rule="由接收机关签收"),
)  # fmt: skip

MACHINE = Machine(NoticeStatus, TABLE, record_prefix="notice", subject="抄告", start_label="作出决定")


def offered(user, notice) -> list[str]:
    from .parties import side_of

    sides = side_of(user, notice, {"sender": "sender", "receiver": "receiver"})
    perms = {HANDLE} if user.has_perm(HANDLE) else set()
    return [a for a in MACHINE.offered(notice, perms) if SIDES[a] in sides]
