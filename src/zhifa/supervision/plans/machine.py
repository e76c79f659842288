"""The transition tables of 监督计划, 工作台账 and 督办, read by the services (guard and move), the pages (the
buttons and forms offered) and the API (`actions` of a detail)."""

from zhifa.cases.machine import START, Machine, Transition

from .choices import EntryStatus, OversightStatus, PlanStatus

MANAGE_PLAN = "supervision.manage_plan"
VIEW_PLAN = "supervision.view_supervisionplan"
REPORT_LEDGER = "supervision.report_ledger"
VIEW_LEDGER = "supervision.view_ledgerentry"
MANAGE_OVERSIGHT = "supervision.manage_oversight"
REPORT_OVERSIGHT = "supervision.report_oversight"
VIEW_OVERSIGHT = "supervision.view_oversight"

PLAN = Machine(
    statuses=PlanStatus,
    table=(
        Transition("create", "制定监督计划", MANAGE_PLAN, (START,), PlanStatus.DRAFT),
        Transition("add-task", "添加任务", MANAGE_PLAN, (PlanStatus.DRAFT, PlanStatus.PUBLISHED)),
        Transition(
            "publish",
            "印发",
            MANAGE_PLAN,
            (PlanStatus.DRAFT,),
            PlanStatus.PUBLISHED,
            rule="至少安排一项专项监督",
        ),
    ),
    record_prefix="supervision.plan",
    subject="监督计划",
    start_label="制定",
)

LEDGER = Machine(
    statuses=EntryStatus,
    table=(
        Transition(
            "report", "报送", REPORT_LEDGER, (EntryStatus.PENDING, EntryStatus.REPORTED), EntryStatus.REPORTED
        ),
    ),
    record_prefix="supervision.ledger",
    subject="台账事项",
)

OVERSIGHT = Machine(
    statuses=OversightStatus,
    table=(
        Transition("open", "督办", MANAGE_OVERSIGHT, (START,), OversightStatus.IN_PROGRESS),
        Transition(
            "report", "报告进展", REPORT_OVERSIGHT, (OversightStatus.IN_PROGRESS, OversightStatus.ESCALATED)
        ),
        Transition(
            "extend",
            "延期",
            MANAGE_OVERSIGHT,
            (OversightStatus.IN_PROGRESS, OversightStatus.ESCALATED),
            rule="须说明理由",
        ),
        Transition(
            "escalate",
            "提级督办",
            MANAGE_OVERSIGHT,
            (OversightStatus.IN_PROGRESS,),
            OversightStatus.ESCALATED,
        ),
        Transition(
            "close",
            "办结",
            MANAGE_OVERSIGHT,
            (OversightStatus.IN_PROGRESS, OversightStatus.ESCALATED),
            OversightStatus.CLOSED,
        ),
    ),
    record_prefix="supervision.oversight",
    subject="督办事项",
    start_label="发起督办",
)
