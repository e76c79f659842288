"""Evidence links of a hit: (label, url, model label, pk), so a page shows a link only to a user who may
open it (detection.selectors.visible_evidence)."""

from functools import cache

from django.urls import reverse

_PLACEHOLDER = 987654321


@cache
def _pattern(name: str) -> str:
    return reverse(name, args=[_PLACEHOLDER])


def url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]), resolved once per URL name: a run may link hundreds of thousands of hits."""
    return _pattern(name).replace(str(_PLACEHOLDER), str(pk))


def case(case_id: int, number: str = "") -> list:
    return [f"案件{number or case_id}", url("cases:case_detail", case_id), "cases.case", case_id]


def inspection(inspection_id: int, on) -> list:
    """`on`: the inspection's date, or its ISO text as a model already selected it."""
    return [
        f"{on if isinstance(on, str) else f'{on:%Y-%m-%d}'}检查记录",
        url("inspections:inspection_detail", inspection_id),
        "inspections.inspection",
        inspection_id,
    ]


def subject(subject_id: int, name: str) -> list:
    return [
        f"检查对象{name}",
        url("inspections:subject_detail", subject_id),
        "inspections.subject",
        subject_id,
    ]


def officer(officer_id: int, name: str) -> list:
    return [
        f"执法人员{name}的执法档案",
        url("registry:officer_detail", officer_id),
        "registry.officer",
        officer_id,
    ]


def row(label: str, url: str, model: str, pk: int) -> list:
    return [label, url, model, pk]
