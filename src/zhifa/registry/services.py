"""Writes on the registry: one function per user action; each checks permission, validates, writes in one
transaction and appends a record to the agency's chain."""

import re
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .choices import BodyChangeKind, BodyStatus, CertificateStatus, LegalStanding, PersonKind, PersonStatus
from .models import (
    Assessment,
    BodyChange,
    Certificate,
    EnforcementBody,
    EnforcementField,
    Officer,
    TrainingRecord,
)
from .names import initials_of

MANAGE_BODY = "registry.manage_body"
MANAGE_OFFICER = "registry.manage_officer"
MANAGE_CERTIFICATE = "registry.manage_certificate"


# ---- 执法主体 -------------------------------------------------------------------------------------


def _check_body_rules(body: EnforcementBody) -> None:
    """Seed 000 §6-7, refused with the reason."""
    agency = body.agency
    errors = {}
    if agency.kind == AgencyKind.COMPREHENSIVE:
        errors["agency"] = "体制改革中成立的综合行政执法机构以主管部门名义执法，不能确认为行政执法主体"
    if agency.kind == AgencyKind.DEVELOPMENT_ZONE and not (body.grant_kind and body.grant_document):
        errors["grant_kind"] = (
            "开发区管理机构须经法律法规授权或相对集中行政处罚权、许可权等决定赋权，请登记赋权方式和文件"
        )
    parent = agency.parent
    if parent and parent.kind == AgencyKind.DEVELOPMENT_ZONE and body.standing != LegalStanding.AUTHORIZED:
        errors["standing"] = "开发区管理机构所属职能部门无法律、法规授权的，不能作为行政执法主体"
    if body.standing == LegalStanding.AUTHORIZED and not body.legal_basis.strip():
        errors["legal_basis"] = "法律法规授权组织须写明授权的法律法规条款"
    if body.standing == LegalStanding.ENTRUSTED:
        errors.update(_entrustment_errors(body))
    if errors:
        raise ValidationError(errors)


def _entrustment_errors(body: EnforcementBody) -> dict:
    errors = {}
    if body.entrusting_agency_id is None:
        errors["entrusting_agency"] = "受委托组织须登记委托机关（委托机关对委托执法的后果承担法律责任）"
    elif body.entrusting_agency_id == body.agency_id:
        errors["entrusting_agency"] = "委托机关不能是受委托组织本身"
    if not body.entrusted_scope.strip():
        errors["entrusted_scope"] = "请写明委托的事项和权限"
    if not (body.entrusted_from and body.entrusted_until):
        errors["entrusted_until"] = "请填写委托期限"
    elif body.entrusted_until <= body.entrusted_from:
        errors["entrusted_until"] = "委托截止日应晚于起始日"
    return errors


@transaction.atomic
def body_register(
    *, actor: Actor, agency: Agency, standing: str, on: date | None = None, **fields
) -> EnforcementBody:
    """新设: register an organisation as a (not yet confirmed) enforcement body."""
    access.require_for_agency(actor, MANAGE_BODY, agency)
    if EnforcementBody.objects.filter(agency=agency).exists():
        kit.refuse("agency", f"“{agency.name}”已登记为执法主体")
    body = EnforcementBody(
        agency=agency, standing=standing, name=fields.pop("name", "") or agency.name, **fields
    )
    body.full_clean()
    _check_body_rules(body)
    body.save()
    _change(body, BodyChangeKind.ESTABLISH, actor, on=on, detail=body.get_standing_display())
    return body


def _change(body, kind, actor: Actor, *, on=None, document="", detail="") -> BodyChange:
    change = BodyChange.objects.create(
        body=body, kind=kind, on=on or timezone.localdate(), document=document, detail=detail
    )
    kit.record(
        body,
        f"body.{kind}",
        actor=actor,
        payload={"name": body.name, "status": body.status, "document": document, "detail": detail},
    )
    return change


def _locked_body(actor: Actor, body: EnforcementBody) -> EnforcementBody:
    bodies = EnforcementBody.objects.select_related("agency", "agency__parent")
    return kit.locked(bodies, body, actor=actor, perm=MANAGE_BODY)


