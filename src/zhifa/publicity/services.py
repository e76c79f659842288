"""行政执法公示 — writes: drafting, approval, withholding, correction, withdrawal, expiry.

Every change is one function, in one transaction, with its record in the agency's chain. A published
entry is never edited: a correction is a new version that supersedes it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from zhifa.cases.choices import DecisionKind
from zhifa.core import access, kit, workdays
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from . import annual_report, clocks, drafting
from .choices import DisclosureKind, DisclosureStatus, ReportStatus, SubjectKind, WithholdReason
from .clocks import WITHDRAW_WORKDAYS, entry_years, person_penalty_years
from .entries import build_entry, entry_sha256
from .masking import mask_personal_data
from .models import AnnualReport, Disclosure

DRAFT = "publicity.draft_disclosure"
APPROVE = "publicity.approve_disclosure"
# 移送、撤销立案 end a case without a decision on the party: nothing to disclose.
NOT_DISCLOSED = (DecisionKind.TRANSFER, DecisionKind.WITHDRAW)


def _locked(actor: Actor, disclosure: Disclosure, perm: str) -> Disclosure:
    return kit.locked(Disclosure.objects.select_related("agency"), disclosure, actor=actor, perm=perm)


def _create_draft(agency: Agency, fields: drafting.DraftFields, source=None) -> Disclosure:
    return Disclosure.objects.create(
        agency=agency,
        source_type=source._meta.label_lower if source is not None else "",
        source_id=str(source.pk) if source is not None else "",
        due_on=drafting.due_date(fields.kind, fields.decided_on),
        search_text="",
        **vars(fields),
    )


# ---- drafting (from events and by hand) ------------------------------------------------------------


@transaction.atomic
def draft_for_decision(*, case, decision, actor: Actor = None) -> Disclosure | None:
    """Event "case.decided": draft the disclosure of a 行政处罚 (7 working days) or 不予行政处罚 (20)
    decision. Simple-procedure penalties are drafted too: seed 003 §2(二)6 covers every 行政处罚决定.
    移送 and 撤销立案 decide nothing about the party and are not disclosed."""
    if decision.kind in NOT_DISCLOSED:
        return None
    if Disclosure.objects.filter(source_type=decision._meta.label_lower, source_id=str(decision.pk)).exists():
        return None
    disclosure = _create_draft(case.agency, drafting.from_decision(case, decision), source=decision)
    kit.record(
        disclosure,
        "publicity.draft",
        actor=actor,
        payload={"kind": disclosure.kind, "due_on": disclosure.due_on, "case": case.pk},
    )
    return disclosure


@transaction.atomic
def draft_for_inspection(*, source, agency, actor: Actor = None, **result) -> Disclosure:
    """Event "inspection.result_recorded": draft the public result, due in clocks.OTHER_WORKDAYS working
    days of the result. Publicity owns the publication of inspection results: this draft is their only
    公示 state and clock."""
    disclosure = _create_draft(agency, drafting.from_inspection(**result), source=source)
    kit.record(
        disclosure,
        "publicity.draft",
        actor=actor,
        payload={"kind": disclosure.kind, "due_on": disclosure.due_on},
    )
    return disclosure


@dataclass(frozen=True)
class RegisterInput(drafting.DraftFields):
    """A decision made outside the case app (行政许可, 行政强制 …) registered for disclosure: the same
    fields as a draft, but as typed — masked by disclosure_register."""


@transaction.atomic
def disclosure_register(*, actor: Actor, agency: Agency, data: RegisterInput) -> Disclosure:
    access.require_for_agency(actor, DRAFT, agency, "您无权为该机关登记公示")
    if data.kind not in DisclosureKind.values or data.kind == DisclosureKind.PENALTY:
        kit.refuse("kind", "请选择执法类别（行政处罚决定由案件办理自动生成公示）")
    if data.subject_kind not in SubjectKind.values:
        kit.refuse("subject_kind", "请选择执法对象类型")
    if not data.subject_name.strip():
        kit.refuse("subject_name", "请填写执法对象")
    if not data.conclusion.strip():
        kit.refuse("conclusion", "请填写执法结论")
    if data.decided_on > timezone.localdate():
        kit.refuse("decided_on", "决定日期不能晚于今天")
    subject = drafting.public_subject(data.subject_kind, data.subject_name)
    fields = drafting.DraftFields(
        kind=data.kind,
        number=drafting.plain(data.number)[:64],
        subject_kind=data.subject_kind,
        subject_name=subject,
        credit_code=""
        if data.subject_kind == SubjectKind.PERSON
        else drafting.plain(data.credit_code).upper()[:18],
        items=drafting.plain(data.items)[:500],
        conclusion=drafting.public_conclusion(data.conclusion),
        summary=drafting.public_text(data.summary, names={data.subject_name.strip(): subject}),
        decided_on=data.decided_on,
    )
    disclosure = _create_draft(agency, fields)
    kit.record(
        disclosure,
        "publicity.register",
        actor=actor,
        payload={"kind": disclosure.kind, "due_on": disclosure.due_on},
    )
    return disclosure


@transaction.atomic
def disclosure_edit(*, actor: Actor, disclosure: Disclosure, conclusion: str, summary: str) -> Disclosure:
    """Adjust a draft's wording before approval; the text is masked again, whatever was typed."""
    disclosure = _locked(actor, disclosure, DRAFT)
    if disclosure.status != DisclosureStatus.DRAFT:
        kit.refuse(kit.NON_FIELD, "只能修改待审核的草稿；已公示的内容请更正（发布新版本）")
    if not conclusion.strip():
        kit.refuse("conclusion", "请填写执法结论")
    disclosure.conclusion = drafting.public_conclusion(conclusion)
    disclosure.summary = drafting.public_text(summary)
    disclosure.save(update_fields=["conclusion", "summary", "updated_at"])
    kit.record(disclosure, "publicity.edit", actor=actor)
    return disclosure


