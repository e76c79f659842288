"""/api/collaboration/joint/ 联合执法 and /api/collaboration/organisation/ 领导小组与联络员: the actions the
caller sees, one action with its participants, tasks, findings, shares and hand-overs (and the actions the
table offers the caller), one POST per action. Thin: schemas parse; selectors read; services write and
refuse (422 keyed by field); another agency's object is a 404."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.accounts.models import User
from zhifa.collaboration.models import Finding, FindingShare, Handover, JointAction
from zhifa.collaboration.organisation import selectors as organisation
from zhifa.collaboration.organisation import services as organisation_services
from zhifa.core import kit
from zhifa.core.params import Id
from zhifa.registry.models import Officer

from . import choosing, selectors, services
from .transitions import BY, MACHINE, MANAGE

router = Router(tags=["联合执法"])
organisation_router = Router(tags=["联合执法领导小组"])


class ParticipantOut(Schema):
    agency_id: int
    agency_name: str
    officers: list[str]

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_officers(obj) -> list[str]:
        return [o.name for o in obj.officers.all()]


class ShareOut(Schema):
    id: int
    agency_id: int
    item_codes: list[str]
    by_office: bool
    case_id: int | None


class HandoverOut(Schema):
    id: int
    agency_id: int
    status: str
    status_label: str
    notified_at: datetime
    arrived_at: datetime | None
    handed_over_at: datetime | None
    receiver: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class FindingOut(Schema):
    id: int
    description: str
    party_name: str
    place: str
    found_on: date
    item_codes: list[str]
    status: str
    status_label: str
    shares: list[ShareOut]
    handover: HandoverOut | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_shares(obj) -> list:
        return list(obj.shares.all())

    @staticmethod
    def resolve_handover(obj):
        return getattr(obj, "handover", None)


class ActionOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    place: str
    starts_on: date
    ends_on: date
    status: str
    status_label: str
    lead_agency_id: int
    lead_agency_name: str
    office_id: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_lead_agency_name(obj) -> str:
        return obj.lead_agency.name


class ActionDetailOut(ActionOut):
    reason: str
    plan: str
    decision_note: str
    participants: list[ParticipantOut]
    tasks: list[str]
    findings: list[FindingOut]
    actions: list[str]

    @staticmethod
    def resolve_participants(obj) -> list:
        return list(obj.participants.select_related("agency").prefetch_related("officers"))

    @staticmethod
    def resolve_tasks(obj) -> list[str]:
        return [t.content for t in obj.tasks.all()]

    @staticmethod
    def resolve_findings(obj) -> list:
        return list(obj.findings.prefetch_related("shares").select_related("handover"))

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return offered(context["request"].auth, obj)


def offered(user, action: JointAction) -> list[str]:
    """The table's actions for the action's status that the user is the party for."""
    if not user.has_perm(MANAGE):
        return []
    roles = services.roles_of(user, action)
    return [a for a in MACHINE.available(action.status, {MANAGE}) if BY.get(a, "participant") in roles]


class ActionIn(Schema):
    title: str = Field(title="行动名称")
    place: str = Field(title="地点")
    starts_on: date | None = None
    ends_on: date | None = None
    agency_ids: list[Id] = Field([], title="参与部门")
    officer_ids: list[Id] = Field([], title="参与执法人员")
    tasks: list[str] = Field([], title="任务分工")
    plan: str = Field("", title="联合执法方案")
    reason: str = Field("", title="事由")


class NoteIn(Schema):
    note: str = Field("", title="审批意见")


class PlanIn(Schema):
    plan: str = Field(title="联合执法方案")


class FindingIn(Schema):
    description: str = Field(title="问题描述")
    party_kind: str = Field(title="当事人类型")
    party_name: str = Field(title="当事人")
    party_id_number: str = Field("", title="身份证号码")
    party_credit_code: str = Field("", title="统一社会信用代码")
    place: str = Field(title="发现地点")
    found_on: date | None = None
    item_codes: list[str] = Field([], title="涉及执法事项")


class SplitIn(Schema):
    decided: dict[str, Id] = Field({}, title="办公室确定的承办部门", description="事项编码 → 部门编号")


class NotifyIn(Schema):
    agency_id: Id
    note: str = Field("", title="通知内容")


class RegisterIn(Schema):
    supervisor_id: Id | None = None


class CompleteIn(Schema):
    receiver: str = Field(title="接收人")
    note: str = Field(title="交接情况")


class JointOfficerOut(Schema):
    id: int
    name: str
    agency_name: str
    certificates: list[str]

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_certificates(obj) -> list[str]:
        return [c.number for c in obj.certificates.all()]


def _input(user, data: ActionIn) -> services.ActionInput:
    return services.ActionInput(
        title=data.title,
        place=data.place,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        agencies=choosing.agencies(user, data.agency_ids),
        officers=choosing.officers_by_id(user, data.officer_ids),
        tasks=data.tasks,
        plan=data.plan,
        reason=data.reason,
    )


def _lead(user):
    if user.agency is None:
        kit.refuse("lead_agency", "您的账号不属于任何机关")
    return user.agency


@router.get("/", response=list[ActionOut], summary="联合执法行动列表")
@paginate
def action_list(
    request, q: str = "", status: str = "", kind: str = "",
    sort: Annotated[str, selectors.ACTION_SORTS] = "",
):  # fmt: skip
    return selectors.actions_visible_to(
        request.auth, selectors.ActionFilters(q=q, status=status, kind=kind, sort=sort)
    )


@router.get("/officers", response=list[JointOfficerOut], summary="搜索执法人员（姓名、拼音首字母或执法证号）")
def officer_search(request, q: str = ""):
    return selectors.officers_matching(request.auth, q[:32])


@router.post("/plan", response={201: ActionDetailOut}, summary="部署常规联合执法（领导小组办公室）")
def action_plan(request, data: ActionIn):
    return Status(201, services.action_plan(actor=request.auth, data=_input(request.auth, data)))


@router.post("/apply", response={201: ActionDetailOut}, summary="申请专项联合执法（提前5日，附方案）")
def action_apply(request, data: ActionIn):
    user = request.auth
    return Status(201, services.action_apply(actor=user, lead=_lead(user), data=_input(user, data)))


@router.post("/report", response={201: ActionDetailOut}, summary="报告应急联合执法")
def action_report(request, data: ActionIn):
    user = request.auth
    return Status(201, services.action_report(actor=user, lead=_lead(user), data=_input(user, data)))


@router.get("/{int:action_id}", response=ActionDetailOut, summary="联合执法行动详情")
def action_detail(request, action_id: int):
    return selectors.get_action(request.auth, action_id)


def _action(request, action_id: int) -> JointAction:
    return selectors.get_action(request.auth, action_id)


@router.post("/{int:action_id}/approve", response=ActionDetailOut, summary="同意实施专项联合执法（办公室）")
def action_approve(request, action_id: int, data: NoteIn):
    return services.action_approve(actor=request.auth, action=_action(request, action_id), note=data.note)


@router.post("/{int:action_id}/refuse", response=ActionDetailOut, summary="不同意实施（办公室，须写明理由）")
def action_refuse(request, action_id: int, data: NoteIn):
    return services.action_refuse(actor=request.auth, action=_action(request, action_id), note=data.note)


@router.post("/{int:action_id}/draft", response=ActionDetailOut, summary="拟定应急联合执法方案（办公室）")
def action_draft(request, action_id: int, data: PlanIn):
    return services.action_draft(actor=request.auth, action=_action(request, action_id), plan=data.plan)


@router.post("/{int:action_id}/authorise", response=ActionDetailOut, summary="组长批准应急联合执法")
def action_authorise(request, action_id: int, data: NoteIn):
    return services.action_authorise(actor=request.auth, action=_action(request, action_id), note=data.note)


@router.post("/{int:action_id}/start", response=ActionDetailOut, summary="开始实施")
def action_start(request, action_id: int):
    return services.action_start(actor=request.auth, action=_action(request, action_id))


@router.post("/{int:action_id}/finish", response=ActionDetailOut, summary="结束行动")
def action_finish(request, action_id: int):
    return services.action_finish(actor=request.auth, action=_action(request, action_id))


@router.post("/{int:action_id}/findings", response={201: FindingOut}, summary="记录联合执法发现的问题")
def finding_record(request, action_id: int, data: FindingIn):
    finding = services.finding_record(
        actor=request.auth,
        action=_action(request, action_id),
        data=services.FindingInput(**data.dict()),
    )
    return Status(201, finding)


def _finding(request, finding_id: int) -> Finding:
    return selectors.get_finding(request.auth, finding_id)


@router.post(
    "/findings/{int:finding_id}/split",
    response=FindingOut,
    summary="分案（两个以上部门有职权时由办公室确定）",
)
def finding_split(request, finding_id: int, data: SplitIn):
    finding = _finding(request, finding_id)
    decided = {code: choosing.agency(request.auth, pk, "decided") for code, pk in data.decided.items()}
    services.finding_split(actor=request.auth, finding=finding, decided=decided)
    return _finding(request, finding_id)


@router.post(
    "/findings/{int:finding_id}/notify", response={201: HandoverOut}, summary="通知有权处理的部门到场交接"
)
def finding_notify(request, finding_id: int, data: NotifyIn):
    finding = _finding(request, finding_id)
    agency = choosing.agency(request.auth, data.agency_id)
    return Status(
        201, services.finding_notify(actor=request.auth, finding=finding, agency=agency, note=data.note)
    )


@router.post("/shares/{int:share_id}/register", response=ShareOut, summary="分案立案（以本部门名义登记案件）")
def share_register(request, share_id: int, data: RegisterIn):
    share: FindingShare = selectors.get_share(request.auth, share_id)
    supervisor = None
    if data.supervisor_id is not None:
        supervisor = Officer.objects.filter(pk=data.supervisor_id, agency_id=share.agency_id).first()
        if supervisor is None:
            kit.refuse("supervisor", "指导执法人员应为本部门的执法人员")
    return services.share_register(actor=request.auth, share=share, supervisor=supervisor)


@router.post("/handovers/{int:handover_id}/arrive", response=HandoverOut, summary="登记到场")
def handover_arrive(request, handover_id: int):
    handover: Handover = selectors.get_handover(request.auth, handover_id)
    return services.handover_arrive(actor=request.auth, handover=handover)


@router.post("/handovers/{int:handover_id}/complete", response=HandoverOut, summary="办理现场交接")
def handover_complete(request, handover_id: int, data: CompleteIn):
    handover: Handover = selectors.get_handover(request.auth, handover_id)
    return services.handover_complete(
        actor=request.auth, handover=handover, receiver=data.receiver, note=data.note
    )


# ---- /api/collaboration/organisation/ -------------------------------------------------------------------


class MemberOut(Schema):
    role: str
    role_label: str
    name: str
    post: str

    @staticmethod
    def resolve_role_label(obj) -> str:
        return obj.get_role_display()


class GroupOut(Schema):
    id: int
    region_name: str
    office_id: int
    office_name: str
    leader_id: int | None
    members: list[MemberOut]

    @staticmethod
    def resolve_region_name(obj) -> str:
        return obj.region.name

    @staticmethod
    def resolve_office_name(obj) -> str:
        return obj.office.name

    @staticmethod
    def resolve_members(obj) -> list:
        return list(obj.members.all())


class MemberIn(Schema):
    role: str
    name: str = Field(title="姓名")
    post: str = Field("", title="单位及职务")


class GroupIn(Schema):
    office_id: Id
    leader_id: Id | None = None
    members: list[MemberIn] = []
    note: str = Field("", title="说明")


class LiaisonOut(Schema):
    agency_id: int
    agency_name: str
    name: str
    phone: str


class LiaisonIn(Schema):
    name: str = Field(title="联络员姓名")
    phone: str = Field(title="联系电话")


def _liaison_rows(agencies) -> list[dict]:
    rows = []
    for agency in agencies:
        liaison = getattr(agency, "liaison", None)
        rows.append({"agency_id": agency.pk, "agency_name": agency.name, "name": liaison.name if liaison else "",
                     "phone": liaison.phone if liaison else ""})  # fmt: skip
    return rows


@organisation_router.get("/group", response={200: GroupOut, 204: None}, summary="本地区联合执法领导小组")
def group_detail(request):
    group = organisation.group_for(request.auth)
    return group if group is not None else Status(204, None)


@organisation_router.put("/group", response=GroupOut, summary="设立或调整领导小组（司法局或办公室）")
def group_save(request, data: GroupIn):
    user = request.auth
    if user.agency is None:
        kit.refuse("office", "您的账号不属于任何机关")
    group = organisation.group_for(user)
    region = group.region if group is not None else user.agency.region
    office = (
        choosing.agency(user, data.office_id, "office") if group else _own_region_agency(user, data.office_id)
    )
    leader = User.objects.filter(pk=data.leader_id, is_active=True).first() if data.leader_id else None
    if data.leader_id and leader is None:
        kit.refuse("leader", "组长账号不存在或已停用")
    members = [organisation_services.MemberInput(m.role, m.name, m.post) for m in data.members]
    return organisation_services.group_save(
        actor=user, region=region, office=office, leader=leader, members=members, note=data.note
    )


def _own_region_agency(user, pk: int):
    from zhifa.core.models import Agency

    office = Agency.objects.filter(pk=pk, region__path__startswith=user.agency.region.path).first()
    if office is None:
        kit.refuse("office", f"机关（编号{pk}）不在本地区")
    return office


@organisation_router.get("/liaisons", response=list[LiaisonOut], summary="各部门联络员")
def liaison_list(request, q: str = ""):
    return _liaison_rows(organisation.departments(request.auth, q))


@organisation_router.put(
    "/liaisons/{int:agency_id}", response=LiaisonOut, summary="指定联络员（司法局或办公室）"
)
def liaison_set(request, agency_id: int, data: LiaisonIn):
    agency = organisation.get_department(request.auth, agency_id)
    organisation_services.liaison_set(actor=request.auth, agency=agency, name=data.name, phone=data.phone)
    return _liaison_rows([organisation.get_department(request.auth, agency_id)])[0]
