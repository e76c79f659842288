"""How 突出问题清单、整改任务 and the 电子技术监控设备 register plug into the product: role permissions, the
menu, the 工作台 provider, and the record labels. Called from SupervisionConfig.ready()."""

RECORD_LABELS = {
    "problem.record": "录入突出问题",
    "problem.supervise": "对突出问题立项监督",
    "problem.close": "突出问题整改销号",
    "rectification.assign": "下达整改任务",
    "rectification.report": "报告整改进展",
    "rectification.submit": "报告整改完成",
    "rectification.pass": "回头看通过",
    "rectification.fail": "回头看未通过，退回整改",
    "monitoring_device.register": "登记电子技术监控设备",
    "monitoring_device.update": "更新电子技术监控设备",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from .transitions import MANAGE_DEVICE, RECORD, RECTIFY, REVIEW, VIEW, VIEW_DEVICE, VIEW_TASK
    from .workbench import pending

    # every agency sees its own list and devices; its heads record problems (自查), report on the tasks
    # and keep the device register; the justice bureau's supervisors (REGION scope: their region's
    # subtree) add problems to an agency's list, set tasks and do the 回头看
    heads = [RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD, RoleCode.LEGAL_REVIEWER]
    grant(BUSINESS_ROLES, {VIEW, VIEW_TASK, VIEW_DEVICE})
    grant(heads, {RECORD, RECTIFY, MANAGE_DEVICE})
    grant([RoleCode.SUPERVISOR], {VIEW, VIEW_TASK, VIEW_DEVICE, RECORD, REVIEW})
    register(
        MenuItem("执法监督", "突出问题清单", "supervision:problem_list", VIEW, order=150),
        MenuItem("执法监督", "电子监控设备", "supervision:device_list", VIEW_DEVICE, order=151),
    )
    workbench.register(pending)
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    register_source()


def register_source() -> None:
    """A 监督事项 opened from a problem (services.problem_supervise) names it as its 来源."""
    from django.urls import reverse

    from zhifa.supervision.actions import sources
    from zhifa.supervision.models import Problem

    sources.register(
        Problem,
        key="problem",
        label="突出问题",
        agency_of=lambda problem: problem.agency,
        url_of=lambda problem: reverse("supervision:problem_detail", args=[problem.pk]),
        title_of=lambda problem: problem.title,
        one_click=False,  # problem_supervise opens it (专项监督, linked back to the problem)
    )
