"""Writes of the 联合执法 organisation: the leading group of a region (office, leader, members) and each
department's 联络员. Edited by the 司法局 of the region or by the office of the group (seed 004 二: the office
"负责综合协调"); every change recorded on the office's chain (the group) or the department's (a liaison)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from zhifa.accounts.models import User
from zhifa.collaboration.models import GroupMember, LeadingGroup, Liaison
from zhifa.core import access, kit
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region

from .choices import MemberRole

ORGANISE = "collaboration.manage_organisation"
PHONE = re.compile(r"^[0-9+\-（）() ]{7,20}$")


def group_of(region: Region) -> LeadingGroup | None:
    """The leading group over `region`: its own, else the nearest one above."""
    return (
        LeadingGroup.objects.filter(region__path__in=region.paths_up())
        .select_related("region", "office", "leader")
        .order_by("-region__path")
        .first()
    )


def may_organise(actor: Actor, region: Region) -> bool:
    """The 司法局 of `region` (or above) and the office of its leading group may edit its organisation."""
    if access.is_system(actor):
        return True
    if actor.agency is None or not actor.has_perm(ORGANISE):
        return False
    if actor.agency.kind == AgencyKind.JUSTICE and region.path.startswith(actor.agency.region.path):
        return True
    group = group_of(region)
    return group is not None and group.office_id == actor.agency_id


def _require_organiser(actor: Actor, region: Region) -> None:
    if not may_organise(actor, region):
        raise PermissionDenied("只有本地区司法局或联合执法领导小组办公室可以维护联合执法组织")


@dataclass(frozen=True)
class MemberInput:
    role: str
    name: str
    post: str = ""
    agency: Agency | None = None


def _members(members: Sequence[MemberInput]) -> list[MemberInput]:
    clean = []
    for index, member in enumerate(members, start=1):
        name = member.name.strip()
        if not name:
            kit.refuse("members", f"第{index}名成员未填写姓名")
        if len(name) > 32 or len(member.post.strip()) > 100:
            kit.refuse("members", f"第{index}名成员的姓名最多32个字，单位及职务最多100个字")
        if member.role not in MemberRole.values:
            kit.refuse("members", f"第{index}名成员（{name}）的职务无效，应为组长、副组长或成员")
        clean.append(MemberInput(member.role, name, member.post.strip(), member.agency))
    if sum(1 for m in clean if m.role == MemberRole.LEADER) != 1:
        kit.refuse("members", "领导小组应当有且只有一名组长（县政府分管领导）")
    return clean


@transaction.atomic
def group_save(
    *,
    actor: Actor,
    region: Region,
    office: Agency | None,
    leader: User | None,
    members: Sequence[MemberInput],
    note: str = "",
) -> LeadingGroup:
    """设立或调整领导小组: the office (an active agency of the region), the leader's account (who approves
    应急 plans) and the members; the members are replaced by the list given."""
    _require_organiser(actor, region)
    if office is None:
        kit.refuse("office", "请选择领导小组办公室所在机关")
    if not office.active or not office.region.path.startswith(region.path):
        kit.refuse("office", f"{office.name}不是{region.name}的在用机关，不能设为领导小组办公室")
    if leader is not None and not leader.is_active:
        kit.refuse("leader", f"{leader.real_name}的账号已停用，不能担任组长审批")
    clean = _members(members)
    group = LeadingGroup.objects.select_for_update().filter(region=region).first()
    if group is None:
        group = LeadingGroup.objects.create(region=region, office=office, leader=leader, note=note.strip())
    else:
        group.office, group.leader, group.note = office, leader, note.strip()
        group.save(update_fields=["office", "leader", "note", "updated_at"])
        group.members.all().delete()
    GroupMember.objects.bulk_create(
        GroupMember(group=group, role=m.role, name=m.name, post=m.post, agency=m.agency) for m in clean
    )
    kit.record(
        group,
        "collaboration.group.save",
        actor=actor,
        payload={
            "region": region.code,
            "office": office.name,
            "leader": leader.real_name if leader else "",
            "members": [[MemberRole(m.role).label, m.name, m.post] for m in clean],
        },
    )
    return group


@transaction.atomic
def liaison_set(*, actor: Actor, agency: Agency, name: str, phone: str, user: User | None = None) -> Liaison:
    """指定联络员 of a department (seed 004 七(四)): a name and a phone; optionally their account, which must
    be one of the department's."""
    _require_organiser(actor, agency.region)
    name, phone = name.strip(), phone.strip()
    if not name:
        kit.refuse("name", "请填写联络员姓名")
    if len(name) > 32:
        kit.refuse("name", "联络员姓名最多32个字")
    if not phone:
        kit.refuse("phone", "请填写联络员的联系电话")
    if not PHONE.match(phone):
        kit.refuse("phone", "联系电话格式不正确（7至20位数字，可含“-”）")
    if user is not None and user.agency_id != agency.pk:
        kit.refuse("user", f"{user.real_name}不是{agency.name}的工作人员，不能担任其联络员")
    liaison = Liaison.objects.select_for_update().filter(agency=agency).first()
    before = (liaison.name, liaison.phone) if liaison else None
    if liaison is None:
        liaison = Liaison.objects.create(agency=agency, name=name, phone=phone, user=user)
    else:
        liaison.name, liaison.phone, liaison.user = name, phone, user
        liaison.save(update_fields=["name", "phone", "user", "updated_at"])
    kit.record(
        liaison,
        "collaboration.liaison.set",
        actor=actor,
        payload={"name": name, "phone": phone, "before": list(before) if before else None},
    )
    return liaison
