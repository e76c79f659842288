"""The 整改任务 state machine, in one table (see cases.machine): the services guard and move through it,
the task page offers its buttons and the API lists its actions.

下达整改任务 → 整改中 —(报告整改进展, any number)—(报告整改完成)→ 待回头看 —(回头看通过)→ 已销号
                 ↑—————————————(回头看未通过，退回整改：须写明理由)——————————┘"""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import TaskStatus

VIEW = "supervision.view_problem"
VIEW_TASK = "supervision.view_rectificationtask"
RECORD = (
    "supervision.record_problem"  # 录入突出问题、下达整改任务: the agency itself (自查) or the supervisor
)
RECTIFY = "supervision.rectify_problem"  # 报告整改进展和完成情况: the agency whose problem it is
REVIEW = "supervision.review_problem"  # 回头看: the justice bureau
VIEW_DEVICE = "supervision.view_monitoringdevice"
MANAGE_DEVICE = "supervision.manage_monitoringdevice"

S = TaskStatus
T = Transition


def is_overdue(task, on=None) -> bool:
    """Still being rectified past its deadline."""
    return task.status == S.RECTIFYING and (on or clocks.today()) > task.due_on


TABLE: tuple[Transition, ...] = (
    T("assign", "下达整改任务", RECORD, (START,), S.RECTIFYING, rule="整改期限按工作日计算，不得早于今天"),
    T("report", "报告整改进展", RECTIFY, (S.RECTIFYING,), rule="可关联案件、文书或上传整改材料"),
    T("submit", "报告整改完成，申请回头看", RECTIFY, (S.RECTIFYING,), S.SUBMITTED, main=True),
    T("pass", "回头看通过，销号", REVIEW, (S.SUBMITTED,), S.CLOSED, main=True),
    T("fail", "回头看未通过，退回整改", REVIEW, (S.SUBMITTED,), S.RECTIFYING, rule="须写明理由，可重定整改期限",
      refuses=True),
)  # fmt: skip

MACHINE = Machine(
    TaskStatus, TABLE, record_prefix="rectification", subject="整改任务", start_label="突出问题"
)
