"""One way to read the numeric query parameters every list takes (year, page, limit, offset), for the
pages and the API alike, each bounded to a sane range.

Unbounded integers reach the database (SQLite and PostgreSQL overflow past 2^63) or `datetime.date`
(years outside 1..9999) and answer 500; here they are refused with a Chinese message naming the
parameter instead: a 400 page on the pages (`BadParameter`), a 422 in the API (the `Year`, `Limit`,
`Offset`, `Page` types and `BoundedLimitOffset`, the API's default pagination).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django import forms
from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.core.validators import BaseValidator
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import ValidationError as PydanticError
from pydantic import WrapValidator
from pydantic_core import PydanticCustomError

YEAR_MIN, YEAR_MAX = 2000, 2100
PAGE_MAX = 100_000
LIMIT_MAX = 500
OFFSET_MAX = 10_000_000
ID_MAX = 2**31 - 1  # an id past the databases' integer keys would overflow the query
# 工作日推算 beyond about three years of workdays has no legal use, and the calendar is unknown there.
WORKDAYS_MAX = 750

LABELS = {
    "year": "年度",
    "page": "页码",
    "limit": "每页条数",
    "page_size": "每页条数",
    "offset": "起始位置",
    "n": "工作日数",
    "day": "日期",
    "plan": "抽查计划",
    "q": "关键词",
    "status": "状态",
    "kind": "类别",
    "agency": "机关",
    "item_codes": "执法事项",
    "item_code": "执法事项",
}


def label(name: str) -> str:
    return LABELS.get(name, name)


def range_message(name: str, low, high) -> str:
    if isinstance(low, date):
        return f"“{label(name)}”应为{low:%Y-%m-%d}至{high:%Y-%m-%d}之间的日期（YYYY-MM-DD）"
    return f"“{label(name)}”应为{low}至{high}之间的整数"


class BadParameter(BadRequest):
    """A query parameter out of its range: the page answers 400 with this message."""


def int_param(request, name: str, *, low: int, high: int, default: int | None = None) -> int | None:
    """?name= as an integer within low..high; absent or blank gives `default`; anything else is a
    `BadParameter` (400) naming the parameter."""
    raw = request.GET.get(name, "")
    raw = raw.strip() if isinstance(raw, str) else raw
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:
        raise BadParameter(range_message(name, low, high))
    return value


def id_param(request, name: str) -> int | None:
    """?name= as the id of a row (a filter by plan, agency, …), absent: None."""
    return int_param(request, name, low=1, high=ID_MAX)


def year_param(request, name: str = "year", default: int | None = None) -> int | None:
    """?year= within YEAR_MIN..YEAR_MAX (absent: `default`)."""
    return int_param(request, name, low=YEAR_MIN, high=YEAR_MAX, default=default)


def page_number(request) -> int:
    """?page= within 1..PAGE_MAX (absent: 1)."""
    return int_param(request, "page", low=1, high=PAGE_MAX, default=1) or 1


PAGE_SIZES = (10, 20, 50, 100)


def page_size(request, default: int) -> int:
    """?page_size= among PAGE_SIZES (the choice under a list); absent or anything else: `default`."""
    raw = request.GET.get("page_size", "")
    raw = raw.strip() if isinstance(raw, str) else ""
    return int(raw) if raw in {str(size) for size in PAGE_SIZES} else default


class ListPage(Page):
    """A page that knows its size and the numbers to show under the list (1 … 4 5 6 … 20)."""

    @property
    def page_size(self) -> int:
        return int(self.paginator.per_page)

    @property
    def page_sizes(self) -> tuple[int, ...]:
        return tuple(sorted({*PAGE_SIZES, self.page_size}))

    @property
    def numbers(self) -> list:
        return list(self.paginator.get_elided_page_range(self.number, on_each_side=1, on_ends=1))


class ListPaginator(Paginator):
    def _get_page(self, *args, **kwargs) -> ListPage:
        return ListPage(*args, **kwargs)


def paginate(request, queryset, per_page: int | None = None) -> ListPage:
    """The requested page of `queryset`, `per_page` rows (default ZHIFA_PAGE_SIZE) unless the user chose
    another size; a page number past the end gives the last page (a list that shrank since the link was
    made), a malformed or absurd one a 400."""
    from django.conf import settings

    size = page_size(request, per_page or settings.ZHIFA_PAGE_SIZE)
    page = ListPaginator(queryset, size).get_page(page_number(request))
    assert isinstance(page, ListPage)
    return page


class YearField(forms.IntegerField):
    """A form's year, refused in the same words as the API's `Year` (a page and the API agree)."""

    def __init__(self, *, name: str = "year", **kwargs):
        message = range_message(name, YEAR_MIN, YEAR_MAX)
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = message
        for validator in self.validators:
            if isinstance(validator, BaseValidator):  # the min/max validators set above
                validator.message = message


# ---- the API ------------------------------------------------------------------------------------------


def _bounded(low, high, name: str | None = None):
    """A pydantic wrap validator: the value's own checks, with one Chinese message naming the parameter
    (`name`, else the field's own name)."""

    def validate(value: Any, handler, info):
        try:
            return handler(value)
        except PydanticError as exc:
            label_of = name or info.field_name or ""
            raise PydanticCustomError("out_of_range", range_message(label_of, low, high)) from exc

    return WrapValidator(validate)


def bounded_int(low: int, high: int, name: str | None = None):
    return Annotated[int, Field(ge=low, le=high), _bounded(low, high, name)]


Year = bounded_int(YEAR_MIN, YEAR_MAX, "year")
Id = bounded_int(1, ID_MAX)
PageNumber = bounded_int(1, PAGE_MAX, "page")
# Spelled out (not bounded_int) so the type checker sees a type in the pagination's schema.
Limit = Annotated[int, Field(ge=1, le=LIMIT_MAX), _bounded(1, LIMIT_MAX, "limit")]
Offset = Annotated[int, Field(ge=0, le=OFFSET_MAX), _bounded(0, OFFSET_MAX, "offset")]
WorkdayCount = bounded_int(-WORKDAYS_MAX, WORKDAYS_MAX, "n")
# A calendar day the working-day clock can answer for (the years the platform has or will have).
CalendarDay = Annotated[
    date,
    Field(ge=date(YEAR_MIN, 1, 1), le=date(YEAR_MAX, 12, 31)),
    _bounded(date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31), "day"),
]


