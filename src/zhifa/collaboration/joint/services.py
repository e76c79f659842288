"""Every write of 联合执法: one keyword-only function per user action, taking the actor. Each checks who the
actor is for the action (the office, the lead department, a participant, the group leader: transitions.BY),
the transition table and the rules of seed 004 四, refuses with the reason beside the field, writes and
records in one transaction — on a refusal nothing is written."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhifa.cases import services as case_services
from zhifa.cases.choices import CaseSource, PartyKind
from zhifa.catalog.choices import VersionStatus
from zhifa.catalog.models import EnforcementItem
from zhifa.collaboration.boundaries import selectors as boundary_selectors
from zhifa.collaboration.models import (
    ActionTask,
    Finding,
    FindingShare,
    Handover,
    JointAction,
    LeadingGroup,
    Participant,
)
from zhifa.collaboration.organisation.services import group_of
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.core.validators import validate_credit_code, validate_id_number
from zhifa.registry.models import Officer
from zhifa.registry.selectors import officer_refusal

from . import clocks
from .choices import ActionKind, ActionStatus, FindingStatus, HandoverStatus
from .transitions import BY, BY_LABEL, MACHINE, MANAGE, VIEW

ACTIONS = JointAction.objects.select_related("region", "office", "lead_agency")
MAX_DAYS = 366
SPLIT_BASIS = "武政发〔2021〕15号 四(二)2"
HANDOVER_BASIS = "武政发〔2021〕15号 四(二)3"


# ---- who the actor is -----------------------------------------------------------------------------------


def roles_of(actor: Actor, action: JointAction) -> set[str]:
    """What the actor is to the action: office, lead, participant, leader (the system is all)."""
    if access.is_system(actor):
        return {"office", "lead", "participant", "leader"}
    roles = set()
    if actor.agency_id == action.office_id:
        roles |= {"office", "lead"}
    if actor.agency_id == action.lead_agency_id:
        roles |= {"lead", "participant"}
    if actor.agency_id is not None and action.participants.filter(agency_id=actor.agency_id).exists():
        roles.add("participant")
    group = LeadingGroup.objects.filter(office_id=action.office_id, region=action.region).first()
    if group is not None and group.leader_id == actor.pk:
        roles.add("leader")
    return roles


def _locked(actor: Actor, action: JointAction, name: str) -> JointAction:
    """The action under a row lock, after checking that the actor sees it (404), holds the permission and
    is the party the action needs (403), and that its status allows it (refused with the reason)."""
    action = ACTIONS.select_for_update(of=("self",)).get(pk=action.pk)
    if not access.is_system(actor):
        access.require(actor, VIEW, action)
        if not actor.has_perm(MANAGE):
            raise PermissionDenied("您无权执行此操作")
    needed = BY.get(name, "participant")
    if needed not in roles_of(actor, action):
        raise PermissionDenied(f"只有{BY_LABEL[needed]}可以{MACHINE.first(name).label}")
    MACHINE.require(action, name)
    return action


# ---- creating -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    title: str
    place: str
    starts_on: date | None
    ends_on: date | None
    agencies: Sequence[Agency] = field(default_factory=tuple)  # participants besides the lead
    officers: Sequence[Officer] = field(default_factory=tuple)
    tasks: Sequence[str] = field(default_factory=tuple)
    plan: str = ""
    reason: str = ""


def _required(value: str, name: str, label: str, limit: int | None = None) -> str:
    value = value.strip()
    if not value:
        kit.refuse(name, f"请填写{label}")
    if limit and len(value) > limit:
        kit.refuse(name, f"“{label}”最多{limit}个字")
    return value


def _officers(data: ActionInput, agencies: list[Agency], starts_on: date, ends_on: date) -> None:
    """Every officer of a participating department, certified on the first and the last day; every
    department sends at least one (seed 004 四(二)1: 各执法参与部门派人集中统一参与)."""
    ids = {a.pk for a in agencies}
    for officer in data.officers:
        if officer.agency_id not in ids:
            kit.refuse("officers", f"{officer.name}不是参与部门的人员，不能参加本次联合执法")
        for day in dict.fromkeys((starts_on, ends_on)):
            reason = officer_refusal(officer, officer.name, [], on=day)
            if reason:
                kit.refuse("officers", f"{reason}，不能参加联合执法")
    sending = {o.agency_id for o in data.officers}
    for agency in agencies:
        if agency.pk not in sending:
            kit.refuse("officers", f"{agency.name}未派执法人员参加，请选择该部门的持证执法人员")


def _create(
    actor: Actor, lead: Agency, kind: str, data: ActionInput, status: str, action_name: str
) -> JointAction:
    if not access.is_system(actor):
        access.require_for_agency(actor, MANAGE, lead, "您无权以该部门名义提出联合执法")
    group = group_of(lead.region)
    if group is None:
        kit.refuse("lead_agency", f"{lead.region.name}尚未设立联合执法领导小组办公室，请先由司法局设立")
    title = _required(data.title, "title", "行动名称", 200)
    place = _required(data.place, "place", "地点", 200)
    if data.starts_on is None:
        kit.refuse("starts_on", "请填写开始日期")
    if data.ends_on is None:
        kit.refuse("ends_on", "请填写结束日期")
    if data.ends_on < data.starts_on:
        kit.refuse("ends_on", "结束日期不能早于开始日期")
    today = clocks.today()
    if data.starts_on < today:
        kit.refuse("starts_on", "开始日期不能早于今天")
    if data.starts_on > today + timedelta(days=MAX_DAYS) or data.ends_on > data.starts_on + timedelta(
        days=MAX_DAYS
    ):
        kit.refuse("ends_on", "联合执法行动应在一年内开始，持续时间不超过一年")
    if kind == ActionKind.SPECIAL:
        ahead = (data.starts_on - today).days
        if ahead < clocks.SPECIAL_APPLY_DAYS:
            kit.refuse(
                "starts_on",
                f"专项联合执法应当提前{clocks.SPECIAL_APPLY_DAYS}日向领导小组办公室提出申请（今天申请，"
                f"开始日期{data.starts_on:%Y年%m月%d日}仅提前{ahead}日；{clocks.SPECIAL_APPLY_BASIS}），"
                "情况紧急的请按应急联合执法报告",
            )
        _required(data.plan, "plan", "联合执法方案")
    agencies = list(dict.fromkeys([lead, *data.agencies]))
    if kind == ActionKind.ROUTINE:
        agencies = list(dict.fromkeys(data.agencies))  # the office deploys; it takes part only if listed
    if len(agencies) < 2:
        kit.refuse("agencies", "联合执法至少需要两个部门参加，请选择参与部门")
    for agency in agencies:
        if not agency.active or not agency.region.path.startswith(group.region.path):
            kit.refuse("agencies", f"{agency.name}不是{group.region.name}的在用机关，不能参加本次联合执法")
    _officers(data, agencies, data.starts_on, data.ends_on)
    tasks = [t.strip() for t in data.tasks if t.strip()]
    for task in tasks:
        if len(task) > 300:
            kit.refuse("tasks", "每项任务最多300个字")
    action = JointAction.objects.create(
        region=group.region,
        office=group.office,
        lead_agency=lead if kind != ActionKind.ROUTINE else group.office,
        kind=kind,
        title=title,
        reason=data.reason.strip(),
        plan=data.plan.strip(),
        place=place,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        status=status,
        applied_on=today,
        created_by=actor,
    )
    for agency in agencies:
        participant = Participant.objects.create(action=action, agency=agency)
        participant.officers.set([o for o in data.officers if o.agency_id == agency.pk])
    ActionTask.objects.bulk_create(ActionTask(action=action, content=t) for t in tasks)
    kit.record(
        action,
        f"collaboration.joint.{action_name}",
        actor=actor,
        payload={
            "status": status,
            "kind": kind,
            "title": title,
            "place": place,
            "starts_on": data.starts_on,
            "ends_on": data.ends_on,
            "agencies": [a.name for a in agencies],
            "officers": [o.name for o in data.officers],
            "tasks": tasks,
        },
    )
    return action


@transaction.atomic
def action_plan(*, actor: Actor, data: ActionInput) -> JointAction:
    """部署常规联合执法 (seed 004 四(一)1): the office deploys it at once."""
    office = _office_of(actor)
    return _create(actor, office, ActionKind.ROUTINE, data, ActionStatus.DEPLOYED, "plan")


def _office_of(actor: Actor) -> Agency:
    if access.is_system(actor) or actor.agency is None:
        kit.refuse("lead_agency", "请以领导小组办公室的账号部署常规联合执法")
    group = group_of(actor.agency.region)
    if group is None or group.office_id != actor.agency_id:
        raise PermissionDenied("常规联合执法由领导小组办公室统一部署")
    return actor.agency


@transaction.atomic
def action_apply(*, actor: Actor, lead: Agency, data: ActionInput) -> JointAction:
    """申请专项联合执法 (四(一)2): at least 5 days ahead, with the plan; the office decides."""
    return _create(actor, lead, ActionKind.SPECIAL, data, ActionStatus.APPLIED, "apply")


@transaction.atomic
def action_report(*, actor: Actor, lead: Agency, data: ActionInput) -> JointAction:
    """报告应急联合执法 (四(一)3): reported at once; the office drafts the plan, the leader approves."""
    return _create(actor, lead, ActionKind.EMERGENCY, data, ActionStatus.REPORTED, "report")


# ---- deciding and running -------------------------------------------------------------------------------


@transaction.atomic
def action_approve(*, actor: Actor, action: JointAction, note: str = "") -> JointAction:
    action = _locked(actor, action, "approve")
    action.decision_note, action.decided_by = note.strip(), actor
    MACHINE.move(
        action, "approve", actor=actor, fields=("decision_note", "decided_by"), payload={"note": note}
    )
    return action


@transaction.atomic
def action_refuse(*, actor: Actor, action: JointAction, note: str = "") -> JointAction:
    action = _locked(actor, action, "refuse")
    action.decision_note = _required(note, "note", "不同意的理由")
    action.decided_by = actor
    MACHINE.move(
        action, "refuse", actor=actor, fields=("decision_note", "decided_by"), payload={"note": note}
    )
    return action


@transaction.atomic
def action_draft(*, actor: Actor, action: JointAction, plan: str = "") -> JointAction:
    action = _locked(actor, action, "draft")
    action.plan = _required(plan, "plan", "联合执法方案")
    MACHINE.move(action, "draft", actor=actor, fields=("plan",), payload={"plan": action.plan})
    return action


@transaction.atomic
def action_authorise(*, actor: Actor, action: JointAction, note: str = "") -> JointAction:
    action = _locked(actor, action, "authorise")
    action.decision_note, action.decided_by = note.strip(), actor
    MACHINE.move(
        action, "authorise", actor=actor, fields=("decision_note", "decided_by"), payload={"note": note}
    )
    return action


@transaction.atomic
def action_start(*, actor: Actor, action: JointAction) -> JointAction:
    action = _locked(actor, action, "start")
    if clocks.today() < action.starts_on:
        kit.refuse("status", f"行动定于{action.starts_on:%Y年%m月%d日}开始，尚未到开始日期")
    MACHINE.move(action, "start", actor=actor)
    return action


@transaction.atomic
def action_finish(*, actor: Actor, action: JointAction) -> JointAction:
    action = _locked(actor, action, "finish")
    MACHINE.move(action, "finish", actor=actor)
    return action


# ---- findings: 联合执法一起抓，问题处理再分家 -------------------------------------------------------------


CODE = re.compile(r"^[A-Za-z0-9\-]{1,32}$")


def holders(codes: Sequence[str], agencies: Sequence[Agency], on: date, region) -> dict[str, list[Agency]]:
    """For each code, the agencies of `agencies` competent for it on `on` in `region`: the 职责边界 register
    first — an item transferred to a 综合行政执法部门 is that agency's alone, whatever the business department's
    catalogue still lists — else the agencies whose catalogue (执法事项清单) in force holds it. Two queries."""
    found: dict[str, list[Agency]] = {code: [] for code in codes}
    by_pk = {a.pk: a for a in agencies}
    register = boundary_selectors.register_entries(codes, region, on)
    for code, row in register.items():
        if row.agency_id in by_pk:
            found[code].append(by_pk[row.agency_id])
    items = (
        EnforcementItem.objects.filter(
            code__in=[code for code in codes if code not in register],
            version__agency__in=list(by_pk),
            version__status=VersionStatus.PUBLISHED,
            version__effective_from__lte=on,
        )
        .values_list("code", "version__agency_id")
        .distinct()
    )
    for code, agency_id in items:
        if by_pk[agency_id] not in found[code]:
            found[code].append(by_pk[agency_id])
    return found


@dataclass(frozen=True)
class FindingInput:
    description: str
    party_kind: str
    party_name: str
    place: str
    found_on: date | None
    item_codes: Sequence[str]
    party_id_number: str = ""
    party_credit_code: str = ""


@transaction.atomic
def finding_record(*, actor: Actor, action: JointAction, data: FindingInput) -> Finding:
    """记录发现的问题: by any participant while the action runs; the items name what was violated."""
    action = _locked(actor, action, "find")
    description = _required(data.description, "description", "问题描述")
    if data.party_kind not in PartyKind.values:
        kit.refuse("party_kind", "请选择当事人类型")
    party = _required(data.party_name, "party_name", "当事人", 200)
    place = _required(data.place, "place", "发现地点", 200)
    if data.found_on is None:
        kit.refuse("found_on", "请填写发现日期")
    if not action.starts_on <= data.found_on <= min(action.ends_on, clocks.today()):
        kit.refuse("found_on", f"发现日期应在行动期间（{action.starts_on}至{action.ends_on}）且不晚于今天")
    codes = list(dict.fromkeys(c.strip().upper() for c in data.item_codes if c.strip()))
    if not codes:
        kit.refuse("item_codes", "请填写涉及的执法事项编码")
    for code in codes:
        if not CODE.match(code):
            kit.refuse("item_codes", f"执法事项编码“{code[:32]}”格式不正确")
    _party_number(data)
    agency = action.lead_agency if access.is_system(actor) or actor.agency is None else actor.agency
    finding = Finding.objects.create(
        action=action,
        description=description,
        party_kind=data.party_kind,
        party_name=party,
        party_id_number=data.party_id_number.strip().upper() if data.party_kind == PartyKind.PERSON else "",
        party_credit_code=data.party_credit_code.strip().upper()
        if data.party_kind != PartyKind.PERSON
        else "",
        place=place,
        found_on=data.found_on,
        item_codes=codes,
        recorded_by=actor,
        recorded_agency=agency,
    )
    kit.record(
        action,
        "collaboration.joint.find",
        actor=actor,
        payload={"status": action.status, "finding": finding.pk, "party": party, "items": codes},
    )
    return finding


def _party_number(data: FindingInput) -> None:
    """The party's number is checked when the finding is recorded, not when a department registers it."""
    if data.party_kind == PartyKind.PERSON:
        name, value, check = "party_id_number", data.party_id_number, validate_id_number
    else:
        name, value, check = "party_credit_code", data.party_credit_code, validate_credit_code
    if value.strip():
        try:
            check(value.strip().upper())
        except ValidationError as error:
            kit.refuse(name, error.messages[0])


