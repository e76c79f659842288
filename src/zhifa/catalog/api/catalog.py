"""/api/catalog/: catalogue versions and their derived lists, the draft (items, legal bases, publishing),
discretion benchmarks and the calculator, delegations to townships and post duties. Thin: reads go
through catalog.selectors (scoped by core.access), writes through catalog.services, the calculator is
catalog.discretion. Another agency's object is a 404, a write without the permission a 403, bad input a
422 with Chinese messages by field."""

import dataclasses
from dataclasses import MISSING
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, create_model

from zhifa.core import access
from zhifa.core.formatting import money
from zhifa.core.models import Agency
from zhifa.core.selectors import chosen_agency
from zhifa.registry.models import EnforcementBody, EnforcementField

from .. import discretion, major, penalties, selectors, services
from ..choices import ChangeReason, ExemptionKind, FineBasis, PenaltyMeasure, ProcedureStep
from ..discretion import FACT_LABELS
from ..models import CatalogVersion, Delegation, EnforcementItem, OrgUnit, VersionReview

router = Router(tags=["catalog"])

ListName = Literal["all", "supervision", "random", "legal_review", "av"]


# ---- lookups ----------------------------------------------------------------------------------------


def _agency(request, agency_id: int, perm: str | None = None) -> Agency:
    return access.get_visible_or_404(
        request.auth, Agency.objects.select_related("region"), perm, pk=agency_id
    )


def _version(request, version_id: int) -> CatalogVersion:
    return access.get_visible_or_404(
        request.auth,
        CatalogVersion.objects.select_related("agency", "published_by").annotate(item_count=Count("items")),
        pk=version_id,
    )


def _item(request, item_id: int) -> EnforcementItem:
    return access.get_visible_or_404(
        request.auth,
        EnforcementItem.objects.select_related("version__agency", "field", "implementing_body"),
        pk=item_id,
    )


def _delegation(request, delegation_id: int) -> Delegation:
    return access.get_visible_or_404(
        request.auth, Delegation.objects.select_related("from_agency", "to_agency"), pk=delegation_id
    )


def _field(errors: dict, code: str) -> EnforcementField | None:
    found = EnforcementField.objects.filter(code=code).first()
    if found is None:
        errors["field"] = f"执法领域“{code}”不存在"
    return found


def _body(request, errors: dict, body_id: int | None) -> EnforcementBody | None:
    if body_id is None:
        return None
    body = access.visible_to(request.auth, EnforcementBody.objects.filter(pk=body_id)).first()
    if body is None:
        errors["implementing_body"] = "实施主体不存在或不在您的辖区内"
    return body


def _check_choices(errors: dict, key: str, value: str, choices, label: str, *, blank: bool = False) -> None:
    """Input checks the services leave to the database (no full_clean on these fields)."""
    if (blank and value == "") or value in choices.values:
        return
    errors[key] = f"“{value}”不是有效的{label}"


# ---- schemas: versions and items --------------------------------------------------------------------


class VersionOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    number: int
    status: str
    status_label: str
    reason: str
    reason_label: str
    reason_note: str
    effective_from: date | None
    published_at: datetime | None
    published_by: str | None = Field(None, alias="published_by.real_name")
    content_hash: str
    item_count: int

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_reason_label(obj):
        return obj.get_reason_display() if obj.reason else ""

    @staticmethod
    def resolve_item_count(obj):
        count = getattr(obj, "item_count", None)
        return obj.items.count() if count is None else count


class DerivedListOut(Schema):
    code: str
    label: str
    count: int


