"""The 责任追究案件 state machine, in one table (see cases.machine): the services guard and move through it,
the proceeding's page offers its buttons and the API lists its actions.

立案 → 已立案 —(调查)→ 调查中 —(告知拟处理意见)→ 已告知 —(听取陈述申辩)→ 已听取陈述申辩 —(决定)→ 已作出决定
A sanction is decided only after the officer was told and heard; 尽职免责 / 容错 may be decided as soon as
the investigation shows it. A 暂扣 ends by 恢复执法证 once its period has run."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import Outcome, ProceedingStatus

PURSUE = "supervision.pursue_accountability"
VIEW = "supervision.view_accountabilitycase"

S = ProceedingStatus
T = Transition


def is_overdue(proceeding, on=None) -> bool:
    """Still open past its deadline (when one is set)."""
    return (
        proceeding.status != S.DECIDED
        and proceeding.due_on is not None
        and (on or clocks.today()) > proceeding.due_on
    )


def may_restore(proceeding, on=None) -> bool:
    """A 暂扣 whose period has run and whose certificates are not yet restored."""
    return (
        proceeding.outcome == Outcome.SUSPEND
        and proceeding.restored_on is None
        and proceeding.suspended_until is not None
        and (on or clocks.today()) >= proceeding.suspended_until
    )


TABLE: tuple[Transition, ...] = (
    T("open", "立案", PURSUE, (START,), S.FILED, rule="须写明案件来源和立案事由；责任人员须在本机关监督范围内"),
    T("investigate", "记录调查情况", PURSUE, (S.FILED,), S.INVESTIGATING),
    T("notify", "告知拟处理意见", PURSUE, (S.INVESTIGATING,), S.NOTIFIED,
      rule="告知拟处理意见及其事实、理由和依据，以及陈述申辩的权利"),
    T("hear", "听取陈述申辩", PURSUE, (S.NOTIFIED,), S.HEARD, rule="记录陈述申辩的内容，或放弃陈述申辩"),
    T("decide", "作出处理决定", PURSUE, (S.HEARD,), S.DECIDED, variant="sanction",
      condition="批评教育、通报批评、暂扣或收回执法证、移送纪检监察",
      rule="须先告知并听取陈述申辩；须写明理由；暂扣、收回执法证即时生效",
      refusal="作出处理决定（须先告知拟处理意见并听取陈述申辩）"),
    T("decide", "作出处理决定", PURSUE, (S.INVESTIGATING, S.NOTIFIED, S.HEARD), S.DECIDED, variant="exempt",
      condition="尽职免责、容错免责", rule="须写明免责的事实和理由", refusal="作出免责决定"),
    T("restore", "暂扣期满，恢复执法证", PURSUE, (S.DECIDED,), when=may_restore,
      rule="暂扣期限届满后恢复", refusal="恢复执法证（暂扣期限尚未届满或已恢复）"),
)  # fmt: skip

MACHINE = Machine(
    ProceedingStatus, TABLE, record_prefix="accountability", subject="责任追究案件", start_label="追责线索"
)