def _finding(
    actor: Actor, finding: Finding, act: str, *, office_only: bool = False
) -> tuple[Finding, set[str]]:
    finding = Finding.objects.select_for_update(of=("self",)).select_related("action").get(pk=finding.pk)
    action = ACTIONS.get(pk=finding.action_id)
    if not access.is_system(actor):
        access.require(actor, VIEW, action)
        if not actor.has_perm(MANAGE):
            raise PermissionDenied("您无权执行此操作")
    roles = roles_of(actor, action)
    if not roles & {"participant", "office"}:
        raise PermissionDenied(f"只有参与部门或领导小组办公室可以{act}")
    if action.status not in (ActionStatus.ACTIVE, ActionStatus.FINISHED):
        kit.refuse("status", f"联合执法行动当前为“{action.get_status_display()}”，不能{act}")
    if finding.status != FindingStatus.RECORDED:
        kit.refuse("status", f"该问题当前为“{finding.get_status_display()}”，不能{act}")
    finding.action = action
    return finding, roles


@transaction.atomic
def finding_split(
    *, actor: Actor, finding: Finding, decided: Mapping[str, Agency] | None = None
) -> list[FindingShare]:
    """分案 (四(二)2): each item goes to the participating department competent for it; an item two or
    more departments are competent for goes where the office decides (`decided`: code → agency); an item no
    participant is competent for is handed over on the spot instead (finding_notify)."""
    finding, roles = _finding(actor, finding, "分案")
    action = finding.action
    agencies = [p.agency for p in action.participants.select_related("agency")]
    competent = holders(finding.item_codes, agencies, finding.found_on, action.region)
    decided = dict(decided or {})
    shares: dict[int, tuple[Agency, list[str], bool]] = {}
    for code, found in competent.items():
        if not found:
            kit.refuse(
                "item_codes",
                f"事项{code}不属于参与部门的职权范围，请通知有权处理的部门到场交接（{HANDOVER_BASIS}）",
            )
        by_office = len(found) > 1
        if by_office:
            names = "、".join(a.name for a in found)
            if "office" not in roles:
                kit.refuse(
                    "decided", f"事项{code}同属{names}的职能，由领导小组办公室协调确定（{SPLIT_BASIS}）"
                )
            chosen = decided.get(code)
            if chosen is None:
                kit.refuse("decided", f"事项{code}同属{names}的职能，请确定由哪个部门立案查处")
            if chosen not in found:
                kit.refuse("decided", f"{chosen.name}对事项{code}没有职权，应在{names}中确定")
            agency = chosen
        else:
            agency = found[0]
        entry = shares.setdefault(agency.pk, (agency, [], False))
        shares[agency.pk] = (agency, [*entry[1], code], entry[2] or by_office)
    made = [
        FindingShare.objects.create(finding=finding, agency=agency, item_codes=codes, by_office=by_office)
        for agency, codes, by_office in shares.values()
    ]
    finding.status = FindingStatus.SPLIT
    finding.save(update_fields=["status"])
    kit.record(
        action,
        "collaboration.joint.split",
        actor=actor,
        payload={
            "status": action.status,
            "finding": finding.pk,
            "shares": [[s.agency.name, s.item_codes, s.by_office] for s in made],
        },
    )
    return made


