"""The joint action's state machine, in one table (see cases.machine): the services guard and move through
it, the action page offers its buttons and the API lists its actions.

常规: 办公室部署 → 已部署. 专项: 申请（提前5日，附方案）→ 待办公室审批 —同意→ 已部署 (—不同意→ 不予同意).
应急: 报告 → 待拟定方案 —办公室拟定方案→ 方案待组长批准 —组长批准→ 已部署.
已部署 —开始实施→ 实施中 (记录问题、分案、通知交接) —结束→ 已结束 (分案、交接 continue)."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import ActionStatus

VIEW = "collaboration.view_jointaction"
MANAGE = "collaboration.manage_joint"

S = ActionStatus
T = Transition

TABLE: tuple[Transition, ...] = (
    T("plan", "部署常规联合执法", MANAGE, (START,), S.DEPLOYED, rule="由领导小组办公室统一部署"),
    T("apply", "申请专项联合执法", MANAGE, (START,), S.APPLIED,
      rule=f"提前{clocks.SPECIAL_APPLY_DAYS}日申请并报送方案（{clocks.SPECIAL_APPLY_BASIS}）"),
    T("report", "报告应急联合执法", MANAGE, (START,), S.REPORTED, rule="遇突发事件立即报告领导小组办公室"),
    T("approve", "同意实施", MANAGE, (S.APPLIED,), S.DEPLOYED, rule="领导小组办公室审批", main=True),
    T("refuse", "不同意实施", MANAGE, (S.APPLIED,), S.REFUSED, rule="须写明理由", refuses=True),
    T("draft", "拟定应急方案", MANAGE, (S.REPORTED,), S.DRAFTED, rule="领导小组办公室协调有关单位拟定", main=True),
    T("authorise", "组长批准", MANAGE, (S.DRAFTED,), S.DEPLOYED, rule="领导小组组长批准后组织实施", main=True),
    T("start", "开始实施", MANAGE, (S.DEPLOYED,), S.ACTIVE, main=True),
    T("find", "记录发现的问题", MANAGE, (S.ACTIVE,)),
    T("finish", "结束行动", MANAGE, (S.ACTIVE,), S.FINISHED, main=True),
)  # fmt: skip

MACHINE = Machine(ActionStatus, TABLE, record_prefix="collaboration.joint", subject="联合执法行动",
                  start_label="提出")  # fmt: skip

# who among the parties takes each action: the office, the lead department, any participant, the leader
BY = {
    "approve": "office",
    "refuse": "office",
    "draft": "office",
    "authorise": "leader",
    "start": "lead",
    "finish": "lead",
    "find": "participant",
}
BY_LABEL = {"office": "领导小组办公室", "lead": "牵头部门或领导小组办公室", "participant": "参与部门",
            "leader": "领导小组组长"}  # fmt: skip
