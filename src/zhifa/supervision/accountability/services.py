"""Every write of 责任追究: one keyword-only function per user action, taking the actor. Each locks the
proceeding, checks the actor (core.access: the justice bureau's supervisors on their region's subtree) and
the transition table (transitions.MACHINE), refuses with the reason in Chinese beside the field, writes and
appends a record in the same transaction — on a refusal nothing is written.

A 暂扣 or 收回执法证 decision changes the officer's certificates through registry.services (never the
certificate rows directly), so registry.selectors.can_enforce refuses the officer from that moment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from zhifa.cases.models import Challenge
from zhifa.catalog.reviewers import justice_bureau_of
from zhifa.core import access, hygiene, kit, numbering
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry import services as registry
from zhifa.registry.choices import CertificateKind, CertificateStatus
from zhifa.registry.models import Certificate, Officer
from zhifa.supervision.models import AccountabilityCase, Finding

from . import clocks
from .choices import CERTIFICATE_OUTCOMES, EXEMPTIONS, Outcome, SourceKind
from .document import NUMBER_KIND
from .transitions import MACHINE, PURSUE, may_restore

PROCEEDINGS = AccountabilityCase.objects.select_related("agency__region", "officer", "bureau")
VIEW_ITEM = "supervision.view_supervisionitem"
VIEW_CASE = "cases.view_case"


def _text(value: str, field_name: str, label: str, *, required: bool = True) -> str:
    value = hygiene.clean_text(field_name, label, (value or "").strip())
    if required and not value:
        kit.refuse(field_name, f"请填写{label}")
    return value


# ---- 立案 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenInput:
    """立案: the officers responsible, the source and the facts."""

    source_kind: str
    facts: str
    officers: Sequence[Officer] = field(default_factory=tuple)
    finding: Finding | None = None
    challenge: Challenge | None = None
    source_text: str = ""
    source_reference: str = ""


def _bureau(actor: Actor, agency: Agency) -> Agency:
    if actor is not None and actor.agency is not None and actor.agency.kind == AgencyKind.JUSTICE:
        return actor.agency
    bureau = justice_bureau_of(agency)
    if bureau is None:
        kit.refuse("officers", f"{agency.name}所在区划及其上级没有司法行政机关，不能立案追责")
    return bureau


def _source(actor: Actor, data: OpenInput, officers: list[Officer]) -> dict:
    """The source's fields, checked: it exists, the actor may see it, it concerns the officers' agency."""
    kind = kit.choice(data.source_kind, SourceKind, "source_kind", "案件来源")
    found: dict = {"finding": None, "challenge": None}
    agency = None
    if kind == SourceKind.FINDING:
        finding = data.finding
        if finding is None:
            kit.refuse("finding", "请选择执法监督发现的问题")
        if not access.can(actor, VIEW_ITEM, finding.item):
            kit.refuse("finding", "所选问题不存在或您无权查看")
        found["finding"], agency = finding, finding.item.agency
    elif kind == SourceKind.CHALLENGE:
        challenge = data.challenge
        if challenge is None:
            kit.refuse("challenge", "请选择被纠错的行政行为")
        if not access.can(actor, VIEW_CASE, challenge.case):
            kit.refuse("challenge", "所选复议、诉讼不存在或您无权查看")
        if not challenge.voids_decision:
            kit.refuse(
                "challenge",
                f"该{challenge.get_kind_display()}的结果为“{challenge.get_outcome_display()}”：只有被撤销、"
                "变更或确认违法的行政行为（含行政诉讼败诉）才能作为责任追究的来源",
            )
        found["challenge"], agency = challenge, challenge.case.agency
    else:
        label = "投诉举报内容" if kind == SourceKind.COMPLAINT else "逾期未履行的法定职责"
        found["source_text"] = _text(data.source_text, "source_text", label)
    if agency is not None:
        strangers = [o.name for o in officers if o.agency_id != agency.pk]
        if strangers:
            kit.refuse(
                "officers",
                f"{'、'.join(strangers)}不是{agency.name}的人员：责任人员须为所涉行政行为的实施机关的人员",
            )
    return found


@transaction.atomic
def proceeding_open(*, actor: Actor, data: OpenInput) -> list[AccountabilityCase]:
    """立案追责: one proceeding per responsible officer, with the source and the facts."""
    officers = list(dict.fromkeys(data.officers))
    if not officers:
        kit.refuse("officers", "请选择责任人员")
    for officer in officers:
        if not access.can(actor, PURSUE, officer.agency):
            kit.refuse(
                "officers", f"{officer.name}（{officer.agency.name}）不在本机关的执法监督范围内，不能立案追责"
            )
    source = _source(actor, data, officers)
    facts = _text(data.facts, "facts", "立案事由")
    reference = _text(data.source_reference, "source_reference", "来源编号", required=False)
    if len(reference) > 100:
        kit.refuse("source_reference", "来源编号最多100个字")
    status = MACHINE.target("open")
    assert status is not None
    today = clocks.today()
    made = []
    for officer in officers:
        region = officer.agency.region
        days = clocks.decision_workdays(region)
        proceeding = AccountabilityCase.objects.create(
            bureau=_bureau(actor, officer.agency),
            agency=officer.agency,
            officer=officer,
            source_kind=data.source_kind,
            source_reference=reference,
            facts=facts,
            status=status,
            due_on=clocks.due_on(today, region),
            due_from=today,
            due_workdays=days or None,  # kept, so a change of the holiday schedule moves the deadline
            opened_by=actor,
            **source,
        )
        kit.record(
            proceeding,
            "accountability.open",
            actor=actor,
            payload={
                "status": status,
                "officer": officer.pk,
                "officer_name": officer.name,
                "source_kind": data.source_kind,
                "finding": proceeding.finding_id,
                "challenge": proceeding.challenge_id,
                "source_reference": reference,
                "facts": facts,
                "due_on": proceeding.due_on,
            },
        )
        made.append(proceeding)
    return made


# ---- 调查、告知、听取陈述申辩 ------------------------------------------------------------------------


def _step(actor: Actor, proceeding: AccountabilityCase, action: str, field_name: str, label: str, text: str):
    proceeding = kit.locked(PROCEEDINGS, proceeding, actor=actor, perm=PURSUE)
    MACHINE.require(proceeding, action)
    text = _text(text, field_name, label)
    setattr(proceeding, field_name, text)
    MACHINE.move(proceeding, action, actor=actor, fields=(field_name,), payload={field_name: text})
    return proceeding


@transaction.atomic
def proceeding_investigate(*, actor: Actor, proceeding: AccountabilityCase, investigation: str):
    """记录调查情况 (the facts found, the evidence gathered)."""
    return _step(actor, proceeding, "investigate", "investigation", "调查情况", investigation)


@transaction.atomic
def proceeding_notify(*, actor: Actor, proceeding: AccountabilityCase, notice: str):
    """告知拟处理意见 and the officer's right to state their case."""
    return _step(actor, proceeding, "notify", "notice", "告知的拟处理意见", notice)