@transaction.atomic
def share_register(*, actor: Actor, share: FindingShare, supervisor: Officer | None = None) -> FindingShare:
    """立案查处 of a department's share: a case of the department, registered through the cases service
    (source 联合执法), with the finding's party, place and the share's items."""
    share = kit.locked(FindingShare.objects.select_related("agency", "finding__action"), share, actor=actor,
                       perm=MANAGE)  # fmt: skip
    if share.case_id is not None:
        kit.refuse("status", f"该问题已由{share.agency.name}登记为案件，不能重复登记")
    finding, action = share.finding, share.finding.action
    case = case_services.case_intake(
        actor=actor,
        agency=share.agency,
        supervisor=supervisor,
        data=case_services.IntakeInput(
            source=CaseSource.JOINT,
            summary=f"联合执法“{action.title}”发现：{finding.description}"[:200],
            discovered_on=finding.found_on,
            place=finding.place,
            item_codes=tuple(share.item_codes),
            party=case_services.PartyInput(
                kind=finding.party_kind,
                name=finding.party_name,
                id_number=finding.party_id_number,
                credit_code=finding.party_credit_code,
            ),
            facts=finding.description,
        ),
    )
    share.case = case
    share.save(update_fields=["case"])
    kit.record(share, "collaboration.joint.share_register", actor=actor,
               payload={"action": action.pk, "finding": finding.pk, "case": case.pk})  # fmt: skip
    return share