@transaction.atomic
def body_confirm(
    *, actor: Actor, body: EnforcementBody, document: str, on: date, confirmed_by: str
) -> EnforcementBody:
    """确认: the people's government at its level confirms the body (document number and date)."""
    body = _locked_body(actor, body)
    if body.status == BodyStatus.CONFIRMED:
        kit.refuse(
            "confirmation_document",
            f"该主体已于{body.confirmed_on}确认（{body.confirmation_document}），不能重复确认",
        )
    if body.status in (BodyStatus.MERGED, BodyStatus.REVOKED):
        kit.refuse("status", f"该主体{body.get_status_display()}，不能确认")
    if not document.strip() or not confirmed_by.strip():
        kit.refuse("confirmation_document", "请填写确认机关和确认文号")
    _check_body_rules(body)
    body.status, body.confirmation_document, body.confirmed_on, body.confirmed_by = (
        BodyStatus.CONFIRMED,
        document.strip(),
        on,
        confirmed_by.strip(),
    )
    body.save(update_fields=["status", "confirmation_document", "confirmed_on", "confirmed_by", "updated_at"])
    _change(
        body, BodyChangeKind.CONFIRM, actor, on=on, document=body.confirmation_document, detail=confirmed_by
    )
    return body


@transaction.atomic
def body_announce(*, actor: Actor, body: EnforcementBody, text: str, on: date) -> EnforcementBody:
    """公告: publish the confirmed body to the public (the portal lists only announced bodies)."""
    body = _locked_body(actor, body)
    if body.status != BodyStatus.CONFIRMED:
        kit.refuse("announcement", "只有经确认的执法主体才能公告")
    if not text.strip():
        kit.refuse("announcement", "请填写公告内容")
    if body.confirmed_on and on < body.confirmed_on:
        kit.refuse("announced_on", f"公告日期不能早于确认日期（{body.confirmed_on}）")
    body.announcement, body.announced_on = text.strip(), on
    body.save(update_fields=["announcement", "announced_on", "updated_at"])
    _change(body, BodyChangeKind.ANNOUNCE, actor, on=on, detail=text.strip()[:200])
    return body


@transaction.atomic
def body_rename(
    *, actor: Actor, body: EnforcementBody, new_name: str, document: str, on: date
) -> EnforcementBody:
    """更名: a renamed body must be confirmed again (seed 000 §6)."""
    body = _locked_body(actor, body)
    new_name = new_name.strip()
    if not new_name or new_name == body.name:
        kit.refuse("name", "请填写新的主体名称")
    old = body.name
    body.name, body.status, body.announced_on = new_name, BodyStatus.PENDING, None
    body.save(update_fields=["name", "status", "announced_on", "updated_at"])
    _change(body, BodyChangeKind.RENAME, actor, on=on, document=document, detail=f"{old} → {new_name}")
    return body


@transaction.atomic
def body_merge(
    *, actor: Actor, bodies: list[EnforcementBody], into: EnforcementBody, document: str, on: date
):
    """合并: the merged bodies end; the receiving body must be confirmed again."""
    into = _locked_body(actor, into)
    merged = [_locked_body(actor, body) for body in bodies if body.pk != into.pk]
    if not merged:
        kit.refuse("bodies", "请选择要并入的执法主体")
    for body in merged:
        body.status, body.merged_into = BodyStatus.MERGED, into
        body.save(update_fields=["status", "merged_into", "updated_at"])
        _change(body, BodyChangeKind.MERGE, actor, on=on, document=document, detail=f"并入{into.name}")
    into.status, into.announced_on = BodyStatus.PENDING, None
    into.save(update_fields=["status", "announced_on", "updated_at"])
    names = "、".join(body.name for body in merged)
    _change(into, BodyChangeKind.MERGE, actor, on=on, document=document, detail=f"{names}并入")
    return into


@transaction.atomic
def body_revoke(
    *, actor: Actor, body: EnforcementBody, document: str, on: date, reason: str
) -> EnforcementBody:
    body = _locked_body(actor, body)
    if body.status == BodyStatus.REVOKED:
        kit.refuse("status", "该主体已撤销")
    if not reason.strip():
        kit.refuse("reason", "请填写撤销原因")
    body.status = BodyStatus.REVOKED
    body.save(update_fields=["status", "updated_at"])
    _change(body, BodyChangeKind.REVOKE, actor, on=on, document=document, detail=reason.strip())
    return body


