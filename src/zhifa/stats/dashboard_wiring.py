"""How the dashboards (驾驶舱) plug in: who may open them, and the menu entry 统计分析 → 驾驶舱."""


def wire() -> None:
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core.menu import MenuItem, register

    from .scope import VIEW_DASHBOARD

    # 执法监督人员 (REGION scope: their region's subtree) and 机关负责人 (AGENCY scope: their own agency)
    grant([RoleCode.SUPERVISOR, RoleCode.AGENCY_HEAD], {VIEW_DASHBOARD})
    register(MenuItem("统计分析", "驾驶舱", "stats:dashboard", VIEW_DASHBOARD, order=190))
