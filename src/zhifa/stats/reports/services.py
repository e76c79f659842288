"""Every write of 报送: one keyword-only function per user action, taking the actor. Each locks its row,
checks the side that acts (the sending agency 报送; the bureau that issued the round 下发、审核、退回、汇总上报;
another agency never sees the row: 404), the transition table and the figures, writes and records in the same
transaction; a refusal writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.notifications import events as notifications
from zhifa.stats.models import ReportRound, Submission

from . import clocks
from .choices import SubmissionStatus
from .figures import computed as computed_figures
from .figures import text
from .kinds import KINDS, Kind
from .senders import is_bureau, senders
from .transitions import MACHINE, MANAGE, SUBMIT, VIEW

ROUNDS = ReportRound.objects.select_related("agency", "agency__region")
SUBMISSIONS = Submission.objects.select_related("round", "round__agency", "agency")
LIMIT = Decimal("1000000000000")  # 一万亿: a figure beyond it is a typing error
NOTE_LIMIT = 2000
REASON_LIMIT = 200


def _day(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _text(value: str, field: str, label: str, *, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        kit.refuse(field, f"请填写{label}")
    if len(value) > limit:
        kit.refuse(field, f"“{label}”最多{limit}个字")
    return value


# ---- 下发报送任务 -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundInput:
    kind: str
    period: str
    note: str = ""


@transaction.atomic
def round_issue(*, actor: Actor, bureau: Agency, data: RoundInput) -> ReportRound:
    """下发报送任务: the bureau asks every agency that sends to it (senders) for one kind of report for one
    period; each gets its submission with the kind's deadline."""
    access.require_for_agency(actor, MANAGE, bureau, "您无权为该机关下发报送任务")
    if not is_bureau(bureau):
        kit.refuse("agency", f"{bureau.name}不是司法行政部门，不能下发报送任务")
    spec = KINDS.get(data.kind)
    if spec is None:
        kit.refuse("kind", "请选择报送事项")
    period = spec.period(data.period or "")
    if period is None:
        kit.refuse("period", "请选择报送期间")
    today = clocks.today()
    if period.start > today:
        kit.refuse("period", f"{period.label}尚未开始，不能下发报送任务")
    due, days = spec.due(period)
    if due < today:
        kit.refuse("period", f"{period.label}{spec.label}的报送期限（{_day(due)}）已过，不能再下发")
    if ReportRound.objects.filter(agency=bureau, kind=spec.code, period=period.code).exists():
        kit.refuse("period", f"本机关已下发{period.label}{spec.label}报送任务")
    note = _text(data.note, "note", "报送要求", limit=NOTE_LIMIT, required=False)
    targets = list(senders(bureau))
    if not targets:
        kit.refuse("agency", f"{bureau.region.name}没有需要报送的机关")
    round_ = ReportRound.objects.create(
        agency=bureau, kind=spec.code, period=period.code, period_label=period.label,
        period_start=period.start, period_end=period.end, due_on=due, due_workdays=days, note=note,
        issued_by=actor, issued_on=today,
    )  # fmt: skip
    kit.record(round_, "report_round.issue", actor=actor, payload={
        "kind": spec.code, "period": period.code, "due_on": due, "agencies": [a.pk for a in targets]})  # fmt: skip
    for agency in targets:
        submission = Submission.objects.create(
            round=round_, agency=agency, due_on=due, due_from=period.end if days else None, due_workdays=days
        )
        kit.record(submission, "submission.issue", actor=actor, payload={"round": round_.pk, "due_on": due})
    return round_


# ---- 填报并报送 -------------------------------------------------------------------------------------------


def _number(spec: Kind, key: str, raw) -> str:
    figure = spec.figure(key)
    assert figure is not None
    value = str(raw if raw is not None else "").strip().replace(",", "").replace("，", "")
    if not value:
        kit.refuse(f"f_{key}", f"请填写“{figure.label}”")
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        kit.refuse(f"f_{key}", f"“{figure.label}”应为{'金额，如1200.00' if figure.money else '整数'}")
    if number < 0:
        kit.refuse(f"f_{key}", f"“{figure.label}”不能为负数")
    if number >= LIMIT:
        kit.refuse(f"f_{key}", f"“{figure.label}”过大，请核对")
    if figure.money:
        if number != number.quantize(Decimal("0.01")):
            kit.refuse(f"f_{key}", f"“{figure.label}”最多保留两位小数")
        return text(number.quantize(Decimal("0.01")))
    if number != number.to_integral_value():
        kit.refuse(f"f_{key}", f"“{figure.label}”应为整数")
    return text(int(number))