@transaction.atomic
def proceeding_hear(*, actor: Actor, proceeding: AccountabilityCase, statement: str):
    """听取陈述申辩: what the officer said, or that they gave it up."""
    return _step(actor, proceeding, "hear", "statement", "陈述申辩情况", statement)


# ---- 决定 ------------------------------------------------------------------------------------------


def _certificates(officer: Officer, outcome: str) -> list[Certificate]:
    """The officer's 行政执法证 the outcome takes: 暂扣 the valid ones, 收回 every one not yet revoked."""
    certificates = Certificate.objects.filter(officer=officer, kind=CertificateKind.ENFORCEMENT)
    if outcome == Outcome.SUSPEND:
        return list(certificates.filter(status=CertificateStatus.VALID).order_by("pk"))
    return list(certificates.exclude(status=CertificateStatus.REVOKED).order_by("pk"))


@transaction.atomic
def proceeding_decide(
    *,
    actor: Actor,
    proceeding: AccountabilityCase,
    outcome: str,
    reason: str,
    suspended_until: date | None = None,
) -> AccountabilityCase:
    """作出处理决定. A sanction needs the officer told and heard; 尽职免责 / 容错 may be decided from the
    investigation on. Every decision states its reasons. 暂扣 (until `suspended_until`) and 收回执法证 act
    on the officer's certificates through the registry at once."""
    proceeding = kit.locked(PROCEEDINGS, proceeding, actor=actor, perm=PURSUE)
    kit.choice(outcome, Outcome, "outcome", "处理决定")
    MACHINE.require(proceeding, "decide", "exempt" if outcome in EXEMPTIONS else "sanction")
    reason = _text(reason, "reason", "决定理由")
    today = clocks.today()
    if outcome == Outcome.SUSPEND:
        if suspended_until is None:
            kit.refuse("suspended_until", "暂扣执法证须填写暂扣期限")
        if suspended_until <= today:
            kit.refuse(
                "suspended_until", f"暂扣期限（{suspended_until:%Y-%m-%d}）须晚于今天（{today:%Y-%m-%d}）"
            )
    else:
        suspended_until = None
    officer = proceeding.officer
    taken = _certificates(officer, outcome) if outcome in CERTIFICATE_OUTCOMES else []
    if outcome in CERTIFICATE_OUTCOMES and not taken:
        kit.refuse("outcome", f"{officer.name}没有可{Outcome(outcome).label[:2]}的行政执法证")
    status = CertificateStatus.SUSPENDED if outcome == Outcome.SUSPEND else CertificateStatus.REVOKED
    why = f"责任追究案件{proceeding.pk}：{Outcome(outcome).label}" + (
        f"至{suspended_until:%Y-%m-%d}" if suspended_until else ""
    )
    for certificate in taken:  # a 暂扣 carries its last day: the registry counts it in force after it
        registry.certificate_set_status(
            actor=actor,
            certificate=certificate,
            status=status,
            reason=why,
            until=suspended_until,
            since=today,
        )
    proceeding.outcome, proceeding.reason, proceeding.suspended_until = outcome, reason, suspended_until
    proceeding.decided_on, proceeding.decided_by = today, actor  # type: ignore[assignment]  # None: system
    # 责任追究决定书: numbered in the bureau's sequence now, rendered on request (document.py)
    proceeding.decision_number = numbering.next_number(proceeding.bureau, NUMBER_KIND, year=today.year)
    proceeding.certificates.set(taken)
    MACHINE.move(
        proceeding,
        "decide",
        actor=actor,
        variant="exempt" if outcome in EXEMPTIONS else "sanction",
        fields=("outcome", "reason", "suspended_until", "decided_on", "decided_by", "decision_number"),
        payload={
            "outcome": outcome,
            "number": proceeding.decision_number,
            "reason": reason,
            "suspended_until": suspended_until,
            "certificates": [c.number for c in taken],
        },
    )
    return proceeding


