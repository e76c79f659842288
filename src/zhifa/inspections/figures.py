"""统计年报 figures of the section 行政检查, per agency and year (one grouped query over all the agencies)."""

from django.db.models import Count, Q

from zhifa.core.annual import Figure, by_agency

from .choices import ENTERPRISE_KINDS, InspectionResult
from .models import Inspection

SECTION = "行政检查"
LABELS = [
    ("done", "完成检查（次）"),
    ("planned", "其中：双随机抽查（次）"),
    ("problems", "发现问题（次）"),
    ("cases", "发现问题已立案（件）"),
    ("unplanned_enterprise", "涉企计划外检查（次，均经事前报备）"),
    ("via_qr", "扫码入企检查（次）"),
    ("repeated", "说明理由后的重复检查（次）"),
]


def annual_figures(agency_ids: list[int], year: int) -> dict[int, list[Figure]]:
    found = Q(result__in=[InspectionResult.RECTIFY, InspectionResult.CASE_OPENED])
    counts = by_agency(
        Inspection.objects.filter(started_on__year=year).exclude(result=""),
        "agency_id",
        agency_ids,
        done=Count("id"),
        planned=Count("id", filter=Q(task__isnull=False)),
        problems=Count("id", filter=found),
        cases=Count("id", filter=Q(result=InspectionResult.CASE_OPENED)),
        unplanned_enterprise=Count("id", filter=Q(task__isnull=True, subject__kind__in=ENTERPRISE_KINDS)),
        via_qr=Count("id", filter=Q(via_qr=True)),
        repeated=Count("id", filter=~Q(guard_reason="")),
    )
    return {
        pk: [Figure(SECTION, f"inspections.{key}", label, c[key]) for key, label in LABELS]
        for pk, c in counts.items()
    }
