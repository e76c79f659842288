"""The period of a dashboard or an on-time rate (统计期间): parsed from `start`/`end` (YYYY-MM-DD), this year
to date when absent; a blank, malformed, out-of-range or reversed (empty) period is refused with a Chinese
message naming the field. The one parser of the stats pages and APIs, so they refuse in the same words."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.core.params import YEAR_MAX, YEAR_MIN

from .ontime import Period

LABELS = {"start": "起始日期", "end": "截止日期"}
FIRST, LAST = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)


def default_period(today: date | None = None) -> Period:
    """This year to date."""
    today = today or timezone.localdate()
    return Period(date(today.year, 1, 1), today)


def _day(data: Mapping, name: str, default: date) -> date:
    if name not in data:
        return default
    text = (data.get(name) or "").strip()
    if not text:
        raise ValidationError({name: f"请填写{LABELS[name]}"})
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not FIRST <= day <= LAST:
        raise ValidationError(
            {name: f"“{LABELS[name]}”应为{FIRST:%Y-%m-%d}至{LAST:%Y-%m-%d}之间的日期（YYYY-MM-DD）"}
        )
    return day


def parse_period(data: Mapping, today: date | None = None) -> Period:
    """The period asked for in `data` (a QueryDict or a dict of strings); ValidationError keyed by field."""
    default = default_period(today)
    errors: dict[str, str] = {}
    days: dict[str, date] = {}
    for name in ("start", "end"):
        try:
            days[name] = _day(data, name, getattr(default, name))
        except ValidationError as exc:
            errors.update({key: value[0] for key, value in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    if days["end"] < days["start"]:
        raise ValidationError({"end": "“截止日期”早于“起始日期”，统计期间为空"})
    return Period(days["start"], days["end"])


def period_of(start: str | None, end: str | None) -> Period:
    """The period of an API's query parameters (None: absent)."""
    return parse_period({k: v for k, v in (("start", start), ("end", end)) if v is not None})