# ---- 执法人员 -------------------------------------------------------------------------------------

OFFICER_FIELDS = (
    "name",
    "id_number",
    "kind",
    "status",
    "post",
    "is_key_post",
    "post_since",
    "enforcing_since",
    "user",
    "legal_qualification_number",
    "legal_qualification_on",
)


OFFICER_FIELD_USE = "再分配给执法人员"  # refuse_stopped_fields: an officer is given no 停用 field


@transaction.atomic
def officer_create(*, actor: Actor, agency: Agency, fields=(), **data) -> Officer:
    access.require_for_agency(actor, MANAGE_OFFICER, agency)
    officer = Officer(agency=agency, **data)
    _clean_officer(officer)
    refuse_stopped_fields(fields, key="fields", use=OFFICER_FIELD_USE)
    officer.save()
    officer.fields.set(fields)
    kit.record(officer, "officer.create", actor=actor, payload=officer_payload(officer), agency=agency)
    return officer


@transaction.atomic
def officer_update(*, actor: Actor, officer: Officer, fields=None, **changes) -> Officer:
    officer = kit.locked(Officer, officer, actor=actor, perm=MANAGE_OFFICER)
    unknown = set(changes) - set(OFFICER_FIELDS)
    if unknown:
        raise ValueError(f"cannot change {unknown}")
    for name, value in changes.items():
        setattr(officer, name, value)
    _clean_officer(officer)
    if fields is not None:  # the officer keeps a 停用 field it has; none is added
        refuse_stopped_fields(fields, key="fields", use=OFFICER_FIELD_USE, kept=officer.fields.all())
    officer.save(update_fields=[*changes, "name_initials", "updated_at"])
    if fields is not None:
        officer.fields.set(fields)
    kit.record(
        officer, "officer.update", actor=actor, payload=officer_payload(officer), agency=officer.agency
    )
    return officer


def _clean_officer(officer: Officer) -> None:
    officer.id_number = (officer.id_number or "").strip().upper()
    officer.name_initials = initials_of(officer.name)
    _clean_qualification(officer)
    officer.full_clean()
    if officer.user is not None and officer.user.agency_id != officer.agency_id:
        kit.refuse("user", "登录账号不属于该机关")


def _clean_qualification(officer: Officer) -> None:
    """法律职业资格: the certificate number and the date obtained go together, and the date is not ahead."""
    officer.legal_qualification_number = (officer.legal_qualification_number or "").strip()
    number, on = officer.legal_qualification_number, officer.legal_qualification_on
    if number and on is None:
        kit.refuse("legal_qualification_on", "填写了法律职业资格证书编号，请同时填写取得法律职业资格日期")
    if on is not None and not number:
        kit.refuse("legal_qualification_number", "填写了取得法律职业资格日期，请同时填写法律职业资格证书编号")
    if len(number) > 32:
        kit.refuse("legal_qualification_number", "法律职业资格证书编号最多32个字符")
    if on is not None and on > timezone.localdate():
        kit.refuse("legal_qualification_on", f"取得法律职业资格日期（{on:%Y-%m-%d}）不能晚于今天")


def officer_payload(officer: Officer, field_codes=None) -> dict:
    """What the record log keeps of an officer. The ID number is personal data: only its last four
    characters. `field_codes` saves the query when the caller already knows them (bulk import)."""
    codes = field_codes if field_codes is not None else officer.fields.values_list("code", flat=True)
    qualification = (
        {"legal_qualification": officer.legal_qualification_number}
        if officer.legal_qualification_number
        else {}
    )
    return {
        "name": officer.name,
        "id_tail": officer.id_number[-4:],
        "kind": officer.kind,
        "status": officer.status,
        "post": officer.post,
        "fields": sorted(codes),
        **qualification,
    }


# ---- 执法证 ---------------------------------------------------------------------------------------


