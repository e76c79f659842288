"""The 监督事项 state machine, in one table (see cases.machine): the services guard and move through it,
the item page offers its buttons, the API lists its actions and the flow chart draws it.

立项 → 核查中 —(制发通知书/意见书/决定书)→ 待答复整改 —(答复)→ 整改待审查 —(验收通过)→ 已办结
                                          ↑——————(退回重新整改)——————┘
逾期未答复或未整改: 升级（限期整改 → 约谈 → 通报 / 报告本级政府）, each step recorded, the item waits on."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import ItemStatus

SUPERVISE = "supervision.supervise"
REPLY = "supervision.reply_supervision"
VIEW = "supervision.view_supervisionitem"

S = ItemStatus
T = Transition


def is_overdue(item, on=None) -> bool:
    """Waiting on the agency past its current deadline (reply or rectification)."""
    return item.status == S.AWAITING and item.due_on is not None and (on or clocks.today()) > item.due_on


TABLE: tuple[Transition, ...] = (
    T("open", "立项监督", SUPERVISE, (START,), S.OPEN),
    T("find", "记录发现的问题", SUPERVISE, (S.OPEN, S.AWAITING, S.REPLIED)),
    T("issue", "制发监督文书", SUPERVISE, (S.OPEN, S.AWAITING), S.AWAITING,
      rule="须依据已记录的问题；通知书→意见书→决定书，等级只升不降", main=True),
    T("reply", "答复并提交整改材料", REPLY, (S.AWAITING,), S.REPLIED, rule="答复期限、整改期限按工作日计算",
      main=True),
    T("accept", "整改验收通过", SUPERVISE, (S.REPLIED,), S.CLOSED, main=True),
    T("return", "退回重新整改", SUPERVISE, (S.REPLIED,), S.AWAITING, rule="须写明退回理由", refuses=True),
    T("escalate", "逾期升级", SUPERVISE, (S.AWAITING,), when=is_overdue,
      rule="期限届满未答复或未整改：限期整改→约谈→通报／报告本级政府", refusal="升级（期限尚未届满）"),
    T("close", "办结（未发现问题）", SUPERVISE, (S.OPEN,), S.CLOSED, rule="须写明办结说明"),
)  # fmt: skip

MACHINE = Machine(
    ItemStatus, TABLE, record_prefix="supervision_item", subject="监督事项", start_label="发现线索"
)
