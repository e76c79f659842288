"""The 投诉举报 state machine, in one table (cases.machine): the services guard and move through it, the
complaint's page offers its buttons and the API lists its actions.

受理待定 —受理→ 已受理 —开始办理→ 办理中 —答复→ 已答复 —评价→ 已评价 —办结→ 办结
受理待定/已转办 —转办（理由）→ 已转办 (the next agency accepts or passes it on) —提请争议→ 转办争议 —裁定→ 已受理
已答复 —不满意→ 重新办理 (answered again) or 提交监督 (the justice bureau closes it or orders it redone)
合并 closes a duplicate into the complaint it repeats. The rows marked `main` are the next step of their
states: the complaint's page shows that one as its main button (cases.machine.Machine.buttons)."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import IN_HAND, UNACCEPTED, Status

HANDLE = "complaints.handle_complaint"
SETTLE = "complaints.settle_complaint"
VIEW = "complaints.view_complaint"
PUBLIC = "complaints.rate_complaint"  # the complainant, by tracking code: no staff role holds it

S = Status
T = Transition


def rating_window_over(complaint, on=None) -> bool:
    """The complainant's time to rate the reply has run (or they cannot be asked: anonymous without contact)."""
    if complaint.replied_on is None:
        return False
    return (on or clocks.today()) > clocks.rating_closes(complaint.replied_on, complaint.region)


def may_extend(complaint) -> bool:
    return complaint.extension_workdays == 0


TABLE: tuple[Transition, ...] = (
    T("submit", "登记", HANDLE, (START,), S.PENDING, rule="匿名或留有联系方式；自动建议承办机关"),
    T("accept", "受理", HANDLE, (S.PENDING, S.TRANSFERRED), S.ACCEPTED, rule="受理期限内受理", main=True),
    T("transfer", "转办", HANDLE, (S.PENDING, S.TRANSFERRED, S.ACCEPTED), S.TRANSFERRED,
      rule="写明不属于本机关管辖的理由和有管辖权的机关"),
    T("dispute", "提请转办争议", HANDLE, (S.PENDING, S.TRANSFERRED), S.DISPUTED,
      rule="对管辖有争议的，提请司法行政机关裁定"),
    T("settle", "裁定承办机关", SETTLE, (S.DISPUTED,), S.ACCEPTED, rule="司法行政机关指定承办机关，即为受理",
      main=True),
    T("handle", "开始办理", HANDLE, (S.ACCEPTED,), S.HANDLING, main=True),
    T("extend", "延长答复期限", HANDLE, IN_HAND, when=may_extend,
      rule="写明理由，延长不超过规定的工作日，只能延长一次", refusal="延长答复期限（已延长过）"),
    T("reply", "答复", HANDLE, (*IN_HAND,), S.REPLIED, rule="答复期限内答复", main=True),
    T("rate", "评价", PUBLIC, (S.REPLIED,), S.RATED, variant="satisfied", condition="满意、基本满意"),
    T("rate", "评价", PUBLIC, (S.REPLIED,), S.REOPENED, variant="reopen", condition="不满意，要求重新办理"),
    T("rate", "评价", PUBLIC, (S.REPLIED,), S.SUPERVISING, variant="supervise", condition="不满意，提请监督"),
    T("redo", "责令重新办理", SETTLE, (S.SUPERVISING,), S.REOPENED, rule="写明监督意见"),
    T("close", "办结", HANDLE, (S.RATED, S.REPLIED), S.CLOSED, variant="handled",
      rule="已评价，或评价期限届满未评价", refusal="办结（投诉举报人尚可评价）", main=True),
    T("close", "办结", SETTLE, (S.SUPERVISING,), S.CLOSED, variant="supervised", condition="监督后办结",
      rule="写明监督意见", main=True),
    T("merge", "合并为重复件", HANDLE, (*UNACCEPTED, *IN_HAND), S.CLOSED, variant="merge",
      rule="同一对象、同一事项在时间窗口内重复投诉举报的，并入先到的一件"),
)  # fmt: skip

MACHINE = Machine(Status, TABLE, record_prefix="complaint", subject="投诉举报", start_label="收到投诉举报")


def offered(complaint, perms: set[str] | frozenset[str]) -> list[str]:
    """The actions to offer on `complaint` to someone holding `perms`: any row of the action open to its
    status whose permission they hold and whose condition holds (办结 has a row for each side)."""
    found = []
    for action in MACHINE.actions:
        if action in ("submit", "rate"):
            continue
        rows = [t for t in MACHINE.rows(action) if complaint.status in t.sources and t.perm in perms]
        if any(t.when is None or t.when(complaint) for t in rows):
            found.append(action)
    return found
