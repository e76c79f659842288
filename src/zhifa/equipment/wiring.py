"""How the equipment register plugs into the product: role permissions, the menu, the record labels, the
card on the case page (core.panels slot "case") naming the device of each recorded piece of evidence, and
the supervisors' 工作台 item of the agencies below the equipment standard, and the 执法信息系统 marked 已对接 on
the first accepted import from its exchange source (core.events "exchange.imported").
Called from EquipmentConfig.ready()."""

RECORD_LABELS = {
    "equipment_device.register": "登记音像记录设备",
    "equipment_device.update": "更新音像记录设备信息",
    "equipment_device.issue": "领用音像记录设备",
    "equipment_device.return": "归还音像记录设备",
    "equipment_standard.set": "设置音像记录设备配备标准",
    "equipment_recording.link": "标注音像证据的记录设备",
    "equipment_system.register": "登记执法信息系统",
    "equipment_system.update": "更新执法信息系统",
    "equipment_system.link_exchange": "关联数据交换来源",
    "equipment_system.connect": "首次收到交换数据，标为已对接",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import events, panels, record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from .systems.exchange_source import connect_on_import
    from .systems.services import MANAGE_SYSTEM, VIEW_SYSTEM
    from .transitions import LINK, MANAGE, MANAGE_STANDARD, VIEW, VIEW_STANDARD, VIEW_SURVEY
    from .workbench import below_ratio

    # every business role reads its agency's register (supervisors: their region's); the agency's heads keep
    # it and its 执法信息系统; whoever records evidence notes the device; the justice bureau sets standards and runs the 摸底统计
    grant(BUSINESS_ROLES, {VIEW, VIEW_STANDARD, VIEW_SYSTEM})
    grant([RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD], {MANAGE, MANAGE_SYSTEM})
    grant([RoleCode.OFFICER, RoleCode.AUXILIARY, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {LINK})
    grant([RoleCode.SUPERVISOR], {MANAGE_STANDARD, VIEW_SURVEY})
    register(
        MenuItem("执法保障", "音像记录设备", "equipment:device_list", VIEW, order=1010),
        MenuItem("执法保障", "配备比例", "equipment:ratios", VIEW, order=1011),
        MenuItem(
            "执法保障", "执法信息系统", "equipment:system_list", VIEW_SYSTEM, order=1012, icon="pc-display"
        ),
        MenuItem("执法保障", "摸底统计", "equipment:survey", VIEW_SURVEY, order=1013),
    )
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    panels.register("case", panels.Panel("equipment/_case_recordings.html", case_recordings, order=15))
    workbench.register(below_ratio)
    events.subscribe("exchange.imported", connect_on_import)


def case_recordings(case, user) -> dict:
    from zhifa.core import access

    from .selectors import recorded_evidence
    from .transitions import LINK

    return {"recordings": recorded_evidence(case), "can_link": access.can(user, LINK, case)}
