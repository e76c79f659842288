"""统计年报 figures of the section 行政检查, per agency and year (one grouped query)."""

from django.db.models import Count, Q

from zhifa.core.annual import Figure

from .choices import ENTERPRISE_KINDS, InspectionResult
from .models import Inspection

SECTION = "行政检查"


def annual_figures(agency, year: int) -> list[Figure]:
    found = Q(result__in=[InspectionResult.RECTIFY, InspectionResult.CASE_OPENED])
    counts = (
        Inspection.objects.filter(agency=agency, started_on__year=year)
        .exclude(result="")
        .aggregate(
            done=Count("id"),
            planned=Count("id", filter=Q(task__isnull=False)),
            problems=Count("id", filter=found),
            cases=Count("id", filter=Q(result=InspectionResult.CASE_OPENED)),
            unplanned_enterprise=Count("id", filter=Q(task__isnull=True, subject__kind__in=ENTERPRISE_KINDS)),
            via_qr=Count("id", filter=Q(via_qr=True)),
            repeated=Count("id", filter=~Q(guard_reason="")),
        )
    )
    labels = [
        ("done", "完成检查（次）"),
        ("planned", "其中：双随机抽查（次）"),
        ("problems", "发现问题（次）"),
        ("cases", "发现问题已立案（件）"),
        ("unplanned_enterprise", "涉企计划外检查（次，均经事前报备）"),
        ("via_qr", "扫码入企检查（次）"),
        ("repeated", "说明理由后的重复检查（次）"),
    ]
    return [Figure(SECTION, f"inspections.{key}", label, counts[key]) for key, label in labels]
