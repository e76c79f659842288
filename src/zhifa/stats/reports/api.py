"""/api/stats/reports/ (报送): the kinds of report (templates), rounds with their 汇总表, submissions with the
actions offered to the caller, and one POST per action. Thin: schemas parse; reads through selectors,
writes through services. Another agency's row is a 404, an action of the other side a 422 with the reason."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import kit

from . import selectors, services, views
from .kinds import KINDS
from .transitions import is_overdue, offered

router = Router(tags=["统计分析"])


class FigureOut(Schema):
    key: str
    label: str
    money: bool
    computed: bool


class KindOut(Schema):
    code: str
    label: str
    basis: str
    rule: str
    figures: list[FigureOut]


class RoundBase(Schema):
    id: int
    agency_id: int
    agency_name: str
    kind: str
    kind_label: str
    period: str
    period_label: str
    period_start: date
    period_end: date
    due_on: date
    note: str
    forwarded_at: datetime | None


class RoundOut(RoundBase):
    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class SubmissionLineOut(Schema):
    submission_id: int
    agency_id: int
    agency_name: str
    status: str
    status_label: str
    due_on: date
    overdue: bool
    counted: bool
    figures: dict[str, str | None]


class RoundDetailOut(RoundBase):
    expected: int
    received: int
    accepted: int
    overdue: int
    lines: list[SubmissionLineOut]
    totals: dict[str, str]


class SubmissionOut(Schema):
    id: int
    round_id: int
    kind: str
    kind_label: str
    period_label: str
    agency_id: int
    agency_name: str
    receiver_id: int
    receiver_name: str
    status: str
    status_label: str
    due_on: date
    overdue: bool
    submitted_at: datetime | None

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.round.kind

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.round.get_kind_display()

    @staticmethod
    def resolve_period_label(obj) -> str:
        return obj.round.period_label

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_receiver_id(obj) -> int:
        return obj.round.agency_id

    @staticmethod
    def resolve_receiver_name(obj) -> str:
        return obj.round.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(obj)


class SubmissionDetailOut(SubmissionOut):
    figures: dict[str, str]
    computed: dict[str, str]
    reasons: dict[str, str]
    prefill: dict[str, str]
    note: str
    return_reason: str
    actions: list[str]

    @staticmethod
    def resolve_prefill(obj) -> dict[str, str]:
        return services.prefill(obj) if obj.status in ("pending", "returned") else {}

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return offered(context["request"].auth, obj)


class RoundIn(Schema):
    kind: str = Field("", title="报送事项")
    period: str = Field("", title="报送期间")
    note: str = Field("", title="报送要求")


class SubmitIn(Schema):
    figures: dict[str, str] = {}
    reasons: dict[str, str] = {}
    note: str = Field("", title="情况说明")


class ReturnIn(Schema):
    reason: str = Field("", title="退回理由")


def _round_detail(round_) -> dict:
    table = selectors.table(round_)
    keys = [f.key for f in table.spec.figures]
    return {
        **{f: getattr(round_, f) for f in ("id", "agency_id", "kind", "period", "period_label", "period_start",
                                           "period_end", "due_on", "note", "forwarded_at")},
        "agency_name": round_.agency.name, "kind_label": round_.get_kind_display(),
        "expected": table.expected, "received": table.received, "accepted": table.accepted,
        "overdue": table.overdue, "totals": dict(zip(keys, table.totals, strict=True)),
        "lines": [
            {"submission_id": line.submission.pk, "agency_id": line.submission.agency_id,
             "agency_name": line.submission.agency.name, "status": line.submission.status,
             "status_label": line.submission.get_status_display(), "due_on": line.submission.due_on,
             "overdue": line.overdue, "counted": line.counted, "figures": dict(zip(keys, line.values, strict=True))}
            for line in table.lines
        ],
    }  # fmt: skip


@router.get("/kinds", response=list[KindOut], summary="报送事项（表样、报送期限）")
def kind_list(request):
    return [
        {"code": s.code, "label": s.label, "basis": s.basis, "rule": s.rule,
         "figures": [vars(f) for f in s.figures]}
        for s in KINDS.values()
    ]  # fmt: skip


@router.get("/rounds", response=list[RoundOut], summary="报送任务列表")
@paginate
def round_list(request, q: str = "", kind: str = "", sort: Literal["-created", "due", "period"] = "-created"):
    return selectors.rounds_visible_to(request.auth, q, kind, sort)


@router.post("/rounds", response={201: RoundDetailOut}, summary="下发报送任务（本机关为司法行政部门）")
def round_issue(request, data: RoundIn):
    if request.auth.agency is None:
        kit.refuse("agency", "您不属于任何机关，不能下发报送任务")
    round_ = services.round_issue(
        actor=request.auth, bureau=request.auth.agency,
        data=services.RoundInput(kind=data.kind, period=data.period, note=data.note),
    )  # fmt: skip
    return Status(201, _round_detail(selectors.get_round(request.auth, round_.pk)))


@router.get("/rounds/{int:round_id}", response=RoundDetailOut, summary="报送任务及汇总表")
def round_detail(request, round_id: int):
    return _round_detail(selectors.get_round(request.auth, round_id))


@router.get("/rounds/{int:round_id}/export", summary="汇总表（xlsx）")
def round_export(request, round_id: int) -> HttpResponse:
    return views.round_xlsx(selectors.get_round(request.auth, round_id))


@router.post(
    "/rounds/{int:round_id}/forward", response=SubmissionDetailOut, summary="汇总上报上级司法行政部门"
)
def round_forward(request, round_id: int):
    submission = services.round_forward(actor=request.auth, round=selectors.get_round(request.auth, round_id))
    return selectors.get_submission(request.auth, submission.pk)


@router.get("/submissions", response=list[SubmissionOut], summary="报送列表")
@paginate
def submission_list(
    request, q: str = "", kind: str = "", status: str = "", overdue: bool = False, mine: bool = False,
    sort: Literal["-created", "due", "agency"] = "-created",
):  # fmt: skip
    filters = selectors.Filters(q=q, kind=kind, status=status, overdue=overdue, mine=mine, sort=sort)
    return selectors.submissions_visible_to(request.auth, filters)


@router.get(
    "/submissions/{int:submission_id}", response=SubmissionDetailOut, summary="报送详情（含系统预填数据）"
)
def submission_detail(request, submission_id: int):
    return selectors.get_submission(request.auth, submission_id)


@router.post(
    "/submissions/{int:submission_id}/submit", response=SubmissionDetailOut, summary="填报并报送（报送单位）"
)
def submission_submit(request, submission_id: int, data: SubmitIn):
    submission = selectors.get_submission(request.auth, submission_id)
    services.submission_submit(
        actor=request.auth, submission=submission, figures=data.figures, reasons=data.reasons, note=data.note
    )
    return selectors.get_submission(request.auth, submission_id)


@router.post(
    "/submissions/{int:submission_id}/accept", response=SubmissionDetailOut, summary="审核通过（接收机关）"
)
def submission_accept(request, submission_id: int):
    services.submission_accept(
        actor=request.auth, submission=selectors.get_submission(request.auth, submission_id)
    )
    return selectors.get_submission(request.auth, submission_id)


@router.post(
    "/submissions/{int:submission_id}/return", response=SubmissionDetailOut, summary="退回修改（接收机关）"
)
def submission_return(request, submission_id: int, data: ReturnIn):
    submission = selectors.get_submission(request.auth, submission_id)
    services.submission_return(actor=request.auth, submission=submission, reason=data.reason)
    return selectors.get_submission(request.auth, submission_id)