# ---- approval -------------------------------------------------------------------------------------


def expiry_date(disclosure: Disclosure, published_on: date) -> date:
    """公示期满: natural persons' penalties come down after clocks.person_penalty_years() (default 2),
    everything else after clocks.entry_years() (default 5)."""
    person_penalty = (
        disclosure.subject_kind == SubjectKind.PERSON and disclosure.kind == DisclosureKind.PENALTY
    )
    years = person_penalty_years() if person_penalty else entry_years()
    try:
        return published_on.replace(year=published_on.year + years)
    except ValueError:  # 29 February
        return published_on.replace(year=published_on.year + years, day=28)


def search_text(disclosure: Disclosure) -> str:
    d = disclosure
    return " ".join(
        [d.agency.name, d.number, d.subject_name, d.credit_code, d.items, d.conclusion, d.summary]
    )


@transaction.atomic
def disclosure_publish(*, actor: Actor, disclosure: Disclosure) -> Disclosure:
    """审核通过并公示: the entry is frozen, hashed and recorded; a correction supersedes its old version."""
    disclosure = _locked(actor, disclosure, APPROVE)
    if disclosure.status != DisclosureStatus.DRAFT:
        kit.refuse(kit.NON_FIELD, f"该公示当前为“{disclosure.get_status_display()}”，不能发布")
    now = clocks.now()
    disclosure.status = DisclosureStatus.PUBLISHED
    disclosure.published_at, disclosure.published_on = now, timezone.localdate(now)
    disclosure.expires_on = expiry_date(disclosure, disclosure.published_on)
    disclosure.entry = build_entry(disclosure)
    disclosure.search_text = search_text(disclosure)
    late = disclosure.published_on > disclosure.due_on
    record = kit.record(
        disclosure,
        "publicity.publish",
        actor=actor,
        payload={"entry_sha256": entry_sha256(disclosure.entry), "version": disclosure.version, "late": late},
    )
    disclosure.record_hash = record.hash
    disclosure.save(
        update_fields=[
            "status",
            "published_at",
            "published_on",
            "expires_on",
            "entry",
            "search_text",
            "record_hash",
            "updated_at",
        ]
    )
    old = disclosure.supersedes_id and Disclosure.objects.select_for_update().get(pk=disclosure.supersedes_id)
    if old and old.status == DisclosureStatus.PUBLISHED:  # a withdrawn one stays withdrawn
        old.status = DisclosureStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        kit.record(old, "publicity.supersede", actor=actor, payload={"by": disclosure.pk})
    return disclosure


# One batch is at most one list page: the locks and record appends stay short.
BULK_MAX = 100


@dataclass(frozen=True)
class BulkPublished:
    """What a 批量公示 did: the published drafts, and each refused one by name with its reason."""

    published: list[Disclosure]
    refused: list[tuple[str, str]]


