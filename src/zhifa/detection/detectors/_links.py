"""Evidence links of a hit: (label, url, model label, pk), so a page shows a link only to a user who may
open it (detection.selectors.visible_evidence)."""

from django.urls import reverse


def case(case_id: int, number: str = "") -> list:
    return [f"案件{number or case_id}", reverse("cases:case_detail", args=[case_id]), "cases.case", case_id]


def inspection(inspection_id: int, on) -> list:
    return [
        f"{on:%Y-%m-%d}检查记录",
        reverse("inspections:inspection_detail", args=[inspection_id]),
        "inspections.inspection",
        inspection_id,
    ]


def subject(subject_id: int, name: str) -> list:
    return [
        f"检查对象{name}",
        reverse("inspections:subject_detail", args=[subject_id]),
        "inspections.subject",
        subject_id,
    ]


def officer(officer_id: int, name: str) -> list:
    return [
        f"执法人员{name}的执法档案",
        reverse("registry:officer_detail", args=[officer_id]),
        "registry.officer",
        officer_id,
    ]


def row(label: str, url: str, model: str, pk: int) -> list:
    return [label, url, model, pk]
