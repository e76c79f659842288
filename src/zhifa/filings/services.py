"""Writes of 备案: one function per user action. Each checks permission and the table's status guard,
refuses with the field named (nothing written), writes, appends a record, and tells the other side
(notifications, after the commit)."""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit, workdays
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.supervision import attachments
from zhifa.supervision.attachments import Upload

from . import notices
from .choices import FilingKind
from .models import Filing, FilingFile
from .transitions import ACKNOWLEDGE, MACHINE, SUBMIT

DEFAULT_REVIEW_WORKDAYS = 10
FILE_LABEL = "备案材料"
MAX_FILES = 5
TITLE_MAX: int = Filing._meta.get_field("title").max_length or 128


def review_workdays() -> int:
    """ZHIFA_FILING_REVIEW_WORKDAYS: working days the justice bureau has to acknowledge or return a filing
    (default 10; the texts we hold set no period)."""
    return int(getattr(settings, "ZHIFA_FILING_REVIEW_WORKDAYS", DEFAULT_REVIEW_WORKDAYS))


def bureau_over(agency: Agency) -> Agency | None:
    """The 司法行政机关 a filing goes to: the nearest one whose region holds the agency's (the county
    司法局 for a county department or a township), never the agency itself."""
    return (
        Agency.objects.filter(kind=AgencyKind.JUSTICE, active=True, region__path__in=agency.region.paths_up())
        .exclude(pk=agency.pk)
        .order_by("-region__path")
        .first()
    )


def _checked(files: Sequence[Upload]):
    if not files:
        kit.refuse("files", f"请上传{FILE_LABEL}")
    return attachments.check_files(files, label=FILE_LABEL, max_files=MAX_FILES)


@transaction.atomic
def filing_submit(
    *, actor: Actor, agency: Agency, kind: str, title: str, note: str = "", files: Sequence[Upload] = ()
) -> Filing:
    """报送备案: the agency files its 执法流程图 or 执法工作手册 with the justice bureau over it."""
    access.require_for_agency(actor, SUBMIT, agency, "您无权为该机关报送备案")
    title, note = (title or "").strip(), (note or "").strip()
    errors = {}
    if kind not in FilingKind.values:
        errors["kind"] = "请选择备案材料（行政执法流程图或行政执法工作手册）"
    if not title:
        errors["title"] = "请填写名称"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"“名称”最多{TITLE_MAX}个字符"
    bureau = bureau_over(agency)
    if bureau is None:
        errors["agency"] = f"{agency.name}所在地区没有司法行政机关，无法报送备案"
    if errors:
        raise ValidationError(errors)
    assert bureau is not None  # refused above
    checked = _checked(files)
    today, period = timezone.localdate(), review_workdays()
    filing = Filing.objects.create(
        agency=agency,
        bureau=bureau,
        kind=kind,
        title=title,
        note=note,
        submitted_by=actor,
        submitted_on=today,
        due_on=workdays.add_workdays(today, period),
        due_workdays=period,
    )
    stored = attachments.store_files(checked, FilingFile, filing=filing, round=1)
    kit.record(
        filing,
        "filing.submit",
        actor=actor,
        payload={
            "kind": kind,
            "title": title,
            "bureau": bureau.name,
            "due_on": filing.due_on,
            "files": stored,
        },
    )
    notices.submitted(filing, actor)
    return filing


def _locked(actor: Actor, filing: Filing, perm: str) -> Filing:
    return kit.locked(Filing.objects.select_related("agency", "bureau"), filing, actor=actor, perm=perm)


@transaction.atomic
def filing_accept(*, actor: Actor, filing: Filing) -> Filing:
    """备案通过: the justice bureau acknowledges the filing."""
    filing = _locked(actor, filing, ACKNOWLEDGE)
    MACHINE.require(filing, "accept")
    filing.decided_by, filing.decided_on = actor, timezone.localdate()
    MACHINE.move(
        filing,
        "accept",
        actor=actor,
        fields=("decided_by", "decided_on"),
        payload={"round": filing.round, "late": filing.decided_on > filing.due_on},
    )
    notices.decided(filing, actor)
    return filing


@transaction.atomic
def filing_return(*, actor: Actor, filing: Filing, reason: str) -> Filing:
    """退回: the justice bureau returns the filing with its reason, to be corrected and filed again."""
    filing = _locked(actor, filing, ACKNOWLEDGE)
    MACHINE.require(filing, "return")
    reason = (reason or "").strip()
    if not reason:
        kit.refuse("reason", "请填写退回理由")
    filing.decided_by, filing.decided_on, filing.return_reason = actor, timezone.localdate(), reason
    MACHINE.move(
        filing,
        "return",
        actor=actor,
        fields=("decided_by", "decided_on", "return_reason"),
        payload={"round": filing.round, "reason": reason},
    )
    notices.decided(filing, actor)
    return filing


@transaction.atomic
def filing_resubmit(*, actor: Actor, filing: Filing, note: str = "", files: Sequence[Upload] = ()) -> Filing:
    """修改后重新报送: the corrected files, with a new review period."""
    filing = _locked(actor, filing, SUBMIT)
    MACHINE.require(filing, "resubmit")
    checked = _checked(files)
    today = timezone.localdate()
    filing.round += 1
    filing.note = (note or "").strip() or filing.note
    filing.submitted_by, filing.submitted_on = actor, today
    filing.due_workdays = review_workdays()
    filing.due_on = workdays.add_workdays(today, filing.due_workdays)
    filing.decided_by, filing.decided_on = None, None
    stored = attachments.store_files(checked, FilingFile, filing=filing, round=filing.round)
    MACHINE.move(
        filing,
        "resubmit",
        actor=actor,
        fields=(
            "round",
            "note",
            "submitted_by",
            "submitted_on",
            "due_on",
            "due_workdays",
            "decided_by",
            "decided_on",
        ),
        payload={"round": filing.round, "due_on": filing.due_on, "files": stored},
    )
    notices.submitted(filing, actor)
    return filing