@transaction.atomic
def certificate_issue(
    *,
    actor: Actor,
    officer: Officer,
    number: str,
    kind: str,
    issuer: str,
    issued_on: date,
    expires_on: date,
    fields,
) -> Certificate:
    """核发执法证 (司法行政部门): only to an officer in active service on an enforcement post (seed 001 §6:
    原则上不得向未在行政执法岗位的人员发放行政执法证件); auxiliary staff hold none (seed 000 §10)."""
    access.require(actor, MANAGE_CERTIFICATE, officer)
    if officer.kind == PersonKind.AUXILIARY:
        kit.refuse("officer", "行政执法辅助人员不能申领行政执法证件")
    if officer.status != PersonStatus.ACTIVE:
        kit.refuse(
            "officer",
            f"{officer.name}当前为“{officer.get_status_display()}”，不在行政执法岗位，"
            "不得发放行政执法证件（原则上不得向未在行政执法岗位的人员发放行政执法证件）",
        )
    if not officer.post.strip():
        kit.refuse(
            "officer",
            f"{officer.name}没有登记所在的行政执法岗位，不得发放行政执法证件"
            "（原则上不得向未在行政执法岗位的人员发放行政执法证件），请先登记岗位",
        )
    certificate = Certificate(
        officer=officer,
        number=number.strip().upper(),
        kind=kind,
        issuer=issuer,
        issued_on=issued_on,
        expires_on=expires_on,
    )
    errors = {}
    try:
        certificate.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if issued_on and expires_on and expires_on <= issued_on:
        errors.setdefault("expires_on", []).append("有效期至应晚于发证日期")
    if not fields:
        errors.setdefault("fields", []).append("请选择证件覆盖的执法领域")
    if errors:
        raise ValidationError(errors)
    refuse_stopped_fields(fields, key="fields", use="用于新的执法证")
    certificate.save()
    certificate.fields.set(fields)
    kit.record(
        certificate,
        "certificate.issue",
        actor=actor,
        payload=_certificate_payload(certificate),
        agency=officer.agency,
    )
    return certificate


def _locked_certificate(actor: Actor, certificate: Certificate) -> Certificate:
    certificates = Certificate.objects.select_related("officer__agency")
    return kit.locked(certificates, certificate, actor=actor, perm=MANAGE_CERTIFICATE)


@transaction.atomic
def certificate_set_status(
    *,
    actor: Actor,
    certificate: Certificate,
    status: str,
    reason: str,
    until: date | None = None,
    since: date | None = None,
) -> Certificate:
    """暂扣 / 吊销 / 恢复 a certificate, with the reason. A 暂扣 may end on `until` (its last day): from the
    next day the certificate is in force again by itself (CertificateQuerySet.valid_on). `since` is the day
    the 暂扣/吊销 takes effect (default today; a decision passes its own date)."""
    certificate = _locked_certificate(actor, certificate)
    if status not in (CertificateStatus.VALID, CertificateStatus.SUSPENDED, CertificateStatus.REVOKED):
        kit.refuse("status", "只能设为有效、暂扣或吊销")
    if certificate.status == CertificateStatus.REVOKED:
        kit.refuse("status", "已吊销的证件不能再变更状态")
    if not reason.strip():
        kit.refuse("status_reason", "请填写原因")
    today = since or timezone.localdate()
    was_in_force = certificate.status == CertificateStatus.VALID or certificate.suspension_over(today)
    if status == CertificateStatus.VALID:
        certificate.status_since = None
    elif was_in_force:
        certificate.status_since = today  # out of force from today (a 暂扣 turned 吊销 keeps its first day)
    certificate.status, certificate.status_reason = status, reason.strip()
    certificate.suspended_until = until if status == CertificateStatus.SUSPENDED else None
    certificate.save(
        update_fields=["status", "status_reason", "suspended_until", "status_since", "updated_at"]
    )
    kit.record(
        certificate,
        "certificate.status",
        actor=actor,
        payload=_certificate_payload(certificate),
        agency=certificate.officer.agency,
    )
    return certificate


@transaction.atomic
def certificate_record_check(*, actor: Actor, certificate: Certificate, on: date) -> Certificate:
    """审验: the two-yearly re-check of a certificate."""
    certificate = _locked_certificate(actor, certificate)
    if on < certificate.issued_on or on > timezone.localdate():
        kit.refuse("last_checked_on", "审验日期应在发证日期之后且不晚于今天")
    certificate.last_checked_on = on
    certificate.save(update_fields=["last_checked_on", "updated_at"])
    kit.record(
        certificate,
        "certificate.check",
        actor=actor,
        payload=_certificate_payload(certificate),
        agency=certificate.officer.agency,
    )
    return certificate


