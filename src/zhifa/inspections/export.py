"""The Excel exports of the 检查任务, 检查记录 and 检查对象名录库 lists: each the list the user filtered (the
page's filters, order and access), declared once on the core.exports kit, read in chunks and streamed."""

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of
from zhifa.core.params import id_param

from . import selectors

VIEW_TASK = "inspections.view_task"
VIEW_INSPECTION = "inspections.view_inspection"
VIEW_SUBJECT = "inspections.view_subject"
TASK_FILTERS = ("q", "status", "plan", "mine")
INSPECTION_FILTERS = ("q", "result", "unpublished")
SUBJECT_FILTERS = ("q", "kind", "risk")


def tasks(request):
    """检查任务 as the list shows them, in its sort (a malformed plan id is a 400)."""
    filters = filters_of(request, TASK_FILTERS)
    plan = id_param(request, "plan")
    return selectors.TASK_SORTS.of(request).apply(
        selectors.tasks_visible_to(request.user, **{**filters, "plan": plan, "mine": bool(filters["mine"])})
    )


def inspections(request):
    filters = filters_of(request, INSPECTION_FILTERS)
    return selectors.inspections_visible_to(
        request.user, q=filters["q"], result=filters["result"], unpublished=bool(filters["unpublished"])
    )


def subjects(request):
    return selectors.subjects_visible_to(request.user, **filters_of(request, SUBJECT_FILTERS))


TASKS = exports.register(
    exports.ListExport(
        key="inspections.task_list",
        filename="检查任务.xlsx",
        columns=(
            Column("检查对象", lambda t: t.subject.name),
            Column("对象编码", lambda t: t.subject.code),
            Column("风险等级", lambda t: t.stratum),
            Column("计划", lambda t: t.plan.title),
            Column("牵头机关", lambda t: t.plan.agency.name),
            Column("状态", lambda t: t.get_status_display()),
            Column("完成期限", lambda t: t.due_on, "date"),
        ),
        queryset=lambda user, params: tasks(exports.request_of(params, user)),
        perm=VIEW_TASK,
    )
)

INSPECTIONS = exports.register(
    exports.ListExport(
        key="inspections.inspection_list",
        filename="检查记录.xlsx",
        columns=(
            Column("检查对象", lambda i: i.subject.name),
            Column("对象编码", lambda i: i.subject_code),
            Column("检查机关", lambda i: i.agency.name),
            Column("类型", lambda i: "计划内" if i.task_id else "计划外"),
            Column("检查日期", lambda i: i.started_on, "date"),
            Column("结果", lambda i: i.get_result_display()),
            Column("公示期限", lambda i: i.publicity_due, "date"),
            Column("公示日期", lambda i: i.publicity_on, "date"),
        ),
        queryset=lambda user, params: inspections(exports.request_of(params, user)),
        perm=VIEW_INSPECTION,
    )
)

SUBJECTS = exports.register(
    exports.ListExport(
        key="inspections.subject_list",
        filename="检查对象名录库.xlsx",
        columns=(
            Column("名称", lambda s: s.name),
            Column("对象类别", lambda s: s.get_kind_display()),
            Column("统一社会信用代码", lambda s: s.credit_code),
            Column("行业", lambda s: s.industry),
            Column("所在区划代码", lambda s: s.region.code if s.region else ""),
            Column("地址", lambda s: s.address),
            Column("风险等级", lambda s: s.get_risk_level_display()),
            Column("年度检查上限", lambda s: s.yearly_cap or ""),
            Column("名录库所属机关", lambda s: s.agency.name),
        ),
        queryset=lambda user, params: subjects(exports.request_of(params, user)),
        perm=VIEW_SUBJECT,
    )
)
