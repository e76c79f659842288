"""How 数据交换 plugs into the product: role permissions, the menu entry, the record label. Called from
ExchangeConfig.ready()."""

RECORD_LABELS = {"exchange.import": "导入交换数据"}


def wire() -> None:
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import record_labels
    from zhifa.core.menu import MenuItem, register

    from .services import EXPORT, IMPORT, VIEW

    # the system admin runs the exchange; the justice bureau's supervisors (REGION scope) collect and send
    # their region's data to the platform above
    grant([RoleCode.SYSTEM_ADMIN, RoleCode.SUPERVISOR], {EXPORT, IMPORT, VIEW})
    register(MenuItem("系统管理", "数据交换", "exchange:batch_list", VIEW, order=960))
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
