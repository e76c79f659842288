"""/api/registry/: enforcement bodies, officers, certificates, training. Thin: every read goes through
registry.selectors (scoped by core.access), every write through registry.services, which check the
permission and the rules. Another agency's object is a 404; an ID number is only ever shown masked."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.accounts.models import User
from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.core.params import Id, Year
from zhifa.core.privacy import mask_id_number
from zhifa.core.selectors import active_agencies, chosen_agency

from .. import selectors, services
from ..choices import CaseRole, CertificateKind, PersonKind, PersonStatus
from ..models import Certificate, EnforcementBody, EnforcementField, Officer, TrainingRecord

router = Router(tags=["registry"])


def _role_list(roles) -> list[str]:
    return [role.value for role in CaseRole if role in roles]


def _field_codes(obj) -> list[str]:
    return sorted(f.code for f in obj.fields.all())


# ---- lookups ----------------------------------------------------------------------------------------


def _officer(request, officer_id: int) -> Officer:
    return access.get_visible_or_404(
        request.auth, Officer.objects.select_related("agency", "user"), pk=officer_id
    )


def _certificate(request, certificate_id: int) -> Certificate:
    return access.get_visible_or_404(
        request.auth, Certificate.objects.select_related("officer__agency"), pk=certificate_id
    )


def _body(request, body_id: int) -> EnforcementBody:
    return access.get_visible_or_404(
        request.auth, EnforcementBody.objects.select_related("agency", "entrusting_agency"), pk=body_id
    )


def _agency(request, agency_id: int, perm: str | None = None) -> Agency:
    return access.get_visible_or_404(request.auth, Agency.objects.all(), perm, pk=agency_id)


def _fields(codes: list[str], key: str = "fields") -> list[EnforcementField]:
    found = {f.code: f for f in EnforcementField.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError({key: f"执法领域“{'、'.join(unknown)}”不存在"})
    return [found[code] for code in dict.fromkeys(codes)]


def _user_of(agency: Agency, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, agency=agency).first()
    if user is None:
        raise ValidationError({"user": "登录账号不存在或不属于该机关"})
    return user


# ---- schemas ------------------------------------------------------------------------------------------


class CertificateOut(Schema):
    id: int
    officer_id: int
    officer_name: str = Field(alias="officer.name")
    agency_id: int = Field(alias="officer.agency_id")
    number: str
    kind: str
    issuer: str
    issued_on: date
    expires_on: date
    status: str
    effective_status: str
    status_reason: str
    last_checked_on: date | None
    fields: list[str]

    @staticmethod
    def resolve_effective_status(obj):
        return obj.effective_status(timezone.localdate())

    @staticmethod
    def resolve_fields(obj):
        return _field_codes(obj)


class OfficerOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    name: str
    name_initials: str
    id_number_masked: str
    kind: str
    status: str
    post: str
    is_key_post: bool
    post_since: date | None
    enforcing_since: date | None
    user_id: int | None
    fields: list[str]
    legal_qualification_number: str
    legal_qualification_on: date | None

    @staticmethod
    def resolve_id_number_masked(obj):
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_fields(obj):
        return _field_codes(obj)


class OfficerDetailOut(OfficerOut):
    username: str | None = Field(None, alias="user.username")
    certificates: list[CertificateOut]
    allowed_case_roles: list[str]

    @staticmethod
    def resolve_certificates(obj):
        return obj.certificates.select_related("officer").prefetch_related("fields")

    @staticmethod
    def resolve_allowed_case_roles(obj):
        return _role_list(selectors.allowed_case_roles(obj))


class OfficerFilters(Schema):
    q: str = ""
    agency_id: int | None = None
    kind: str = ""
    status: str = ""
    certificate: str = ""
    field: str = ""


class OfficerIn(Schema):
    agency_id: int
    name: str
    id_number: str
    kind: str = PersonKind.OFFICER.value
    status: str = PersonStatus.ACTIVE.value
    post: str = ""
    is_key_post: bool = False
    post_since: date | None = None
    enforcing_since: date | None = None
    user_id: int | None = None
    fields: list[str] = []
    legal_qualification_number: str = Field("", max_length=64)
    legal_qualification_on: date | None = None


class OfficerPatch(Schema):
    name: str | None = None
    id_number: str | None = None
    kind: str | None = None
    status: str | None = None
    post: str | None = None
    is_key_post: bool | None = None
    post_since: date | None = None
    enforcing_since: date | None = None
    user_id: int | None = None
    fields: list[str] | None = None
    legal_qualification_number: str | None = Field(None, max_length=64)
    legal_qualification_on: date | None = None


class CanEnforceOut(Schema):
    can_enforce: bool
    allowed_case_roles: list[str]


class CertificateIn(Schema):
    number: str
    kind: str = CertificateKind.ENFORCEMENT.value
    issuer: str
    issued_on: date
    expires_on: date
    fields: list[str]


class CertificateStatusIn(Schema):
    status: str
    reason: str = Field("", title="原因")


class CertificateCheckIn(Schema):
    on: date = Field(default_factory=timezone.localdate)


class CertificateFilters(Schema):
    agency_id: int | None = None
    state: Literal["", "expiring", "expired", "recheck"] = ""


class TrainingIn(Schema):
    on: date
    hours: Decimal
    kind: str
    title: str
    provider: str = ""


class TrainingOut(Schema):
    id: int
    officer_id: int
    on: date
    hours: float
    kind: str
    title: str
    provider: str


class AssessmentIn(Schema):
    grade: str
    note: str = ""


class AssessmentOut(Schema):
    officer_id: int
    year: int
    grade: str
    note: str


class BodyChangeOut(Schema):
    kind: str
    on: date
    document: str
    detail: str


class BodyOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    name: str
    standing: str
    legal_basis: str
    grant_kind: str
    grant_document: str
    entrusting_agency_id: int | None
    entrusted_scope: str
    entrusted_from: date | None
    entrusted_until: date | None
    status: str
    confirmed_by: str
    confirmation_document: str
    confirmed_on: date | None
    announcement: str
    announced_on: date | None
    merged_into_id: int | None
    is_public: bool
    entrustment_lapsed: bool = Field(alias="entrustment_lapsed_today", title="不在委托期限内")


class BodyDetailOut(BodyOut):
    changes: list[BodyChangeOut]

    @staticmethod
    def resolve_changes(obj):
        return obj.changes.all()


class BodyFilters(Schema):
    q: str = ""
    status: str = ""


class BodyIn(Schema):
    agency_id: int
    standing: str
    name: str = ""
    legal_basis: str = ""
    grant_kind: str = ""
    grant_document: str = ""
    entrusting_agency_id: int | None = None
    entrusted_scope: str = ""
    entrusted_from: date | None = None
    entrusted_until: date | None = None
    on: date = Field(default_factory=timezone.localdate)


class BodyConfirmIn(Schema):
    document: str = Field(title="确认文号")
    confirmed_by: str
    on: date = Field(default_factory=timezone.localdate)


class BodyAnnounceIn(Schema):
    text: str = Field(title="公告内容")
    on: date = Field(default_factory=timezone.localdate)


class BodyRenameIn(Schema):
    new_name: str = Field(title="新名称")
    document: str = ""
    on: date = Field(default_factory=timezone.localdate)


class BodyRevokeIn(Schema):
    reason: str = Field(title="撤销原因")
    document: str = ""
    on: date = Field(default_factory=timezone.localdate)


class BodyMergeIn(Schema):
    body_ids: list[int]
    document: str = ""
    on: date = Field(default_factory=timezone.localdate)


class RatiosOut(Schema):
    agency_id: int
    officers: int
    reviewers: int
    required: int
    shortfall: int
    reviewer_ratio: float
    certified: int
    coverage: float
    qualified: int
    qualified_share: float


class StandingOut(Schema):
    officer_id: int
    name: str
    hours: float
    target: float
    shortfall: float
    public_law_hours: float
    public_law_target: float
    public_law_shortfall: float
    is_short: bool


class TrainingReportOut(Schema):
    agency_id: int
    year: int
    officers: int
    short: int
    standings: list[StandingOut]


# ---- officers -----------------------------------------------------------------------------------------


@router.get("/officers", response=list[OfficerOut], summary="执法人员列表")
@paginate
def list_officers(request, filters: Query[OfficerFilters]):
    return selectors.officers_visible_to(request.auth, **filters.dict()).prefetch_related("fields")


# ---- the officer picker --------------------------------------------------------------------------------


class OfficerChoiceOut(Schema):
    id: int
    label: str = Field(description="姓名（机关）")


class OfficerSearchFilters(Schema):
    q: str = Field("", max_length=64, description="姓名、拼音首字母或执法证号")
    agency_id: Id | None = Field(None, description="限定机关")
    perm: str = Field("", max_length=64, description="按何种权限限定范围（默认：可查看执法人员）")
    active: bool = Field(False, description="只列在岗人员")
    kind: PersonKind | None = Field(None, description="只列此类人员（执法人员/执法辅助人员）")


@router.get("/officers/search", response=list[OfficerChoiceOut], summary="执法人员检索（选择框用，至多20项）")
def search_officers(request, filters: Query[OfficerSearchFilters]):
    from zhifa.core.pickers import LIMIT

    return selectors.officer_choices(request.auth, **filters.dict(), limit=LIMIT)


class AccountSearchFilters(Schema):
    q: str = Field("", max_length=64, description="姓名或用户名")


@router.get(
    "/officers/accounts/search",
    response=list[OfficerChoiceOut],
    summary="可关联的登录账号检索（选择框用，至多20项）",
)
def search_accounts(request, filters: Query[AccountSearchFilters]):
    from zhifa.core.pickers import LIMIT

    return selectors.account_choices(request.auth, **filters.dict(), limit=LIMIT)


@router.get("/officers/{officer_id}", response=OfficerDetailOut, summary="执法人员详情")
def get_officer(request, officer_id: int):
    return _officer(request, officer_id)


@router.post("/officers", response={201: OfficerDetailOut}, summary="新增执法人员")
def create_officer(request, data: OfficerIn):
    agency = chosen_agency(request.auth, data.agency_id)
    values = data.dict(exclude={"agency_id", "fields", "user_id"})
    officer = services.officer_create(
        actor=request.auth,
        agency=agency,
        fields=_fields(data.fields),
        user=_user_of(agency, data.user_id),
        **values,
    )
    return Status(201, officer)


@router.patch("/officers/{officer_id}", response=OfficerDetailOut, summary="修改执法人员")
def update_officer(request, officer_id: int, data: OfficerPatch):
    officer = _officer(request, officer_id)
    changes = data.dict(exclude_unset=True)
    codes = changes.pop("fields", None)
    fields = _fields(codes) if codes is not None else None
    if "user_id" in changes:
        changes["user"] = _user_of(officer.agency, changes.pop("user_id"))
    if "id_number" in changes and changes["id_number"] is not None:
        changes["id_number"] = changes["id_number"].strip().upper()
    services.officer_update(actor=request.auth, officer=officer, fields=fields, **changes)
    return _officer(request, officer_id)


@router.get("/officers/{officer_id}/can-enforce", response=CanEnforceOut, summary="执法资格查询")
def can_enforce(request, officer_id: int, field: str, on: date | None = None):
    officer = _officer(request, officer_id)
    (enforcement_field,) = _fields([field], key="field")
    return {
        "can_enforce": selectors.can_enforce(officer, enforcement_field, on=on),
        "allowed_case_roles": _role_list(
            selectors.allowed_case_roles(officer, field=enforcement_field, on=on)
        ),
    }


# ---- certificates -------------------------------------------------------------------------------------


@router.post("/officers/{officer_id}/certificates", response={201: CertificateOut}, summary="核发执法证件")
def issue_certificate(request, officer_id: int, data: CertificateIn):
    officer = _officer(request, officer_id)
    certificate = services.certificate_issue(
        actor=request.auth,
        officer=officer,
        number=data.number,
        kind=data.kind,
        issuer=data.issuer,
        issued_on=data.issued_on,
        expires_on=data.expires_on,
        fields=_fields(data.fields),
    )
    return Status(201, certificate)


@router.get("/certificates", response=list[CertificateOut], summary="执法证件列表")
@paginate
def list_certificates(request, filters: Query[CertificateFilters]):
    certificates = selectors.certificates_visible_to(request.auth, agency_id=filters.agency_id)
    by_state = {
        "expiring": selectors.certificates_expiring,
        "expired": selectors.certificates_expired,
        "recheck": selectors.certificates_due_for_recheck,
    }
    if filters.state:
        certificates = by_state[filters.state](certificates)
    return certificates.order_by("expires_on", "id")


@router.get("/certificates/{certificate_id}", response=CertificateOut, summary="执法证件详情")
def get_certificate(request, certificate_id: int):
    return _certificate(request, certificate_id)


@router.post("/certificates/{certificate_id}/status", response=CertificateOut, summary="暂扣/吊销/恢复证件")
def set_certificate_status(request, certificate_id: int, data: CertificateStatusIn):
    certificate = _certificate(request, certificate_id)
    return services.certificate_set_status(
        actor=request.auth, certificate=certificate, status=data.status, reason=data.reason
    )


@router.post("/certificates/{certificate_id}/check", response=CertificateOut, summary="登记证件审验")
def check_certificate(request, certificate_id: int, data: CertificateCheckIn):
    certificate = _certificate(request, certificate_id)
    return services.certificate_record_check(actor=request.auth, certificate=certificate, on=data.on)


# ---- training and assessment --------------------------------------------------------------------------


@router.get("/officers/{officer_id}/trainings", response=list[TrainingOut], summary="培训记录")
def list_trainings(request, officer_id: int, year: Year | None = None):
    officer = _officer(request, officer_id)
    trainings = access.visible_to(request.auth, TrainingRecord.objects.filter(officer=officer))
    if year:
        trainings = trainings.filter(on__year=year)
    return trainings.order_by("-on", "-id")


@router.post("/officers/{officer_id}/trainings", response={201: TrainingOut}, summary="登记培训")
def add_training(request, officer_id: int, data: TrainingIn):
    officer = _officer(request, officer_id)
    training = services.training_add(actor=request.auth, officer=officer, **data.dict())
    return Status(201, training)


@router.put("/officers/{officer_id}/assessments/{year}", response=AssessmentOut, summary="登记年度考核")
def set_assessment(request, officer_id: int, year: Year, data: AssessmentIn):
    officer = _officer(request, officer_id)
    return services.assessment_set(
        actor=request.auth, officer=officer, year=year, grade=data.grade, note=data.note
    )


# ---- bodies -------------------------------------------------------------------------------------------


@router.get("/bodies", response=list[BodyOut], summary="执法主体列表")
@paginate
def list_bodies(request, filters: Query[BodyFilters]):
    return selectors.bodies_visible_to(request.auth, q=filters.q, status=filters.status)


@router.get("/bodies/{body_id}", response=BodyDetailOut, summary="执法主体详情（含变动记录）")
def get_body(request, body_id: int):
    return _body(request, body_id)


@router.post("/bodies", response={201: BodyDetailOut}, summary="登记执法主体（新设）")
def register_body(request, data: BodyIn):
    agency = chosen_agency(request.auth, data.agency_id)
    entrusting = None
    if data.entrusting_agency_id is not None:
        agencies = active_agencies(request.auth, services.MANAGE_BODY)
        entrusting = agencies.filter(pk=data.entrusting_agency_id).first()
        if entrusting is None:
            raise ValidationError({"entrusting_agency": "委托机关不存在或不在您的辖区内"})
    values = data.dict(exclude={"agency_id", "entrusting_agency_id", "on"})
    body = services.body_register(
        actor=request.auth, agency=agency, on=data.on, entrusting_agency=entrusting, **values
    )
    return Status(201, body)


@router.post("/bodies/{body_id}/confirm", response=BodyDetailOut, summary="确认执法主体")
def confirm_body(request, body_id: int, data: BodyConfirmIn):
    return services.body_confirm(
        actor=request.auth,
        body=_body(request, body_id),
        document=data.document,
        on=data.on,
        confirmed_by=data.confirmed_by,
    )


@router.post("/bodies/{body_id}/announce", response=BodyDetailOut, summary="公告执法主体")
def announce_body(request, body_id: int, data: BodyAnnounceIn):
    return services.body_announce(
        actor=request.auth, body=_body(request, body_id), text=data.text, on=data.on
    )


@router.post("/bodies/{body_id}/rename", response=BodyDetailOut, summary="执法主体更名（须重新确认）")
def rename_body(request, body_id: int, data: BodyRenameIn):
    return services.body_rename(
        actor=request.auth,
        body=_body(request, body_id),
        new_name=data.new_name,
        document=data.document,
        on=data.on,
    )


@router.post("/bodies/{body_id}/revoke", response=BodyDetailOut, summary="撤销执法主体")
def revoke_body(request, body_id: int, data: BodyRevokeIn):
    return services.body_revoke(
        actor=request.auth,
        body=_body(request, body_id),
        document=data.document,
        on=data.on,
        reason=data.reason,
    )


@router.post("/bodies/{body_id}/merge", response=BodyDetailOut, summary="合并执法主体（并入本主体）")
def merge_bodies(request, body_id: int, data: BodyMergeIn):
    into = _body(request, body_id)
    bodies = [_body(request, pk) for pk in dict.fromkeys(data.body_ids)]
    return services.body_merge(
        actor=request.auth, bodies=bodies, into=into, document=data.document, on=data.on
    )


# ---- agency figures -----------------------------------------------------------------------------------


@router.get("/agencies/{agency_id}/ratios", response=RatiosOut, summary="法制审核人员比例与持证率")
def agency_ratios(request, agency_id: int):
    agency = _agency(request, agency_id, "registry.view_officer")
    ratios = selectors.agency_ratios(Agency.objects.filter(pk=agency.pk))[agency.pk]
    return {
        "agency_id": agency.pk,
        "officers": ratios.officers,
        "reviewers": ratios.reviewers,
        "required": ratios.reviewers_required,
        "shortfall": ratios.reviewer_shortfall,
        "reviewer_ratio": ratios.reviewer_ratio,
        "certified": ratios.certified,
        "coverage": ratios.coverage,
        "qualified": ratios.qualified,
        "qualified_share": ratios.qualified_share,
    }


class ReviewerStandingOut(Schema):
    user_id: int
    name: str
    officer_id: int | None
    legal_qualification_number: str
    legal_qualification_on: date | None
    hours: float
    target: float
    shortfall: float


@router.get(
    "/agencies/{agency_id}/reviewers",
    response=list[ReviewerStandingOut],
    summary="法制审核人员的法律职业资格与年度法制审核业务培训学时",
)
def agency_reviewers(request, agency_id: int, year: Year | None = None):
    agency = _agency(request, agency_id, "registry.view_officer")
    year = year or timezone.localdate().year
    return [
        {
            "user_id": s.user.pk,
            "name": s.officer.name if s.officer else s.user.real_name,
            "officer_id": s.officer.pk if s.officer else None,
            "legal_qualification_number": s.officer.legal_qualification_number if s.officer else "",
            "legal_qualification_on": s.officer.legal_qualification_on if s.officer else None,
            "hours": s.hours,
            "target": s.target,
            "shortfall": s.shortfall,
        }
        for s in selectors.reviewer_standings([agency.pk], year)
    ]


@router.get("/agencies/{agency_id}/training", response=TrainingReportOut, summary="年度培训学时达标情况")
def agency_training(request, agency_id: int, year: Year | None = None):
    agency = _agency(request, agency_id, "registry.view_officer")
    year = year or timezone.localdate().year
    officers = access.visible_to(request.auth, Officer.objects.filter(agency=agency))
    standings = selectors.training_standings(officers, year)
    return {
        "agency_id": agency.pk,
        "year": year,
        "officers": len(standings),
        "short": sum(1 for s in standings if s.is_short),
        "standings": [
            {
                "officer_id": s.officer.pk,
                "name": s.officer.name,
                "hours": s.hours,
                "target": s.target,
                "shortfall": s.shortfall,
                "public_law_hours": s.public_law_hours,
                "public_law_target": s.public_law_target,
                "public_law_shortfall": s.public_law_shortfall,
                "is_short": s.is_short,
            }
            for s in standings
        ],
    }


# ---- 执法领域 (系统管理员) -----------------------------------------------------------------------------


class FieldOut(Schema):
    code: str = Field(description="代码")
    name: str = Field(description="名称")
    ordering: int = Field(description="排序（小的在前）")
    active: bool = Field(description="启用")


class FieldFilters(Schema):
    q: str = Field("", max_length=64, description="代码或名称")
    active: Literal["", "1", "0"] = Field("", description="1 启用，0 停用，空：全部")


class FieldIn(Schema):
    """The service refuses a missing name or order in the page's words, so they are optional here."""

    name: str = Field("", description="名称（至多32字，不得与其他执法领域重名）")
    ordering: int | None = Field(None, description="排序（0至9999，小的在前）")


