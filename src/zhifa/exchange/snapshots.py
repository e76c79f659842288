"""What an exchange record says about one object of ours (docs/exchange.md): its kind, its key on the
standard identifiers, and its data. Each loader takes many ids and reads them in a fixed number of queries,
so an export page costs what its rows cost."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from zhifa.cases.models import Case, Decision
from zhifa.catalog.choices import VersionStatus
from zhifa.catalog.models import CatalogVersion, EnforcementItem
from zhifa.core.models import Record
from zhifa.core.records import canonical_json
from zhifa.inspections.models import Inspection
from zhifa.registry.models import Certificate, EnforcementBody, Officer
from zhifa.supervision.models import SupervisionItem

from .choices import Kind


@dataclass(frozen=True)
class Snapshot:
    kind: str
    key: str
    data: dict[str, Any] | None  # None: the object is gone (cd_operation "d")

    @property
    def hash(self) -> str:
        return content_hash(self.data)


def content_hash(data: dict | None) -> str:
    """sha256 of the canonical JSON of a record's data (the `hash` of every record but the chain's)."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


# --- one loader per subject type of the record log: ids → snapshots --------------------------------------


def bodies(ids: Iterable[str]) -> list[Snapshot]:
    rows = EnforcementBody.objects.filter(pk__in=_ints(ids)).select_related(
        "agency__region", "entrusting_agency", "merged_into__agency"
    )
    return [
        Snapshot(
            Kind.BODY,
            b.agency.credit_code,
            {
                "credit_code": b.agency.credit_code,
                "name": b.name,
                "region_code": b.agency.region.code,
                "standing": b.standing,
                "status": b.status,
                "grant_kind": b.grant_kind,
                "entrusting_credit_code": b.entrusting_agency.credit_code if b.entrusting_agency else None,
                "confirmation_document": b.confirmation_document,
                "confirmed_on": _day(b.confirmed_on),
                "announced_on": _day(b.announced_on),
                "merged_into": b.merged_into.agency.credit_code if b.merged_into else None,
            },
        )
        for b in rows
    ]


def officer_key(officer: Officer, credit_code: str) -> str:
    """执法证号 of the earliest certificate (it stays the key when later ones are issued); staff without a
    certificate (执法辅助人员) are keyed on the agency's credit code and our number."""
    certificates = sorted(officer.certificates.all(), key=lambda c: (c.issued_on, c.pk))
    return certificates[0].number if certificates else f"{credit_code}:RY{officer.pk}"


def officers(ids: Iterable[str]) -> list[Snapshot]:
    rows = (
        Officer.objects.filter(pk__in=_ints(ids))
        .select_related("agency__region")
        .prefetch_related("certificates__fields", "fields")
        .order_by("pk")
    )
    out = []
    for o in rows:
        credit = o.agency.credit_code
        certificates = sorted(o.certificates.all(), key=lambda c: (c.issued_on, c.pk))
        out.append(
            Snapshot(
                Kind.OFFICER,
                officer_key(o, credit),
                {
                    "name": o.name,
                    "agency_credit_code": credit,
                    "region_code": o.agency.region.code,
                    "kind": o.kind,
                    "status": o.status,
                    "post": o.post,
                    "fields": sorted(f.code for f in o.fields.all()),
                    "certificates": [
                        {
                            "number": c.number,
                            "kind": c.kind,
                            "issuer": c.issuer,
                            "issued_on": _day(c.issued_on),
                            "expires_on": _day(c.expires_on),
                            "status": c.status,
                            "fields": sorted(f.code for f in c.fields.all()),
                        }
                        for c in certificates
                    ],
                },
            )
        )
    return out


def officers_of_certificates(ids: Iterable[str]) -> list[Snapshot]:
    officer_ids = Certificate.objects.filter(pk__in=_ints(ids)).values_list("officer_id", flat=True)
    return officers(str(i) for i in set(officer_ids))


def items(version_ids: Iterable[str]) -> list[Snapshot]:
    """The items of the published versions among `version_ids` (a draft is nobody's list yet)."""
    versions = CatalogVersion.objects.filter(pk__in=_ints(version_ids), status=VersionStatus.PUBLISHED)
    rows = (
        EnforcementItem.objects.filter(version__in=versions)
        .select_related("version__agency__region", "field")
        .prefetch_related("legal_bases")
        .order_by("version_id", "code")
    )
    out = [
        Snapshot(
            Kind.ITEM,
            f"{i.version.agency.credit_code}:{i.code}",
            {
                "code": i.code,
                "name": i.name,
                "category": i.category,
                "field": i.field_id,
                "level": i.level,
                "agency_credit_code": i.version.agency.credit_code,
                "region_code": i.version.agency.region.code,
                "effective_from": _day(i.version.effective_from),
                "legal_bases": [{"law": b.law_name, "article": b.article} for b in i.legal_bases.all()],
            },
        )
        for i in rows
    ]
    return out + _items_dropped(versions, {s.key for s in out})


def _items_dropped(versions, kept: set[str]) -> list[Snapshot]:
    """An item in the agency's previous published list and not in the new one is deleted ("d")."""
    dropped = []
    for version in versions.select_related("agency"):
        before = (
            CatalogVersion.objects.filter(
                agency_id=version.agency_id,
                status=VersionStatus.PUBLISHED,
                published_at__lt=version.published_at,
            )
            .order_by("-published_at")
            .first()
        )
        if before is None:
            continue
        credit = version.agency.credit_code
        for code in before.items.values_list("code", flat=True):
            if (key := f"{credit}:{code}") not in kept:
                dropped.append(Snapshot(Kind.ITEM, key, None))
    return dropped


