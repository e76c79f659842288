from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "zhifa.filings"
    label = "filings"
    verbose_name = "流程图与工作手册备案"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant
        from zhifa.core import deadlines as stored_deadlines
        from zhifa.core import record_labels, workbench
        from zhifa.core.menu import MenuItem, register

        from . import deadlines
        from .transitions import ACKNOWLEDGE, SUBMIT, VIEW
        from .workbench import pending

        # every agency reads its own filings; its leaders and legal staff file; the justice bureau's
        # supervisors (REGION scope) examine those of their region — a 司法所 only reads its township's
        grant(BUSINESS_ROLES, {VIEW})
        grant([RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD, RoleCode.LEGAL_REVIEWER], {SUBMIT})
        grant([RoleCode.SUPERVISOR], {ACKNOWLEDGE})
        register(MenuItem("执法监督", "流程图与手册备案", "filings:filing_list", VIEW, order=158))
        workbench.register(pending)
        stored_deadlines.register(deadlines.REVIEW_DUE)
        for action, label in {
            "filing.submit": "报送备案",
            "filing.accept": "备案通过",
            "filing.return": "退回备案",
            "filing.resubmit": "重新报送备案",
        }.items():
            record_labels.ACTIONS.setdefault(action, label)