class NewFieldIn(FieldIn):
    code: str = Field("", description="代码（小写字母、数字、-或_，至多32位，创建后不能修改；空：自动编排）")


def _field(code: str) -> EnforcementField:
    return get_object_or_404(EnforcementField, code=code)


@router.get("/fields", response=list[FieldOut], summary="执法领域列表")
@paginate
def list_fields(request, filters: Query[FieldFilters]):
    if not request.auth.has_perm(services.VIEW_FIELD):
        raise PermissionDenied("您无权查看执法领域")
    return selectors.fields_listed(q=filters.q, active=filters.active)


@router.post("/fields", response={201: FieldOut}, summary="新增执法领域")
def create_field(request, data: NewFieldIn):
    field = services.field_create(actor=request.auth, code=data.code, name=data.name, ordering=data.ordering)
    return Status(201, field)


@router.put("/fields/{code}", response=FieldOut, summary="修改执法领域（名称、排序）")
def update_field(request, code: str, data: FieldIn):
    return services.field_update(
        actor=request.auth, field=_field(code), name=data.name, ordering=data.ordering
    )


@router.post("/fields/{code}/deactivate", response=FieldOut, summary="停用执法领域")
def deactivate_field(request, code: str):
    return services.field_deactivate(actor=request.auth, field=_field(code))


@router.post("/fields/{code}/activate", response=FieldOut, summary="启用执法领域")
def activate_field(request, code: str):
    return services.field_activate(actor=request.auth, field=_field(code))
