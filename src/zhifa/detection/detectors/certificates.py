"""无证执法: a 主办 or 协办 officer of a case who, on the day of an act of the case (立案, 决定), held no
valid 行政执法证 covering the case's 执法领域 (行政处罚法 第四十二条; seed 000 §10). 辅助人员 are not
counted (they only assist). One query: two EXISTS over the certificates per handler.

v1. No parameters."""

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from zhifa.cases.choices import HandlerRole
from zhifa.cases.models import CaseHandler
from zhifa.registry.choices import CertificateKind, CertificateStatus
from zhifa.registry.models import Certificate

from ..framework import Context, Found, Model
from . import _links


def _certified(on: str) -> Exists:
    return Exists(
        Certificate.objects.filter(
            officer=OuterRef("officer_id"),
            kind=CertificateKind.ENFORCEMENT,
            status=CertificateStatus.VALID,
            issued_on__lte=OuterRef(on),
            expires_on__gte=OuterRef(on),
            fields=OuterRef("case__field_id"),
        )
    )


def find(ctx: Context):
    rows = (
        CaseHandler.objects.exclude(role=HandlerRole.ASSISTANT)
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


MODELS = [
    Model(
        code="certificates",
        name="无有效执法证件执法",
        version="1",
        summary="案件的主办、协办执法人员在立案日或决定日没有覆盖该执法领域的有效行政执法证。",
        find=find,
        category="other",
    )
]
