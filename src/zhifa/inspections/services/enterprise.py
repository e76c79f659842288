"""涉企执法 protection (国办发〔2024〕54号): 事前报备 for unplanned inspections, the repeated-inspection
guard (N days, yearly cap, merge into a joint visit), and the enterprise's anonymous 事后评价."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from zhifa.catalog import selectors as catalog
from zhifa.core import access, kit
from zhifa.core.kit import Actor, Person
from zhifa.core.models import Agency

from ..choices import ReportStatus, TaskStatus
from ..clocks import enterprise_yearly_cap, reinspection_days
from ..models import Inspection, PriorReport, Rating, Subject, Task
from .perms import APPROVE, INSPECT


def yearly_cap(subject: Subject) -> int:
    return subject.yearly_cap or enterprise_yearly_cap()


@dataclass(frozen=True)
class GuardOutcome:
    """What the guard found: warnings (a reason is needed to go on) and joint visits to merge into."""

    warnings: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> bool:
        return bool(self.warnings)

    def message(self) -> str:
        text = "；".join(self.warnings)
        if self.suggestions:
            text += "。建议合并为联合检查（综合查一次）：" + "；".join(self.suggestions)
        return text + "。确需检查的，请写明理由。"


def guard_check(*, subject: Subject, on: date, exclude_task: Task | None = None) -> GuardOutcome:
    """重复检查提醒 for an enterprise: inspected by any department within N days, or at its yearly cap."""
    if not subject.is_enterprise:
        return GuardOutcome()
    inspections = Inspection.objects.filter(subject_code=subject.code)
    if exclude_task is not None:  # the departments of one joint task visit together: not a repeat
        inspections = inspections.exclude(task=exclude_task)
    warnings = []
    days = reinspection_days()
    recent = inspections.filter(started_on__gt=on - timedelta(days=days), started_on__lte=on)
    latest = list(recent.select_related("agency").order_by("-started_on")[:3])
    if latest:
        last = latest[0]
        warnings.append(f"该企业{last.started_on:%Y年%m月%d日}已由{last.agency.name}检查，距今不足{days}日")
    count, cap = inspections.filter(started_on__year=on.year).count(), yearly_cap(subject)
    if count >= cap:
        warnings.append(f"该企业{on.year}年已被检查{count}次，达到年度检查上限{cap}次")
    open_tasks = Task.objects.filter(subject__code=subject.code).exclude(status=TaskStatus.DONE)
    if exclude_task is not None:
        open_tasks = open_tasks.exclude(pk=exclude_task.pk)
    suggestions = [
        f"{task.plan.agency.name}“{task.plan.title}”（{task.due_on:%Y-%m-%d}前）"
        for task in open_tasks.select_related("plan__agency")[:3]
    ]
    return GuardOutcome(warnings, suggestions if warnings else [])


@transaction.atomic
def prior_report_file(
    *, actor: Person, agency: Agency, subject: Subject, reason: str, item_codes: list[str], planned_on: date
) -> PriorReport:
    """事前报备: the reason and the items (only items of the agency's catalogue in force)."""
    access.require_for_agency(actor, INSPECT, agency, "您无权为该机关报备检查")
    if not reason.strip():
        kit.refuse("reason", "请写明检查事由")
    version = catalog.version_in_force(agency, planned_on)
    known = (
        set(version.items.filter(code__in=item_codes).values_list("code", flat=True)) if version else set()
    )
    unknown = sorted(set(item_codes) - known) if item_codes else ["（未选择）"]
    if unknown:
        kit.refuse("item_codes", f"检查事项{'、'.join(unknown)}不在本机关施行中的执法事项清单内，不得检查")
    report = PriorReport.objects.create(
        agency=agency,
        subject=subject,
        reason=reason.strip(),
        item_codes=sorted(set(item_codes)),
        planned_on=planned_on,
        filed_by=actor,
    )
    kit.record(
        report,
        "inspections.prior_report_file",
        actor=actor,
        payload={"subject": subject.code, "reason": report.reason, "items": report.item_codes},
    )
    return report


@transaction.atomic
def prior_report_decide(
    *, actor: Actor, report: PriorReport, approve: bool, on: date | None = None
) -> PriorReport:
    """审批事前报备: a leader other than the one who filed it."""
    report = kit.locked(PriorReport, report, actor=actor, perm=APPROVE)
    if report.status != ReportStatus.PENDING:
        kit.refuse("status", "该报备已审批")
    if report.filed_by_id == getattr(actor, "pk", None):
        kit.refuse("approver", "报备人不能审批自己的报备")
    report.status = ReportStatus.APPROVED if approve else ReportStatus.REJECTED
    report.approver, report.decided_at, report.decided_on = actor, timezone.now(), on or timezone.localdate()
    report.save(update_fields=["status", "approver", "decided_at", "decided_on"])
    kit.record(report, "inspections.prior_report_decide", actor=actor, payload={"status": report.status})
    return report


@transaction.atomic
def rating_submit(*, token: str, inspection_id: int, score: int, comment: str = "") -> Rating:
    """事后评价 through the enterprise's 扫码入企 link. The rating row names only the agency and the
    month; the inspection only learns that it was rated. Deliberately no record-log entry: one would tie
    the rating to the inspection, and so to the enterprise."""
    subject = Subject.objects.filter(qr_token=token).first()
    if subject is None:
        kit.refuse("token", "链接无效")
    inspection = (
        Inspection.objects.select_for_update()
        .filter(pk=inspection_id, subject_code=subject.code)
        .exclude(result="")
        .first()
    )
    if inspection is None:
        kit.refuse("inspection", "未找到该检查，或检查尚未结束")
    if inspection.rated:
        kit.refuse("inspection", "该次检查已经评价过")
    if not 1 <= int(score) <= 5:
        kit.refuse("score", "评分应为1至5分")
    today = timezone.localdate()
    rating = Rating.objects.create(
        agency_id=inspection.agency_id,
        month=today.replace(day=1),
        score=int(score),
        comment=comment.strip()[:500],
    )
    inspection.rated = True
    inspection.save(update_fields=["rated"])
    return rating
