"""/api/supervision/accountability: the proceedings the caller may see, one proceeding (with the actions
the transition table offers the caller), and one POST per action. Thin: schemas only parse; reads through
selectors, writes through services. Another agency's proceeding is a 404, an action the user may not take a
403, a refusal a 422 keyed by field with the reason in Chinese."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases.models import Challenge
from zhifa.core import access, kit
from zhifa.core.params import Id
from zhifa.registry.models import Officer
from zhifa.supervision.models import AccountabilityCase, Finding

from . import document, selectors, services
from .transitions import MACHINE, PURSUE, is_overdue

router = Router(tags=["执法监督"])


class ProceedingOut(Schema):
    id: int
    officer_id: int
    officer_name: str
    agency_id: int
    agency_name: str
    bureau_id: int
    source_kind: str
    source_kind_label: str
    finding_id: int | None
    challenge_id: int | None
    source_text: str
    source_reference: str
    facts: str
    status: str
    status_label: str
    due_on: date | None
    overdue: bool
    outcome: str
    outcome_label: str
    opened_at: datetime

    @staticmethod
    def resolve_officer_name(obj) -> str:
        return obj.officer.name

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_source_kind_label(obj) -> str:
        return obj.get_source_kind_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_outcome_label(obj) -> str:
        return obj.get_outcome_display() if obj.outcome else ""

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(obj)


class ProceedingDetailOut(ProceedingOut):
    investigation: str
    notice: str
    statement: str
    reason: str
    suspended_until: date | None
    decided_on: date | None
    decision_number: str = Field(description="责任追究决定书文号（作出决定后）")
    restored_on: date | None
    certificates: list[str]
    actions: list[str]

    @staticmethod
    def resolve_certificates(obj) -> list[str]:
        return [c.number for c in obj.certificates.order_by("pk")]

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        user = context["request"].auth
        return MACHINE.offered(obj, {PURSUE} if access.can(user, PURSUE, obj) else set())


class OpenIn(Schema):
    officer_ids: list[Id] = []
    source_kind: str
    finding_id: Id | None = None
    challenge_id: Id | None = None
    source_text: str = Field("", title="投诉举报内容或逾期未履行的职责")
    source_reference: str = Field("", title="来源编号")
    facts: str = Field("", title="立案事由")


class InvestigateIn(Schema):
    investigation: str = Field(title="调查情况")


class NotifyIn(Schema):
    notice: str = Field(title="告知的拟处理意见")


class HearIn(Schema):
    statement: str = Field(title="陈述申辩情况")


class DecideIn(Schema):
    outcome: str
    reason: str = Field("", title="决定理由")
    suspended_until: date | None = None


def _proceeding(request, proceeding_id: int) -> AccountabilityCase:
    return selectors.get_proceeding(request.auth, proceeding_id)


def _officers(user, ids: list[int]) -> list[Officer]:
    """The officers chosen, each one the caller may see (else refused as unknown: no hint it exists)."""
    wanted = list(dict.fromkeys(ids))
    found = {
        o.pk: o
        for o in access.visible_to(user, Officer.objects.select_related("agency").filter(pk__in=wanted))
    }
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        kit.refuse("officer_ids", f"未找到编号为{'、'.join(missing)}的执法人员")
    return [found[pk] for pk in wanted]


def _visible(user, queryset, pk: int | None, field: str, what: str):
    if pk is None:
        return None
    try:
        return access.get_visible_or_404(user, queryset, pk=pk)
    except Http404:
        kit.refuse(field, f"未找到编号为{pk}的{what}")


@router.get("/accountability", response=list[ProceedingOut], summary="责任追究案件列表")
@paginate
def proceeding_list(
    request,
    q: str = "",
    status: str = "",
    outcome: str = "",
    source_kind: str = "",
    overdue: bool = False,
    sort: Literal["-opened", "opened", "due", "officer", "agency"] = "-opened",
):
    filters = selectors.ProceedingFilters(
        q=q, status=status, outcome=outcome, source_kind=source_kind, overdue=overdue, sort=sort
    )
    return selectors.proceedings_visible_to(request.auth, filters)


@router.get("/accountability/{int:proceeding_id}", response=ProceedingDetailOut, summary="责任追究案件详情")
def proceeding_detail(request, proceeding_id: int):
    return _proceeding(request, proceeding_id)


@router.post(
    "/accountability", response={201: list[ProceedingOut]}, summary="责任追究立案（每名责任人员一案）"
)
def proceeding_open(request, data: OpenIn):
    user = request.auth
    made = services.proceeding_open(
        actor=user,
        data=services.OpenInput(
            source_kind=data.source_kind,
            facts=data.facts,
            officers=tuple(_officers(user, data.officer_ids)),
            finding=_visible(
                user, Finding.objects.select_related("item__agency"), data.finding_id, "finding_id", "问题"
            ),
            challenge=_visible(
                user,
                Challenge.objects.select_related("case__agency"),
                data.challenge_id,
                "challenge_id",
                "复议、诉讼",
            ),
            source_text=data.source_text,
            source_reference=data.source_reference,
        ),
    )
    return Status(201, made)


@router.post(
    "/accountability/{int:proceeding_id}/investigate", response=ProceedingDetailOut, summary="记录调查情况"
)
def proceeding_investigate(request, proceeding_id: int, data: InvestigateIn):
    services.proceeding_investigate(
        actor=request.auth, proceeding=_proceeding(request, proceeding_id), investigation=data.investigation
    )
    return _proceeding(request, proceeding_id)


@router.post(
    "/accountability/{int:proceeding_id}/notify", response=ProceedingDetailOut, summary="告知拟处理意见"
)
def proceeding_notify(request, proceeding_id: int, data: NotifyIn):
    services.proceeding_notify(
        actor=request.auth, proceeding=_proceeding(request, proceeding_id), notice=data.notice
    )
    return _proceeding(request, proceeding_id)


@router.post("/accountability/{int:proceeding_id}/hear", response=ProceedingDetailOut, summary="听取陈述申辩")
def proceeding_hear(request, proceeding_id: int, data: HearIn):
    services.proceeding_hear(
        actor=request.auth, proceeding=_proceeding(request, proceeding_id), statement=data.statement
    )
    return _proceeding(request, proceeding_id)


@router.post(
    "/accountability/{int:proceeding_id}/decide",
    response=ProceedingDetailOut,
    summary="作出处理决定（含尽职免责、容错免责；暂扣、收回执法证即时生效）",
)
def proceeding_decide(request, proceeding_id: int, data: DecideIn):
    services.proceeding_decide(
        actor=request.auth, proceeding=_proceeding(request, proceeding_id), **data.dict()
    )
    return _proceeding(request, proceeding_id)


@router.post(
    "/accountability/{int:proceeding_id}/restore",
    response=ProceedingDetailOut,
    summary="暂扣期满，恢复执法证",
)
def proceeding_restore(request, proceeding_id: int):
    services.proceeding_restore(actor=request.auth, proceeding=_proceeding(request, proceeding_id))
    return _proceeding(request, proceeding_id)


@router.get("/accountability/{int:proceeding_id}/decision/{fmt}", summary="下载责任追究决定书（pdf 或 docx）")
def decision_file(request, proceeding_id: int, fmt: Literal["pdf", "docx"]) -> HttpResponse:
    proceeding = _proceeding(request, proceeding_id)
    if not proceeding.decision_number:
        raise Http404("尚未作出处理决定")
    response = HttpResponse(document.render(proceeding, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="accountability-decision-{proceeding.pk}.{fmt}"'
    return response
