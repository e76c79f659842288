"""How 报送 plugs into the product: role permissions, menu entries, the 工作台 provider, the stored deadline,
the on-time rate, record labels. Called from stats.wiring.wire()."""


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import deadlines, record_labels, workbench
    from zhifa.core.menu import MenuItem, register
    from zhifa.stats.ontime import register_rate

    from . import deadlines as report_deadlines
    from . import transitions
    from .ontime import RATE
    from .workbench import pending

    grant(BUSINESS_ROLES, {transitions.VIEW})
    grant([RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD, RoleCode.LEGAL_REVIEWER, RoleCode.SUPERVISOR],
          {transitions.SUBMIT})  # fmt: skip
    grant([RoleCode.SUPERVISOR], {transitions.MANAGE, transitions.ROUND_VIEW})
    register(
        MenuItem("统计分析", "报送", "stats:submission_list", transitions.VIEW, order=60),
        MenuItem("统计分析", "报送任务", "stats:round_list", transitions.ROUND_VIEW, order=61),
    )
    workbench.register(pending)
    deadlines.register(*report_deadlines.DEADLINES)
    register_rate(RATE)
    for action, label in LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)


LABELS = {
    "report_round.issue": "下发报送任务",
    "report_round.forward": "汇总上报",
    "submission.issue": "下发报送",
    "submission.submit": "填报并报送",
    "submission.accept": "审核通过报送",
    "submission.return": "退回报送",
}
