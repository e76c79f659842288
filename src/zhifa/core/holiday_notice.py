"""Reading the State Council's yearly notice (国务院办公厅关于XXXX年部分节假日安排的通知).

Each November the notice fixes next year's 放假 and 调休上班 days; chinesecalendar learns them only in a
later release, so the system admin pastes the notice text and the calendar takes it from there. The
notice's sentences have one shape year after year::

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    一、元旦：1月1日放假，1月2日（星期一）补休。
    一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。

so a section is "name：clauses", and each clause (split at ，。；) is a 放假 range, 补休 days or 上班 days.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

_YEAR = re.compile(r"(20\d{2})年(?:元旦|部分节假日)")
_SECTION = re.compile(r"[一二三四五六七八九十]+、([^:]{1,20}):")
_DAY = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_RANGE = re.compile(_DAY + r"(?:至(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日)?")
_ANY_DAY = re.compile(_DAY)
_ASIDE = re.compile(r"\([^)]*\)")


class NoticeError(ValueError):
    """The text is not a notice this reader understands; the message says what is missing."""


@dataclass
class Schedule:
    """One year's statutory schedule as the notice gives it."""

    year: int
    holidays: dict[date, str] = field(default_factory=dict)  # 放假 (incl. 补休), by the festival's name
    workdays: dict[date, str] = field(default_factory=dict)  # 调休上班 on a weekend

    @property
    def days(self) -> list[tuple[date, bool, str]]:
        """(day, is_workday, name) in date order."""
        rows = [(d, False, n) for d, n in self.holidays.items()] + [
            (d, True, n) for d, n in self.workdays.items()
        ]
        return sorted(rows)


def parse_notice(text: str) -> Schedule:
    """The schedule in `text`; NoticeError when the year or any 放假 day cannot be found."""
    text = _ASIDE.sub("", unicodedata.normalize("NFKC", text or ""))
    year_match = _YEAR.search(text)
    if not year_match:
        raise NoticeError("未能识别通知所属年份（应含“XXXX年元旦”或“XXXX年部分节假日”）")
    schedule = Schedule(year=int(year_match.group(1)))
    sections = list(_SECTION.finditer(text))
    for index, section in enumerate(sections):
        end = sections[index + 1].start() if index + 1 < len(sections) else len(text)
        _read_section(schedule, section.group(1).strip(), text[section.end() : end])
    if not schedule.holidays:
        raise NoticeError("未能从通知中识别出任何放假日期（应为“一、元旦：1月1日放假……”的格式）")
    both = sorted(set(schedule.holidays) & set(schedule.workdays))
    if both:
        raise NoticeError("以下日期既是放假又是上班：" + "、".join(d.isoformat() for d in both))
    return schedule


def _read_section(schedule: Schedule, name: str, body: str) -> None:
    for clause in re.split(r"[,。;]", body):
        if "上班" in clause:
            for match in _ANY_DAY.finditer(clause):
                schedule.workdays[_date(schedule.year, *match.groups())] = f"{name}调休上班"
        elif "补休" in clause:
            for match in _ANY_DAY.finditer(clause):
                schedule.holidays[_date(schedule.year, *match.groups())] = f"{name}补休"
        elif "放假" in clause and (found := _RANGE.search(clause)):
            start = _date(schedule.year, *found.groups()[:3])
            end_year, end_month, end_day = found.groups()[3:]
            end = _date(start.year, end_year, end_month or start.month, end_day) if end_day else start
            if end < start or (end - start).days > 14:
                raise NoticeError(f"“{name}”的放假起止日期不正确：{clause.strip()}")
            for offset in range((end - start).days + 1):
                schedule.holidays[start + timedelta(days=offset)] = name


def _date(year: int, explicit_year: str | None, month: str | int, day: str) -> date:
    """The date of "[YYYY年]M月D日", in the notice's year unless the text names another."""
    try:
        return date(int(explicit_year or year), int(month), int(day))
    except ValueError as exc:
        raise NoticeError(f"日期不存在：{explicit_year or year}年{month}月{day}日") from exc
