"""The 报送's one table: 下发（报送任务）→ 待填报 —填报并报送→ 已报送待审核 —审核通过→ 已审核通过, or —退回修改→
已退回待修改 —填报并报送→ 已报送待审核. 报送 is the sending agency's; 下发, 审核 and 退回 the receiving bureau's."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import SubmissionStatus

MANAGE = "stats.manage_reportround"
SUBMIT = "stats.submit_submission"
VIEW = "stats.view_submission"
ROUND_VIEW = "stats.view_reportround"

S = SubmissionStatus
T = Transition

TABLE: tuple[Transition, ...] = (
    T("issue", "下发报送任务", MANAGE, (START,), S.PENDING, rule="司法行政部门向本区划各行政执法机关下发"),
    T("submit", "填报并报送", SUBMIT, (S.PENDING, S.RETURNED), S.SUBMITTED,
      rule="报送期限内；与系统统计值不同的数据须说明原因；退回后须修改", main=True),
    T("accept", "审核通过", MANAGE, (S.SUBMITTED,), S.ACCEPTED, rule="由发起报送任务的司法行政部门审核", main=True),
    T("return", "退回修改", MANAGE, (S.SUBMITTED,), S.RETURNED,
      rule=f"写明退回理由；重新报送期限默认为退回后{clocks.DEFAULT_RESUBMIT_WORKDAYS}个工作日（系统设置）", refuses=True),
)  # fmt: skip

MACHINE = Machine(SubmissionStatus, TABLE, record_prefix="submission", subject="报送", start_label="下发")


def is_overdue(submission, on=None) -> bool:
    """Still owed by the agency (待填报 or 已退回) after its deadline."""
    day = on or clocks.today()
    return submission.status in (S.PENDING, S.RETURNED) and day > submission.due_on


def offered(user, submission) -> list[str]:
    """The actions of `submission` to offer `user`: 报送 to the sending agency's people, 审核 to the bureau's."""
    if user.agency_id is None:
        return []
    found = []
    for action in MACHINE.available(submission.status, {p for p in (MANAGE, SUBMIT) if user.has_perm(p)}):
        side = submission.agency_id if action == "submit" else submission.round.agency_id
        if side == user.agency_id:
            found.append(action)
    return found