# The Chinese words for what pydantic refuses; "required" as Django's forms say it, so that a page and
# the API refuse an empty required field alike.
_SCHEMA_MESSAGES = {
    "missing": "这个字段是必填项。",
    "int_parsing": "“{label}”应为整数",
    "int_type": "“{label}”应为整数",
    "int_from_float": "“{label}”应为整数",
    "float_parsing": "“{label}”应为数字",
    "float_type": "“{label}”应为数字",
    "decimal_parsing": "“{label}”应为数字",
    "decimal_type": "“{label}”应为数字",
    "bool_parsing": "“{label}”应为是或否",
    "bool_type": "“{label}”应为是或否",
    "date_parsing": "“{label}”应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "“{label}”应为日期（YYYY-MM-DD）",
    "date_type": "“{label}”应为日期（YYYY-MM-DD）",
    "datetime_parsing": "“{label}”应为日期时间",
    "datetime_from_date_parsing": "“{label}”应为日期时间",
    "string_type": "“{label}”应为文本",
    "string_too_long": "“{label}”最多{max_length}个字符",
    "enum": "“{label}”的取值无效",
    "literal_error": "“{label}”的取值无效",
    "greater_than_equal": "“{label}”不能小于{ge}",
    "greater_than": "“{label}”应大于{gt}",
    "less_than_equal": "“{label}”不能大于{le}",
    "less_than": "“{label}”应小于{lt}",
    "list_type": "“{label}”应为列表",
    "dict_type": "“{label}”格式不正确",
    "model_attributes_type": "请求内容格式不正确",
    "json_invalid": "请求内容不是有效的JSON",
}


def schema_message(error: dict) -> str:
    """A pydantic error of the API's input in Chinese, naming the field (its last location part)."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "out_of_range" or any("\u4e00" <= ch <= "\u9fff" for ch in error.get("msg", "")):
        return error["msg"]  # ours already (core.params types)
    names = [part for part in error.get("loc", []) if isinstance(part, str)]
    name = names[-1] if names else ""
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return _SCHEMA_MESSAGES["missing"]
        return f"“{label(name)}”至少{ctx.get('min_length')}个字符"
    template = _SCHEMA_MESSAGES.get(kind, "“{label}”的格式不正确")
    try:
        return template.format(label=label(name), **ctx)
    except (KeyError, IndexError, ValueError):
        return f"“{label(name)}”的格式不正确"


class BoundedLimitOffset(LimitOffsetPagination):
    """The API's pagination (settings.NINJA_PAGINATION_CLASS): limit 1..500, offset 0..10^7."""

    class Input(Schema):
        limit: Limit = 50
        offset: Offset = 0

    def __init__(self, **kwargs):
        super().__init__(max_limit=LIMIT_MAX, **kwargs)