@transaction.atomic
def proceeding_restore(*, actor: Actor, proceeding: AccountabilityCase) -> AccountabilityCase:
    """暂扣期满，恢复执法证 (by hand, from the last day of the period on): the certificates this proceeding
    suspended become valid again (through the registry), unless revoked or changed since. Without it the
    right to enforce comes back by itself the day after (suspensions_lapse, and the registry's check)."""
    proceeding = kit.locked(PROCEEDINGS, proceeding, actor=actor, perm=PURSUE)
    MACHINE.require(proceeding, "restore")
    today = clocks.today()
    if not may_restore(proceeding, today):
        kit.refuse("status", "暂扣期限尚未届满或执法证已恢复，不能恢复执法证")
    return _restore(proceeding, actor, today)


def _restore(proceeding: AccountabilityCase, actor: Actor, on: date, **noted) -> AccountabilityCase:
    restored = []
    for certificate in proceeding.certificates.filter(status=CertificateStatus.SUSPENDED).order_by("pk"):
        registry.certificate_set_status(
            actor=actor,
            certificate=certificate,
            status=CertificateStatus.VALID,
            reason=f"责任追究案件{proceeding.pk}：暂扣期满，恢复执法证",
        )
        restored.append(certificate.number)
    proceeding.restored_on = on
    proceeding.save(update_fields=["restored_on", "updated_at"])
    kit.record(
        proceeding,
        "accountability.restore",
        actor=actor,
        payload={"status": proceeding.status, "restored_on": on, "certificates": restored, **noted},
    )
    return proceeding


def lapsed(on: date):
    """The 暂扣 whose last day is before `on` and that nobody has restored yet."""
    return AccountabilityCase.objects.filter(
        outcome=Outcome.SUSPEND, restored_on__isnull=True, suspended_until__lt=on
    ).order_by("suspended_until", "pk")


def suspensions_lapse(*, today: date | None = None) -> int:
    """Daily, by the system: each 暂扣 whose period has ended is restored as of the day after its last
    day — the certificates set valid again in the registry and the restoration recorded once on the
    proceeding (`"automatic": true`). Idempotent: a restored proceeding is not taken again. One transaction
    per proceeding, so one that fails does not hold back the others."""
    today = today or clocks.today()
    count = 0
    for pk in lapsed(today).values_list("pk", flat=True):
        with transaction.atomic():
            proceeding = PROCEEDINGS.select_for_update(of=("self",)).get(pk=pk)
            if proceeding.restored_on is not None or proceeding.suspended_until is None:
                continue  # restored meanwhile (by hand or by another run)
            _restore(proceeding, None, proceeding.suspended_until + timedelta(days=1), automatic=True)
            count += 1
    return count