def disclosures_publish(*, actor: Actor, disclosures: Iterable[Disclosure]) -> BulkPublished:
    """批量审核通过并公示: `disclosure_publish` for each draft, each in its own savepoint — every published
    one recorded exactly as when published alone; a refused one (not a draft any more, outside the actor's
    permission or jurisdiction) writes nothing and is reported by name with the reason. Callers pass the
    drafts the actor may see (the list's, the API's scoped read)."""
    disclosures = list(disclosures)
    if len(disclosures) > BULK_MAX:
        kit.refuse("ids", f"一次最多批量公示{BULK_MAX}条，请分批操作")
    published, refused = [], []
    for disclosure in disclosures:
        try:
            with transaction.atomic():
                published.append(disclosure_publish(actor=actor, disclosure=disclosure))
        except ValidationError as exc:
            refused.append((str(disclosure), "；".join(exc.messages)))
        except PermissionDenied:
            refused.append((str(disclosure), "您无权审核该机关的公示"))
        except Http404:
            refused.append((str(disclosure), "该公示不在您的管辖范围内"))
    return BulkPublished(published=published, refused=refused)


@transaction.atomic
def disclosure_withhold(*, actor: Actor, disclosure: Disclosure, reason: str, note: str) -> Disclosure:
    """不予公开: a draft that must not be published (minors, secrets, privacy …) is marked with why."""
    disclosure = _locked(actor, disclosure, APPROVE)
    if disclosure.status != DisclosureStatus.DRAFT:
        kit.refuse(kit.NON_FIELD, "只能对待审核的草稿作不予公开处理")
    if reason not in WithholdReason.values:
        kit.refuse("reason", "请选择不予公开的理由")
    if not drafting.plain(note):
        kit.refuse("note", "请说明不予公开的依据")
    return _withhold(disclosure, reason, mask_personal_data(drafting.plain(note)), actor)


def _withhold(disclosure: Disclosure, reason: str, note: str, actor: Actor) -> Disclosure:
    disclosure.status, disclosure.withheld_reason, disclosure.withheld_note = (
        DisclosureStatus.WITHHELD,
        reason,
        note,
    )
    disclosure.save(update_fields=["status", "withheld_reason", "withheld_note", "updated_at"])
    kit.record(disclosure, "publicity.withhold", actor=actor, payload={"reason": reason, "note": note})
    return disclosure


@transaction.atomic
def disclosure_correct(
    *, actor: Actor, disclosure: Disclosure, conclusion: str, summary: str, note: str
) -> Disclosure:
    """更正: a new draft version of a published entry; the old stays public until the new one is approved,
    then shows that it was superseded."""
    disclosure = _locked(actor, disclosure, DRAFT)
    if disclosure.status != DisclosureStatus.PUBLISHED:
        kit.refuse(kit.NON_FIELD, "只能更正正在公示的条目")
    if hasattr(disclosure, "superseded_by"):
        kit.refuse(kit.NON_FIELD, "该条目已有待审核的更正版本")
    if not note.strip():
        kit.refuse("note", "请说明更正原因")
    fields = {
        f: getattr(disclosure, f)
        for f in (
            "agency",
            "kind",
            "source_type",
            "source_id",
            "number",
            "subject_kind",
            "subject_name",
            "credit_code",
            "items",
            "decided_on",
            "basis",
        )
    }
    correction = Disclosure.objects.create(
        **fields,
        version=disclosure.version + 1,
        supersedes=disclosure,
        conclusion=drafting.public_conclusion(conclusion) or disclosure.conclusion,
        summary=drafting.public_text(summary),
        due_on=drafting.due_date(disclosure.kind, timezone.localdate()),
    )
    kit.record(
        correction,
        "publicity.correct",
        actor=actor,
        payload={"supersedes": disclosure.pk, "note": note.strip()},
    )
    return correction


# ---- withdrawal and expiry ------------------------------------------------------------------------