def parse_figures(
    spec: Kind, figures: dict, reasons: dict, computed: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The figures as stored text, and the reasons of those that differ from the platform's count."""
    unknown = sorted(set(figures) - {f.key for f in spec.figures})
    if unknown:
        kit.refuse("figures", f"{spec.label}没有数据项：{'、'.join(map(str, unknown))}")
    parsed, why = {}, {}
    for figure in spec.figures:
        parsed[figure.key] = _number(spec, figure.key, figures.get(figure.key))
        counted = computed.get(figure.key)
        if counted is not None and parsed[figure.key] != counted:
            why[figure.key] = _text(
                str(reasons.get(figure.key) or ""), f"r_{figure.key}", f"“{figure.label}”的调整原因",
                limit=REASON_LIMIT, required=False,
            )  # fmt: skip
            if not why[figure.key]:
                kit.refuse(
                    f"r_{figure.key}",
                    f"“{figure.label}”与系统统计值（{counted}）不同，请填写调整原因",
                )
    return parsed, why


def prefill(submission: Submission) -> dict[str, str]:
    """What the platform counts for this submission now (a justice bureau's own submission counts nothing:
    it forwards its region's totals)."""
    if is_bureau(submission.agency):
        return {}
    spec = KINDS[submission.round.kind]
    period = spec.period(submission.round.period)
    assert period is not None
    return computed_figures(spec, [submission.agency_id], period).get(submission.agency_id, {})


def _require_sender(actor: Actor, submission: Submission) -> None:
    if actor is not None and actor.agency_id != submission.agency_id:
        kit.refuse("agency", f"只有报送单位（{submission.agency.name}）可以填报")
    if actor is not None:
        kit.require(actor, SUBMIT, submission)


def _submit(submission: Submission, *, actor: Actor, figures: dict, reasons: dict, note: str,
            computed: dict[str, str], forwarded_from: ReportRound | None = None) -> Submission:  # fmt: skip
    MACHINE.require(submission, "submit")
    spec = KINDS[submission.round.kind]
    parsed, why = parse_figures(spec, figures or {}, reasons or {}, computed)
    note = _text(
        note, "note", spec.note_label or "情况说明", limit=NOTE_LIMIT, required=bool(spec.note_label)
    )
    sent = {"figures": parsed, "reasons": why, "note": note}
    if submission.status == SubmissionStatus.RETURNED and sent == submission.returned:
        kit.refuse(
            "figures",
            f"报送已被退回（退回理由：{submission.return_reason}），请按退回意见修改数据或情况说明后再报送",
        )
    today = clocks.today()
    submission.figures, submission.reasons, submission.note, submission.computed = parsed, why, note, computed
    submission.submitted_at, submission.submitted_by = timezone.now(), actor
    submission.first_submitted_on = submission.first_submitted_on or today
    submission.forwarded_from = forwarded_from
    MACHINE.move(
        submission, "submit", actor=actor,
        fields=("figures", "reasons", "note", "computed", "submitted_at", "submitted_by", "first_submitted_on",
                "forwarded_from"),
        payload={**sent, "computed": computed, "late": today > submission.due_on},
    )  # fmt: skip
    return submission


@transaction.atomic
def submission_submit(
    *, actor: Actor, submission: Submission, figures: dict, reasons: dict | None = None, note: str = ""
) -> Submission:
    """填报并报送: the sending agency sends its figures (each differing from the platform's count with its
    reason); after a return, only with something changed."""
    submission = kit.locked(SUBMISSIONS, submission, actor=actor, perm=VIEW)
    _require_sender(actor, submission)
    return _submit(submission, actor=actor, figures=figures, reasons=reasons or {}, note=note,
                   computed=prefill(submission))  # fmt: skip


# ---- 审核 -----------------------------------------------------------------------------------------------


def _require_receiver(actor: Actor, submission: Submission, act: str) -> None:
    if actor is not None and actor.agency_id != submission.round.agency_id:
        kit.refuse("status", f"只有发起报送任务的{submission.round.agency.name}可以{act}")
    if actor is not None:
        kit.require(actor, MANAGE, submission.round)


@transaction.atomic
def submission_accept(*, actor: Actor, submission: Submission) -> Submission:
    """审核通过: the bureau that issued the round accepts the figures; they count in its totals."""
    submission = kit.locked(SUBMISSIONS, submission, actor=actor, perm=VIEW)
    _require_receiver(actor, submission, "审核")
    MACHINE.require(submission, "accept")
    submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
    MACHINE.move(submission, "accept", actor=actor, fields=("reviewed_at", "reviewed_by"))
    return submission


@transaction.atomic
def submission_return(*, actor: Actor, submission: Submission, reason: str) -> Submission:
    """退回修改: with the reason; due again `clocks.resubmit_workdays()` working days later (or by the first
    deadline, when that is later)."""
    submission = kit.locked(SUBMISSIONS, submission, actor=actor, perm=VIEW)
    _require_receiver(actor, submission, "退回")
    MACHINE.require(submission, "return")
    reason = _text(reason, "reason", "退回理由", limit=500)
    today, days = clocks.today(), clocks.resubmit_workdays()
    again = clocks.after(today, days)
    fields = ["reviewed_at", "reviewed_by", "return_reason", "returned"]
    if again > submission.due_on:
        submission.due_on, submission.due_from, submission.due_workdays = again, today, days
        fields += ["due_on", "due_from", "due_workdays"]
    submission.reviewed_at, submission.reviewed_by, submission.return_reason = timezone.now(), actor, reason
    submission.returned = {
        "figures": submission.figures,
        "reasons": submission.reasons,
        "note": submission.note,
    }
    MACHINE.move(submission, "return", actor=actor, fields=tuple(fields),
                 payload={"reason": reason, "due_on": submission.due_on})  # fmt: skip
    notifications.submission_returned(submission, actor)
    return submission


# ---- 汇总上报 -------------------------------------------------------------------------------------------


def totals(spec: Kind, rows) -> dict[str, str]:
    """The sum of each figure over `rows` (submissions), as stored text."""
    out = {}
    for figure in spec.figures:
        values = [Decimal(s.figures.get(figure.key) or 0) for s in rows]
        out[figure.key] = text(sum(values, Decimal("0.00")) if figure.money else int(sum(values)))
    return out


@transaction.atomic
def round_forward(*, actor: Actor, round: ReportRound) -> Submission:
    """汇总上报: a bureau sends the totals of its accepted submissions as its own submission in the round of
    the same kind and period issued by the bureau one level up."""
    round = kit.locked(ROUNDS, round, actor=actor, perm=MANAGE)
    if actor is not None and actor.agency_id != round.agency_id:
        kit.refuse("round", f"只有{round.agency.name}可以汇总上报")
    target = (
        SUBMISSIONS.select_for_update(of=("self",))
        .filter(agency=round.agency, round__kind=round.kind, round__period=round.period)
        .exclude(round=round)
        .first()
    )
    if target is None:
        kit.refuse("round", f"上级司法行政部门尚未下发{round}报送任务，无需汇总上报")
    accepted = list(round.submissions.filter(status=SubmissionStatus.ACCEPTED).order_by("pk"))
    if not accepted:
        kit.refuse("round", "尚无审核通过的报送，不能汇总上报")
    spec = KINDS[round.kind]
    expected = round.submissions.count()
    summed = totals(spec, accepted)
    if actor is not None:
        kit.require(actor, SUBMIT, target)
    submission = _submit(
        target, actor=actor, figures=summed, reasons={}, computed={}, forwarded_from=round,
        note=f"汇总{round.agency.region.name}{len(accepted)}个单位审核通过的报送（应报{expected}个）",
    )  # fmt: skip
    round.forwarded_at = timezone.now()
    round.save(update_fields=["forwarded_at"])
    kit.record(round, "report_round.forward", actor=actor, payload={
        "submission": submission.pk, "accepted": [s.pk for s in accepted], "expected": expected,
        "totals": summed})  # fmt: skip
    return submission