def case_key(credit_code: str, pk: int) -> str:
    """A case has no national identifier before 立案 (its 案件编号 comes then): the sending agency's credit
    code and our number, stable for the case's life; the 案件编号 is carried in the data."""
    return f"{credit_code}:AJ{pk}"


def cases(ids: Iterable[str]) -> list[Snapshot]:
    pks = _ints(ids)
    rows = (
        Case.objects.filter(pk__in=pks)
        .select_related("agency__region")
        .prefetch_related("items")
        .order_by("pk")
    )
    steps = defaultdict(list)
    for sid, seq, action, at in (
        Record.objects.filter(subject_type="cases.case", subject_id__in=[str(p) for p in pks])
        .order_by("agency_id", "seq")
        .values_list("subject_id", "seq", "action", "at")
    ):
        steps[sid].append({"seq": seq, "action": action, "at": iso(at)})
    decisions = {d.case_id: d for d in Decision.objects.filter(case_id__in=pks)}
    out = []
    for c in rows:
        credit = c.agency.credit_code
        key = case_key(credit, c.pk)
        out.append(
            Snapshot(
                Kind.CASE,
                key,
                {
                    "number": c.number,
                    "agency_credit_code": credit,
                    "region_code": c.agency.region.code,
                    "procedure": c.procedure,
                    "source": c.source,
                    "status": c.status,
                    "summary": c.summary,
                    "discovered_on": _day(c.discovered_on),
                    "registered_on": _day(c.registered_on),
                    "party_kind": c.party_kind,
                    "party_name": c.party_name,
                    "party_credit_code": c.party_credit_code or None,
                    "item_codes": sorted(i.code for i in c.items.all()),
                    "steps": steps.get(str(c.pk), []),
                },
            )
        )
        if (d := decisions.get(c.pk)) is not None:
            out.append(decision(d, key, credit))
    return out


def decision(d: Decision, case: str, credit_code: str) -> Snapshot:
    return Snapshot(
        Kind.DECISION,
        f"{credit_code}:CF{d.pk}",
        {
            "case": case,
            "number": d.number,
            "kind": d.kind,
            "fine": _money(d.fine),
            "confiscation": _money(d.confiscation),
            "decided_on": _day(d.decided_on),
            "transfer_to": d.transfer_to,
        },
    )


def inspections(ids: Iterable[str]) -> list[Snapshot]:
    rows = (
        Inspection.objects.filter(pk__in=_ints(ids))
        .select_related("agency__region", "subject__region", "task__plan", "started_by__officer")
        .prefetch_related("task__inspectors__officer__certificates")
        .order_by("pk")
    )
    return [_inspection(i) for i in rows]


def _inspection(i: Inspection) -> Snapshot:
    credit = i.agency.credit_code
    task = i.task
    # a task's inspectors of this department (a 人工调整 row names the person who went); else the 检查人
    people: list[Officer | None] = (
        [t.officer for t in task.inspectors.all() if t.agency_id == i.agency_id]
        if task is not None
        else [getattr(i.started_by, "officer", None)]
    )
    inspectors = [
        {"name": p.name, "certificates": sorted(c.number for c in p.certificates.all())}
        for p in people
        if p is not None
    ]
    subject = i.subject
    return Snapshot(
        Kind.INSPECTION,
        f"{credit}:JC{i.pk}",
        {
            "agency_credit_code": credit,
            "agency_name": i.agency.name,
            "region_code": (subject.region or i.agency.region).code,
            "item_codes": list(i.item_codes),
            "item_names": list(i.item_names),
            "subject_kind": subject.kind,
            "subject_name": subject.name,
            "subject_credit_code": subject.credit_code or None,
            "subject_address": subject.address,
            "started_on": _day(i.started_on),
            "finished_on": _day(i.finished_on),
            "result": i.result,
            "summary": i.summary,
            "via_qr": i.via_qr,
            "plan": task.plan_id if task is not None else None,
            "inspectors": inspectors,
        },
    )


def supervision_items(ids: Iterable[str]) -> list[Snapshot]:
    rows = (
        SupervisionItem.objects.filter(pk__in=_ints(ids))
        .select_related("bureau", "agency")
        .prefetch_related("instruments")
        .order_by("pk")
    )
    return [
        Snapshot(
            Kind.SUPERVISION,
            f"{s.bureau.credit_code}:JD{s.pk}",
            {
                "bureau_credit_code": s.bureau.credit_code,
                "agency_credit_code": s.agency.credit_code,
                "kind": s.kind,
                "target_kind": s.target_kind,
                "category": s.category,
                "title": s.title,
                "status": s.status,
                "grade": s.grade,
                "due_on": _day(s.due_on),
                "closed_at": iso(s.closed_at) if s.closed_at else None,
                "instruments": [
                    {"grade": n.grade, "number": n.number, "issued_on": _day(n.issued_on)}
                    for n in sorted(s.instruments.all(), key=lambda n: n.pk)
                ],
            },
        )
        for s in rows
    ]


LOADERS = {
    "registry.enforcementbody": bodies,
    "registry.officer": officers,
    "registry.certificate": officers_of_certificates,
    "catalog.catalogversion": items,
    "cases.case": cases,
    "inspections.inspection": inspections,
    "supervision.supervisionitem": supervision_items,
}


def _ints(ids: Iterable[str]) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]
