"""无证执法: a 主办 or 协办 officer of a case who, on the day of an act of the case (立案, 决定), held no
valid 行政执法证 covering the case's 执法领域 (行政处罚法 第四十二条; seed 000 §10); and an inspection
whose 检查人 (an officer's login) held no valid 行政执法证 on the inspection day. 辅助人员 are not counted
(they only assist). Valid *on the act's day*: within its term and in force that day
(registry.models.in_force_q — a 暂扣 or 吊销 that took effect after the act does not make it a hit).
One query for the cases (two EXISTS per handler), one for the inspections (one EXISTS each).

v2 (v1 read the certificate's current status, and no inspections). No parameters."""

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from zhifa.cases.choices import HandlerRole
from zhifa.cases.models import CaseHandler
from zhifa.inspections.models import Inspection
from zhifa.registry.choices import CertificateKind
from zhifa.registry.models import Certificate
from zhifa.registry.models.officers import in_force_q

from ..framework import Context, Found, Model
from . import _links


def _certified(on: str, officer: str = "officer_id", field: str | None = "case__field_id") -> Exists:
    valid = Certificate.objects.filter(
        in_force_q(OuterRef(on)),
        officer=OuterRef(officer),
        kind=CertificateKind.ENFORCEMENT,
        issued_on__lte=OuterRef(on),
        expires_on__gte=OuterRef(on),
    )
    return Exists(valid if field is None else valid.filter(fields=OuterRef(field)))


def find(ctx: Context):
    yield from find_cases(ctx)
    yield from find_inspections(ctx)


def find_cases(ctx: Context):
    rows = (
        ctx.scoped(CaseHandler.objects, "case__agency__region__path")
        .exclude(role=HandlerRole.ASSISTANT)
        .filter(case__registered_on__isnull=False)
        .annotate(
            at_register=_certified("case__registered_on"),
            at_decision=_certified("case__decision__decided_on"),
        )
        .filter(Q(at_register=False) | Q(case__decision__isnull=False, at_decision=False))
        .values_list(
            "case_id",
            "case__agency_id",
            "case__number",
            "officer_id",
            "officer__name",
            "case__field__name",
            "case__registered_on",
            "case__decision__decided_on",
            "at_register",
            "at_decision",
        )
    )
    for (
        case_id,
        agency_id,
        number,
        officer_id,
        name,
        field,
        registered,
        decided,
        ok_reg,
        ok_dec,
    ) in rows:
        days = [f"立案日{registered:%Y-%m-%d}"] if not ok_reg else []
        if decided is not None and not ok_dec:
            days.append(f"决定日{decided:%Y-%m-%d}")
        yield Found(
            key=f"case:{case_id}:officer:{officer_id}",
            agency_id=agency_id,
            case_id=case_id,
            subject=f"{name}承办的案件{number or case_id}",
            reason=f"承办人{name}在{'、'.join(days)}没有{field}领域的有效行政执法证",
            evidence=[_links.case(case_id, number), _links.officer(officer_id, name)],
            measure=Decimal(len(days)),
        )


def find_inspections(ctx: Context):
    rows = (
        ctx.scoped(Inspection.objects, "agency__region__path")
        .filter(started_by__officer__isnull=False)
        .annotate(ok=_certified("started_on", "started_by__officer", None))
        .filter(ok=False)
        .values_list(
            "pk",
            "agency_id",
            "subject__name",
            "started_on",
            "started_by__officer",
            "started_by__officer__name",
        )
    )
    for pk, agency_id, subject, on, officer_id, name in rows:
        yield Found(
            key=f"inspection:{pk}:officer:{officer_id}",
            agency_id=agency_id,
            subject=f"{name}对{subject}的检查",
            reason=f"检查人{name}在检查日{on:%Y-%m-%d}没有有效的行政执法证",
            evidence=[_links.inspection(pk, on), _links.officer(officer_id, name)],
            measure=Decimal(1),
        )


MODELS = [
    Model(
        code="certificates",
        name="无有效执法证件执法",
        version="2",
        summary=(
            "案件的主办、协办执法人员在立案日或决定日没有覆盖该执法领域的有效行政执法证，"
            "或检查人在检查日没有有效的行政执法证（证件在该日之后才暂扣、吊销的不计）。"
        ),
        find=find,
        category="other",
    )
]