def _certificate_payload(certificate: Certificate) -> dict:
    return {
        "number": certificate.number,
        "officer": certificate.officer_id,
        "kind": certificate.kind,
        "issued_on": certificate.issued_on,
        "expires_on": certificate.expires_on,
        "status": certificate.status,
        "reason": certificate.status_reason,
        "checked_on": certificate.last_checked_on,
        "fields": sorted(certificate.fields.values_list("code", flat=True)),
        **({"suspended_until": certificate.suspended_until} if certificate.suspended_until else {}),
        **({"status_since": certificate.status_since} if certificate.status_since else {}),
    }


# ---- 培训与考核 ------------------------------------------------------------------------------------


@transaction.atomic
def training_add(*, actor: Actor, officer: Officer, **data) -> TrainingRecord:
    access.require(actor, MANAGE_OFFICER, officer)
    training = TrainingRecord(officer=officer, **data)
    training.full_clean()
    training.save()
    payload = {"officer": officer.pk, "on": training.on, "hours": training.hours, "kind": training.kind}
    kit.record(
        training,
        "training.add",
        actor=actor,
        payload={**payload, "title": training.title},
        agency=officer.agency,
    )
    return training


@transaction.atomic
def assessment_set(*, actor: Actor, officer: Officer, year: int, grade: str, note: str = "") -> Assessment:
    access.require(actor, MANAGE_OFFICER, officer)
    assessment = Assessment.objects.filter(officer=officer, year=year).first() or Assessment(
        officer=officer, year=year
    )
    assessment.grade, assessment.note = grade, note
    assessment.full_clean()
    assessment.save()
    kit.record(
        assessment,
        "assessment.set",
        actor=actor,
        payload={"officer": officer.pk, "year": year, "grade": grade},
        agency=officer.agency,
    )
    return assessment


# ---- 执法领域 (系统管理员) -----------------------------------------------------------------------------
# The list is the instance's, not an agency's: every 系统管理员 reads it, one whose agency lies in a
# top-level region keeps it (the calendar's rule, core.holidays.may_change). Each change is recorded in that
# admin's chain and audited as 管理操作; a refusal names the field and writes nothing.

VIEW_FIELD = "registry.view_enforcementfield"
ADD_FIELD = "registry.add_enforcementfield"
CHANGE_FIELD = "registry.change_enforcementfield"
FIELD_DENIED = "执法领域全市统一，只有市级（顶级行政区划）的系统管理员可以维护"
FIELD_ORDERING_MAX = 9999
_FIELD_CODE = re.compile(r"^[a-z0-9_-]+$")


def may_keep_fields(user) -> bool:
    from zhifa.core.holidays import may_change

    return may_change(user, CHANGE_FIELD)


def _require_fields(actor: Actor, perm: str) -> None:
    from zhifa.core.holidays import may_change

    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied("您无权维护执法领域")
    if not may_change(actor, perm):
        raise PermissionDenied(FIELD_DENIED)


def _field_name(name: str, *, exclude: str | None = None) -> str:
    name = (name or "").strip()
    longest = EnforcementField._meta.get_field("name").max_length or 32
    if not name:
        kit.refuse("name", "请填写名称")
    if len(name) > longest:
        kit.refuse("name", f"“名称”最多{longest}个字符")
    taken = EnforcementField.objects.filter(name=name).exclude(code=exclude or "").first()
    if taken is not None:
        kit.refuse("name", f"“名称”{name}已被另一执法领域使用")
    return name


def _field_ordering(ordering: int | None) -> int:
    if ordering is None:
        kit.refuse("ordering", "请填写排序")
    if not 0 <= ordering <= FIELD_ORDERING_MAX:
        kit.refuse("ordering", f"“排序”应为0至{FIELD_ORDERING_MAX}的整数")
    return ordering


def _field_log(actor: Actor, field: EnforcementField, action: str, detail: str) -> None:
    from zhifa.core.holidays import recording_agency
    from zhifa.core.services import audit_admin_action

    payload = {"code": field.code, "name": field.name, "ordering": field.ordering, "active": field.active}
    agency = recording_agency(actor)
    if agency is not None:
        kit.record(field, action, actor=actor, payload=payload, agency=agency)
    audit_admin_action(actor, field, f"{detail}：{field.name}")


