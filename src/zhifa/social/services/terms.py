"""What the register's rows share: the appointing justice bureau, the term, the agencies followed, a phone
number, and what a term means on a given day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from zhifa.core import access, kit
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .. import clocks
from ..choices import TermState
from ..models import ContactPoint, Supervisor

PHONE = re.compile(r"^[0-9+\-（）() ]{5,32}$")
EARLIEST = date(2000, 1, 1)


class Termed(Protocol):
    term_start: date
    term_end: date
    status: str


def state(row: Termed, on: date | None = None, *, ended: str) -> TermState:
    """在任/即将到期/已到期 from the dates; a dismissed or revoked row (status `ended`) is 已解聘或撤销."""
    on = on or clocks.today()
    if row.status == ended:
        return TermState.ENDED
    if on < row.term_start:
        return TermState.NOT_STARTED
    if on > row.term_end:
        return TermState.EXPIRED
    if row.term_end <= clocks.expiring_until(on):
        return TermState.EXPIRING
    return TermState.SERVING


def bureau(actor: Actor, chosen: Agency | None, perm: str, what: str) -> Agency:
    """The justice bureau acting: the one chosen (the system's, or a picker's), else the actor's own."""
    agency = chosen if chosen is not None else getattr(actor, "agency", None)
    if agency is None:
        kit.refuse("bureau", "请选择司法行政机关")
    if agency.kind != AgencyKind.JUSTICE:
        kit.refuse("bureau", f"{agency.name}不是司法行政机关，不能{what}")
    access.require_for_agency(actor, perm, agency, f"您无权以{agency.name}的名义{what}")
    if not agency.active:
        kit.refuse("bureau", f"{agency.name}已撤销，不能{what}")
    return agency


def term(start: date | None, end: date | None, label: str) -> tuple[date, date]:
    """A term: both dates, the end not before the start, not before 2000."""
    if start is None:
        kit.refuse("term_start", f"请填写{label}开始日期")
    if end is None:
        kit.refuse("term_end", f"请填写{label}结束日期")
    if start < EARLIEST:
        kit.refuse("term_start", f"{label}开始日期不能早于{EARLIEST:%Y-%m-%d}")
    if end < start:
        kit.refuse("term_end", f"{label}结束日期（{end:%Y-%m-%d}）不能早于开始日期（{start:%Y-%m-%d}）")
    return start, end


def agencies(bureau: Agency, chosen: Sequence[Agency]) -> list[Agency]:
    """The agencies followed: each in the bureau's region (its supervision reaches no further)."""
    found = list(dict.fromkeys(chosen))
    outside = [a.name for a in found if not a.region.path.startswith(bureau.region.path)]
    if outside:
        kit.refuse("agencies", f"{'、'.join(outside)}不在{bureau.name}的监督范围内")
    return found


def phone(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if value and not PHONE.match(value):
        kit.refuse(field, f"{label}格式不正确：只能包含数字、空格和“+-()”，5至32位")
    return value


Registered = TypeVar("Registered", Supervisor, ContactPoint)


def extend(
    row: Registered,
    *,
    actor: Actor,
    term_end: date | None,
    reason: str,
    action: str,
    words: str,
    term_words: str,
    new_term_words: str,
) -> Registered:
    """续聘/续期: `row`'s term runs on to a later end; the old and new ends and the reason are recorded.
    In the refusals `words` names the act (续聘, 续期), `term_words` the term (任期, 设立期限) and
    `new_term_words` the renewed one (任期, or nothing)."""
    if term_end is None:
        kit.refuse("term_end", f"请填写{words}后的{term_words}结束日期")
    if term_end <= row.term_end:
        kit.refuse(
            "term_end",
            f"{words}后的{new_term_words}结束日期（{term_end:%Y-%m-%d}）"
            f"应晚于原{term_words}结束日期（{row.term_end:%Y-%m-%d}）",
        )
    reason = kit.text(reason, "reason", f"{words}理由", 500)
    before = row.term_end
    row.term_end = term_end
    row.save(update_fields=["term_end", "updated_at"])
    kit.record(
        row,
        action,
        actor=actor,
        payload={"status": row.status, "from": before.isoformat(), "to": term_end.isoformat(),
                 "reason": reason},
    )  # fmt: skip
    return row
