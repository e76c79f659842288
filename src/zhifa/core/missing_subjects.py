"""Objects the record log names that are no longer there. A row changed behind the model's back breaks a
hash; a row deleted leaves the chain intact, so verify-records also checks that every record whose subject is
of a model marked `never_deleted = True` (cases, evidence) still points at an existing row."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import BigIntegerField, Count, Exists, Min, OuterRef
from django.db.models.functions import Cast

from zhifa.core.models import Agency, Record
from zhifa.core.record_labels import subject_label


@dataclass(frozen=True)
class MissingSubject:
    """A deleted object, with how many records point at it and the first of them."""

    subject_type: str
    subject_id: str
    agency_id: int
    first_seq: int
    records: int

    def __str__(self) -> str:
        return (
            f"{subject_label(self.subject_type)} id={self.subject_id} 已不存在，但执法记录中有 {self.records} 条"
            f"记录指向它（机关 id={self.agency_id}，第 {self.first_seq} 条起）"
        )


def never_deleted_models() -> list:
    return [model for model in apps.get_models() if getattr(model, "never_deleted", False)]


def missing_subjects(agency: Agency | None = None) -> list[MissingSubject]:
    """Every missing subject of the log (of `agency`'s chain only, when given), by kind and id."""
    found = []
    for model in never_deleted_models():
        label = model._meta.label_lower
        rows = Record.objects.filter(subject_type=label)
        if agency is not None:
            rows = rows.filter(agency=agency)
        gone = (
            rows.annotate(subject_pk=Cast("subject_id", BigIntegerField()))
            .filter(~Exists(model._default_manager.filter(pk=OuterRef("subject_pk"))))
            .order_by()
            .values("subject_id", "agency_id")
            .annotate(first_seq=Min("seq"), records=Count("id"))
        )
        found += [
            MissingSubject(
                subject_type=label,
                subject_id=row["subject_id"],
                agency_id=row["agency_id"],
                first_seq=row["first_seq"],
                records=row["records"],
            )
            for row in gone
        ]
    return sorted(found, key=lambda m: (m.subject_type, m.agency_id, m.first_seq))
