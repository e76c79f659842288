"""The 问题线索 state machine, in one table (see cases.machine): the services guard and move through it,
the hit page offers its buttons and the API lists its actions.

发现 → 待核实 —(确认：须写明理由)→ 已确认 —(转为监督事项 / 督办：各一次)
              —(排除：须写明理由)→ 已排除"""

from zhifa.cases.machine import START, Machine, Transition

from .choices import HitStatus

VIEW = "detection.view_hit"
HANDLE = "detection.handle_hit"  # 确认、排除、转办: the justice bureau's supervisors
RUN = "detection.run_model"  # 运行模型: the same supervisors
SET_PARAMS = "detection.change_paramsetting"  # 设定本区划的模型参数: the same supervisors
MANAGE_OVERSIGHT = "supervision.manage_oversight"

S = HitStatus
T = Transition

TABLE: tuple[Transition, ...] = (
    T("find", "发现线索", RUN, (START,), S.OPEN, rule="模型运行时发现；同一模型同一对象只保留一条线索"),
    T("confirm", "确认", HANDLE, (S.OPEN,), S.CONFIRMED, rule="须写明理由", main=True),
    T("dismiss", "排除", HANDLE, (S.OPEN,), S.DISMISSED, rule="须写明理由", refuses=True),
    T("supervise", "转为监督事项", HANDLE, (S.CONFIRMED,), rule="已确认且尚未转办",
      when=lambda hit: not hit.follow_up),
    T("oversee", "转为督办", HANDLE, (S.CONFIRMED,), rule="已确认且尚未转办", when=lambda hit: not hit.follow_up),
)  # fmt: skip

MACHINE = Machine(HitStatus, TABLE, record_prefix="hit", subject="问题线索", start_label="模型运行")
