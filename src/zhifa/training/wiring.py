"""How 培训管理 plugs into the product: role permissions, the menu entries (under 执法主体与人员, next to the
officers' own training records) and the record labels. Called from TrainingConfig.ready()."""

RECORD_LABELS = {
    "training_plan.create": "编制年度培训计划",
    "training_plan.item_add": "添加培训内容",
    "training_plan.item_remove": "删除培训内容",
    "training_plan.submit": "报送年度培训计划",
    "training_trainer.add": "登记培训师资",
    "training_trainer.update": "修改培训师资",
    "training_trainer.withdraw": "移出培训师资库",
    "training_study.record": "记录领导干部学法",
    "training_study.correct": "更正领导干部学法",
    "training_study.delete": "删除领导干部学法",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import record_labels
    from zhifa.core.menu import MenuItem, register

    from .transitions import MANAGE_PLAN, MANAGE_STUDY, MANAGE_TRAINER, VIEW_PLAN, VIEW_STUDY, VIEW_TRAINER

    # every agency reads its own; the agency's leaders keep its plan, its pool entries and its 学法 sessions;
    # the justice bureau's supervisors read their region's and keep the region's shared trainer pool
    grant(BUSINESS_ROLES, {VIEW_PLAN, VIEW_TRAINER, VIEW_STUDY})
    grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {MANAGE_PLAN, MANAGE_TRAINER, MANAGE_STUDY})
    grant([RoleCode.SUPERVISOR], {MANAGE_TRAINER})
    module = "执法主体与人员"
    register(
        MenuItem(module, "年度培训计划", "training:plan_list", VIEW_PLAN, order=26),
        MenuItem(module, "培训师资库", "training:trainer_list", VIEW_TRAINER, order=27),
        MenuItem(module, "领导干部学法", "training:study_list", VIEW_STUDY, order=28),
        MenuItem(module, "全员轮训完成率", "training:completion", VIEW_PLAN, order=29),
    )
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