# ---- out of competence: notice, arrival, hand-over on the spot (四(二)3) --------------------------------


@transaction.atomic
def finding_notify(*, actor: Actor, finding: Finding, agency: Agency | None, note: str = "") -> Handover:
    """通知有权处理的部门: a department outside the action whose catalogue holds the finding's items."""
    finding, _ = _finding(actor, finding, "通知有权处理的部门")
    action = finding.action
    if agency is None:
        kit.refuse("agency", "请选择有权处理的部门")
    if action.participants.filter(agency=agency).exists():
        kit.refuse("agency", f"{agency.name}是本次行动的参与部门，请直接分案")
    if not agency.active or not agency.region.path.startswith(action.region.path):
        kit.refuse("agency", f"{agency.name}不是{action.region.name}的在用机关")
    held = holders(finding.item_codes, [agency], finding.found_on, action.region)
    missing = [code for code, found in held.items() if not found]
    if missing:
        kit.refuse(
            "agency",
            f"{agency.name}对事项{'、'.join(missing)}没有职权（执法事项清单、职责边界），不是有权处理的部门",
        )
    handover = Handover.objects.create(
        finding=finding, agency=agency, note=note.strip(), notified_at=timezone.now()
    )
    finding.status = FindingStatus.NOTIFIED
    finding.save(update_fields=["status"])
    kit.record(handover, "collaboration.handover.notify", actor=actor,
               payload={"status": handover.status, "action": action.pk, "finding": finding.pk,
                        "from": action.lead_agency.name, "note": handover.note})  # fmt: skip
    return handover