def _new_field_code() -> str:
    """A code for a field added on the page (people see the name only): f1, f2… the first unused."""
    taken = set(EnforcementField.objects.filter(code__startswith="f").values_list("code", flat=True))
    return next(f"f{n}" for n in range(1, len(taken) + 2) if f"f{n}" not in taken)


@transaction.atomic
def field_create(*, actor: Actor, name: str, ordering: int | None, code: str = "") -> EnforcementField:
    """新增执法领域: a name and its place in the lists. The code (fixed once created: certificates, items and
    cases name it) is given by an integration through the API, else made up (people see the name only)."""
    _require_fields(actor, ADD_FIELD)
    code = (code or "").strip()
    longest = EnforcementField._meta.get_field("code").max_length or 32
    if code and (len(code) > longest or not _FIELD_CODE.match(code)):
        kit.refuse("code", f"“代码”应为{longest}位以内的小写字母、数字、-或_")
    if code and EnforcementField.objects.filter(code=code).exists():
        kit.refuse("code", f"“代码”{code}已被使用")
    name, ordering = _field_name(name), _field_ordering(ordering)
    field = EnforcementField.objects.create(code=code or _new_field_code(), name=name, ordering=ordering)
    _field_log(actor, field, "registry_field.create", "新增执法领域")
    return field


@transaction.atomic
def field_update(
    *, actor: Actor, field: EnforcementField, name: str, ordering: int | None
) -> EnforcementField:
    """修改执法领域: its name and its place in the lists (the code stays)."""
    _require_fields(actor, CHANGE_FIELD)
    field = kit.locked(EnforcementField, field, actor=None)
    field.name, field.ordering = _field_name(name, exclude=field.code), _field_ordering(ordering)
    field.save(update_fields=["name", "ordering"])
    _field_log(actor, field, "registry_field.update", "修改执法领域")
    return field


def _field_set_active(actor: Actor, field: EnforcementField, active: bool) -> EnforcementField:
    _require_fields(actor, CHANGE_FIELD)
    field = kit.locked(EnforcementField, field, actor=None)
    if field.active == active:
        kit.refuse("active", f"执法领域“{field.name}”已{'启用' if active else '停用'}")
    field.active = active
    field.save(update_fields=["active"])
    if active:
        _field_log(actor, field, "registry_field.activate", "启用执法领域")
    else:
        _field_log(actor, field, "registry_field.deactivate", "停用执法领域")
    return field


@transaction.atomic
def field_deactivate(*, actor: Actor, field: EnforcementField) -> EnforcementField:
    """停用执法领域: no new certificate, catalogue item, case or 抽查计划 names it and no officer is given it
    (refuse_stopped_fields); the rows that name it keep it."""
    return _field_set_active(actor, field, False)


@transaction.atomic
def field_activate(*, actor: Actor, field: EnforcementField) -> EnforcementField:
    """启用执法领域: offered again."""
    return _field_set_active(actor, field, True)


def refuse_stopped_fields(
    fields, *, key: str, use: str, kept=(), stopped: dict[str, str] | None = None
) -> None:
    """停用: a 停用 执法领域 is not for new work. A new 执法证, 执法事项, 案件 or 抽查计划 may not name one, nor
    may a change add one to an item or an officer; what a record already names (`kept`: codes or fields)
    it keeps. `fields` are fields or codes, read afresh (a page may have been loaded before the field was
    stopped) unless the caller hands `stopped` (code → name of the 停用 ones, in their order: read once by the
    officer import for all its rows). Refused beside `key`, naming the fields by name: “执法领域“…”已停用，不能<use>” — every door (page, API, Excel import) ends here."""
    codes = {_code_of(field) for field in fields if field} - {_code_of(field) for field in kept if field}
    if not codes:
        return
    if stopped is None:
        stopped = dict(
            EnforcementField.objects.filter(code__in=codes, active=False)
            .order_by("ordering", "code")
            .values_list("code", "name")
        )
    names = "、".join(name for code, name in stopped.items() if code in codes)
    if names:
        kit.refuse(key, f"执法领域“{names}”已停用，不能{use}")


def _code_of(field: EnforcementField | str) -> str:
    return field.code if isinstance(field, EnforcementField) else field
