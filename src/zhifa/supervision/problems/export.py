"""突出问题清单 as Excel: the rows of the list the user filtered (same filters, order and access), declared
once on the core.exports kit, read in chunks and written by openpyxl's write-only sheet into a temporary
file, for the page and the API alike. No row cap: the rows never sit in memory (a list past
ZHIFA_EXPORT_STREAM_ROWS is offered as a background job on the page)."""

from django.http.response import HttpResponseBase

from zhifa.core import exports
from zhifa.core.exports import Column

from . import selectors

FILENAME = "突出问题清单.xlsx"


def _queryset(user, params):
    from .views import _problem_filters  # the page's parsing of the same query string

    _, filters = _problem_filters(exports.request_of(params))
    return _prepared(user, filters)


def _prepared(user, filters: selectors.ProblemFilters):
    return selectors.problems_for_export(user, filters).select_related("problem_list", "agency")


EXPORT = exports.register(
    exports.ListExport(
        key="supervision.problem_list",
        filename=FILENAME,
        columns=(
            Column("年度", lambda p: p.problem_list.year),
            Column("行政执法机关", lambda p: p.agency.name),
            Column("问题类别", lambda p: p.get_category_display()),
            Column("问题名称", lambda p: p.title),
            Column("问题表现", lambda p: p.description),
            Column("来源", lambda p: p.get_source_display()),
            Column("状态", lambda p: p.get_status_display()),
            Column("整改任务", lambda p: p.task_count),
            Column("未销号任务", lambda p: p.open_tasks),
            Column("逾期任务", lambda p: p.overdue_tasks),
            Column("最近整改期限", lambda p: p.next_due, "date"),
            Column("监督事项", lambda p: p.supervision_item.title if p.supervision_item else ""),
            Column("录入时间", lambda p: p.recorded_at, "datetime"),
            Column("销号时间", lambda p: p.closed_at, "datetime"),
        ),
        queryset=_queryset,
    )
)
HEADERS = EXPORT.headers


def problem_list_xlsx(user, filters: selectors.ProblemFilters) -> HttpResponseBase:
    return exports.xlsx_file_response(EXPORT, _prepared(user, filters))