def _handover(actor: Actor, handover: Handover, status: str, act: str) -> Handover:
    handover = kit.locked(Handover.objects.select_related("agency", "finding__action"), handover, actor=actor,
                          perm=MANAGE)  # fmt: skip
    if handover.status != status:
        kit.refuse("status", f"现场交接当前为“{handover.get_status_display()}”，不能{act}")
    return handover


@transaction.atomic
def handover_arrive(*, actor: Actor, handover: Handover) -> Handover:
    """到场: the notified department records its arrival at the scene."""
    handover = _handover(actor, handover, HandoverStatus.NOTIFIED, "登记到场")
    handover.arrived_at = timezone.now()
    kit.move(handover, HandoverStatus.ARRIVED, actor=actor, action="collaboration.handover.arrive",
             fields=("arrived_at",))  # fmt: skip
    return handover


@transaction.atomic
def handover_complete(*, actor: Actor, handover: Handover, receiver: str = "", note: str = "") -> Handover:
    """办理交接手续 on the spot: who received it and what was handed over; the department then handles it."""
    handover = _handover(actor, handover, HandoverStatus.ARRIVED, "办理交接")
    handover.receiver = _required(receiver, "receiver", "接收人", 64)
    handover.handover_note = _required(note, "note", "交接情况")
    handover.handed_over_at = timezone.now()
    kit.move(handover, HandoverStatus.HANDED_OVER, actor=actor, action="collaboration.handover.complete",
             fields=("receiver", "handover_note", "handed_over_at"),
             payload={"receiver": handover.receiver, "note": handover.handover_note})  # fmt: skip
    finding = handover.finding
    finding.status = FindingStatus.HANDED_OVER
    finding.save(update_fields=["status"])
    return handover


def visible_q(user, prefix: str = "") -> Q:
    """core.access grant: the actions (or rows under `prefix`) the user's agency takes part in, coordinates
    or was called to (a hand-over), and those of the group the user leads."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None:
        return Q(pk__in=[])
    ids = JointAction.objects.filter(
        Q(office_id=agency_id)
        | Q(pk__in=Participant.objects.filter(agency_id=agency_id).values("action_id"))
        | Q(pk__in=Handover.objects.filter(agency_id=agency_id).values("finding__action_id"))
        | Q(office_id__in=LeadingGroup.objects.filter(leader_id=user.pk).values("office_id"))
    ).values("pk")
    return Q(**{f"{prefix}pk__in" if not prefix else f"{prefix}__in": ids})