@transaction.atomic
def schedule_withdrawal(*, case, challenge, actor: Actor = None) -> list[Disclosure]:
    """Event "case.decision_challenged": when 复议/诉讼 revoked, changed or found the decision unlawful,
    its published disclosure must come down within 3 working days (行政处罚法 第四十八条); a draft is
    simply not published."""
    if not getattr(challenge, "voids_decision", False):
        return []
    decision = case.decision
    concluded = getattr(challenge, "concluded_on", None) or timezone.localdate()
    reason = f"该决定经{_label(challenge, 'kind')}{_label(challenge, 'outcome') or '被撤销、变更或确认违法'}（{concluded:%Y-%m-%d}）"
    if note := (getattr(challenge, "note", "") or "").strip():
        reason += f"：{mask_personal_data(note)}"
    rows = Disclosure.objects.select_for_update().filter(
        source_type=decision._meta.label_lower, source_id=str(decision.pk)
    )
    changed = []
    for disclosure in rows:
        if disclosure.status == DisclosureStatus.DRAFT:
            _withhold(disclosure, WithholdReason.VOIDED, reason, actor)
        elif disclosure.status in (DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED):
            disclosure.withdraw_due = workdays.add_workdays(concluded, WITHDRAW_WORKDAYS)
            disclosure.withdraw_reason = reason
            disclosure.save(update_fields=["withdraw_due", "withdraw_reason", "updated_at"])
            kit.record(
                disclosure,
                "publicity.withdrawal_due",
                actor=actor,
                payload={"due": disclosure.withdraw_due, "reason": reason},
            )
        else:
            continue
        changed.append(disclosure)
    return changed


def _label(challenge, field: str) -> str:
    """The Chinese label of a challenge's choice field (works for cases.Challenge and plain objects)."""
    display = getattr(challenge, f"get_{field}_display", None)
    return display() if display else str(getattr(challenge, field, "") or "")


@transaction.atomic
def disclosure_withdraw(*, actor: Actor, disclosure: Disclosure, reason: str) -> Disclosure:
    """撤回: the entry stops being public; its page shows the notice and the reason, not the content."""
    disclosure = _locked(actor, disclosure, APPROVE)
    if disclosure.status not in (DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED):
        kit.refuse(kit.NON_FIELD, "只能撤回正在公示的条目")
    reason = mask_personal_data(drafting.plain(reason or disclosure.withdraw_reason))
    if not reason:
        kit.refuse("reason", "请填写撤回理由")
    disclosure.status, disclosure.withdraw_reason = DisclosureStatus.WITHDRAWN, reason
    disclosure.withdrawn_at = timezone.now()
    disclosure.save(update_fields=["status", "withdraw_reason", "withdrawn_at", "updated_at"])
    late = bool(disclosure.withdraw_due and timezone.localdate() > disclosure.withdraw_due)
    kit.record(disclosure, "publicity.withdraw", actor=actor, payload={"reason": reason, "late": late})
    return disclosure


@transaction.atomic
def disclosures_expire(*, today: date | None = None, actor: Actor = None) -> int:
    """公示期满: take down entries whose period has run out, one record each (scheduled command)."""
    today = today or timezone.localdate()
    due = list(
        Disclosure.objects.select_for_update()
        .filter(status__in=(DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED), expires_on__lte=today)
        .select_related("agency")
    )
    for disclosure in due:
        disclosure.status = DisclosureStatus.EXPIRED
        disclosure.save(update_fields=["status", "updated_at"])
        kit.record(disclosure, "publicity.expire", actor=actor, payload={"expires_on": disclosure.expires_on})
    return len(due)


# ---- 统计年报 ----------------------------------------------------------------------------------------

REPORT = "publicity.publish_annualreport"


@transaction.atomic
def report_generate(*, actor: Actor, agency: Agency, year: int, note: str = ""):
    """Compute (or recompute) the draft 统计年报 of `agency` for `year` from the data."""
    access.require_for_agency(actor, REPORT, agency, "您无权编制该机关的统计年报")
    if year >= timezone.localdate().year:
        kit.refuse("year", "只能编制已结束年度的统计年报")
    report, _ = AnnualReport.objects.select_for_update().get_or_create(agency=agency, year=year)
    if report.status == ReportStatus.PUBLISHED:
        kit.refuse("year", "该年度统计年报已公开，不能重新生成")
    report.figures, report.note = (
        annual_report.compute(agency, year),
        mask_personal_data(drafting.plain(note)),
    )
    report.save(update_fields=["figures", "note", "updated_at"])
    kit.record(report, "publicity.report_generate", actor=actor, payload={"year": year})
    return report


@transaction.atomic
def report_publish(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    report = kit.locked(AnnualReport.objects.select_related("agency"), report, actor=actor, perm=REPORT)
    if report.status == ReportStatus.PUBLISHED:
        kit.refuse(kit.NON_FIELD, "该统计年报已公开")
    report.status, report.published_at = ReportStatus.PUBLISHED, timezone.now()
    report.published_by = actor
    record = kit.record(
        report,
        "publicity.report_publish",
        actor=actor,
        payload={"year": report.year, "figures": report.figures},
    )
    report.record_hash = record.hash
    report.save(update_fields=["status", "published_at", "published_by", "record_hash", "updated_at"])
    return report
