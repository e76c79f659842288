"""/api/training/ 培训管理: 年度培训计划 (with its items and 报送), the 培训师资库, 领导干部学法 (记录, 更正 and
删除) and its yearly report, and the 全员轮训 completion rate per agency. Thin: schemas only parse; reads
through selectors, writes through services. Another agency's row is a 404, an action the user may not take
a 403, a refusal a 422 keyed by field in Chinese."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access
from zhifa.core.params import Id, Year
from zhifa.core.privacy import mask_phone
from zhifa.core.selectors import chosen_agency

from .. import selectors
from ..services import leader_study, plans, trainers
from ..transitions import MANAGE_PLAN, MANAGE_STUDY, MANAGE_TRAINER, PLAN_STEPS

router = Router(tags=["培训管理"])


def _agency(user, pk: int | None, perm: str):
    return chosen_agency(user, pk, field="agency_id", perm=perm) if pk else None


# ---- schemas -------------------------------------------------------------------------------------------


class ItemOut(Schema):
    id: int
    content: str
    audience: str
    hours: Decimal
    month: int | None


class PlanOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    year: int
    title: str
    status: str
    status_label: str
    submitted_at: datetime | None
    planned_hours: Decimal
    item_count: int

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_planned_hours(obj) -> Decimal:
        return obj.planned_hours or Decimal(0)


class PlanDetailOut(PlanOut):
    items: list[ItemOut]
    actions: list[str]

    @staticmethod
    def resolve_items(obj) -> list:
        return list(obj.items.all())

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        user = context["request"].auth
        if not access.can(user, MANAGE_PLAN, obj):
            return []
        return [step.action for step in PLAN_STEPS.values() if obj.status in step.sources]


class PlanIn(Schema):
    year: int | None = None
    title: str = Field("", title="计划名称")
    agency_id: Id | None = None


class ItemIn(Schema):
    content: str = Field("", title="培训内容")
    audience: str = Field("", title="参训对象")
    hours: str = Field("", title="计划学时")
    month: int | None = None


class TrainerOut(Schema):
    id: int
    name: str
    unit: str
    specialty: str
    title: str
    phone: str
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    active: bool

    @staticmethod
    def resolve_phone(obj, context) -> str:
        """Masked but for those who keep the entry (个人信息保护法 第六条)."""
        user = context["request"].auth
        return obj.phone if access.can(user, MANAGE_TRAINER, obj) else mask_phone(obj.phone)


class TrainerIn(Schema):
    name: str = Field("", title="姓名")
    unit: str = Field("", title="工作单位")
    specialty: str = Field("", title="擅长领域")
    title: str = Field("", title="职称职务")
    phone: str = Field("", title="联系方式")
    agency_id: Id | None = None


class WithdrawIn(Schema):
    reason: str = Field("", title="移出理由")


class AttendeeOut(Schema):
    id: int
    name: str
    post: str


class StudyOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    held_on: date
    topic: str
    hours: Decimal
    lecturer: str
    attendee_count: int


class StudyDetailOut(StudyOut):
    attendees: list[AttendeeOut]

    @staticmethod
    def resolve_attendees(obj) -> list:
        return list(obj.attendees.order_by("name", "id"))


class StudyFields(Schema):
    held_on: date | None = None
    topic: str = Field("", title="学法主题")
    hours: str = Field("", title="学时")
    lecturer: str = Field("", title="授课人")
    attendee_ids: list[Id] = []


class StudyIn(StudyFields):
    agency_id: Id | None = None


class StudyCorrectionIn(StudyFields):
    correction_reason: str = Field("", title="更正理由")


class StudyDeleteIn(Schema):
    reason: str = Field("", title="删除理由")


class StudyTotalsOut(Schema):
    agency_id: int
    agency_name: str
    sessions: int
    hours: Decimal
    attendances: int


class CompletionOut(Schema):
    agency_id: int
    agency_name: str
    officers: int
    reached: int
    rate: float | None

    @staticmethod
    def resolve_rate(obj) -> float | None:
        return None if obj.rate is None else round(float(obj.rate), 4)


# ---- 年度培训计划 ----------------------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut], summary="年度培训计划")
@paginate
def plan_list(request, q: str = "", year: Year | None = None, status: str = "", agency_id: Id | None = None):
    return selectors.plans_visible_to(request.auth, q=q, year=year, status=status, agency_id=agency_id)


@router.get("/plans/{int:plan_id}", response=PlanDetailOut, summary="年度培训计划详情")
def plan_detail(request, plan_id: int):
    return selectors.get_plan(request.auth, plan_id)


@router.post("/plans", response={201: PlanDetailOut}, summary="编制年度培训计划")
def plan_create(request, data: PlanIn):
    user = request.auth
    plan = plans.plan_create(
        actor=user,
        data=plans.PlanInput(
            year=data.year, title=data.title, agency=_agency(user, data.agency_id, MANAGE_PLAN)
        ),
    )
    return Status(201, selectors.get_plan(user, plan.pk))


@router.post("/plans/{int:plan_id}/items", response={201: PlanDetailOut}, summary="添加培训内容")
def plan_item_add(request, plan_id: int, data: ItemIn):
    plan = selectors.get_plan(request.auth, plan_id)
    plans.plan_item_add(
        actor=request.auth, plan=plan,
        data=plans.ItemInput(content=data.content, audience=data.audience, hours=data.hours, month=data.month),
    )  # fmt: skip
    return Status(201, selectors.get_plan(request.auth, plan_id))


@router.delete("/plans/{int:plan_id}/items/{int:item_id}", response=PlanDetailOut, summary="删除培训内容")
def plan_item_remove(request, plan_id: int, item_id: int):
    plan = selectors.get_plan(request.auth, plan_id)
    plans.plan_item_remove(actor=request.auth, plan=plan, item_id=item_id)
    return selectors.get_plan(request.auth, plan_id)


@router.post("/plans/{int:plan_id}/submit", response=PlanDetailOut, summary="报送年度培训计划")
def plan_submit(request, plan_id: int):
    plan = selectors.get_plan(request.auth, plan_id)
    plans.plan_submit(actor=request.auth, plan=plan)
    return selectors.get_plan(request.auth, plan_id)


# ---- 培训师资库 ------------------------------------------------------------------------------------------


@router.get("/trainers", response=list[TrainerOut], summary="培训师资库")
@paginate
def trainer_list(request, q: str = "", include_withdrawn: bool = False):
    return selectors.trainers_visible_to(request.auth, q=q, include_withdrawn=include_withdrawn)


@router.get("/trainers/{int:trainer_id}", response=TrainerOut, summary="培训师资详情")
def trainer_detail(request, trainer_id: int):
    return selectors.get_trainer(request.auth, trainer_id)


def _trainer_input(user, data: TrainerIn) -> trainers.TrainerInput:
    return trainers.TrainerInput(
        name=data.name, unit=data.unit, specialty=data.specialty, title=data.title, phone=data.phone,
        agency=_agency(user, data.agency_id, MANAGE_TRAINER),
    )  # fmt: skip


@router.post("/trainers", response={201: TrainerOut}, summary="登记培训师资")
def trainer_add(request, data: TrainerIn):
    trainer = trainers.trainer_add(actor=request.auth, data=_trainer_input(request.auth, data))
    return Status(201, selectors.get_trainer(request.auth, trainer.pk))


@router.put("/trainers/{int:trainer_id}", response=TrainerOut, summary="修改培训师资")
def trainer_update(request, trainer_id: int, data: TrainerIn):
    trainer = selectors.get_trainer(request.auth, trainer_id)
    trainers.trainer_update(actor=request.auth, trainer=trainer, data=_trainer_input(request.auth, data))
    return selectors.get_trainer(request.auth, trainer_id)


@router.post("/trainers/{int:trainer_id}/withdraw", response=TrainerOut, summary="移出师资库")
def trainer_withdraw(request, trainer_id: int, data: WithdrawIn):
    trainer = selectors.get_trainer(request.auth, trainer_id)
    trainers.trainer_withdraw(actor=request.auth, trainer=trainer, reason=data.reason)
    return selectors.get_trainer(request.auth, trainer_id)


# ---- 领导干部学法 ----------------------------------------------------------------------------------------


@router.get("/studies", response=list[StudyOut], summary="领导干部学法")
@paginate
def study_list(request, q: str = "", year: Year | None = None, agency_id: Id | None = None):
    return selectors.studies_visible_to(request.auth, q=q, year=year, agency_id=agency_id)


@router.get("/studies/report", response=list[StudyTotalsOut], summary="年度领导干部学法情况（按机关）")
def study_report(request, year: Year):
    return selectors.study_report(request.auth, year)


@router.get("/studies/{int:study_id}", response=StudyDetailOut, summary="领导干部学法详情")
def study_detail(request, study_id: int):
    return selectors.get_study(request.auth, study_id)


@router.post("/studies", response={201: StudyDetailOut}, summary="记录领导干部学法")
def study_record(request, data: StudyIn):
    user = request.auth
    study = leader_study.leader_study_record(
        actor=user,
        data=leader_study.StudyInput(
            held_on=data.held_on, topic=data.topic, hours=data.hours, lecturer=data.lecturer,
            attendee_ids=data.attendee_ids, agency=_agency(user, data.agency_id, MANAGE_STUDY),
        ),
    )  # fmt: skip
    return Status(201, selectors.get_study(user, study.pk))


@router.put("/studies/{int:study_id}", response=StudyDetailOut, summary="更正领导干部学法")
def study_correct(request, study_id: int, data: StudyCorrectionIn):
    study = selectors.get_study(request.auth, study_id)
    leader_study.leader_study_correct(
        actor=request.auth, study=study, reason=data.correction_reason,
        data=leader_study.StudyInput(
            held_on=data.held_on, topic=data.topic, hours=data.hours, lecturer=data.lecturer,
            attendee_ids=data.attendee_ids,
        ),
    )  # fmt: skip
    return selectors.get_study(request.auth, study_id)


@router.delete("/studies/{int:study_id}", response={204: None}, summary="删除领导干部学法")
def study_delete(request, study_id: int, data: StudyDeleteIn):
    """The reason in the body (the record log keeps it with the deleted session)."""
    study = selectors.get_study(request.auth, study_id)
    leader_study.leader_study_delete(actor=request.auth, study=study, reason=data.reason)
    return Status(204, None)


# ---- 全员轮训 completion rate ---------------------------------------------------------------------------


@router.get("/completion", response=list[CompletionOut], summary="全员轮训完成率（按机关）")
@paginate
def completion(request, year: Year | None = None, q: str = ""):
    """`year` defaults to this year, as on the page."""
    year = year or timezone.localdate().year
    return [selectors.completion_of(row) for row in selectors.completion_rows(request.auth, year, q=q)]
