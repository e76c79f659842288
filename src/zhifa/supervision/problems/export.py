"""突出问题清单 as Excel: the rows of the list the user filtered (same filters, order and access), read
in chunks and written by openpyxl's write-only sheet (core.exports), for the page and the API alike."""

from typing import Any

from django.http import HttpResponse

from zhifa.core.exports import xlsx_response

from . import selectors

FILENAME = "突出问题清单.xlsx"
HEADERS = ["年度", "行政执法机关", "问题类别", "问题名称", "问题表现", "来源", "状态", "整改任务",
           "未销号任务", "逾期任务", "最近整改期限", "监督事项", "录入时间", "销号时间"]  # fmt: skip
LIMIT = 10000  # rows in one download (a region's list for a year stays well under it)


def problem_list_xlsx(user, filters: selectors.ProblemFilters) -> HttpResponse:
    problems = selectors.problems_for_export(user, filters).select_related("problem_list")[:LIMIT]
    return xlsx_response(FILENAME, HEADERS, (_row(p) for p in problems.iterator(chunk_size=2000)))


def _row(p: Any) -> list:
    """One problem with the counts selectors.problems_for_export annotated."""
    return [
        p.problem_list.year,
        p.agency.name,
        p.get_category_display(),
        p.title,
        p.description,
        p.get_source_display(),
        p.get_status_display(),
        p.task_count,
        p.open_tasks,
        p.overdue_tasks,
        p.next_due,
        p.supervision_item.title if p.supervision_item else "",
        p.recorded_at,
        p.closed_at,
    ]