class ReviewOut(Schema):
    id: int
    version_id: int
    agency_name: str = Field(alias="version.agency.name")
    version_number: int = Field(alias="version.number")
    list_name: str
    list_label: str
    reviewer_id: int
    reviewer_name: str = Field(alias="reviewer.name")
    status: str
    status_label: str
    reason: str
    decided_by: str | None = Field(None, alias="decided_by.real_name")
    decided_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_list_label(obj):
        return obj.get_list_name_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class VersionDetailOut(VersionOut):
    diff: dict
    lists: list[DerivedListOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_reviews(obj):
        return list(
            obj.reviews.select_related("version__agency", "reviewer", "decided_by").order_by(
                "-created_at", "-id"
            )
        )

    @staticmethod
    def resolve_lists(obj):
        return [
            {"code": code, "label": label, "count": selectors.items_of_list(obj, code).count()}
            for code, (label, _) in selectors.DERIVED_LISTS.items()
        ]


class VersionFilters(Schema):
    agency_id: int | None = None
    status: str = ""


class ItemFilters(Schema):
    list: ListName = "all"
    q: str = ""
    category: str = ""


class ItemOut(Schema):
    id: int
    version_id: int
    code: str
    name: str
    category: str
    category_label: str
    field: str = Field(alias="field.code")
    field_name: str = Field(alias="field.name")
    level: str
    implementing_body_id: int | None
    implementing_body: str | None = Field(None, alias="implementing_body.name")
    is_supervision: bool
    is_random_inspection: bool
    needs_legal_review: bool
    av_steps: list[str]
    has_benchmark: bool

    @staticmethod
    def resolve_category_label(obj):
        return obj.get_category_display()

    @staticmethod
    def resolve_has_benchmark(obj):
        return hasattr(obj, "benchmark")


class BasisOut(Schema):
    id: int
    citation: str
    law_name: str
    rank: str
    article: str
    text: str
    effective_from: date | None
    effective_to: date | None
    fine_basis: str
    statutory_min: Decimal | None
    statutory_max: Decimal | None

    @staticmethod
    def resolve_citation(obj):
        return str(obj)


class LevelOut(Schema):
    level: str
    level_label: str
    conditions: str
    fact_min: Decimal | None
    fact_max: Decimal | None
    warning: bool
    fine_basis: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    confiscate: bool
    suspend: bool
    revoke: bool

    @staticmethod
    def resolve_level_label(obj):
        return obj.get_level_display()


class ExemptionOut(Schema):
    kind: str
    kind_label: str
    conditions: str
    required_facts: list[str]
    required_labels: list[str]
    legal_basis: str

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_required_labels(obj):
        return [FACT_LABELS.get(name, name) for name in obj.required_facts]


class BenchmarkOut(Schema):
    id: int
    legal_basis_id: int
    legal_basis: str
    fact_label: str
    note: str
    levels: list[LevelOut]
    exemptions: list[ExemptionOut]

    @staticmethod
    def resolve_legal_basis(obj):
        return str(obj.legal_basis)

    @staticmethod
    def resolve_levels(obj):
        return obj.levels.all()

    @staticmethod
    def resolve_exemptions(obj):
        return obj.exemptions.all()


class ItemDetailOut(ItemOut):
    agency_id: int = Field(alias="version.agency_id")
    version_number: int = Field(alias="version.number")
    version_status: str = Field(alias="version.status")
    duties: str
    accountability: str
    inspection_object: str
    inspection_method: str
    major_fine_threshold: Decimal | None
    major_on_revocation: bool
    major_on_suspension: bool
    major_criteria: list[str] = Field(
        description="本事项列入重大执法决定法制审核目录的标准；经过听证、疑难复杂案件依法一律须法制审核"
    )
    service_guide: str
    legal_bases: list[BasisOut]
    benchmark: BenchmarkOut | None

    @staticmethod
    def resolve_legal_bases(obj):
        return obj.legal_bases.order_by("id")

    @staticmethod
    def resolve_benchmark(obj):
        return getattr(obj, "benchmark", None)

    @staticmethod
    def resolve_major_criteria(obj):
        return major.item_criteria(obj)


class InForceOut(Schema):
    agency_id: int
    on: date
    number: int | None
    version: VersionOut | None


# ---- schemas: the draft -------------------------------------------------------------------------------


def _schema_of(input_type: type, name: str, **overrides: tuple[Any, Any]) -> type[Schema]:
    """The request body of one of catalog.services' input dataclasses: its fields, types and defaults,
    as a Schema named `name`; overrides give a field another (type, default) in the API."""
    fields = {field.name: (field.type, _default_of(field)) for field in dataclasses.fields(input_type)}
    return create_model(name, __base__=Schema, __module__=__name__, **{**fields, **overrides})


def _default_of(field: dataclasses.Field) -> Any:
    if field.default_factory is not MISSING:
        return Field(default_factory=field.default_factory)
    return ... if field.default is MISSING else field.default  # ...: required


BasisIn = _schema_of(services.BasisInput, "BasisIn")


class ItemIn(Schema):
    name: str
    category: str
    field: str
    level: str
    implementing_body_id: int | None = None
    duties: str = ""
    accountability: str = ""
    is_supervision: bool = False
    is_random_inspection: bool = False
    inspection_object: str = ""
    inspection_method: str = ""
    needs_legal_review: bool = False
    major_fine_threshold: Decimal | None = None
    major_on_revocation: bool = False
    major_on_suspension: bool = False
    av_steps: list[str] = []
    service_guide: str = ""
    legal_bases: list[BasisIn] = []


class ItemCreateIn(ItemIn):
    code: str


class PublishIn(Schema):
    reason: str = ""
    note: str = Field("", title="调整说明")  # the words of the page's form: a refusal names it alike
    effective_from: date | None = None


class ReturnIn(Schema):
    reason: str = Field("", title="退回理由")


# conditions may be left out of the body (the level's own check then asks for it); required_facts is a list.
LevelIn = _schema_of(services.LevelInput, "LevelIn", conditions=(str, ""))
ExemptionIn = _schema_of(services.ExemptionInput, "ExemptionIn", required_facts=(list[str], []))


class BenchmarkIn(Schema):
    legal_basis_id: int | None = None
    fact_label: str = ""
    note: str = ""
    levels: list[LevelIn] = []
    exemptions: list[ExemptionIn] = []


# ---- schemas: the calculator --------------------------------------------------------------------------


class FactsIn(Schema):
    """The case's facts; further boolean facts named by exemptions may be added."""

    model_config = ConfigDict(extra="allow")

    fact_value: Decimal | None = None
    circumstance: str = ""
    illegal_gains: Decimal | None = None
    goods_value: Decimal | None = None
    first_offence: bool = False
    harm_minor: bool = False
    corrected_in_time: bool = False
    no_fault: bool = False


class RecommendIn(Schema):
    item_id: int
    on: date | None = None
    facts: FactsIn = Field(default_factory=FactsIn)


class ExemptionViewOut(Schema):
    kind: str
    label: str
    conditions: str
    legal_basis: str
    applies: bool
    missing: list[str]


class RecommendationOut(Schema):
    on: date
    item_code: str
    item_name: str
    version: int
    level: str | None
    level_label: str | None
    warning: bool
    fine_min: Decimal | None
    fine_max: Decimal | None
    confiscate: bool
    suspend: bool
    revoke: bool
    no_penalty: bool
    measures: list[str]
    exemptions: list[ExemptionViewOut]
    basis: list[str]


# ---- schemas: delegations and duties ------------------------------------------------------------------


class EvaluationOut(Schema):
    id: int
    on: date
    outcome: str
    outcome_label: str
    findings: str
    evaluator: str | None = Field(None, alias="evaluator.real_name")

    @staticmethod
    def resolve_outcome_label(obj):
        return obj.get_outcome_display()


class DelegationOut(Schema):
    id: int
    item_code: str
    item_name: str
    from_agency_id: int
    from_agency_name: str = Field(alias="from_agency.name")
    to_agency_id: int
    to_agency_name: str = Field(alias="to_agency.name")
    form: str
    form_label: str
    document: str
    on: date
    staff_transferred: int
    staff_note: str
    training_note: str
    status: str
    status_label: str
    evaluation_due: date
    due_state: str

    @staticmethod
    def resolve_form_label(obj):
        return obj.get_form_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_due_state(obj):
        """overdue / due (within 30 days) / "" — the same rule as selectors.delegations_due."""
        if obj.status == "withdrawn":
            return ""
        today = timezone.localdate()
        if obj.evaluation_due < today:
            return "overdue"
        return "due" if (obj.evaluation_due - today).days <= 30 else ""


class DelegationDetailOut(DelegationOut):
    evaluations: list[EvaluationOut]

    @staticmethod
    def resolve_evaluations(obj):
        return obj.evaluations.select_related("evaluator").order_by("on", "id")


class DelegationFilters(Schema):
    agency_id: int | None = None
    state: Literal["", "overdue", "due"] = ""


class DelegationIn(Schema):
    item_id: int
    to_agency_id: int
    form: str
    document: str
    on: date
    staff_transferred: int = 0
    staff_note: str = ""
    training_note: str = ""


class EvaluateIn(Schema):
    on: date = Field(default_factory=timezone.localdate)
    outcome: str
    findings: str


class UnitOut(Schema):
    id: int
    name: str
    parent_id: int | None
    label: str

    @staticmethod
    def resolve_label(obj):
        return str(obj)


class HolderOut(Schema):
    unit_id: int
    unit: str
    division: str


class AssignmentOut(HolderOut):
    id: int
    item_code: str


class OverlapOut(Schema):
    item_code: str
    item_name: str
    holders: list[HolderOut]


class GapOut(Schema):
    id: int
    code: str
    name: str


class DutiesOut(Schema):
    agency_id: int
    on: date
    version_id: int | None
    version_number: int | None
    units: list[UnitOut]
    assignments: list[AssignmentOut]
    overlaps: list[OverlapOut]
    gaps: list[GapOut]


# ---- versions and items -------------------------------------------------------------------------------


@router.get("/versions", response=list[VersionOut], summary="清单版本列表")
@paginate
def list_versions(request, filters: Query[VersionFilters]):
    versions = selectors.versions_visible_to(request.auth, agency_id=filters.agency_id)
    if filters.status:
        versions = versions.filter(status=filters.status)
    return versions.annotate(item_count=Count("items")).order_by("agency_id", "-number")


@router.get("/versions/{version_id}", response=VersionDetailOut, summary="清单版本详情（含差异与内容哈希）")
def get_version(request, version_id: int):
    return _version(request, version_id)


@router.get("/versions/{version_id}/items", response=list[ItemOut], summary="清单事项（含派生清单）")
@paginate
def list_items(request, version_id: int, filters: Query[ItemFilters]):
    version = _version(request, version_id)
    return selectors.items_of_list(
        version, filters.list, q=filters.q, category=filters.category
    ).select_related("benchmark")


@router.get("/items/{item_id}", response=ItemDetailOut, summary="执法事项详情（设定依据与裁量基准）")
def get_item(request, item_id: int):
    return _item(request, item_id)


@router.get("/agencies/{agency_id}/in-force", response=InForceOut, summary="某日施行的清单版本")
def in_force(request, agency_id: int, on: date | None = None):
    agency = _agency(request, agency_id, "catalog.view_catalogversion")
    on = on or timezone.localdate()
    version = selectors.version_in_force(agency, on)
    return {
        "agency_id": agency.pk,
        "on": on,
        "number": version.number if version else None,
        "version": _version(request, version.pk) if version else None,
    }


# ---- the draft ----------------------------------------------------------------------------------------


def _item_values(request, data: ItemIn) -> tuple[dict, list[services.BasisInput]]:
    errors: dict[str, str] = {}
    unknown = [step for step in data.av_steps if step not in ProcedureStep.values]
    if unknown:
        errors["av_steps"] = f"未知的执法环节：{'、'.join(unknown)}"
    for index, basis in enumerate(data.legal_bases, start=1):
        _check_choices(
            errors,
            f"legal_bases[{index}].fine_basis",
            basis.fine_basis,
            FineBasis,
            "罚款计算方式",
            blank=True,
        )
    values = data.dict(exclude={"legal_bases", "field", "implementing_body_id", "code"})
    values["field"] = _field(errors, data.field)
    values["implementing_body"] = _body(request, errors, data.implementing_body_id)
    if errors:
        raise ValidationError(errors)
    values["av_steps"] = list(dict.fromkeys(data.av_steps))
    return values, [services.BasisInput(**basis.dict()) for basis in data.legal_bases]


@router.post("/agencies/{agency_id}/draft", response=VersionDetailOut, summary="打开草稿（复制最新发布版本）")
def open_draft(request, agency_id: int):
    draft = services.draft_open(actor=request.auth, agency=chosen_agency(request.auth, agency_id))
    return _version(request, draft.pk)


@router.post("/drafts/{version_id}/items", response={201: ItemDetailOut}, summary="草稿新增事项")
def create_item(request, version_id: int, data: ItemCreateIn):
    draft = _version(request, version_id)
    values, bases = _item_values(request, data)
    item = services.item_create(actor=request.auth, draft=draft, code=data.code, legal_bases=bases, **values)
    return Status(201, _item(request, item.pk))


@router.put(
    "/drafts/{version_id}/items/{code}",
    response={200: ItemDetailOut, 201: ItemDetailOut},
    summary="草稿新增或替换事项",
)
def save_item(request, version_id: int, code: str, data: ItemIn):
    draft = _version(request, version_id)
    values, bases = _item_values(request, data)
    existed = draft.items.filter(code=code).exists()
    item = services.item_save(actor=request.auth, draft=draft, code=code, legal_bases=bases, **values)
    return Status(200 if existed else 201, _item(request, item.pk))


@router.delete("/drafts/{version_id}/items/{code}", response={204: None}, summary="草稿删除事项")
def remove_item(request, version_id: int, code: str):
    services.item_remove(actor=request.auth, draft=_version(request, version_id), code=code)
    return Status(204, None)


@router.post("/drafts/{version_id}/submit", response=VersionDetailOut, summary="报送清单版本审核")
def submit(request, version_id: int, data: PublishIn):
    draft = _version(request, version_id)
    errors: dict[str, str] = {}
    _check_choices(errors, "reason", data.reason, ChangeReason, "调整原因", blank=True)
    if errors:
        raise ValidationError(errors)
    version = services.version_submit(
        actor=request.auth,
        draft=draft,
        reason=data.reason,
        reason_note=data.note,
        effective_from=data.effective_from,
    )
    return _version(request, version.pk)


def _review(request, review_id: int) -> VersionReview:
    """A review of the user's own agency (else 404)."""
    review = selectors.reviews_visible_to(request.auth).filter(pk=review_id).first()
    if review is None:
        raise Http404("未找到该审核，或您无权查看")
    return review


@router.get("/reviews", response=list[ReviewOut], summary="本机关的清单审核（默认待审核）")
@paginate
def list_reviews(request, status: str = "pending"):
    reviews = selectors.reviews_visible_to(request.auth)
    return reviews.filter(status=status) if status else reviews


@router.get("/reviews/{review_id}", response=ReviewOut, summary="清单审核详情")
def get_review(request, review_id: int):
    return _review(request, review_id)


@router.post("/reviews/{review_id}/approve", response=ReviewOut, summary="清单审核通过")
def approve_review(request, review_id: int):
    review = _review(request, review_id)
    services.version_approve(actor=request.auth, review=review)
    return _review(request, review.pk)


@router.post("/reviews/{review_id}/return", response=ReviewOut, summary="清单退回修改")
def return_review(request, review_id: int, data: ReturnIn):
    review = _review(request, review_id)
    services.version_return(actor=request.auth, review=review, reason=data.reason)
    return _review(request, review.pk)


@router.put("/items/{item_id}/benchmark", response=ItemDetailOut, summary="设定裁量基准")
def set_benchmark(request, item_id: int, data: BenchmarkIn):
    item = _item(request, item_id)
    errors: dict[str, str] = {}
    for index, exemption in enumerate(data.exemptions, start=1):
        _check_choices(errors, f"exemptions[{index}].kind", exemption.kind, ExemptionKind, "减免责类型")
    if data.legal_basis_id is not None:
        basis = item.legal_bases.filter(pk=data.legal_basis_id).first()
        if basis is None:
            errors["legal_basis"] = "处罚依据必须是该事项的设定依据"
    else:
        bases = list(item.legal_bases.all()[:2])
        basis = bases[0] if len(bases) == 1 else None
        if basis is None:
            errors["legal_basis"] = "该事项有多项设定依据，请选择处罚依据"
    if errors:
        raise ValidationError(errors)
    services.benchmark_set(
        actor=request.auth,
        item=item,
        legal_basis=basis,
        levels=[services.LevelInput(**level.dict()) for level in data.levels],
        exemptions=[
            services.ExemptionInput(**{**e.dict(), "required_facts": tuple(e.required_facts)})
            for e in data.exemptions
        ],
        fact_label=data.fact_label,
        note=data.note,
    )
    return _item(request, item.pk)


# ---- the calculator -----------------------------------------------------------------------------------


def _measures(result: discretion.Recommendation) -> list[str]:
    if result.no_penalty:
        return ["不予行政处罚"]
    measures = [label for label in penalties.level_labels(result) if label == PenaltyMeasure.WARNING.label]
    if result.fine_min is not None and result.fine_max is not None:
        measures.append(f"{PenaltyMeasure.FINE.label}{money(result.fine_min)}至{money(result.fine_max)}")
    measures += [label for label in penalties.level_labels(result) if label != PenaltyMeasure.WARNING.label]
    return measures


@router.post("/recommend", response=RecommendationOut, summary="裁量基准计算器")
def recommend(request, data: RecommendIn):
    item = _item(request, data.item_id)
    on = data.on or timezone.localdate()
    facts = {key: value for key, value in data.facts.dict().items() if value not in (None, "")}
    result = discretion.recommend(item, facts, on=on)
    return {**vars(result), "on": on, "measures": _measures(result)}


# ---- 赋权乡镇 -------------------------------------------------------------------------------------------


@router.get("/delegations", response=list[DelegationOut], summary="赋权乡镇事项")
@paginate
def list_delegations(request, filters: Query[DelegationFilters]):
    delegations = selectors.delegations_visible_to(request.auth)
    if filters.agency_id:
        delegations = delegations.filter(from_agency_id=filters.agency_id) | delegations.filter(
            to_agency_id=filters.agency_id
        )
    if filters.state:
        overdue, due = selectors.delegations_due(delegations)
        delegations = overdue if filters.state == "overdue" else due
    return delegations.order_by("evaluation_due", "id")


@router.get("/delegations/{delegation_id}", response=DelegationDetailOut, summary="赋权事项详情")
def get_delegation(request, delegation_id: int):
    return _delegation(request, delegation_id)


@router.post("/delegations", response={201: DelegationDetailOut}, summary="赋权乡镇（街道）")
def create_delegation(request, data: DelegationIn):
    item = _item(request, data.item_id)
    to_agency = Agency.objects.select_related("region").filter(pk=data.to_agency_id, active=True).first()
    if to_agency is None:
        raise ValidationError({"to_agency": "承接乡镇（街道）不存在"})
    delegation = services.delegation_create(
        actor=request.auth,
        from_agency=item.version.agency,
        to_agency=to_agency,
        item=item,
        **data.dict(exclude={"item_id", "to_agency_id"}),
    )
    return Status(201, _delegation(request, delegation.pk))


@router.post("/delegations/{delegation_id}/evaluate", response=DelegationDetailOut, summary="赋权事项评估")
def evaluate_delegation(request, delegation_id: int, data: EvaluateIn):
    delegation = _delegation(request, delegation_id)
    services.delegation_evaluate(
        actor=request.auth, delegation=delegation, on=data.on, outcome=data.outcome, findings=data.findings
    )
    return _delegation(request, delegation_id)


# ---- 裁量基准定期评估 -------------------------------------------------------------------------------------


class BenchmarkEvaluationIn(Schema):
    item_code: str = Field("", title="事项")
    on: date | None = Field(None, title="评估日期")
    findings: str = Field("", title="评估意见")
    needs_revision: bool = Field(False, title="评估结论：需修订（否则继续适用）")


class BenchmarkEvaluationOut(Schema):
    id: int
    agency_id: int
    item_code: str
    on: date
    findings: str
    needs_revision: bool
    conclusion: str
    revised_in_id: int | None


class BenchmarkDueOut(Schema):
    item_code: str
    item_name: str
    last_evaluated: date | None
    due: date
    overdue: bool


class BenchmarkEvaluationsOut(Schema):
    interval_months: int
    due: list[BenchmarkDueOut]
    evaluations: list[BenchmarkEvaluationOut]


VIEW_EVALUATION = "catalog.view_benchmarkevaluation"


@router.get(
    "/agencies/{agency_id}/benchmark-evaluations",
    response=BenchmarkEvaluationsOut,
    summary="裁量基准定期评估（30日内到期及逾期的基准，最近的评估记录）",
)
def list_benchmark_evaluations(request, agency_id: int):
    from .. import evaluations
    from ..models import BenchmarkEvaluation

    agency = _agency(request, agency_id, VIEW_EVALUATION)
    records = access.visible_to(
        request.auth, BenchmarkEvaluation.objects.filter(agency=agency), VIEW_EVALUATION
    ).order_by("-on", "-id")[:100]
    due = evaluations.schedule(
        Agency.objects.filter(pk=agency.pk),
        on=timezone.localdate(),
        due_within_days=evaluations.DUE_SOON_DAYS,
        limit=100,
    )
    return {"interval_months": evaluations.interval_months(), "due": due, "evaluations": list(records)}


@router.post(
    "/agencies/{agency_id}/benchmark-evaluations",
    response={201: BenchmarkEvaluationOut},
    summary="登记裁量基准评估（继续适用或需修订）",
)
def evaluate_benchmark(request, agency_id: int, data: BenchmarkEvaluationIn):
    agency = _agency(request, agency_id, VIEW_EVALUATION)
    evaluation = services.benchmark_evaluate(actor=request.auth, agency=agency, **data.dict())
    return Status(201, evaluation)


# ---- 岗位职权分解 ---------------------------------------------------------------------------------------


@router.get("/agencies/{agency_id}/duties", response=DutiesOut, summary="岗位职权分解（交叉与空白）")
def duties(request, agency_id: int, on: date | None = None):
    agency = _agency(request, agency_id, "catalog.view_dutyassignment")
    on = on or timezone.localdate()
    version = selectors.version_in_force(agency, on)
    units = access.visible_to(request.auth, OrgUnit.objects.filter(agency=agency).select_related("parent"))
    assignments = agency.duty_assignments.select_related("unit__parent").order_by("item_code", "unit__name")
    names = dict(version.items.values_list("code", "name")) if version else {}

    def holder(assignment):
        return {"unit_id": assignment.unit_id, "unit": str(assignment.unit), "division": assignment.division}

    return {
        "agency_id": agency.pk,
        "on": on,
        "version_id": version.pk if version else None,
        "version_number": version.number if version else None,
        "units": list(units),
        "assignments": [{**holder(a), "id": a.pk, "item_code": a.item_code} for a in assignments],
        "overlaps": [
            {"item_code": code, "item_name": names.get(code, ""), "holders": [holder(h) for h in holders]}
            for code, holders in selectors.duty_overlaps(agency, version).items()
        ],
        "gaps": list(selectors.duty_gaps(agency, version)) if version else [],
    }
