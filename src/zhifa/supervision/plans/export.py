"""The Excel exports of 监督计划, 工作台账 and 督办事项: each the list the user filtered (the page's filters,
order and access), declared once on the core.exports kit, read in chunks and streamed."""

from django.utils import timezone

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of

from . import selectors
from .machine import VIEW_LEDGER, VIEW_OVERSIGHT, VIEW_PLAN

PLAN_FILTERS = ("q", "year", "status", "agency", "sort")
LEDGER_FILTERS = ("q", "year", "status", "kind", "agency", "plan", "sort")
OVERSIGHT_FILTERS = ("q", "status", "ground", "agency", "overdue", "sort")


def _filters(params, keys: tuple[str, ...]) -> dict[str, str]:
    return filters_of(exports.request_of(params), keys)


def entry_status(entry, today) -> str:
    return "逾期未报送" if selectors.is_overdue(entry, today) else entry.get_status_display()


PLANS = exports.register(
    exports.ListExport(
        key="supervision.plan_list",
        filename="监督计划.xlsx",
        columns=(
            Column("年度", lambda p: p.year),
            Column("计划名称", lambda p: p.title),
            Column("制定机关", lambda p: p.agency.name),
            Column("状态", lambda p: p.get_status_display()),
            Column("任务数", lambda p: p.task_count),
            Column("印发日期", lambda p: p.published_on, "date"),
        ),
        queryset=lambda user, params: selectors.plans_visible_to(user, **_filters(params, PLAN_FILTERS)),
        perm=VIEW_PLAN,
    )
)

LEDGER = exports.register(
    exports.ListExport(
        key="supervision.ledger_list",
        filename="工作台账.xlsx",
        columns=(
            Column("年度", lambda e, today: e.task.plan.year),
            Column("任务", lambda e, today: e.task.title),
            Column("监督类别", lambda e, today: e.task.get_kind_display()),
            Column("报送单位", lambda e, today: e.agency.name),
            Column("所属区划", lambda e, today: e.agency.region.name),
            Column("报送期限", lambda e, today: e.due, "date"),
            Column("状态", entry_status),
            Column("首次报送日期", lambda e, today: e.reported_on, "date"),
            Column("下达机关", lambda e, today: e.task.plan.agency.name),
        ),
        queryset=lambda user, params: selectors.entries_visible_to(
            user, **_filters(params, LEDGER_FILTERS), today=timezone.localdate()
        ),
        perm=VIEW_LEDGER,
        context=lambda user: timezone.localdate(),
    )
)

OVERSIGHTS = exports.register(
    exports.ListExport(
        key="supervision.oversight_list",
        filename="督办事项.xlsx",
        columns=(
            Column("督办事项", lambda o: o.title),
            Column("督办情形", lambda o: o.get_ground_display()),
            Column("被督办机关", lambda o: o.agency.name),
            Column("督办机关", lambda o: o.supervisor_agency.name),
            Column("案件编号", lambda o: o.case.number if o.case else ""),
            Column("督办日期", lambda o: o.opened_on, "date"),
            Column("办理期限", lambda o: o.due, "date"),
            Column("状态", lambda o: o.get_status_display()),
            Column("办结日期", lambda o: o.closed_on, "date"),
        ),
        queryset=lambda user, params: selectors.oversights_visible_to(
            user, **_filters(params, OVERSIGHT_FILTERS)
        ),
        perm=VIEW_OVERSIGHT,
    )
)
