"""How 表彰奖励 plugs into the product: role permissions, the menu, the record labels and the 表彰奖励 card
of the officer's 执法档案 (core.panels slot "officer", after 责任追究). Called from RecognitionConfig.ready()."""

RECORD_LABELS = {
    "recognition_award.record": "录入表彰奖励",
    "recognition_award.correct": "更正表彰奖励",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import panels, record_labels
    from zhifa.core.menu import MenuItem, register

    from .selectors import awards_of_officer
    from .services import MANAGE_AWARD, VIEW_AWARD

    # every agency reads its own; its leaders and the justice bureau's supervisors (their region) enter them
    grant(BUSINESS_ROLES, {VIEW_AWARD})
    grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD, RoleCode.SUPERVISOR], {MANAGE_AWARD})
    register(MenuItem("执法主体与人员", "表彰奖励", "recognition:award_list", VIEW_AWARD, order=30))
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
    panels.register("officer", panels.Panel("recognition/_officer_panel.html", awards_of_officer, order=35))
